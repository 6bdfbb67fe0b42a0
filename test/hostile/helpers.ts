/** Running the real command line (kalint's own rules) on hostile input, in-process and as the built binary. */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { expect } from 'vitest';
import { kalint, repo, type KalintRun } from '../../packages/cli/test/helpers.js';

/**
 * When a run of the built binary is taken for hung and killed. Only a hang: the inputs take seconds
 * (bench/hostile.mjs measures them), and a busy machine must not fail a test by being slow.
 */
export const RUN_BOUND_MS = 300_000;

/** `kalint ARGS` in-process with the real rules (how long it took is for the log, not a verdict). */
export async function kalintReal(args: string[], cwd: string): Promise<KalintRun & { ms: number }> {
  const start = performance.now();
  const result = await kalint(args, { cwd, options: {} });
  return { ...result, ms: performance.now() - start };
}

/** The built binary (node_modules/.bin/kalint, built by `npx tsc -b`); killed after the bound. */
export function kalintBinary(args: string[], cwd: string, bound = RUN_BOUND_MS): KalintRun {
  const result = spawnSync(join(repo, 'node_modules/.bin/kalint'), args, { cwd, encoding: 'utf8', timeout: bound, maxBuffer: 1 << 30, env: { ...process.env, NO_COLOR: '1' } });
  expect(result.error, `kalint ${args.join(' ')}: ${result.error?.message}`).toBeUndefined();
  expect(result.signal, `kalint ${args.join(' ')} was killed (hung?)`).toBeNull();
  return { code: result.status!, stdout: result.stdout, stderr: result.stderr };
}

/**
 * The bounds every hostile input is held to: at most 10 s and 1 GB on an idle 2-core machine.
 * Memory is enforced deterministically: `kalintProcess` runs the command as its own Node.js process
 * with a 1 GB heap, and running out of it fails the test. Seconds are not asserted (a busy machine
 * must not fail a test): the work is bounded by counts (READING_LIMITS, MAX_DIAGNOSTICS_PER_KIND,
 * `parse --max-nodes`), a generous time-out catches a hang, and `node bench/hostile.mjs` measures
 * each input's wall and CPU seconds and peak memory.
 */
export const BOUNDS = { seconds: 10, heapMegabytes: 1024 } as const;

/** A run that takes this long hangs: minutes, where each bounded input takes seconds. */
export const HANG_MS = 180_000;

/**
 * `kalint ARGS` as its own process (the built packages/cli/bin/kalint.js, built by `npx tsc -b`),
 * its heap capped at BOUNDS.heapMegabytes: it must finish without running out of memory.
 */
export function kalintProcess(args: string[], cwd: string): KalintRun {
  const bin = join(repo, 'packages/cli/bin/kalint.js');
  const flags = [`--max-old-space-size=${BOUNDS.heapMegabytes}`];
  const result = spawnSync(process.execPath, [...flags, bin, ...args], { cwd, encoding: 'utf8', timeout: HANG_MS, maxBuffer: 1 << 30, env: { ...process.env, NO_COLOR: '1' } });
  const what = `kalint ${args.join(' ')}`;
  expect(result.error, `${what}: ${result.error?.message}`).toBeUndefined();
  expect(result.stderr, `${what} ran out of its ${BOUNDS.heapMegabytes} MB heap`).not.toMatch(/heap limit|Allocation failed|out of memory/i);
  expect(result.signal, `${what} was killed (out of memory, or hung past ${HANG_MS / 1000} s)`).toBeNull();
  return { code: result.status!, stdout: result.stdout, stderr: result.stderr };
}

/** No stack trace, no internal error; every stderr line is one message. */
export function expectNoCrash(run: KalintRun): void {
  expect(run.stderr).not.toMatch(/^ {4}at /m);
  expect(run.stderr).not.toContain('internal error');
  expect(run.stdout).not.toMatch(/^ {4}at /m);
}

/** Every line of `--format gcc` output names a file, a line and a column. */
export function expectGccLines(stdout: string, file: string): void {
  const lines = stdout.split('\n').filter((l) => l !== '');
  expect(lines.length).toBeGreaterThan(0);
  for (const line of lines.slice(0, 1000)) expect(line).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+:\\d+: (error|warning): `));
}
