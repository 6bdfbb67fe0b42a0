import { chmodSync, lstatSync, readdirSync, readFileSync, statSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeAtomic } from '../src/write-atomic.js';
import { scratch } from './helpers.js';

describe('writeAtomic', () => {
  it('replaces the contents and keeps the mode, setgid and sticky bits included', () => {
    const dir = scratch({ 'k.conf': 'old\n' });
    const file = join(dir, 'k.conf');
    for (const mode of [0o600, 0o644, 0o755, 0o2640]) {
      chmodSync(file, mode);
      writeAtomic(file, `mode ${mode.toString(8)}\n`);
      expect(readFileSync(file, 'utf8')).toBe(`mode ${mode.toString(8)}\n`);
      expect(statSync(file).mode & 0o7777).toBe(mode);
    }
    expect(readdirSync(dir)).toEqual(['k.conf']);
  });

  it('writes text with multi-byte characters whole', () => {
    const dir = scratch({ 'k.conf': '' });
    const text = '! Ünïcödé ✓ '.repeat(10_000);
    writeAtomic(join(dir, 'k.conf'), text);
    expect(readFileSync(join(dir, 'k.conf'), 'utf8')).toBe(text);
  });

  it('leaves the original untouched and removes its temporary file when the rename fails', () => {
    const dir = scratch({ 'k.conf': 'original\n' });
    chmodSync(join(dir, 'k.conf'), 0o640);
    const failure = Object.assign(new Error('EXDEV: cross-device link not permitted'), { code: 'EXDEV' });
    let tempSeen = '';
    expect(() =>
      writeAtomic(join(dir, 'k.conf'), 'new\n', {
        rename: (from) => {
          // The new text is complete in the temporary file, in the same directory, before the rename.
          tempSeen = from;
          expect(readFileSync(from, 'utf8')).toBe('new\n');
          throw failure;
        },
      }),
    ).toThrow(failure);
    expect(tempSeen.startsWith(join(dir, '.k.conf.kalint-'))).toBe(true);
    expect(readFileSync(join(dir, 'k.conf'), 'utf8')).toBe('original\n');
    expect(statSync(join(dir, 'k.conf')).mode & 0o7777).toBe(0o640);
    expect(readdirSync(dir)).toEqual(['k.conf']);
  });

  it('refuses a file that does not exist, creating nothing', () => {
    const dir = scratch({});
    expect(() => writeAtomic(join(dir, 'missing.conf'), 'x')).toThrow(/ENOENT/);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('replaces the target of a symbolic link and keeps the link', () => {
    const dir = scratch({ 'real/k.conf': 'old\n' });
    symlinkSync(join(dir, 'real/k.conf'), join(dir, 'link.conf'));
    writeAtomic(join(dir, 'link.conf'), 'new\n');
    expect(lstatSync(join(dir, 'link.conf')).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(dir, 'real/k.conf'), 'utf8')).toBe('new\n');
    expect(readdirSync(join(dir, 'real'))).toEqual(['k.conf']);
  });
});
