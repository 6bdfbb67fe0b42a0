/**
 * The long fuzz run, `npm run fuzz [-- --seed S --minutes M]` (test/fuzz/run.mjs sets the
 * environment): every suite of test/fuzz/suites.ts for its share of the minutes, from one seed.
 * A failure prints the counterexample, the seed and the path that replays it.
 */
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { suites } from './suites.js';

const seed = Number(process.env.KALINT_FUZZ_SEED ?? Date.now() % 2 ** 31);
const minutes = Number(process.env.KALINT_FUZZ_MINUTES ?? 10);
const runnable = suites.filter((s) => {
  if (s.skip) console.log(`kalint fuzz: skipping '${s.name}': ${s.skip}`);
  return !s.skip;
});
const share = (minutes * 60_000) / runnable.length;
console.log(`kalint fuzz: seed ${seed}, ${minutes} minute(s), ${runnable.length} suites`);

for (const suite of runnable) {
  it(suite.name, () => {
    const start = Date.now();
    const details = fc.check(suite.property(), { seed, numRuns: Number.MAX_SAFE_INTEGER, interruptAfterTimeLimit: share, markInterruptAsFailure: false, includeErrorInReport: true });
    const perMinute = Math.round((details.numRuns / (Date.now() - start)) * 60_000);
    console.log(`kalint fuzz: ${suite.name}: ${details.numRuns} inputs in ${Math.round((Date.now() - start) / 1000)} s (${perMinute}/min), seed ${seed}`);
    if (details.failed) {
      console.log(`kalint fuzz: FAILED '${suite.name}' (seed ${seed}; replay with npm run fuzz -- --seed ${seed})\n${fc.defaultReportMessage(details)}`);
      expect.fail(fc.defaultReportMessage(details) ?? 'failed');
    }
  }, minutes * 60_000 + 120_000);
}
