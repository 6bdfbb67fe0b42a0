/** The long language server soak of `npm run fuzz`: 30,000 steps per fuzz minute's worth (at least 20,000), from the run's seed. */
import { expect, it } from 'vitest';
import { RSS_GROWTH, soak } from './soak.js';

const seed = Number(process.env.KALINT_FUZZ_SEED ?? 1);
const steps = Math.max(20_000, Math.round(Number(process.env.KALINT_FUZZ_MINUTES ?? 10) * 3000));

it(`the language server soak, ${steps} steps`, async () => {
  const result = await soak(steps, seed, (done) => process.stdout.write(`kalint soak: ${done} steps\r`));
  console.log(`kalint soak (seed ${seed}): ${result.edits} edits, ${result.requests} requests, slowest ${result.slowest.kind} ${result.slowest.ms} ms, RSS ${result.rssKiB.start} (start) -> ${result.rssKiB.warm} (warm) -> ${result.rssKiB.middle} (middle) -> ${result.rssKiB.end} (end) KiB`);
  expect(result.rssKiB.end).toBeLessThan(result.rssKiB.warm * RSS_GROWTH);
  expect(result.published).toEqual(result.expected);
}, 24 * 3600_000);
