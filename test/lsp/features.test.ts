/**
 * Every request the server answers, over stdio against the built server, on a real-shaped
 * configuration (test/lsp/fixtures/features: two VRRP instances in a sync group, scripts partly
 * from an include, a virtual_server_group).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CodeActionRequest,
  CompletionRequest,
  DefinitionRequest,
  DiagnosticSeverity,
  DiagnosticTag,
  DocumentFormattingRequest,
  DocumentLinkRequest,
  DocumentRangeFormattingRequest,
  DocumentSymbolRequest,
  FoldingRangeRequest,
  FoldingRangeKind,
  HoverRequest,
  PrepareRenameRequest,
  ReferencesRequest,
  RenameRequest,
  SemanticTokensRequest,
  SignatureHelpRequest,
  type CompletionItem,
  type DocumentSymbol,
  type Location,
  type MarkupContent,
  type Position,
} from 'vscode-languageserver/node.js';
import { format } from '@kalint/formatter';
import { ensureBuilt, root, TestClient, uriOf, workspaceWith } from './client.js';

const fixture = join(root, 'test/lsp/fixtures/features');
const text = readFileSync(join(fixture, 'keepalived.conf'), 'utf8');
const lines = text.split('\n');

/** The position of `needle` in the fixture (the `nth` occurrence), plus `delta` characters. */
function at(needle: string, delta = 0, nth = 0): Position {
  let seen = 0;
  for (let line = 0; line < lines.length; line++) {
    let from = 0;
    for (;;) {
      const character = lines[line]!.indexOf(needle, from);
      if (character < 0) break;
      if (seen++ === nth) return { line, character: character + delta };
      from = character + 1;
    }
  }
  throw new Error(`'${needle}' not in the fixture`);
}

let client: TestClient;
let dir: string;
let uri: string;
const ask = {
  completion: (position: Position) => client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position }) as Promise<CompletionItem[]>,
  hover: async (position: Position) => ((await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position }))?.contents as MarkupContent | undefined)?.value ?? '',
};

beforeAll(async () => {
  ensureBuilt();
  dir = workspaceWith({ 'keepalived.conf': 'test/lsp/fixtures/features/keepalived.conf', 'conf.d/scripts.conf': 'test/lsp/fixtures/features/conf.d/scripts.conf' });
  client = await TestClient.start({ workspace: dir });
  uri = await client.open(join(dir, 'keepalived.conf'));
  await client.diagnosticsOf(uri);
});
afterAll(() => client.stop());

describe('diagnostics', () => {
  it('publish every finding with its rule, link, source and tags', async () => {
    const diagnostics = await client.diagnosticsOf(uri);
    expect(diagnostics.map((d) => [d.code, d.range.start.line + 1])).toEqual([
      ['deprecated-keyword', 5],
      ['sync-group', 35],
      ['sync-group', 50],
      ['arp-prerequisites', 61],
    ]);
    const deprecated = diagnostics[0]!;
    expect(deprecated).toMatchObject({
      severity: DiagnosticSeverity.Warning,
      source: 'kalint',
      tags: [DiagnosticTag.Deprecated],
      codeDescription: { href: 'https://github.com/kalint/kalint/blob/main/packages/linter/docs/rules/deprecated-keyword.md' },
    });
  });
});

describe('hover', () => {
  it('describes a keyword: syntax, description, allowed values', async () => {
    const value = await ask.hover(at('priority', 2));
    expect(value).toContain('priority <1-255>');
    expect(value).toContain('Election priority');
    expect(value).toContain('integer 1–255');
  });
  it('names the replacement of a deprecated keyword', async () => {
    expect(await ask.hover(at('lvs_process_name', 1))).toContain('**Deprecated**: use `checker_process_name` instead.');
  });
  it('describes the argument under the cursor', async () => {
    expect(await ask.hover(at('state MASTER', 7))).toMatch(/^`STATE`: MASTER \| BACKUP/);
  });
});

describe('completion', () => {
  const labels = async (position: Position) => (await ask.completion(position)).map((i) => i.label);
  it('offers only the keywords of the enclosing block', async () => {
    const inInstance = await labels(at('state MASTER', 0));
    expect(inInstance).toEqual(expect.arrayContaining(['priority', 'virtual_router_id', 'track_script', 'nopreempt']));
    expect(inInstance).not.toContain('lb_algo');
    const inVirtualServer = await labels(at('lb_algo'));
    expect(inVirtualServer).toContain('lb_algo');
    expect(inVirtualServer).not.toContain('priority');
  });
  it('offers the allowed words of an argument', async () => {
    expect(await labels(at('state MASTER', 6))).toEqual(['MASTER', 'BACKUP']);
    expect(await labels(at('lb_kind NAT', 8))).toEqual(['NAT', 'DR', 'TUN']);
  });
  it('offers the defined vrrp_script names inside track_script, included ones too', async () => {
    expect((await labels(at('chk_nginx'))).sort()).toEqual(['chk_haproxy', 'chk_nginx']);
  });
  it('inserts block keywords as snippets', async () => {
    const items = await ask.completion({ line: at('include').line + 1, character: 0 });
    expect(items.find((i) => i.label === 'vrrp_instance')).toMatchObject({ insertText: 'vrrp_instance ${1:NAME} {\n\t$0\n}', insertTextFormat: 2 });
    expect(items.find((i) => i.label === 'lvs_process_name')).toBeUndefined();
  });
});

describe('signature help', () => {
  it('shows the syntax line with the argument being typed', async () => {
    const help = await client.connection.sendRequest(SignatureHelpRequest.type, { textDocument: { uri }, position: at('lb_kind NAT', 8) });
    expect(help?.signatures[0]?.label).toBe('lb_kind NAT|DR|TUN [type ipip|gue|gre] [port <PORT>] [nocsum|csum|remcsum]');
    expect(help?.activeParameter).toBe(0);
    const label = help!.signatures[0]!.label;
    const parameters = help!.signatures[0]!.parameters!.map((p) => (typeof p.label === 'string' ? p.label : label.slice(...p.label)));
    expect(parameters).toEqual(['NAT|DR|TUN', '[type ipip|gue|gre]', '[port <PORT>]', '[nocsum|csum|remcsum]']);
  });
});

describe('formatting', () => {
  it('formats the document as the formatter does, with the editor indentation', async () => {
    const messy = 'vrrp_script chk {\nscript "/bin/true"\n      interval 2 }\n';
    const path = join(dir, 'messy.conf');
    writeFileSync(path, messy);
    const messyUri = await client.open(path);
    const edits = await client.connection.sendRequest(DocumentFormattingRequest.type, { textDocument: { uri: messyUri }, options: { tabSize: 3, insertSpaces: true } });
    expect(edits).toEqual([{ range: { start: { line: 0, character: 0 }, end: { line: 3, character: 0 } }, newText: format(messy, { indent: 3 }).text }]);
    const tabs = await client.connection.sendRequest(DocumentFormattingRequest.type, { textDocument: { uri: messyUri }, options: { tabSize: 4, insertSpaces: false } });
    expect(tabs![0]!.newText).toBe(format(messy, { indent: 'tab' }).text);
    const range = await client.connection.sendRequest(DocumentRangeFormattingRequest.type, {
      textDocument: { uri: messyUri },
      range: { start: { line: 1, character: 0 }, end: { line: 1, character: 5 } },
      options: { tabSize: 2, insertSpaces: true },
    });
    // Only the statement the range touches, at its block's depth.
    expect(range).toEqual([{ range: { start: { line: 1, character: 0 }, end: { line: 2, character: 0 } }, newText: '  script "/bin/true"\n' }]);
    await client.close(messyUri);
  });
});

describe('outline and folding', () => {
  it('lists instances, scripts, sync groups, virtual servers, real servers and checkers', async () => {
    const symbols = (await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } })) as DocumentSymbol[];
    expect(symbols.map((s) => s.name)).toEqual(['global_defs', 'vrrp_script chk_haproxy', 'vrrp_sync_group VG1', 'vrrp_instance VI_1', 'vrrp_instance VI_2', 'virtual_server_group web', 'virtual_server group web']);
    const server = symbols[6]!;
    expect(server.children!.map((c) => c.name)).toEqual(['real_server 10.0.0.11 80']);
    expect(server.children![0]!.children!.map((c) => c.name)).toEqual(['TCP_CHECK']);
    expect(server.selectionRange).toEqual({ start: at('virtual_server group'), end: at('virtual_server group web', 24) });
  });
  it('folds blocks and comment runs', async () => {
    const ranges = await client.connection.sendRequest(FoldingRangeRequest.type, { textDocument: { uri } });
    expect(ranges).toContainEqual({ startLine: 0, endLine: 1, kind: FoldingRangeKind.Comment });
    // The block up to the line before its `}` (VI_2 starts two lines after that `}`).
    expect(ranges).toContainEqual({ startLine: at('vrrp_instance VI_1').line, endLine: at('vrrp_instance VI_2').line - 3 });
  });
});

describe('navigation', () => {
  const locations = async (position: Position) =>
    ((await client.connection.sendRequest(DefinitionRequest.type, { textDocument: { uri }, position })) as Location[]).map((l) => [l.uri, l.range.start.line, l.range.start.character]);
  it('goes from a track_script item to its vrrp_script, also in an include', async () => {
    expect(await locations(at('chk_haproxy', 2, 1))).toEqual([[uri, at('vrrp_script chk_haproxy').line, 12]]);
    expect(await locations(at('chk_nginx', 2))).toEqual([[uriOf(join(dir, 'conf.d/scripts.conf')), 0, 12]]);
  });
  it('goes from a sync group member to its vrrp_instance, and from group NAME to the virtual_server_group', async () => {
    expect(await locations(at('VI_2', 1))).toEqual([[uri, at('vrrp_instance VI_2').line, 14]]);
    expect(await locations(at('group web', 7))).toEqual([[uri, at('virtual_server_group web').line, 21]]);
  });
  it('goes from an include to the file it reads', async () => {
    expect(await locations(at('include', 10))).toEqual([[uriOf(join(dir, 'conf.d/scripts.conf')), 0, 0]]);
  });
  it('finds every reference', async () => {
    const found = await client.connection.sendRequest(ReferencesRequest.type, { textDocument: { uri }, position: at('chk_haproxy', 1), context: { includeDeclaration: true } });
    expect(found!.map((l) => l.range.start.line)).toEqual([at('chk_haproxy').line, at('chk_haproxy', 0, 1).line, at('chk_haproxy', 0, 2).line]);
  });
  it('renames a vrrp_script with its references, and a vrrp_instance with its sync group member', async () => {
    const prepared = await client.connection.sendRequest(PrepareRenameRequest.type, { textDocument: { uri }, position: at('chk_haproxy', 3, 2) });
    expect(prepared).toEqual({ range: { start: at('chk_haproxy', 0, 2), end: at('chk_haproxy', 11, 2) }, placeholder: 'chk_haproxy' });
    const edit = await client.connection.sendRequest(RenameRequest.type, { textDocument: { uri }, position: at('chk_haproxy', 3), newName: 'chk_proxy' });
    expect(edit!.changes![uri]!.map((e) => [e.range.start.line, e.newText])).toEqual([0, 1, 2].map((n) => [at('chk_haproxy', 0, n).line, 'chk_proxy']));
    const instance = await client.connection.sendRequest(RenameRequest.type, { textDocument: { uri }, position: at('VI_1', 1, 1), newName: 'VI_web' });
    expect(instance!.changes![uri]!.map((e) => e.range.start.line).sort((a, b) => a - b)).toEqual([at('VI_1').line, at('VI_1', 0, 1).line]);
  });
  it("reads a file with an undefined ${NAME} as keepalived does, and still navigates it", async () => {
    // The '}' of ${IP} closes VI_3 at its line: the lines after it stand at the top level.
    const other = join(dir, 'undefined-reference.conf');
    const text = 'vrrp_script chk {\n    script "/bin/true"\n}\nvrrp_instance VI_3 {\n    track_script {\n        chk\n    }\n    unicast_src_ip ${IP}\n    virtual_ipaddress {\n        10.0.0.100\n    }\n}\n';
    writeFileSync(other, text);
    const otherUri = await client.open(other, text);
    const diagnostics = await client.diagnosticsOf(otherUri);
    expect(diagnostics.find((d) => d.code === 'undefined-reference')?.message).toMatch(/the '\}' closes 'vrrp_instance VI_3' at this line: the rest of that block is read at the top level/);
    expect(diagnostics.find((d) => d.code === 'misplaced-keyword')?.range.start).toEqual({ line: 8, character: 4 });
    const found = (await client.connection.sendRequest(DefinitionRequest.type, { textDocument: { uri: otherUri }, position: { line: 5, character: 9 } })) as Location[];
    expect(found.map((l) => [l.uri, l.range.start.line, l.range.start.character])).toEqual([[otherUri, 0, 12]]);
    await client.close(otherUri);
  });
  it('links an include to its file', async () => {
    const links = await client.connection.sendRequest(DocumentLinkRequest.type, { textDocument: { uri } });
    expect(links).toEqual([{ range: { start: at('conf.d/scripts'), end: at('conf.d/scripts', 19) }, target: uriOf(join(dir, 'conf.d/scripts.conf')), tooltip: join(dir, 'conf.d/scripts.conf') }]);
  });
});

describe('code actions', () => {
  it('offers the fix and a disable comment for the line, indented like it', async () => {
    const diagnostics = await client.diagnosticsOf(uri);
    const deprecated = diagnostics.find((d) => d.code === 'deprecated-keyword')!;
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: deprecated.range, context: { diagnostics: [deprecated] } }))!;
    const edits = actions.map((a) => ('edit' in a ? [a.title, a.kind, a.edit?.changes?.[uri]] : []));
    expect(edits).toEqual([
      [expect.stringContaining('checker_process_name'), 'quickfix', [{ range: deprecated.range, newText: 'checker_process_name' }]],
      ['Disable deprecated-keyword for this line', 'quickfix', [{ range: { start: { line: 4, character: 0 }, end: { line: 4, character: 0 } }, newText: '    # kalint-disable-next-line deprecated-keyword\n' }]],
    ]);
  });
});

describe('semantic tokens', () => {
  it('marks keywords, block keywords, deprecated keywords, numbers, addresses, strings, comments and directives', async () => {
    const tokens = await client.connection.sendRequest(SemanticTokensRequest.type, { textDocument: { uri } });
    const types = ['keyword', 'struct', 'number', 'address', 'string', 'comment', 'macro', 'variable'];
    const decoded = new Map<string, string>();
    let line = 0;
    let character = 0;
    for (let i = 0; i < tokens!.data.length; i += 5) {
      const [dLine, dChar, length, type, modifiers] = tokens!.data.slice(i, i + 5) as [number, number, number, number, number];
      line += dLine;
      character = dLine === 0 ? character + dChar : dChar;
      decoded.set(lines[line]!.slice(character, character + length), types[type]! + (modifiers & 1 ? '+deprecated' : ''));
    }
    expect(decoded.get('global_defs')).toBe('struct');
    expect(decoded.get('router_id')).toBe('keyword');
    expect(decoded.get('lvs_process_name')).toBe('keyword+deprecated');
    expect(decoded.get('101')).toBe('number');
    expect(decoded.get('192.168.1.100/24')).toBe('address');
    expect(decoded.get('"/usr/bin/killall -0 haproxy"')).toBe('string');
    expect(decoded.get(lines[0]!)).toBe('comment');
    expect(decoded.get('include conf.d/scripts.conf')).toBe('macro');
  });
});
