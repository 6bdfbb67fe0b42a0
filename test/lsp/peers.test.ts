/** Diagnostics over stdio, with the article's HA pair: peer checks across open documents and the workspace. */
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DiagnosticSeverity, HoverRequest, type MarkupContent } from 'vscode-languageserver/node.js';
import { ensureBuilt, TestClient, workspaceWith } from './client.js';

const pair = { 'ha1.conf': 'fixtures/article-pair/ha1.conf', 'ha2.conf': 'fixtures/article-pair/ha2.conf' };
let client: TestClient | undefined;

beforeAll(() => ensureBuilt());
afterEach(async () => {
  await client?.stop();
  client = undefined;
});

const drift = (diagnostics: Array<{ code?: unknown }> | undefined) => (diagnostics ?? []).filter((d) => d.code === 'weight-drift');

describe('peer diagnostics', () => {
  it('reports weight drift on both open nodes and clears it on both when ha2 is fixed', async () => {
    const dir = workspaceWith(pair);
    client = await TestClient.start({ workspace: dir });
    const ha1 = await client.open(join(dir, 'ha1.conf'));
    const ha2 = await client.open(join(dir, 'ha2.conf'));
    await client.waitFor(ha1, (p) => drift(p.diagnostics).length === 2);
    const on2 = await client.waitFor(ha2, (p) => drift(p.diagnostics).length === 2);

    const [first] = drift(on2.diagnostics) as Awaited<ReturnType<TestClient['diagnosticsOf']>>;
    expect(first).toMatchObject({
      range: { start: { line: 36, character: 15 } },
      severity: DiagnosticSeverity.Error,
      source: 'kalint',
      codeDescription: { href: 'https://github.com/kalint/kalint/blob/main/packages/linter/docs/rules/weight-drift.md' },
    });
    expect(first!.message).toContain('weighs 1 here but 2 in ha1.conf');
    expect(first!.relatedInformation).toEqual([
      { location: { uri: ha1, range: { start: { line: 36, character: 15 }, end: { line: 36, character: 16 } } }, message: 'real_server 10.1.8.12 80 weighs 2 in ha1.conf' },
    ]);

    // ha2: weight 1 -> 2 on lines 37 and 45 (0-based 36 and 44).
    await client.change(ha2, [
      { range: { start: { line: 44, character: 15 }, end: { line: 44, character: 16 } }, text: '2' },
      { range: { start: { line: 36, character: 15 }, end: { line: 36, character: 16 } }, text: '2' },
    ]);
    await client.waitFor(ha2, (p) => p.version === 2 && drift(p.diagnostics).length === 0);
    await client.waitFor(ha1, (p) => drift(p.diagnostics).length === 0);
    // The other findings stay.
    expect(client.latest(ha1)!.map((d) => d.code)).toEqual(['auth-pass-truncated', 'arp-prerequisites']);
  });

  it('compares an open document with the workspace configs on disk', async () => {
    const dir = workspaceWith(pair);
    client = await TestClient.start({ workspace: dir });
    const ha1 = await client.open(join(dir, 'ha1.conf'));
    const diagnostics = await client.diagnosticsOf(ha1);
    expect(drift(diagnostics)).toHaveLength(2);
    expect(drift(diagnostics)[0]).toMatchObject({ relatedInformation: [{ location: { uri: expect.stringMatching(/ha2\.conf$/) } }] });
  });

  it.each([
    ['openDocuments', 0],
    ['off', 0],
    ['workspace', 2],
  ])('kalint.peers.scope %s', async (scope, expected) => {
    const dir = workspaceWith(pair);
    client = await TestClient.start({ workspace: dir, settings: { peers: { scope } } });
    const ha1 = await client.open(join(dir, 'ha1.conf'));
    await new Promise((r) => setTimeout(r, 200));
    expect(drift(await client.diagnosticsOf(ha1))).toHaveLength(expected);
  });
});

describe('peer hover', () => {
  it("shows the peers' values of a line", async () => {
    const dir = workspaceWith(pair);
    client = await TestClient.start({ workspace: dir });
    const ha1 = await client.open(join(dir, 'ha1.conf'));
    await client.waitFor(ha1, (p) => drift(p.diagnostics).length === 2);
    const hover = async (line: number, character: number) =>
      ((await client!.connection.sendRequest(HoverRequest.type, { textDocument: { uri: ha1 }, position: { line, character } }))?.contents as MarkupContent).value;
    expect(await hover(36, 9)).toContain('- ha2.conf: weight 1');
    expect(await hover(10, 6)).toContain('- ha2.conf: priority 100');
    expect(await hover(7, 6)).toContain('- ha2.conf: state BACKUP');
    expect(await hover(24, 6)).toContain('- ha2.conf: lb_kind DR');
  });
});

describe('without the lint worker', () => {
  it('lints on the main thread (KALINT_LSP_INLINE=1, or a bundle without lint-worker.js) with the same findings', async () => {
    const dir = workspaceWith(pair);
    client = await TestClient.start({ workspace: dir, env: { KALINT_LSP_INLINE: '1' } });
    const ha1 = await client.open(join(dir, 'ha1.conf'));
    const ha2 = await client.open(join(dir, 'ha2.conf'));
    await client.waitFor(ha1, (p) => drift(p.diagnostics).length === 2);
    await client.change(ha2, [{ range: { start: { line: 36, character: 15 }, end: { line: 36, character: 16 } }, text: '2' }]);
    await client.waitFor(ha1, (p) => drift(p.diagnostics).length === 1);
  });
});
