/**
 * The server lints a project as the command line does (the linter's one entry point): an open
 * document another config includes is read inside its includer, and the workspace's other
 * configs are context, whose findings about an open document show on it as `kalint --project`
 * shows them.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DiagnosticSeverity } from 'vscode-languageserver/node.js';
import { ensureBuilt, root, TestClient, uriOf, workspaceWith } from './client.js';

let client: TestClient | undefined;

beforeAll(() => ensureBuilt());
afterEach(async () => {
  await client?.stop();
  client = undefined;
});

describe('the project of an open document', () => {
  it('reads an open document that a workspace config includes inside that config, not alone', async () => {
    // keepalived.conf includes conf.d/scripts.conf and tracks the vrrp_script defined there.
    const dir = workspaceWith({ 'keepalived.conf': 'test/lsp/fixtures/features/keepalived.conf', 'conf.d/scripts.conf': 'test/lsp/fixtures/features/conf.d/scripts.conf' });
    client = await TestClient.start({ workspace: dir });
    const scripts = await client.open(join(dir, 'conf.d/scripts.conf'));
    const diagnostics = await client.diagnosticsOf(scripts);
    // Alone, nothing in the file would track chk_nginx.
    expect(diagnostics.filter((d) => d.code === 'unused-definition')).toEqual([]);
  });

  it('shows on an open node a drift only its workspace peer reports (a real server the open node lacks)', async () => {
    const dir = workspaceWith({ 'ha2.conf': 'fixtures/article-pair/ha2.conf' });
    const ha1Text = readFileSync(join(root, 'fixtures/article-pair/ha1.conf'), 'utf8').replace(/ {4}real_server 10\.1\.8\.13 80 \{[\s\S]*?\n {4}\}\n/, '');
    const ha1Path = join(dir, 'ha1.conf');
    writeFileSync(ha1Path, ha1Text);
    client = await TestClient.start({ workspace: dir });
    const ha1 = await client.open(ha1Path, ha1Text);
    const drift = (await client.diagnosticsOf(ha1)).filter((d) => d.code === 'real-server-drift');
    expect(drift).toHaveLength(1);
    expect(drift[0]).toMatchObject({
      severity: DiagnosticSeverity.Error,
      range: { start: { line: 21 } },
      relatedInformation: [{ location: { uri: uriOf(join(dir, 'ha2.conf')), range: { start: { line: 43 } } }, message: 'the other side, in ha2.conf' }],
    });
    expect(drift[0]!.message).toMatch(/^As seen from ha2\.conf \(line 44\): real_server 10\.1\.8\.13 80 is in virtual_server 10\.1\.8\.100 80 here but not in the same virtual_server of ha1\.conf/);
  });
});
