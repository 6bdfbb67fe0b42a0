/** What a command writes to, injected so tests run the real commands in-process. */
export interface Io {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Whether stdout is a terminal (colours). */
  isTTY: boolean;
  /** Whether stderr is a terminal: a long lint shows its progress there (none when absent). */
  stderrIsTTY?: boolean;
  /** Milliseconds on a steady clock, for progress timing; `performance.now` when absent. */
  now?: () => number;
  cwd: string;
  /** Reads standard input entirely. */
  readStdin(): Promise<string>;
  /** Environment variables consulted (NO_COLOR); the process environment when absent. */
  env?: Readonly<Record<string, string | undefined>>;
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
  readStdin: async () => {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  },
  env: process.env,
};
