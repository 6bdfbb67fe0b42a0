/** The progress line: on a terminal only, after a second, ten updates a second at most, erased before any other output. */
import { describe, expect, it } from 'vitest';
import type { Io } from '../src/io.js';
import { Progress } from '../src/progress.js';

function terminal(stderrIsTTY = true) {
  const writes: string[] = [];
  const clock = { now: 0 };
  const io: Io = {
    stdout: (t) => void writes.push(`out:${t}`),
    stderr: (t) => void writes.push(`err:${t}`),
    isTTY: false,
    stderrIsTTY,
    cwd: '/',
    readStdin: async () => '',
    now: () => clock.now,
  };
  return { io, writes, clock };
}

describe('Progress', () => {
  it('says nothing during the first second, then counts files with thousands separators', () => {
    const { io, writes, clock } = terminal();
    const progress = new Progress(io);
    clock.now = 999;
    progress.files('parsing', 4120, 10000);
    expect(writes).toEqual([]);
    clock.now = 1000;
    progress.files('parsing', 4120, 10000);
    expect(writes).toEqual(['err:\rkalint: parsing 4,120/10,000 files\x1b[K']);
  });

  it('updates at most ten times a second, but always shows the end of a phase', () => {
    const { io, writes, clock } = terminal();
    const progress = new Progress(io);
    for (let done = 1; done <= 100; done++) {
      clock.now = 1000 + done * 10;
      progress.files('checking', done, 100);
    }
    // 1,010 ms to 2,000 ms: one update per 100 ms, and the last count.
    expect(writes).toHaveLength(11);
    expect(writes.at(-1)).toBe('err:\rkalint: checking 100/100 files\x1b[K');
    progress.phase('checking', 12345);
    expect(writes.at(-1)).toBe('err:\rkalint: checking 12,345 files\x1b[K');
  });

  it('is erased before anything else is written, and by clear()', () => {
    const { io, writes, clock } = terminal();
    const progress = new Progress(io);
    clock.now = 5000;
    progress.files('reading', 1, 2);
    progress.io.stderr('kalint: warning: something\n');
    progress.io.stdout('report\n');
    expect(writes).toEqual(['err:\rkalint: reading 1/2 files\x1b[K', 'err:\r\x1b[K', 'err:kalint: warning: something\n', 'out:report\n']);
    progress.files('reading', 2, 2);
    progress.clear();
    progress.clear();
    expect(writes.slice(4)).toEqual(['err:\rkalint: reading 2/2 files\x1b[K', 'err:\r\x1b[K']);
  });

  it('writes nothing when standard error is not a terminal', () => {
    const { io, writes, clock } = terminal(false);
    const progress = new Progress(io);
    clock.now = 60_000;
    progress.files('parsing', 1, 2);
    progress.phase('checking', 2);
    progress.clear();
    progress.io.stdout('report\n');
    expect(writes).toEqual(['out:report\n']);
  });
});
