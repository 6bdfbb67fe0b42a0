/**
 * The self-contained bundle dist/kalint.cjs with its V8 code cache (built by the root
 * `prepare`/`build`: tsc -b, then scripts/bundle.mjs) and the root package that ships it: what pre-commit and `npm install -g`
 * of this repository install.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BROKEN, repo, scratch } from './helpers.js';
import { inventory } from './inventory.js';

const bundle = join(repo, 'dist/kalint.cjs');
const launcher = join(repo, 'bin/kalint.cjs');
const pair = ['fixtures/article-pair/ha1.conf', 'fixtures/article-pair/ha2.conf'].map((f) => join(repo, f));

function exec(command: string, args: string[], options: { cwd?: string; input?: string; env?: Record<string, string> } = {}) {
  const result = spawnSync(command, args, { cwd: options.cwd ?? repo, input: options.input ?? '', encoding: 'utf8', env: { ...process.env, NO_COLOR: '', ...options.env } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('dist/kalint.cjs, the bundled command line', () => {
  it('is built (npm run build, or npm ci / npm install through prepare)', () => {
    expect(existsSync(bundle), 'dist/kalint.cjs is missing: run npm run build').toBe(true);
  });

  it('imports nothing but Node.js itself (nor does its worker bundle)', () => {
    for (const file of [bundle, join(repo, 'dist/lint-worker.mjs')]) {
      const text = readFileSync(file, 'utf8');
      const specifiers = [...text.matchAll(/^\s*import\s[^'"]*?from\s*["']([^"']+)["']|\bimport\(\s*["']([^"']+)["']\s*\)|\brequire\(\s*["']([^"']+)["']\s*\)/gm)].map(
        (m) => m[1] ?? m[2] ?? m[3]!,
      );
      expect(specifiers.length, file).toBeGreaterThan(0);
      expect(specifiers.filter((s) => !s.startsWith('node:') && !builtinModules.includes(s)), file).toEqual([]);
    }
  });

  it('starts from the V8 code cache the build made, which V8 takes under the flags the command runs with', () => {
    expect(exec(launcher, ['--version'], { env: { KALINT_DEBUG_CODE_CACHE: '1' } }).stderr).toBe('kalint: code cache used\n');
    // Under other V8 flags the cache does not fit: V8 says so and the bundle compiles from source.
    const other = exec(process.execPath, ['--max-semi-space-size=32', launcher, '--version'], { env: { KALINT_DEBUG_CODE_CACHE: '1' } });
    expect([other.code, other.stderr]).toEqual([0, 'kalint: code cache rejected\n']);
  });

  it('is what `npx kalint` and node_modules/.bin/kalint run in the repository, not the unbundled modules', () => {
    // npm links the workspace package's command there; it hands over to the bundle when it is built.
    const linked = join(repo, 'node_modules/.bin/kalint');
    expect(exec(linked, ['--version'], { env: { KALINT_DEBUG_CODE_CACHE: '1' } }).stderr).toBe('kalint: code cache used\n');
    const lint = exec(linked, ['--format', 'gcc', ...pair]);
    expect([lint.code, lint.stdout]).toEqual([1, exec(launcher, ['--format', 'gcc', ...pair]).stdout]);
  });

  it('writes a long report through a pipe whole, and stops quietly when the reader goes away', () => {
    const dir = inventory(200);
    const whole = exec(launcher, ['.', '--format', 'json', '--jobs', '1'], { cwd: dir });
    // More than a pipe holds (64 KiB on Linux), so the writer meets a closed pipe below.
    expect([JSON.parse(whole.stdout).length, whole.stdout.length > 1 << 17]).toEqual([403, true]);
    // `kalint . | head -c 100`: the reader closes the pipe after 100 bytes; no stack trace, no error.
    const cut = spawnSync('sh', ['-c', `"${launcher}" . --format json --jobs 1 | head -c 100`], { cwd: dir, encoding: 'utf8' });
    expect([cut.status, cut.stdout, cut.stderr]).toEqual([0, whole.stdout.slice(0, 100), '']);
  });

  it('reports its version and lints the article pair with the real rules (exit 1, weight-drift)', () => {
    const { version } = JSON.parse(readFileSync(join(repo, 'packages/cli/package.json'), 'utf8'));
    expect(exec(launcher, ['--version'])).toEqual({ code: 0, stdout: `kalint ${version}\n`, stderr: '' });
    const lint = exec(launcher, ['--format', 'gcc', ...pair]);
    expect(lint.code).toBe(1);
    expect(lint.stdout).toMatch(/ha1\.conf:37:16: error: .* \[weight-drift\]/);
  });

  it('loads what the sources import on demand: output formats, fmt, diff, editorconfig (WebAssembly)', () => {
    const sarif = exec(launcher, ['--stdin', '--format', 'sarif'], { input: BROKEN });
    expect([sarif.code, JSON.parse(sarif.stdout).runs[0].tool.driver.name]).toEqual([1, 'kalint']);
    const dir = scratch({ '.editorconfig': '[*]\nindent_style = tab\n', 'k.conf': 'global_defs {\nrouter_id  ha1\n}\n' });
    expect(exec(launcher, ['fmt', '-'], { cwd: dir, input: 'global_defs {\nrouter_id  ha1\n}\n' })).toEqual({ code: 0, stdout: 'global_defs {\n\trouter_id ha1\n}\n', stderr: '' });
    const diff = exec(launcher, ['fmt', '--diff', 'k.conf'], { cwd: dir });
    expect([diff.code, diff.stdout]).toEqual([1, '--- a/k.conf\n+++ b/k.conf\n@@ -1,3 +1,3 @@\n global_defs {\n-router_id  ha1\n+\trouter_id ha1\n }\n']);
    const parsed = exec(launcher, ['parse', 'k.conf'], { cwd: dir });
    expect(JSON.parse(parsed.stdout).ast.type).toBe('ConfigFile');
  });

  it('lints on worker threads from dist/lint-worker.mjs, printing what one thread prints', () => {
    const dir = inventory();
    for (const format of ['json', 'stylish']) {
      const one = exec(launcher, ['.', '--format', format, '--jobs', '1'], { cwd: dir, env: { NODE_DEBUG: 'worker' } });
      const two = exec(launcher, ['.', '--format', format, '--jobs', '2'], { cwd: dir, env: { NODE_DEBUG: 'worker' } });
      expect([one.code, one.stdout.length > 0]).toEqual([1, true]);
      expect([two.code, two.stdout]).toEqual([one.code, one.stdout]);
      // Node's debug log of worker threads: two started from the worker bundle, none with --jobs 1.
      expect(two.stderr.match(/starts worker script .*dist\/lint-worker\.mjs/g)).toHaveLength(2);
      expect(one.stderr).not.toContain('create new worker');
    }
  });
});

describe('the root package (npm pack), installed globally', () => {
  it('packs bin/kalint.cjs, dist/kalint.cjs with its code cache, dist/lint-worker.mjs, README.md, LICENSE and package.json only', () => {
    const pack = exec('npm', ['pack', '--dry-run', '--json', '--ignore-scripts']);
    expect(pack.code, pack.stderr).toBe(0);
    const [{ files }] = JSON.parse(pack.stdout) as [{ files: Array<{ path: string }> }];
    expect(files.map((f) => f.path).sort()).toEqual([
      'LICENSE',
      'README.md',
      'bin/kalint.cjs',
      'dist/kalint.cjs',
      'dist/kalint.cjs.cache',
      'dist/lint-worker.mjs',
      'package.json',
    ]);
  });

  it('works installed from its tarball alone, without the workspace packages', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kalint-pack-'));
    const pack = exec('npm', ['pack', '--ignore-scripts', '--pack-destination', dir]);
    expect(pack.code, pack.stderr).toBe(0);
    const tarball = join(dir, pack.stdout.trim().split('\n').pop()!);
    const prefix = join(dir, 'prefix');
    const install = exec('npm', ['install', '-g', '--prefix', prefix, '--no-audit', '--no-fund', '--offline', tarball], { cwd: dir });
    expect(install.code, install.stderr).toBe(0);
    // Nothing but kalint itself: every dependency is inside the bundle.
    expect(readdirSync(join(prefix, 'lib/node_modules'))).toEqual(['kalint-monorepo']);
    const lint = exec(join(prefix, 'bin/kalint'), pair, { cwd: dir });
    expect(lint.code).toBe(1);
    expect(lint.stdout).toContain('weight-drift');
    // The worker bundle is installed beside it.
    const threads = exec(join(prefix, 'bin/kalint'), ['--jobs', '2', ...pair], { cwd: dir, env: { NODE_DEBUG: 'worker' } });
    expect([threads.code, threads.stdout]).toEqual([1, lint.stdout]);
    expect(threads.stderr).toMatch(/starts worker script .*lint-worker\.mjs/);
    // Started from the code cache made at build time; a damaged cache is rejected by V8 and the
    // command compiles from source: same output.
    const debug = { KALINT_DEBUG_CODE_CACHE: '1' };
    expect(exec(join(prefix, 'bin/kalint'), pair, { cwd: dir, env: debug })).toEqual({ code: 1, stdout: lint.stdout, stderr: 'kalint: code cache used\n' });
    const cache = join(prefix, 'lib/node_modules/kalint-monorepo/dist/kalint.cjs.cache');
    writeFileSync(cache, readFileSync(cache).subarray(0, 4096));
    expect(exec(join(prefix, 'bin/kalint'), pair, { cwd: dir, env: debug })).toEqual({ code: 1, stdout: lint.stdout, stderr: 'kalint: code cache rejected\n' });
    rmSync(cache);
    expect(exec(join(prefix, 'bin/kalint'), pair, { cwd: dir, env: debug })).toEqual({ code: 1, stdout: lint.stdout, stderr: 'kalint: code cache missing\n' });
  });
});
