/**
 * Hover over stdio on keywords keepalived does not accept where they stand: removed, never read in
 * that block (the tutorial's `nb_get_retry` in TCP_CHECK), or valid only in other blocks.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HoverRequest, type MarkupContent } from 'vscode-languageserver/node.js';
import { ensureBuilt, TestClient, workspaceWith } from './client.js';

let client: TestClient;
let uri: string;

async function hoverAt(line: number, character: number): Promise<string> {
  const answer = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line, character } });
  return (answer?.contents as MarkupContent | undefined)?.value ?? '';
}

beforeAll(async () => {
  ensureBuilt();
  const dir = workspaceWith({ 'keepalived.conf': 'test/lsp/fixtures/removed/keepalived.conf' });
  client = await TestClient.start({ workspace: dir });
  uri = await client.open(join(dir, 'keepalived.conf'));
  await client.diagnosticsOf(uri);
});
afterAll(() => client.stop());

describe('hover on a keyword keepalived does not accept there', () => {
  it('nb_get_retry in TCP_CHECK: never read there, use retry', async () => {
    const value = await hoverAt(10, 14);
    expect(value).toContain('**`nb_get_retry` is not a keyword of `TCP_CHECK`**: keepalived never read it here');
    expect(value).toContain('Use `retry` instead.');
  });

  it('nb_get_retry in HTTP_GET, where it is deprecated: its description and replacement', async () => {
    const value = await hoverAt(21, 14);
    expect(value).toContain('Old name of retry');
    expect(value).toContain('**Deprecated**: use `retry` instead.');
  });

  it('a keyword removed from its block: when, and what replaced it', async () => {
    const value = await hoverAt(27, 6);
    expect(value).toMatch(/^\*\*`lvs_id` was removed\*\*: keepalived \S+ to \S+ read it in `global_defs`; newer releases report an unknown keyword\./);
    expect(value).toContain('Use `router_id` instead.');
  });

  it('a keyword of other blocks names where it belongs', async () => {
    const value = await hoverAt(22, 14);
    expect(value).toContain('**`virtual_router_id` is not a keyword of `HTTP_GET`**: keepalived reports it as unknown here.');
    expect(value).toContain('It is a keyword of `vrrp_instance`');
  });

  it('a known keyword still gets its own description', async () => {
    expect(await hoverAt(11, 14)).toContain('delay_before_retry');
  });
});
