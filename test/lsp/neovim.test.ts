/**
 * End to end with a real editor: headless Neovim (Debian's package) starts the server on the
 * article's HA pair through its built-in LSP client and reports the diagnostics it shows.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { ensureBuilt, root, serverBin, workspaceWith } from './client.js';

const nvim = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
const available = nvim.status === 0;
if (!available) console.warn('neovim not installed (apt-get install neovim): skipping the Neovim end-to-end test');

beforeAll(() => {
  if (available) ensureBuilt();
});

it.skipIf(!available)('Neovim shows weight drift on both nodes of the article pair', () => {
  const dir = workspaceWith({ 'ha1.conf': 'fixtures/article-pair/ha1.conf', 'ha2.conf': 'fixtures/article-pair/ha2.conf' });
  const out = join(dir, 'diagnostics.txt');
  const result = spawnSync('nvim', ['--headless', '-u', 'NONE', '-i', 'NONE', '-n', '-c', `luafile ${join(root, 'test/lsp/nvim/init.lua')}`], {
    cwd: dir,
    encoding: 'utf8',
    timeout: 180_000,
    env: {
      ...process.env,
      KALINT_FILES: [join(dir, 'ha1.conf'), join(dir, 'ha2.conf')].join(','),
      KALINT_SERVER: serverBin,
      KALINT_NODE: process.execPath,
      KALINT_ROOT: dir,
      KALINT_OUT: out,
    },
  });
  expect(result.status, result.stderr).toBe(0);
  const lines = readFileSync(out, 'utf8').trim().split('\n');
  const drift = lines.filter((l) => l.split(':')[3] === 'weight-drift').map((l) => l.split(':').slice(0, 4).join(':'));
  expect(drift.sort()).toEqual(['ha1.conf:37:16:weight-drift', 'ha1.conf:45:16:weight-drift', 'ha2.conf:37:16:weight-drift', 'ha2.conf:45:16:weight-drift']);
  expect(lines.find((l) => l.startsWith('ha2.conf:37:16:weight-drift'))).toContain('weighs 1 here but 2 in ha1.conf');
});
