#!/usr/bin/env node
// Start-up as users meet it: `node bench/startup.mjs [--quick] [--pairs N]`.
//
// The article pair (fixtures/article-pair/ha1.conf ha2.conf) linted by kalint, started each way a
// user starts it, every run paired with a bare `node -e 0` (A B A B ..., after warm-up rounds), from
// the repository's root:
//   ./bin/kalint.cjs            the root package's command, run directly so its shebang's V8 flags apply;
//   node_modules/.bin/kalint    the workspace link `npm ci` makes;
//   npx kalint                  the README's command in the repository (npx resolves node_modules/.bin);
//   global install              `npm pack` of the repository, `npm install -g --prefix TEMP` of the
//                               tarball, then TEMP/bin/kalint; skipped, with the reason, when npm cannot
//                               install it (offline, say);
//   pre-commit                  not run: pre-commit installs the hook the same way (npm pack, then
//                               npm install -g of the tarball into its own environment) and runs that
//                               bin/kalint, so the global install's figure is pre-commit's.
// Target (issue 15): at most 1.3x a bare Node start, however kalint is started.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fmtRatio, fmtSide, isMain, ratio, rounds, sideFigures, summaryTable, timeNote, verdict, worst, fmtX } from './process.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const TARGET = 1.3;
const pairFiles = ['fixtures/article-pair/ha1.conf', 'fixtures/article-pair/ha2.conf'];

/** Pack the repository and install the tarball globally into a temp prefix: { bin, dir } or { reason }. */
function globalInstall() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kalint-bench-global-'));
  // --ignore-scripts: pack the build that is here (the `prepare` script would only build it again).
  const pack = spawnSync('npm', ['pack', '--ignore-scripts', '--pack-destination', dir], { cwd: root, encoding: 'utf8', timeout: 300_000 });
  const tarball = pack.stdout?.trim().split('\n').pop();
  if (pack.status !== 0 || !tarball) return { dir, reason: `npm pack failed: ${(pack.stderr || pack.error?.message || '').trim().split('\n').pop()}` };
  const prefix = path.join(dir, 'global');
  const install = spawnSync('npm', ['install', '-g', '--prefix', prefix, '--no-audit', '--no-fund', path.join(dir, tarball)], { cwd: dir, encoding: 'utf8', timeout: 300_000 });
  const bin = path.join(prefix, 'bin', 'kalint');
  if (install.status !== 0 || !existsSync(bin)) {
    return { dir, reason: `npm install -g of the packed tarball failed (offline?): ${(install.stderr || install.error?.message || '').trim().split('\n').pop()}` };
  }
  return { dir, bin };
}

/** Whether a start took V8's code cache for the bundle (the command says so on standard error when asked). */
function codeCache(bin) {
  const run = spawnSync(bin, ['--version'], { cwd: root, encoding: 'utf8', env: { ...process.env, KALINT_DEBUG_CODE_CACHE: '1' } });
  return /code cache (\w+)/.exec(run.stderr ?? '')?.[1] ?? 'not reported';
}

/**
 * @param {{ quick?: boolean, pairs?: number, log?: (line: string) => void }} [opts]
 * @returns {Promise<{ figure: string, measured: string, target: string, verdict: string }[]>}
 */
export async function benchStartup({ quick = false, pairs, log = console.log } = {}) {
  const n = pairs ?? (quick ? 5 : 12);
  const warmup = 1;
  const rows = [];
  const installed = globalInstall();
  try {
    const ways = [
      { name: './bin/kalint.cjs (its shebang)', command: [path.join(root, 'bin', 'kalint.cjs')], cache: path.join(root, 'bin', 'kalint.cjs') },
      { name: 'node_modules/.bin/kalint', command: [path.join(root, 'node_modules', '.bin', 'kalint')] },
      { name: 'npx kalint', command: ['npx', 'kalint'] },
      installed.bin ? { name: 'global install (npm pack, npm install -g)', command: [installed.bin], cache: installed.bin } : null,
    ];
    log(`the article pair (${pairFiles.join(' ')}) beside node -e 0, from the repository's root; ${n} pairs after ${warmup} warm-up round(s), each way its own pairs; ${timeNote}`);
    for (const way of ways) {
      if (!way) {
        log(`  global install: skipped, ${installed.reason}`);
        rows.push({ figure: 'start-up, global install / pre-commit', measured: `not measured: ${installed.reason}`, target: `<= ${TARGET}x node -e 0`, verdict: 'n/a' });
        continue;
      }
      const runs = rounds(
        [
          { name: 'kalint', command: [...way.command, ...pairFiles], cwd: root },
          { name: 'node', command: ['node', '-e', '0'], cwd: root },
        ],
        {
          pairs: n,
          warmup,
          check: (side, run) => {
            // The article pair has findings: exit 1 is the expected status.
            if (side === 'kalint' && run.status !== 1) throw new Error(`${way.name} exited ${run.status ?? run.signal} on the article pair (expected 1)`);
          },
        },
      );
      const wall = ratio(runs.kalint, runs.node, 'wallMs');
      const cpu = ratio(runs.kalint, runs.node, 'cpuMs');
      const k = sideFigures(runs.kalint);
      const b = sideFigures(runs.node);
      const cache = way.cache ? `; code cache ${codeCache(way.cache)}` : '';
      log(`  ${way.name.padEnd(44)} ${fmtRatio(wall)} wall, ${fmtRatio(cpu)} CPU  (kalint ${fmtSide(k)}; node -e 0 ${fmtSide(b)}${cache})  target <= ${TARGET}x: ${verdict(wall.median, TARGET)}`);
      rows.push({
        figure: `start-up, ${way.name}`,
        measured: `${fmtRatio(wall)} wall, ${fmtX(cpu.median)} CPU; kalint ${fmtSide(k)}; node -e 0 ${fmtSide(b)}`,
        target: `<= ${TARGET}x node -e 0`,
        verdict: verdict(wall.median, TARGET),
      });
    }
    if (installed.bin) {
      log('  pre-commit: not run; it installs the hook as above (npm pack, npm install -g of the tarball into its own environment) and runs that bin/kalint, so its start-up is the global install\'s');
      const g = rows.at(-1);
      rows.push({ figure: 'start-up, pre-commit (the global install\'s command)', measured: 'as the global install: pre-commit runs the same installed bin/kalint', target: g.target, verdict: g.verdict });
    }
    rows.push({ figure: 'start-up, however kalint is started', measured: 'the worst of the rows above', target: `<= ${TARGET}x node -e 0`, verdict: worst(...rows.map((r) => r.verdict)) });
  } finally {
    rmSync(installed.dir, { recursive: true, force: true });
  }
  return rows;
}

if (isMain(import.meta.url)) {
  const i = process.argv.indexOf('--pairs');
  const rows = await benchStartup({ quick: process.argv.includes('--quick'), pairs: i >= 0 ? Number(process.argv[i + 1]) : undefined });
  console.log('\n' + summaryTable(rows));
}
