#!/usr/bin/env node
// Fleet benchmark: `node bench/fleet.mjs [--quick] [--pairs N] [--rounds N]` (default 5,000 pairs = 10,000 files).
//
// Writes an inventory of N HA pairs into one temporary directory (bench/fleet-config.mjs writeFleet:
// site<k>/lb-a|lb-b/keepalived.conf; every pair names its instance VI_1 on eth0 with VRID 51 and a VIP
// of its own, as real inventories do; one pair in 50 has weight drift), then runs the kalint command on
// the directory as a whole process, `./bin/kalint.cjs DIR --format json` (the bundle, started as its
// shebang says), three ways in rounds after a warm-up round: as a user runs it (default --jobs), with
// `--jobs 1` and with `--jobs 2`. For each: the medians of wall time, CPU time (threads included) and
// peak resident memory (bench/process.mjs), the range of the wall times, the ratio --jobs 2 / --jobs 1
// (median of the per-round ratios), whether every run printed the same bytes, and whether each
// drifting pair was caught.
// Targets (issue 15): at most 4 s wall on 2 cores and at most 400 MB peak, as a user runs it.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeFleet } from './fleet-config.mjs';
import { fmtMB, fmtMs, fmtRatio, fmtSide, isMain, ratio, rounds, sideFigures, summaryTable, timeNote, verdict } from './process.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const TARGET = { seconds: 4, peakMB: 400 };

/**
 * @param {{ quick?: boolean, pairs?: number, rounds?: number, log?: (line: string) => void }} [opts]
 * @returns {Promise<{ figure: string, measured: string, target: string, verdict: string }[]>}
 */
export async function benchFleet({ quick = false, pairs, rounds: n, log = console.log } = {}) {
  const count = pairs ?? (quick ? 500 : 5000);
  const kept = n ?? (quick ? 1 : 2);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kalint-fleet-'));
  try {
    const bytes = writeFleet(dir, count);
    const cores = os.availableParallelism();
    log(`fleet: ${count} HA pairs, ${count * 2} files, ${(bytes / 1e6).toFixed(1)} MB, ${cores} cores; ./bin/kalint.cjs DIR --format json, ${kept} round(s) after 1 warm-up; ${timeNote}`);
    const bin = path.join(root, 'bin', 'kalint.cjs');
    const ways = [
      { name: 'default', label: 'kalint DIR', extra: [] },
      { name: 'jobs1', label: 'kalint DIR --jobs 1', extra: ['--jobs', '1'] },
      { name: 'jobs2', label: 'kalint DIR --jobs 2', extra: ['--jobs', '2'] },
    ];
    const runs = rounds(
      ways.map((w) => ({ name: w.name, command: [bin, dir, '--format', 'json', ...w.extra], cwd: root, keepStdout: true })),
      {
        pairs: kept,
        warmup: 1,
        check: (side, run) => {
          if (run.status !== 0 && run.status !== 1) throw new Error(`kalint ${side} exited ${run.status ?? run.signal} on the fleet`);
        },
      },
    );
    const all = Object.values(runs).flat();
    const same = all.every((r) => r.stdout.equals(all[0].stdout));
    for (const w of ways) {
      const f = sideFigures(runs[w.name]);
      const walls = runs[w.name].map((r) => r.wallMs);
      const target = w.name === 'default' && count === 5000 ? `  target <= ${TARGET.seconds} s: ${verdict(f.wallMs / 1000, TARGET.seconds)}, <= ${TARGET.peakMB} MB: ${verdict(f.peakMB, TARGET.peakMB)}` : '';
      log(`  ${w.label.padEnd(22)} ${fmtSide(f)} (wall from ${fmtMs(Math.min(...walls))} to ${fmtMs(Math.max(...walls))}, peak max ${fmtMB(f.peakMaxMB)})${target}`);
    }
    const j2 = ratio(runs.jobs2, runs.jobs1, 'wallMs');
    const j2cpu = ratio(runs.jobs2, runs.jobs1, 'cpuMs');
    const j2peak = ratio(runs.jobs2, runs.jobs1, 'peakMB');
    log(`  --jobs 2 / --jobs 1    wall ${fmtRatio(j2)}, CPU ${fmtRatio(j2cpu)}, peak ${fmtRatio(j2peak)}`);
    log(`  output                 ${same ? `every run printed the same bytes (${all[0].stdout.length.toLocaleString('en-US')} bytes)` : 'DIFFERENT OUTPUT between runs'}`);

    const results = JSON.parse(all[0].stdout.toString('utf8'));
    const findings = results.flatMap((r) => r.messages.map((m) => ({ file: r.filePath, rule: m.ruleId })));
    const drifting = new Set(findings.filter((f) => f.rule === 'weight-drift').map((f) => f.file.split(path.sep).slice(-3, -2)[0]));
    const expected = Array.from({ length: count }, (_, k) => k).filter((k) => k % 50 === 7).map((k) => `site${k}`);
    const caught = expected.every((site) => drifting.has(site)) && drifting.size === expected.length;
    log(`  findings               ${findings.length}; weight drift caught in ${drifting.size} of ${expected.length} drifting pairs${caught ? '' : '  MISMATCH'}`);

    const d = sideFigures(runs.default);
    const f1 = sideFigures(runs.jobs1);
    const f2 = sideFigures(runs.jobs2);
    const note = cores === 2 ? '' : ` (this machine: ${cores} cores)`;
    // The targets are for 10,000 files; a smaller inventory (--quick) is shown, not judged.
    const judge = (v) => (count === 5000 ? v : 'n/a (not 10,000 files)');
    return [
      { figure: `fleet, ${count * 2} files, wall${note}`, measured: `${fmtSide(d)}; --jobs 1 ${fmtSide(f1)}; --jobs 2 ${fmtSide(f2)}`, target: `10,000 files: <= ${TARGET.seconds} s on 2 cores`, verdict: judge(verdict(d.wallMs / 1000, TARGET.seconds)) },
      { figure: `fleet, ${count * 2} files, peak memory`, measured: `${fmtMB(d.peakMB)} (max ${fmtMB(d.peakMaxMB)}); --jobs 1 ${fmtMB(f1.peakMB)}; --jobs 2 ${fmtMB(f2.peakMB)}`, target: `10,000 files: <= ${TARGET.peakMB} MB`, verdict: judge(verdict(d.peakMB, TARGET.peakMB)) },
      { figure: 'fleet, same bytes from every --jobs, drift caught', measured: `${same ? 'same bytes' : 'DIFFERENT OUTPUT'}; drift caught in ${drifting.size} of ${expected.length} pairs`, target: 'same bytes, every drifting pair', verdict: same && caught ? 'ok' : 'MISSED' },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (isMain(import.meta.url)) {
  const arg = (name) => {
    const i = process.argv.indexOf(name);
    return i >= 0 ? Number(process.argv[i + 1]) : undefined;
  };
  const rows = await benchFleet({ quick: process.argv.includes('--quick'), pairs: arg('--pairs'), rounds: arg('--rounds') });
  console.log('\n' + summaryTable(rows));
  if (rows.at(-1).verdict !== 'ok') process.exitCode = 1;
}
