import { fstatSync, writeSync } from 'node:fs';
import { createRequire } from 'node:module';

/** What a command writes to, injected so tests run the real commands in-process. */
export interface Io {
  /** Text, or bytes exactly as given (standard input handed back unchanged). */
  stdout(text: string | Uint8Array): void;
  stderr(text: string): void;
  /** Whether stdout is a terminal (colours). */
  isTTY: boolean;
  /** Whether stderr is a terminal: a long lint shows its progress there (none when absent). */
  stderrIsTTY?: boolean;
  /** Milliseconds on a steady clock, for progress timing; `performance.now` when absent. */
  now?: () => number;
  cwd: string;
  /**
   * Reads standard input, at most `maxBytes` of it: its bytes, or `null` when it is longer (reading
   * then stops, so a huge input is never held in memory).
   */
  readStdin(maxBytes: number): Promise<Uint8Array | null>;
  /** Environment variables consulted (NO_COLOR); the process environment when absent. */
  env?: Readonly<Record<string, string | undefined>>;
  /**
   * Resolves once stdout has taken what was written (its buffer drained). A long report waits on
   * it between chunks, so a slow reader of a pipe never makes the whole report pile up in memory.
   */
  drained?(): Promise<void>;
}

/** A usage or I/O problem: exit 2 with a one-line message. */
export class UsageError extends Error {}

/**
 * Writes to a standard stream's file descriptor directly. Creating `process.stdout` loads Node's
 * stream machinery (for a pipe, its sockets too): a tenth of a short run's start-up. A lint writes
 * its report once, so a blocking write is all it needs. A descriptor the parent made non-blocking
 * answers EAGAIN when full: from then on the writer hands everything to Node's stream, which waits
 * for the reader, after what was already written and so in order. A reader that went away (EPIPE,
 * `kalint x | head`) ends the run quietly with the exit status it has, as it always did.
 */
function descriptorWriter(fd: 1 | 2): { write(text: string | Uint8Array): void; stream(): NodeJS.WriteStream | undefined } {
  let stream: NodeJS.WriteStream | undefined;
  const toStream = (): NodeJS.WriteStream => {
    if (stream === undefined) {
      stream = fd === 1 ? process.stdout : process.stderr;
      stream.on('error', (error: NodeJS.ErrnoException) => {
        if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      });
    }
    return stream;
  };
  return {
    write(text) {
      if (stream !== undefined) {
        stream.write(text);
        return;
      }
      const bytes = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
      let offset = 0;
      try {
        while (offset < bytes.length) offset += writeSync(fd, bytes, offset, bytes.length - offset);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'EPIPE') process.exit(process.exitCode ?? 0);
        if (code !== 'EAGAIN') throw error;
        toStream().write(bytes.subarray(offset));
      }
    },
    stream: () => stream,
  };
}

/**
 * Whether a descriptor is a terminal. Node's `tty` module loads its network stack with it; only a
 * character device can be a terminal, so a pipe or a file (CI, pre-commit, `kalint > report`) is
 * answered without loading it.
 */
function isTerminal(fd: 1 | 2): boolean {
  try {
    if (!fstatSync(fd).isCharacterDevice()) return false;
  } catch {
    return false;
  }
  const tty = createRequire(import.meta.url)('node:tty') as typeof import('node:tty');
  return tty.isatty(fd);
}

const out = descriptorWriter(1);
const err = descriptorWriter(2);

export const processIo: Io = {
  stdout: (text) => out.write(text),
  stderr: (text) => err.write(text),
  isTTY: isTerminal(1),
  stderrIsTTY: isTerminal(2),
  // Not `performance.now`: its first use loads perf_hooks, a few milliseconds of every start.
  now: () => Number(process.hrtime.bigint()) / 1e6,
  cwd: process.cwd(),
  readStdin: (maxBytes) => readBounded(process.stdin, maxBytes),
  env: process.env,
  drained: () => {
    const stream = out.stream();
    return stream?.writableNeedDrain ? new Promise((resolve) => stream.once('drain', () => resolve())) : Promise.resolve();
  },
};

/**
 * Read `stream` to its end, at most `maxBytes` of it: its bytes, or `null` as soon as it is longer.
 * Leaving the loop early ends the stream, so nothing past the limit is read or kept.
 */
export async function readBounded(stream: AsyncIterable<Uint8Array | string>, maxBytes: number): Promise<Uint8Array | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    size += bytes.length;
    if (size > maxBytes) return null;
    chunks.push(bytes);
  }
  return Buffer.concat(chunks);
}
