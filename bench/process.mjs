// Whole processes, measured the way a user meets them, for every section of `npm run bench`.
//
//   import { measure, rounds, ratio, sideFigures } from './process.mjs';
//   const runs = rounds([{ name: 'kalint', command: ['./bin/kalint.cjs', 'x.conf'] }, { name: 'node', command: ['node', '-e', '0'] }], { pairs: 20 });
//   const r = ratio(runs.kalint, runs.node, 'wallMs'); // { median, min, max, ratios }
//
// measure() runs one command to its end and returns
//   wallMs  the parent's clock from spawn to exit (finer than GNU time's hundredths of a second);
//   cpuMs   user + system CPU time of the command and everything it waited for (its threads, its
//           children), from GNU time (`/usr/bin/time -f '%e %U %S %M'`); GNU time prints it in
//           hundredths of a second, so a figure under about 100 ms is coarse;
//   peakMB  the command's peak resident memory (GNU time's %M, the largest resident set of the
//           process or of any child it waited for), in MB of 2^20 bytes;
//   status, signal, and stdout / stderr when asked for.
// GNU time writes its figures to a file of its own (-o), so the command's standard error stays as
// the user sees it. Without /usr/bin/time the figures are wall time only (CPU and memory are NaN)
// and `timeNote` says so.
//
// rounds() runs several commands in turn, round after round (A B A B ... for two), after warm-up
// rounds it discards, so a change in the machine's load falls on every side alike; ratio() is then
// the median of the per-round ratios of two sides, with their min and max.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const GNU_TIME = '/usr/bin/time';

/** Whether GNU time is here and works: it must accept -o and -f with %M. */
function probeTime() {
  if (!existsSync(GNU_TIME)) return false;
  const probe = spawnSync(GNU_TIME, ['-f', '%e %U %S %M', 'true'], { encoding: 'utf8' });
  return probe.status === 0 && /^\d+\.\d+ \d+\.\d+ \d+\.\d+ \d+$/.test(probe.stderr.trim().split('\n').pop() ?? '');
}
export const timed = probeTime();
export const timeNote = timed
  ? 'CPU time and peak memory from GNU time (CPU in hundredths of a second)'
  : `${GNU_TIME} is not installed here: wall time only, no CPU time or peak memory`;

let scratch = null;
function scratchFile() {
  if (!scratch) {
    scratch = mkdtempSync(path.join(os.tmpdir(), 'kalint-bench-time-'));
    process.once('exit', () => rmSync(scratch, { recursive: true, force: true }));
  }
  return path.join(scratch, 'time.txt');
}

/**
 * One whole run of `command` ([file, ...args]).
 * @param {string[]} command
 * @param {{ cwd?: string, env?: NodeJS.ProcessEnv, prefix?: string[], keepStdout?: boolean, keepStderr?: boolean, timeoutMs?: number }} [opts]
 *   prefix: words put before GNU time, e.g. `ip netns exec NS`, so GNU time (and the figures) cover the command alone.
 */
export function measure(command, { cwd, env, prefix = [], keepStdout = false, keepStderr = false, timeoutMs = 600_000 } = {}) {
  const out = timed ? scratchFile() : null;
  const words = [...prefix, ...(timed ? [GNU_TIME, '-o', out, '-f', '%e %U %S %M'] : []), ...command];
  const started = performance.now();
  const run = spawnSync(words[0], words.slice(1), {
    cwd,
    env,
    stdio: ['ignore', keepStdout ? 'pipe' : 'ignore', keepStderr ? 'pipe' : 'ignore'],
    maxBuffer: 1 << 30,
    timeout: timeoutMs,
  });
  const wallMs = performance.now() - started;
  let cpuMs = NaN;
  let peakMB = NaN;
  let timeWallMs = NaN;
  if (timed) {
    // GNU time puts "Command exited with non-zero status N" before the figures when the command fails.
    const last = readFileSync(out, 'utf8').trim().split('\n').pop() ?? '';
    const [elapsed, user, system, kilobytes] = last.split(' ').map(Number);
    timeWallMs = elapsed * 1000;
    cpuMs = (user + system) * 1000;
    peakMB = kilobytes / 1024;
  }
  if (run.error) throw new Error(`cannot run ${command.join(' ')}: ${run.error.message}`);
  return {
    wallMs,
    timeWallMs,
    cpuMs,
    peakMB,
    status: run.status,
    signal: run.signal,
    stdout: keepStdout ? run.stdout : null,
    stderr: keepStderr ? run.stderr.toString('utf8') : null,
  };
}

/**
 * Run every side once per round, in the order given, `warmup` rounds first (discarded), then `pairs` rounds.
 * A side is { name, command, ...measure options }. Returns { [name]: run[] } with one run per kept round.
 * `check(name, run)` may throw to stop on a failed run.
 */
export function rounds(sides, { pairs, warmup = 1, check } = {}) {
  const runs = Object.fromEntries(sides.map((s) => [s.name, []]));
  for (let round = 0; round < warmup + pairs; round++) {
    for (const side of sides) {
      const { name, command, ...opts } = side;
      const run = measure(command, opts);
      check?.(name, run);
      if (round >= warmup) runs[name].push(run);
    }
  }
  return runs;
}

export function median(values) {
  const s = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * Per-round ratios of side a to side b for one figure ('wallMs', 'cpuMs', 'peakMB'), each side's figure
 * optionally adjusted first (`adjustB`, e.g. to take off a wrapper's cost): { median, min, max, ratios }.
 */
export function ratio(a, b, key, { adjustB = (v) => v } = {}) {
  const ratios = a.map((run, i) => run[key] / adjustB(b[i][key])).filter((r) => Number.isFinite(r) && r > 0);
  if (ratios.length === 0) return { median: NaN, min: NaN, max: NaN, ratios };
  return { median: median(ratios), min: Math.min(...ratios), max: Math.max(...ratios), ratios };
}

/** Median wall, CPU and peak memory of one side's runs, with the range of its peaks. */
export function sideFigures(runs) {
  return {
    wallMs: median(runs.map((r) => r.wallMs)),
    cpuMs: median(runs.map((r) => r.cpuMs)),
    peakMB: median(runs.map((r) => r.peakMB)),
    peakMaxMB: Math.max(...runs.map((r) => r.peakMB)),
  };
}

export function fmtMs(ms) {
  if (!Number.isFinite(ms)) return 'n/a';
  return ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`;
}
export const fmtMB = (mb) => (Number.isFinite(mb) ? `${mb.toFixed(0)} MB` : 'n/a');
export const fmtX = (x) => (Number.isFinite(x) ? `${x.toFixed(x >= 10 ? 1 : 2)}x` : 'n/a');
/** "2.05x [1.80-2.40]": the median of the pair ratios, then their min and max. */
export const fmtRatio = (r) => (Number.isFinite(r.median) ? `${fmtX(r.median)} [${r.min.toFixed(2)}-${r.max.toFixed(2)}]` : 'n/a');
/** "170 ms wall, 150 ms CPU, 56 MB peak": one side's medians. */
export const fmtSide = (f) => `${fmtMs(f.wallMs)} wall, ${fmtMs(f.cpuMs)} CPU, ${fmtMB(f.peakMB)} peak`;

/** 'ok' when value <= limit, 'MISSED' when over it, 'n/a' when there is no figure. */
export function verdict(value, limit) {
  if (!Number.isFinite(value)) return 'n/a';
  return value <= limit ? 'ok' : 'MISSED';
}
/** The worst of several verdicts: one MISSED misses the target; n/a only when nothing was measured. */
export function worst(...verdicts) {
  if (verdicts.includes('MISSED')) return 'MISSED';
  if (verdicts.includes('ok')) return verdicts.includes('n/a') ? 'ok (part n/a)' : 'ok';
  return 'n/a';
}

/** The machine, for the record: CPU model, cores, memory, kernel, Node.js. */
export function machine() {
  const cpus = os.cpus();
  return `${cpus.length} x ${cpus[0]?.model?.trim() ?? 'unknown CPU'} (${os.availableParallelism()} available to Node.js), ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB memory, ${os.type()} ${os.release()}, Node.js ${process.version}`;
}
export const loadAverage = () => os.loadavg().map((l) => l.toFixed(2)).join(' ');

/** Whether the module at `url` is the script node was started with (a section run on its own). */
export const isMain = (url) => process.argv[1] !== undefined && path.resolve(process.argv[1]) === path.resolve(new URL(url).pathname);

/**
 * The summary table: one row per figure with a target, { figure, measured, target, verdict }.
 * @param {{ figure: string, measured: string, target: string, verdict: string }[]} rows
 */
export function summaryTable(rows) {
  const cell = (s) => String(s).replaceAll('|', '\\|');
  return [
    '| figure | measured (median ratio [min-max]; medians of wall, CPU, peak) | target | |',
    '| --- | --- | --- | --- |',
    ...rows.map((r) => `| ${cell(r.figure)} | ${cell(r.measured)} | ${cell(r.target)} | ${r.verdict} |`),
  ].join('\n');
}
