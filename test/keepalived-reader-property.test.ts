/**
 * The formatter never changes what keepalived reads, checked with the independent model of
 * keepalived's reader (`sameKeepalivedReading`) on corpus configs mutated the way issue 11's cases
 * are (test/fuzz/mutations.ts): for each mutated input the formatter refuses, or its output reads
 * as the input does, to 2.2.7 (both reading passes) and to later releases. The formatter's own final
 * check is switched off (`verify: false`), so this does not rest on it. A bounded number of inputs
 * per class here; `npm run fuzz` runs 100,000 (test/fuzz/keepalived-reading.fuzz.ts).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formattingKeepsReading, MUTATION_KINDS, mutatedConfig, mutatedText, mutation, mutationOf, mutationSources, type Mutation } from './fuzz/mutations.js';

const sources = mutationSources();
/** Inputs per class (KALINT_PROPERTY_RUNS to run more); the mixed property runs three times as many. */
const runs = Number(process.env.KALINT_PROPERTY_RUNS ?? 20);

describe('the formatter keeps keepalived\'s reading of mutated configs', () => {
  const holds = (input: [string, Mutation[]]) => {
    const failure = formattingKeepsReading(mutatedText(sources, input));
    if (failure !== null) throw new Error(failure);
  };

  for (const kind of MUTATION_KINDS) {
    it(kind, () => {
      fc.assert(fc.property(mutatedConfig(sources, mutationOf(kind)), holds), { numRuns: runs, includeErrorInReport: true });
    });
  }

  it('all kinds together', () => {
    fc.assert(fc.property(mutatedConfig(sources, mutation), holds), { numRuns: 3 * runs, includeErrorInReport: true });
  });

  it('the mutations change the texts (each kind applies to the corpus)', () => {
    const [name, text] = [...sources].find(([, t]) => /\{\s*\n/.test(t) && /#/.test(t))!;
    for (const kind of MUTATION_KINDS) {
      const changed = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11].some((variant) => mutatedText(sources, [name, [{ kind, at: 0.3, variant, size: 1020 }]]) !== text);
      expect(changed, kind).toBe(true);
    }
  });
});
