#!/usr/bin/env node
// Full lint beside keepalived -t, both as whole processes: `node bench/throughput.mjs [--quick] [--lines N,M] [--pairs N]`.
//
// For each size (10,000 and 200,000 lines) a generated config (bench/generate.mjs) is linted by
// `./bin/kalint.cjs FILE` (the bundle, started as its shebang says, as users run it) and checked by
// `keepalived -t -f FILE`, in rounds after a warm-up: kalint, keepalived, and two empty commands
// that measure the cost of the namespace wrapper (below). Reported: the median of the per-round
// ratios kalint / keepalived, with min and max, for wall and CPU time, and each side's medians of
// wall, CPU and peak memory.
//
// keepalived -t needs the interfaces the config names, so it runs in a throwaway network namespace
// with a veth per interface (bench/keepalived.mjs): `ip netns exec NS /usr/bin/time ... keepalived
// -t -f FILE`. GNU time runs inside the namespace, so keepalived's CPU time and peak memory are its
// own. Its wall time, taken around the whole command, also holds the cost of `ip netns exec`, which a
// user running keepalived -t does not pay: each round also times `ip netns exec NS /usr/bin/time
// /bin/true` and `/usr/bin/time /bin/true`, and the difference of their medians (the wrapper's cost,
// printed) is taken off keepalived's wall time in every wall ratio. The ratio as run, without that
// correction, is printed beside it.
// Targets (issue 15): 10k lines at most 3x keepalived in wall and CPU time; 200k lines at most 1.0x in
// wall and CPU time, and kalint's peak memory at most 120 MB.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateConfig, INTERFACES } from './generate.mjs';
import { openNamespace } from './keepalived.mjs';
import { fmtMB, fmtMs, fmtRatio, fmtSide, isMain, median, ratio, rounds, sideFigures, summaryTable, timeNote, verdict } from './process.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const TARGETS = { 10_000: { ratio: 3 }, 200_000: { ratio: 1, peakMB: 120 } };
const label = (lines) => (lines % 1000 === 0 ? `${lines / 1000}k` : String(lines));

/**
 * @param {{ quick?: boolean, sizes?: number[], pairs?: number, log?: (line: string) => void }} [opts]
 * @returns {Promise<{ figure: string, measured: string, target: string, verdict: string }[]>}
 */
export async function benchThroughput({ quick = false, sizes = [10_000, 200_000], pairs, log = console.log } = {}) {
  const rows = [];
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kalint-bench-throughput-'));
  const ns = await openNamespace('', { interfaces: [...INTERFACES] });
  try {
    log(`./bin/kalint.cjs FILE beside keepalived -t -f FILE (${ns.ok ? ns.version : 'keepalived baseline unavailable'}); ${timeNote}`);
    if (!ns.ok) log(`  keepalived baseline unavailable: ${ns.reason}`);
    for (const lines of sizes) {
      const n = pairs ?? (lines > 50_000 ? (quick ? 2 : 5) : quick ? 4 : 12);
      const file = path.join(dir, `keepalived-${lines}.conf`);
      const text = generateConfig({ lines });
      writeFileSync(file, text);
      log(`\n[${label(lines)} lines] ${(Buffer.byteLength(text) / 1e6).toFixed(2)} MB; ${n} rounds after 1 warm-up`);
      const sides = [{ name: 'kalint', command: [path.join(root, 'bin', 'kalint.cjs'), file], cwd: root }];
      if (ns.ok) {
        sides.push(
          { name: 'keepalived', command: [ns.keepalived, '-t', '-f', file], prefix: ns.prefix },
          { name: 'nsTrue', command: ['/bin/true'], prefix: ns.prefix },
          { name: 'true', command: ['/bin/true'] },
        );
      }
      const runs = rounds(sides, {
        pairs: n,
        warmup: 1,
        check: (side, run) => {
          if (side === 'kalint' && run.status !== 0 && run.status !== 1) throw new Error(`kalint exited ${run.status ?? run.signal} on the ${label(lines)}-line config`);
          if (side === 'keepalived' && run.status !== 0) throw new Error(`keepalived -t exited ${run.status ?? run.signal} on the ${label(lines)}-line config (it must accept the generated file)`);
        },
      });
      const k = sideFigures(runs.kalint);
      const target = TARGETS[lines];
      log(`  ./bin/kalint.cjs FILE          ${fmtSide(k)} (peak max ${fmtMB(k.peakMaxMB)}; exit ${runs.kalint[0].status})`);
      if (!ns.ok) {
        rows.push({ figure: `full lint, ${label(lines)} lines`, measured: `kalint ${fmtSide(k)}; keepalived baseline unavailable`, target: target ? `<= ${target.ratio}x keepalived -t` : '-', verdict: 'n/a' });
      } else {
        const overheadMs = Math.max(0, median(runs.nsTrue.map((r) => r.wallMs)) - median(runs.true.map((r) => r.wallMs)));
        const ka = sideFigures(runs.keepalived);
        const wall = ratio(runs.kalint, runs.keepalived, 'wallMs', { adjustB: (ms) => ms - overheadMs });
        const wallAsRun = ratio(runs.kalint, runs.keepalived, 'wallMs');
        const cpu = ratio(runs.kalint, runs.keepalived, 'cpuMs');
        const peak = ratio(runs.kalint, runs.keepalived, 'peakMB');
        log(`  keepalived -t -f FILE          ${fmtMs(ka.wallMs - overheadMs)} wall (${fmtMs(ka.wallMs)} as run, less the ip netns exec overhead of ${fmtMs(overheadMs)}), ${fmtMs(ka.cpuMs)} CPU, ${fmtMB(ka.peakMB)} peak (exit 0)`);
        log(`  wall ratio                     ${fmtRatio(wall)} (ip netns exec overhead taken off keepalived; as run: ${fmtRatio(wallAsRun)})${target ? `  target <= ${target.ratio}x: ${verdict(wall.median, target.ratio)}` : ''}`);
        log(`  CPU ratio                      ${fmtRatio(cpu)}${target ? `  target <= ${target.ratio}x: ${verdict(cpu.median, target.ratio)}` : ''}`);
        log(`  peak memory ratio              ${fmtRatio(peak)}`);
        if (target) {
          const sidesText = `kalint ${fmtSide(k)}; keepalived ${fmtMs(ka.wallMs - overheadMs)} wall (ip netns exec's ${fmtMs(overheadMs)} taken off), ${fmtMs(ka.cpuMs)} CPU, ${fmtMB(ka.peakMB)} peak`;
          rows.push({ figure: `full lint, ${label(lines)} lines, wall`, measured: `${fmtRatio(wall)}; as run ${fmtRatio(wallAsRun)}; ${sidesText}`, target: `<= ${target.ratio}x keepalived -t`, verdict: verdict(wall.median, target.ratio) });
          rows.push({ figure: `full lint, ${label(lines)} lines, CPU`, measured: `${fmtRatio(cpu)}; kalint ${fmtMs(k.cpuMs)}, keepalived ${fmtMs(ka.cpuMs)}`, target: `<= ${target.ratio}x keepalived -t`, verdict: verdict(cpu.median, target.ratio) });
        }
      }
      if (target?.peakMB) {
        log(`  kalint peak memory             ${fmtMB(k.peakMB)}  target <= ${target.peakMB} MB: ${verdict(k.peakMB, target.peakMB)}`);
        rows.push({ figure: `full lint, ${label(lines)} lines, peak memory`, measured: `${fmtMB(k.peakMB)} (max ${fmtMB(k.peakMaxMB)})`, target: `<= ${target.peakMB} MB`, verdict: verdict(k.peakMB, target.peakMB) });
      }
    }
  } finally {
    if (ns.ok) ns.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}

if (isMain(import.meta.url)) {
  const arg = (name) => {
    const i = process.argv.indexOf(name);
    return i >= 0 ? process.argv[i + 1] : undefined;
  };
  const sizes = arg('--lines')?.split(',').map(Number);
  const pairs = arg('--pairs') === undefined ? undefined : Number(arg('--pairs'));
  const rows = await benchThroughput({ quick: process.argv.includes('--quick'), sizes, pairs });
  console.log('\n' + summaryTable(rows));
}
