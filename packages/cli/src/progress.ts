/**
 * The progress line of a long lint: `kalint: parsing 4,120/10,000 files` on standard error,
 * rewritten in place. Only on a terminal (a log or a pipe gets nothing), only once the run has
 * taken more than a second (a quick run never flickers), at most ten times a second (a terminal
 * is slow to write to), and erased before anything else is written so the report starts on a
 * clean line.
 */
import type { Io } from './io.js';

/** How long a run goes before it shows progress, in milliseconds. */
const QUIET_FOR = 1000;
/** The shortest time between two updates of the line, in milliseconds. */
const EVERY = 100;

export class Progress {
  /** The same Io, except that every write first erases the progress line. */
  readonly io: Io;
  private readonly now: () => number;
  private readonly started: number;
  private lastShown = -Infinity;
  private showing = false;

  constructor(private readonly base: Io) {
    this.now = base.now ?? (() => performance.now());
    this.started = this.now();
    this.io = {
      ...base,
      stdout: (text) => {
        this.clear();
        base.stdout(text);
      },
      stderr: (text) => {
        this.clear();
        base.stderr(text);
      },
    };
  }

  /** `kalint: LABEL DONE/TOTAL files`; the last count of a phase is shown whatever the throttle. */
  files(label: string, done: number, total: number): void {
    // Called once per file: nothing is formatted unless it is shown.
    if (this.due(done === total)) this.show(`${label} ${count(done)}/${count(total)} files`);
  }

  /** `kalint: LABEL TOTAL files`: a phase that counts nothing as it goes. */
  phase(label: string, total: number): void {
    if (this.due(true)) this.show(`${label} ${count(total)} files`);
  }

  /** Erase the line, if one is shown. */
  clear(): void {
    if (!this.showing) return;
    this.showing = false;
    this.base.stderr('\r\x1b[K');
  }

  /** Whether to show an update now (an `important` one whatever the throttle). */
  private due(important: boolean): boolean {
    if (this.base.stderrIsTTY !== true) return false;
    const now = this.now();
    if (now - this.started < QUIET_FOR) return false;
    if (!important && now - this.lastShown < EVERY) return false;
    this.lastShown = now;
    return true;
  }

  private show(text: string): void {
    this.showing = true;
    // Back to the start of the line, the new text, then erase what a longer text left behind.
    this.base.stderr(`\rkalint: ${text}\x1b[K`);
  }
}

/** `10,000`, whatever the locale. */
function count(n: number): string {
  return n.toLocaleString('en-US');
}
