/**
 * Linting a large run on several cores, with the findings a lint on one thread gives, in the same
 * order, with the same messages.
 *
 * A run is one project because HA peers are compared across files; but peers are only ever found
 * through peer keys (an instance's name, its VRID on an interface, a virtual IP, a virtual
 * server's address), and a rule only looks at one file and what it includes, or at one peer group.
 * So the run splits into independent parts: files joined by a key they share (unless the key is
 * too common to mean a cluster, as the project decides), or by a file they both include.
 *
 * 1. Each worker parses a slice of the inputs (contiguous, of about equal size) and answers with
 *    each file's peer keys and includes.
 * 2. Here: count keys over the whole run, join files into parts, give each part to the worker that
 *    parsed most of it (an inventory lists a cluster's nodes side by side, so parts rarely span
 *    two slices, and the slices stay balanced), in chunks for the progress line.
 * 3. Each worker lints its parts with what only the whole run knows: the keys too common to join
 *    peers, and every file name (messages name files by the shortest suffix telling them apart).
 * 4. Here: put the findings in the order one lint of the whole run gives them.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { partition, type Diagnostic } from '@kalint/linter';
import type { ChunkResult, FromWorker, ParsedFacts, ToWorker, WorkerInput, WorkerSettings, WorkerSetup } from './lint-worker.js';
import type { Progress } from './progress.js';

/** Set by the bundler (scripts/bundle.mjs) to the worker bundle's name; absent in the tsc build. */
declare const KALINT_LINT_WORKER: string | undefined;

/** Files per chunk of the second step: fine enough for the progress line, coarse enough to cost nothing. */
const CHUNK_FILES = 250;

/**
 * The worker script beside this module, or undefined when there is none: the sources run by the
 * tests have only lint-worker.ts, and a bundler may leave the worker out. Linting then stays on
 * the main thread, with the same findings.
 */
export function lintWorkerUrl(): URL | undefined {
  const url = new URL(typeof KALINT_LINT_WORKER === 'string' ? KALINT_LINT_WORKER : './lint-worker.js', import.meta.url);
  return url.protocol === 'file:' && existsSync(fileURLToPath(url)) ? url : undefined;
}

export interface ParallelLint {
  /** The run's inputs in order: absolute path, the name they are linted under, text. */
  inputs: ReadonlyArray<{ key: string; path: string; text: string }>;
  setup: WorkerSetup;
  /** One lint per settings group, as on the main thread. */
  settings: WorkerSettings[];
  workers: number;
  workerUrl: URL;
  progress: Progress;
}

/** Findings per settings group, as `lint(...).files` gives them for the whole run. */
export type ParallelResult = Array<Array<{ path: string; diagnostics: Diagnostic[] }>>;

/** A worker failed: the caller lints on the main thread instead. */
export class WorkerFailure extends Error {}

/** Lint the run on `workers` worker threads. @throws WorkerFailure */
export async function lintInParallel(run: ParallelLint): Promise<ParallelResult> {
  const { inputs, progress } = run;
  const pool: Channel[] = [];
  try {
    for (let w = 0; w < Math.min(run.workers, inputs.length); w++) pool.push(new Channel(run.workerUrl, run.setup));
    // 1. Parse, in contiguous slices of about the same number of characters.
    const slices = slice(inputs.map((i) => i.text.length), pool.length);
    const parsedBy = new Int32Array(inputs.length);
    const done = new Array<number>(pool.length).fill(0);
    const facts = new Array<ParsedFacts>(inputs.length);
    await Promise.all(
      pool.map(async (channel, w) => {
        const [from, to] = slices[w]!;
        for (let i = from; i < to; i++) parsedBy[i] = w;
        const slice: WorkerInput[] = [];
        for (let i = from; i < to; i++) slice.push({ index: i, path: inputs[i]!.path, text: inputs[i]!.text });
        const reply = await channel.request({ type: 'parse', inputs: slice }, (message) => {
          if (message.type !== 'progress') return false;
          done[w] = message.done;
          progress.files('parsing', sum(done), inputs.length);
          return true;
        });
        if (reply.type !== 'parsed') throw new WorkerFailure(`unexpected reply '${reply.type}'`);
        for (const f of reply.files) facts[f.index] = f;
        done[w] = to - from;
        progress.files('parsing', sum(done), inputs.length);
      }),
    );

    // 2. Parts, and who lints them.
    const { parts, commonPeerKeys } = partition(inputs, facts);
    const namingPaths = [...new Set(inputs.flatMap((input, i) => [input.path, ...facts[i]!.includes]))];
    const load = new Array<number>(pool.length).fill(0);
    const assigned: number[][][] = pool.map(() => []);
    for (const part of parts) {
      // The worker that parsed most of the part (ties: the least loaded); the rest is parsed again there.
      const held = new Array<number>(pool.length).fill(0);
      for (const i of part) held[parsedBy[i]!]!++;
      let best = 0;
      for (let w = 1; w < pool.length; w++) if (held[w]! > held[best]! || (held[w] === held[best] && load[w]! < load[best]!)) best = w;
      assigned[best]!.push(part);
      for (const i of part) load[best]! += inputs[i]!.text.length;
    }

    // 3. Lint.
    const chunkResults: Array<{ first: number; results: ChunkResult }> = [];
    done.fill(0);
    progress.files('checking', 0, inputs.length);
    await Promise.all(
      pool.map(async (channel, w) => {
        const chunks = chunk(assigned[w]!);
        const missing: WorkerInput[] = [];
        for (const part of assigned[w]!) for (const i of part) if (parsedBy[i] !== w) missing.push({ index: i, path: inputs[i]!.path, text: inputs[i]!.text });
        const request: ToWorker = { type: 'lint', chunks, inputs: missing, settings: run.settings, namingPaths, commonPeerKeys };
        let next = 0;
        const reply = await channel.request(request, (message) => {
          if (message.type !== 'chunk') return false;
          if (next === chunks.length) throw new WorkerFailure('more chunks than asked for');
          chunkResults.push({ first: chunks[next++]![0]!, results: message.results });
          done[w]! += message.files;
          progress.files('checking', sum(done), inputs.length);
          return true;
        });
        if (reply.type !== 'done' || next !== chunks.length) throw new WorkerFailure(`unexpected reply '${reply.type}'`);
      }),
    );

    // 4. The order of one lint of the whole run: inputs in order, then the files they include in
    // the order they were first read, then anything else (nothing, from kalint's own rules).
    chunkResults.sort((a, b) => a.first - b.first);
    return run.settings.map((_, g) => {
      const byPath = new Map<string, Diagnostic[]>();
      for (const { results } of chunkResults) {
        for (const { path, diagnostics } of results[g]!) {
          const list = byPath.get(path);
          if (list) for (const d of diagnostics) list.push(d);
          else byPath.set(path, diagnostics);
        }
      }
      const order = [...new Set([...inputs.map((i) => i.path), ...facts.flatMap((f) => f.includes)])];
      const files = order.flatMap((path) => {
        const diagnostics = byPath.get(path);
        byPath.delete(path);
        return diagnostics ? [{ path, diagnostics }] : [];
      });
      for (const [path, diagnostics] of byPath) files.push({ path, diagnostics });
      return files;
    });
  } finally {
    await Promise.all(pool.map((channel) => channel.close()));
  }
}

/** `count` contiguous ranges `[from, to)` of about equal total weight, none empty. */
function slice(weights: readonly number[], count: number): Array<[number, number]> {
  const total = sum(weights);
  const ranges: Array<[number, number]> = [];
  let from = 0;
  let before = 0;
  for (let w = 0; w < count; w++) {
    let to = weights.length;
    if (w < count - 1) {
      const target = (total * (w + 1)) / count;
      const last = weights.length - (count - w - 1);
      to = from;
      // Up to the input whose middle passes the target, leaving one input for each later worker.
      while (to < last && (to === from || before + weights[to]! / 2 <= target)) before += weights[to++]!;
    }
    ranges.push([from, to]);
    from = to;
  }
  return ranges;
}

/** Parts grouped into chunks of about `CHUNK_FILES` inputs, each chunk's indexes ascending. */
function chunk(parts: number[][]): number[][] {
  const chunks: number[][] = [];
  let current: number[] = [];
  for (const part of parts) {
    for (const index of part) current.push(index);
    if (current.length >= CHUNK_FILES) {
      chunks.push(current.sort((a, b) => a - b));
      current = [];
    }
  }
  if (current.length > 0) chunks.push(current.sort((a, b) => a - b));
  return chunks;
}

function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

/** One worker and its requests: one at a time, answered by one final message (after any number of updates). */
class Channel {
  private readonly worker: Worker;
  private failure: Error | undefined;
  private waiting: { resolve: (message: FromWorker) => void; reject: (error: Error) => void; update: (message: FromWorker) => boolean } | undefined;

  constructor(url: URL, setup: WorkerSetup) {
    try {
      this.worker = new Worker(url, { workerData: setup });
    } catch (error) {
      throw new WorkerFailure((error as Error).message);
    }
    const fail = (error: Error) => {
      this.failure ??= error instanceof WorkerFailure ? error : new WorkerFailure(error.message);
      this.waiting?.reject(this.failure);
      this.waiting = undefined;
    };
    this.worker.on('message', (message: FromWorker) => {
      const waiting = this.waiting;
      if (!waiting) return;
      try {
        if (waiting.update(message)) return;
      } catch (error) {
        fail(error as Error);
        return;
      }
      this.waiting = undefined;
      if (message.type === 'failed') waiting.reject(new WorkerFailure(message.message));
      else waiting.resolve(message);
    });
    this.worker.on('error', fail);
    this.worker.on('messageerror', fail);
    this.worker.on('exit', (code) => fail(new WorkerFailure(`worker stopped (exit code ${code})`)));
  }

  request(message: ToWorker, update: (message: FromWorker) => boolean): Promise<FromWorker> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject, update };
      try {
        this.worker.postMessage(message);
      } catch (error) {
        this.waiting = undefined;
        reject(new WorkerFailure((error as Error).message));
      }
    });
  }

  async close(): Promise<void> {
    this.worker.removeAllListeners('exit');
    await this.worker.terminate();
  }
}
