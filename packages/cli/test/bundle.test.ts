/**
 * The self-contained bundle dist/kalint.mjs (built by the root `prepare`/`build`: tsc -b, then
 * scripts/bundle.mjs) and the root package that ships it: what pre-commit and `npm install -g`
 * of this repository install.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BROKEN, repo, scratch } from './helpers.js';

const bundle = join(repo, 'dist/kalint.mjs');
const launcher = join(repo, 'bin/kalint.js');
const pair = ['fixtures/article-pair/ha1.conf', 'fixtures/article-pair/ha2.conf'].map((f) => join(repo, f));

function exec(command: string, args: string[], options: { cwd?: string; input?: string } = {}) {
  const result = spawnSync(command, args, { cwd: options.cwd ?? repo, input: options.input ?? '', encoding: 'utf8', env: { ...process.env, NO_COLOR: '' } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('dist/kalint.mjs, the bundled command line', () => {
  it('is built (npm run build, or npm ci / npm install through prepare)', () => {
    expect(existsSync(bundle), 'dist/kalint.mjs is missing: run npm run build').toBe(true);
  });

  it('imports nothing but Node.js itself', () => {
    const text = readFileSync(bundle, 'utf8');
    const specifiers = [...text.matchAll(/^\s*import\s[^'"]*?from\s*["']([^"']+)["']|\bimport\(\s*["']([^"']+)["']\s*\)/gm)].map((m) => m[1] ?? m[2]!);
    expect(specifiers.length).toBeGreaterThan(0);
    expect(specifiers.filter((s) => !s.startsWith('node:') && !builtinModules.includes(s))).toEqual([]);
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
});

describe('the root package (npm pack), installed globally', () => {
  it('packs bin/kalint.js, dist/kalint.mjs, README.md, LICENSE and package.json only', () => {
    const pack = exec('npm', ['pack', '--dry-run', '--json', '--ignore-scripts']);
    expect(pack.code, pack.stderr).toBe(0);
    const [{ files }] = JSON.parse(pack.stdout) as [{ files: Array<{ path: string }> }];
    expect(files.map((f) => f.path).sort()).toEqual(['LICENSE', 'README.md', 'bin/kalint.js', 'dist/kalint.mjs', 'package.json']);
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
  });
});
