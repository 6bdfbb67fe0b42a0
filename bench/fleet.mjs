#!/usr/bin/env node
// Fleet benchmark: `node bench/fleet.mjs [--pairs N]` (default 5,000 pairs = 10,000 files).
//
// Writes an inventory of N HA pairs into one temporary directory (site<k>/lb-a|lb-b/keepalived.conf;
// every pair names its instance VI_1 on eth0 with VRID 51 and a VIP of its own, as real
// inventories do; one pair in 50 has weight drift), then runs the kalint command on the directory
// (`bin/kalint.cjs DIR --format json`, the root package's bundled command) three times: as a user
// runs it (`--jobs auto`: worker threads, one per core, with 3 or more cores; one thread on fewer),
// with `--jobs 1` (one thread) and with `--jobs N` (N worker threads, one per core and at least 2,
// whatever the machine). For each: wall time and peak memory (the child's maximum resident set,
// threads included, from /usr/bin/time when present); then the speed-up of the worker threads over
// one thread, whether all runs printed the same findings, the number of findings and whether each
// drifting pair was caught.
// Targets (issue 7): under 20 s on 2 cores, under 2 GB.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fleetConfig as node } from './fleet-config.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const pairs = arg('--pairs', 5000);

const dir = mkdtempSync(path.join(os.tmpdir(), 'kalint-fleet-'));
try {
  let bytes = 0;
  for (let pair = 0; pair < pairs; pair++) {
    for (const side of ['a', 'b']) {
      const folder = path.join(dir, `site${pair}`, `lb-${side}`);
      mkdirSync(folder, { recursive: true });
      const text = node(pair, side);
      bytes += text.length;
      writeFileSync(path.join(folder, 'keepalived.conf'), text);
    }
  }
  const bin = path.join(root, 'bin', 'kalint.cjs');
  if (!existsSync(path.join(root, 'dist', 'kalint.cjs'))) {
    console.error('fleet benchmark: dist/kalint.cjs is missing; run `npm run build` first');
    process.exit(1);
  }
  const timed = existsSync('/usr/bin/time');
  /** One run of the command on the inventory: seconds, peak memory in MB, its JSON output. */
  const lint = (extra) => {
    const args = [dir, '--format', 'json', ...extra];
    const command = timed ? ['/usr/bin/time', ['-f', '%e %M', bin, ...args]] : [bin, args];
    const started = performance.now();
    const run = spawnSync(command[0], command[1], { encoding: 'utf8', maxBuffer: 1 << 30 });
    const seconds = (performance.now() - started) / 1000;
    const rssMb = timed ? Number(run.stderr.trim().split('\n').pop().split(' ')[1]) / 1024 : NaN;
    if (run.status !== 0 && run.status !== 1) {
      console.error(`kalint ${extra.join(' ')} exited ${run.status}: ${run.stderr.slice(0, 500)}`);
      process.exit(1);
    }
    return { seconds, rssMb, stdout: run.stdout };
  };
  const cores = os.availableParallelism();
  const jobs = Math.max(2, Math.min(cores, 8));
  const auto = lint([]);
  const one = lint(['--jobs', '1']);
  const threads = lint(['--jobs', String(jobs)]);
  const results = JSON.parse(auto.stdout);
  const findings = results.flatMap((r) => r.messages.map((m) => ({ file: r.filePath, rule: m.ruleId })));
  const drifting = new Set(findings.filter((f) => f.rule === 'weight-drift').map((f) => f.file.split(path.sep).slice(-3, -2)[0]));
  const expected = Array.from({ length: pairs }, (_, k) => k).filter((k) => k % 50 === 7).map((k) => `site${k}`);
  const caught = expected.every((site) => drifting.has(site)) && drifting.size === expected.length;
  const same = auto.stdout === one.stdout && threads.stdout === one.stdout;
  const figures = (run) => `${run.seconds.toFixed(1)} s`.padEnd(8) + `peak memory ${run.rssMb.toFixed(0)} MB`;
  console.log(`fleet: ${pairs} HA pairs, ${pairs * 2} files, ${(bytes / 1e6).toFixed(1)} MB, ${cores} cores`);
  console.log(`  kalint DIR           ${auto.seconds.toFixed(1)} s (target < 20 s)   peak memory ${auto.rssMb.toFixed(0)} MB (target < 2048 MB)`);
  console.log(`  kalint DIR --jobs 1  ${figures(one)}`);
  console.log(`  kalint DIR --jobs ${jobs}  ${figures(threads)}`);
  console.log(`  worker threads       ${jobs} threads at ${(one.seconds / threads.seconds).toFixed(2)}x the speed of one thread; ${same ? 'same findings, byte for byte' : 'DIFFERENT OUTPUT'}`);
  console.log(`  findings             ${findings.length}; weight drift caught in ${drifting.size} of ${expected.length} drifting pairs${caught ? '' : '  MISMATCH'}`);
  process.exitCode = caught && same ? 0 : 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
