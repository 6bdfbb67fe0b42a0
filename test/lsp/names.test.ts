/**
 * Names in the server come from the model's one name index, which knows that `vrrp_track_file` is
 * the older name of `track_file`: a `track_file { NAME }` item names a block defined either way, so
 * going to its definition, finding its references, renaming it and completing it all see a
 * `vrrp_track_file NAME { }` definition. (The server's own index took the keyword for the kind and
 * found nothing.)
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CompletionRequest, DefinitionRequest, PrepareRenameRequest, ReferencesRequest, RenameRequest, type CompletionItem, type Location } from 'vscode-languageserver/node.js';
import { ensureBuilt, TestClient } from './client.js';

const text = `vrrp_track_file maintenance {
    file /etc/keepalived/maintenance
}

vrrp_instance VI_1 {
    state MASTER
    interface eth0
    virtual_router_id 51
    priority 100
    virtual_ipaddress {
        10.0.0.100
    }
    track_file {
        maintenance
    }
}
`;
/** The definition's name word, and the item naming it. */
const definition = { line: 0, character: 16 };
const reference = { line: 13, character: 8 };

let client: TestClient;
let uri: string;

beforeAll(async () => {
  ensureBuilt();
  const dir = mkdtempSync(join(tmpdir(), 'kalint-lsp-names-'));
  const path = join(dir, 'keepalived.conf');
  writeFileSync(path, text);
  client = await TestClient.start({ workspace: dir });
  uri = await client.open(path, text);
  await client.diagnosticsOf(uri);
});
afterAll(() => client.stop());

describe('a track_file item naming a vrrp_track_file', () => {
  it('goes to the vrrp_track_file definition', async () => {
    const found = (await client.connection.sendRequest(DefinitionRequest.type, { textDocument: { uri }, position: { line: reference.line, character: reference.character + 3 } })) as Location[];
    expect(found.map((l) => [l.uri, l.range.start.line, l.range.start.character])).toEqual([[uri, definition.line, definition.character]]);
  });

  it('finds the item from the definition', async () => {
    const found = await client.connection.sendRequest(ReferencesRequest.type, { textDocument: { uri }, position: { line: definition.line, character: definition.character + 2 }, context: { includeDeclaration: true } });
    expect(found!.map((l) => [l.range.start.line, l.range.start.character])).toEqual([
      [definition.line, definition.character],
      [reference.line, reference.character],
    ]);
  });

  it('renames the definition and the item together, from either', async () => {
    const prepared = await client.connection.sendRequest(PrepareRenameRequest.type, { textDocument: { uri }, position: { line: reference.line, character: reference.character + 1 } });
    expect(prepared).toEqual({ range: { start: reference, end: { line: reference.line, character: reference.character + 'maintenance'.length } }, placeholder: 'maintenance' });
    for (const position of [reference, definition]) {
      const edit = await client.connection.sendRequest(RenameRequest.type, { textDocument: { uri }, position, newName: 'drain' });
      expect(edit!.changes![uri]!.map((e) => [e.range.start.line, e.range.start.character, e.range.end.character, e.newText]).sort()).toEqual([
        [definition.line, definition.character, definition.character + 'maintenance'.length, 'drain'],
        [reference.line, reference.character, reference.character + 'maintenance'.length, 'drain'],
      ]);
    }
  });

  it('offers the vrrp_track_file name inside track_file', async () => {
    const items = (await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: { line: reference.line, character: 8 } })) as CompletionItem[];
    expect(items.map((item) => item.label)).toContain('maintenance');
  });
});
