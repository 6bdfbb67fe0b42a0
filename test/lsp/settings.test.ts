/** Editor settings (`kalint.*`) and `.kalintrc.json`: the configuration file wins, key by key. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DiagnosticSeverity, DocumentFormattingRequest } from 'vscode-languageserver/node.js';
import { ensureBuilt, TestClient, workspaceWith } from './client.js';

const features = { 'keepalived.conf': 'test/lsp/fixtures/features/keepalived.conf', 'conf.d/scripts.conf': 'test/lsp/fixtures/features/conf.d/scripts.conf' };
let client: TestClient | undefined;
beforeAll(() => ensureBuilt());
afterEach(async () => {
  await client?.stop();
  client = undefined;
});

describe('settings', () => {
  it('kalint.rules sets rule severities', async () => {
    const dir = workspaceWith(features);
    client = await TestClient.start({ workspace: dir, settings: { rules: { 'deprecated-keyword': 'error', 'sync-group': 'off' } } });
    const uri = await client.open(join(dir, 'keepalived.conf'));
    const diagnostics = await client.diagnosticsOf(uri);
    expect(diagnostics.map((d) => [d.code, d.severity])).toEqual([
      ['deprecated-keyword', DiagnosticSeverity.Error],
      ['arp-prerequisites', DiagnosticSeverity.Warning],
    ]);
  });

  it('.kalintrc.json wins over the editor settings, and its format.indent over the editor indentation', async () => {
    const dir = workspaceWith(features);
    writeFileSync(join(dir, '.kalintrc.json'), JSON.stringify({ rules: { 'deprecated-keyword': 'off' }, format: { indent: 'tab' } }));
    client = await TestClient.start({ workspace: dir, settings: { rules: { 'deprecated-keyword': 'error', 'sync-group': 'off' } } });
    const uri = await client.open(join(dir, 'keepalived.conf'));
    // deprecated-keyword: off by the file; sync-group: still off by the editor.
    expect((await client.diagnosticsOf(uri)).map((d) => d.code)).toEqual(['arp-prerequisites']);
    const messy = join(dir, 'messy.conf');
    writeFileSync(messy, 'vrrp_script chk {\n  script "/bin/true"\n}\n');
    const messyUri = await client.open(messy);
    const edits = await client.connection.sendRequest(DocumentFormattingRequest.type, { textDocument: { uri: messyUri }, options: { tabSize: 2, insertSpaces: true } });
    expect(edits![0]!.newText).toBe('vrrp_script chk {\n\tscript "/bin/true"\n}\n');
  });

  it('.kalintrc.json includeRoots reads a deployed include from the repository, as the command line does', async () => {
    const dir = workspaceWith({});
    const deployed = '/etc/kalint-test-deployed/keepalived';
    mkdirSync(join(dir, 'roles/lb/files/conf.d'), { recursive: true });
    const path = join(dir, 'roles/lb/files/keepalived.conf');
    writeFileSync(path, `include ${deployed}/conf.d/*.conf\nvrrp_instance VI_1 {\n    track_script {\n        chk_ngnix\n    }\n}\n`);
    writeFileSync(join(dir, 'roles/lb/files/conf.d/scripts.conf'), 'vrrp_script chk_nginx {\n    script "/usr/bin/pgrep nginx"\n}\n');
    const rules = { 'vrrp-instance-incomplete': 'off', 'unused-definition': 'off' };
    writeFileSync(join(dir, '.kalintrc.json'), JSON.stringify({ rules, includeRoots: { [deployed]: 'roles/lb/files' } }));
    client = await TestClient.start({ workspace: dir });
    const uri = await client.open(path);
    expect((await client.diagnosticsOf(uri)).map((d) => [d.code, d.range.start.line, d.message.split(';')[0]])).toEqual([
      ['undefined-reference', 3, "track script 'chk_ngnix' names no vrrp_script in this file"],
    ]);
  });

  it('kalint.configId selects @id lines', async () => {
    const dir = workspaceWith({});
    const path = join(dir, 'keepalived.conf');
    writeFileSync(path, 'global_defs {\n@ha1 router_id ha1\n@ha2 router_ide ha2\n}\n');
    client = await TestClient.start({ workspace: dir, settings: { configId: 'ha2' } });
    const uri = await client.open(path);
    expect((await client.diagnosticsOf(uri)).map((d) => [d.code, d.range.start.line])).toEqual([['unknown-keyword', 2]]);
  });
});
