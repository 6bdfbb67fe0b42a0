/** The lint worker: runs lint jobs off the server's main thread, so requests never wait for a lint. */
import { parentPort } from 'node:worker_threads';
import { DocumentLinter, type LintJob } from './lint-job.js';

const linter = new DocumentLinter();
parentPort?.on('message', (job: LintJob) => {
  parentPort!.postMessage(linter.run(job));
});
