/**
 * The language server under a long random session (test/fuzz/soak.ts): 3,000 steps of edits and
 * requests of every kind against one document over stdio. It answers every request, its
 * memory stays bounded, and its final diagnostics are the linter's. `npm run fuzz` runs a longer one.
 */
import { expect, it } from 'vitest';
import { RSS_GROWTH, soak } from '../fuzz/soak.js';

it('answers thousands of random edits and requests, in bounded memory, and ends with the linter\'s diagnostics', async () => {
  const seed = Number(process.env.KALINT_SOAK_SEED ?? 20260427);
  const result = await soak(3000, seed);
  console.log(`kalint soak (seed ${seed}): ${result.edits} edits, ${result.requests} requests, slowest ${result.slowest.kind} ${result.slowest.ms} ms, RSS ${result.rssKiB.start} (start) -> ${result.rssKiB.warm} (warm) -> ${result.rssKiB.middle} (middle) -> ${result.rssKiB.end} (end) KiB`);
  expect(result.requests).toBeGreaterThan(1500);
  expect(result.rssKiB.end).toBeLessThan(result.rssKiB.warm * RSS_GROWTH);
  expect(result.published).toEqual(result.expected);
}, 300_000);
