/** `npm run fuzz`: the root configuration's aliases (tests run on the sources) with the long-running fuzz files only. */
import { defineConfig } from 'vitest/config';
import base from '../../vitest.config.js';

export default defineConfig({
  root: new URL('../../', import.meta.url).pathname,
  resolve: base.resolve,
  test: { include: ['test/fuzz/**/*.fuzz.ts'], fileParallelism: false, testTimeout: 24 * 3600_000 },
});
