/** Running the real command line (kalint's own rules) on hostile input, in-process and as the built binary. */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { expect } from 'vitest';
import { kalint, repo, type KalintRun } from '../../packages/cli/test/helpers.js';

/** The longest one run may take, on inputs of megabytes or thousands of files. */
export const RUN_BOUND_MS = 60_000;

/** `kalint ARGS` in-process with the real rules; fails when it takes longer than the bound. */
export async function kalintReal(args: string[], cwd: string, bound = RUN_BOUND_MS): Promise<KalintRun & { ms: number }> {
  const start = performance.now();
  const result = await kalint(args, { cwd, options: {} });
  const ms = performance.now() - start;
  expect(ms, `kalint ${args.join(' ')} took ${Math.round(ms)} ms`).toBeLessThan(bound);
  return { ...result, ms };
}

/** The built binary (node_modules/.bin/kalint, built by `npx tsc -b`); killed after the bound. */
export function kalintBinary(args: string[], cwd: string, bound = RUN_BOUND_MS): KalintRun {
  const result = spawnSync(join(repo, 'node_modules/.bin/kalint'), args, { cwd, encoding: 'utf8', timeout: bound, maxBuffer: 1 << 30, env: { ...process.env, NO_COLOR: '1' } });
  expect(result.error, `kalint ${args.join(' ')}: ${result.error?.message}`).toBeUndefined();
  expect(result.signal, `kalint ${args.join(' ')} was killed (hung?)`).toBeNull();
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
