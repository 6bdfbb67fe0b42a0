/** The lint worker: runs lint jobs off the server's main thread, so requests never wait for a lint. */
import { parentPort } from 'node:worker_threads';
import { runLintJob, type LintJob } from './lint-job.js';

parentPort?.on('message', (job: LintJob) => {
  parentPort!.postMessage(runLintJob(job));
});
