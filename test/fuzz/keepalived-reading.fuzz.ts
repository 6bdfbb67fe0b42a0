/**
 * `npm run fuzz`: the formatter keeps keepalived's reading of 100,000 mutated configs (set
 * KALINT_FUZZ_RUNS for another count; KALINT_FUZZ_SEED, which test/fuzz/run.mjs sets and prints,
 * replays a run). Each input is a corpus config with one to three of test/fuzz/mutations.ts's
 * mutations; the formatter refuses it, or its output reads, to keepalived 2.2.7 (both reading
 * passes) and to later releases, exactly as the input does, with the formatter's own final check
 * off. `npm test` runs the same property on a bounded number of inputs
 * (test/keepalived-reader-property.test.ts).
 */
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { formattingKeepsReading, mutatedConfig, mutatedText, mutationSources } from './mutations.js';

const seed = Number(process.env.KALINT_FUZZ_SEED ?? Date.now() % 2 ** 31);
const runs = Number(process.env.KALINT_FUZZ_RUNS ?? 100_000);

it(`the formatter keeps keepalived's reading of ${runs} mutated configs`, () => {
  const sources = mutationSources();
  const start = Date.now();
  let done = 0;
  const property = fc.property(mutatedConfig(sources), (input) => {
    if (++done % 10_000 === 0) console.log(`kalint fuzz: keepalived reading: ${done} inputs, ${Math.round((Date.now() - start) / 1000)} s`);
    const failure = formattingKeepsReading(mutatedText(sources, input));
    if (failure !== null) throw new Error(failure);
  });
  const details = fc.check(property, { seed, numRuns: runs, includeErrorInReport: true });
  console.log(`kalint fuzz: keepalived reading: ${details.numRuns} inputs in ${Math.round((Date.now() - start) / 1000)} s, seed ${seed}`);
  if (details.failed) {
    const report = fc.defaultReportMessage(details) ?? 'failed';
    console.log(`kalint fuzz: FAILED 'keepalived reading' (seed ${seed}; replay with npm run fuzz -- --seed ${seed})\n${report}`);
    expect.fail(report);
  }
  expect(details.numRuns).toBe(runs);
}, 24 * 3600_000);
