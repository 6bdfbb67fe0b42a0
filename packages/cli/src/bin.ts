import { run } from './index.js';

// A closed pipe (`kalint parse x | head`) is not an error worth a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
});

// No top-level await: the bundle of this entry is CommonJS (see scripts/bundle.mjs).
void run(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
