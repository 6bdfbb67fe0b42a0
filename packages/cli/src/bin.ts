import { run } from './index.js';

// A closed pipe (`kalint parse x | head`) is not an error worth a stack trace: the writers of
// io.ts end the run quietly when the reader has gone.

// No top-level await: the bundle of this entry is CommonJS (see scripts/bundle.mjs).
void run(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
