/**
 * A worker thread of a parallel lint (parallel.ts runs the show). Two steps, each one message:
 *
 * - `parse`: parse a slice of the run's inputs (includes followed from the disk, as the command
 *   does), keep the parsed files, and answer with what the main thread needs to see which files
 *   must be linted together: each file's peer keys and the files it includes.
 * - `lint`: lint the parts of the run given to this worker, reusing the files parsed in the first
 *   step (parsing the few it was not given then), and answer part by part with the findings.
 *
 * Everything crosses threads as plain data: diagnostics are copied field by field, since the
 * parser's ranges may be objects made on first read.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { lintParsed, parseInputs, peerFacts, type Diagnostic, type PeerFacts, type LintOptions, type ProjectFile } from '@kalint/linter';
import { nodeIncludeHost } from '@kalint/node';
import type { Range } from '@kalint/parser';

/** What every worker of a run is started with. */
export interface WorkerSetup {
  cwd: string;
  maxFileSize: number;
  configId: string | undefined;
  /** The release the run's configurations are for, which the parse reads them as. */
  targetVersion: string | undefined;
  /** Deployed directory -> the directory its includes are read from. */
  includeRoots: Record<string, string>;
  /** The segments each settings group names (files as the run names them): they join peers too. */
  segments: Array<LintOptions['segments']>;
}

/** One input of the run: `index` is its place among all the run's inputs. */
export interface WorkerInput {
  index: number;
  path: string;
  text: string;
}

/**
 * The engine's options of one group of files (one configuration file), but the include host (made
 * from the setup): the run's parse is shared.
 */
export type WorkerSettings = Omit<LintOptions, 'host'>;

export type ToWorker =
  | { type: 'parse'; inputs: WorkerInput[] }
  | {
      type: 'lint';
      /** Lists of input indexes, each a whole number of independent parts of the run, in order. */
      chunks: number[][];
      /** Inputs of those chunks this worker did not parse. */
      inputs: WorkerInput[];
      settings: WorkerSettings[];
      namingPaths: string[];
      commonPeerKeys: string[];
    };

/** An input's peer keys and the files it includes (see `peerFacts`). */
export interface ParsedFacts extends PeerFacts {
  index: number;
}

/** Findings of one chunk, per settings group, as `lint` orders them. */
export type ChunkResult = Array<Array<{ path: string; diagnostics: Diagnostic[] }>>;

export type FromWorker =
  | { type: 'progress'; done: number }
  | { type: 'parsed'; files: ParsedFacts[] }
  | { type: 'chunk'; files: number; results: ChunkResult }
  | { type: 'done' }
  | { type: 'failed'; message: string };

/** Progress messages: at most one per this many milliseconds (the line shows ten a second at most). */
const PROGRESS_EVERY = 100;

const setup = workerData as WorkerSetup;
const host = nodeIncludeHost(setup.cwd, setup.maxFileSize, undefined, setup.includeRoots);
const parsed = new Map<number, ProjectFile>();
const port = parentPort!;

function post(message: FromWorker): void {
  port.postMessage(message);
}

function parseSome(inputs: WorkerInput[], onParsed?: (n: number) => void): void {
  const files = parseInputs(inputs, {
    host,
    ...(setup.configId !== undefined ? { configId: setup.configId } : {}),
    ...(setup.targetVersion !== undefined ? { targetVersion: setup.targetVersion } : {}),
    ...(onParsed ? { onParsed } : {}),
  });
  inputs.forEach((input, i) => parsed.set(input.index, files[i]!));
}

port.on('message', (message: ToWorker) => {
  try {
    if (message.type === 'parse') {
      let reported = performance.now();
      parseSome(message.inputs, (n) => {
        const now = performance.now();
        if (now - reported < PROGRESS_EVERY) return;
        reported = now;
        post({ type: 'progress', done: n });
      });
      const files = message.inputs.map(({ index }): ParsedFacts => {
        return { index, ...peerFacts(parsed.get(index)!, setup.segments) };
      });
      post({ type: 'parsed', files });
      return;
    }
    // Files parsed here but linted by another worker are not needed any more; the few this worker
    // lints but another parsed are parsed here.
    const wanted = new Set(message.chunks.flat());
    for (const index of parsed.keys()) if (!wanted.has(index)) parsed.delete(index);
    parseSome(message.inputs);
    const scope = { namingPaths: message.namingPaths, commonPeerKeys: new Set(message.commonPeerKeys) };
    for (const chunk of message.chunks) {
      const files = chunk.map((index) => parsed.get(index)!);
      const results = message.settings.map((settings) => {
        const result = lintParsed(files, { ...settings, scope });
        return result.files.map(({ path, diagnostics }) => ({ path, diagnostics: diagnostics.map(plain) }));
      });
      for (const index of chunk) parsed.delete(index);
      post({ type: 'chunk', files: chunk.length, results });
    }
    post({ type: 'done' });
  } catch (error) {
    post({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
  }
});

function plainRange(range: Range): Range {
  const { start, end } = range;
  return {
    start: { offset: start.offset, line: start.line, character: start.character },
    end: { offset: end.offset, line: end.line, character: end.character },
  };
}

/** A copy of a diagnostic made of plain objects only, fields in the order the engine writes them. */
function plain(d: Diagnostic): Diagnostic {
  const copy: Diagnostic = { ruleId: d.ruleId, severity: d.severity, message: d.message, file: d.file, range: plainRange(d.range) };
  if (d.related) copy.related = d.related.map((r) => ({ file: r.file, range: plainRange(r.range), message: r.message }));
  if (d.fix) copy.fix = { description: d.fix.description, edits: d.fix.edits.map((e) => ({ file: e.file, range: plainRange(e.range), text: e.text })) };
  if (d.tags) copy.tags = [...d.tags];
  return copy;
}
