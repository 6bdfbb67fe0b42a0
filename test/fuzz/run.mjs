#!/usr/bin/env node
/**
 * `npm run fuzz [-- --seed S --minutes M]`: the long fuzz run (test/fuzz/long.fuzz.ts) and the
 * long language-server soak (test/fuzz/soak.fuzz.ts). Prints the seed; exits non-zero on a
 * failure, with the counterexample and the seed that replays it.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { seed: { type: 'string' }, minutes: { type: 'string' }, soak: { type: 'string' } } });
const seed = values.seed ?? String(Math.floor(Math.random() * 2 ** 31));
const minutes = values.minutes ?? '10';
if (!/^\d+$/.test(seed) || !/^\d+(\.\d+)?$/.test(minutes)) {
  console.error('usage: npm run fuzz -- [--seed N] [--minutes M]');
  process.exit(2);
}
console.log(`kalint fuzz: seed ${seed}, ${minutes} minute(s) (replay: npm run fuzz -- --seed ${seed} --minutes ${minutes})`);
const root = fileURLToPath(new URL('../../', import.meta.url));
const result = spawnSync(process.execPath, ['node_modules/vitest/vitest.mjs', 'run', '--config', 'test/fuzz/vitest.config.ts'], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, KALINT_FUZZ_SEED: seed, KALINT_FUZZ_MINUTES: minutes },
});
if (result.status !== 0) console.error(`kalint fuzz: failed (seed ${seed})`);
process.exit(result.status ?? 1);
