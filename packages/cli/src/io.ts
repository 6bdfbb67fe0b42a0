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

export const processIo: Io = {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
  isTTY: process.stdout.isTTY === true,
  stderrIsTTY: process.stderr.isTTY === true,
  now: () => performance.now(),
  cwd: process.cwd(),
  readStdin: (maxBytes) => readBounded(process.stdin, maxBytes),
  env: process.env,
  drained: () => (process.stdout.writableNeedDrain ? new Promise((resolve) => process.stdout.once('drain', () => resolve())) : Promise.resolve()),
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
