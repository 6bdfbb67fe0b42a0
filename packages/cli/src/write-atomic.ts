/**
 * Replacing a file without ever leaving it half written: `--fix` must not destroy a config when
 * the disk fills up or the process is killed mid-write, since keepalived may reload it at any time.
 */
import { closeSync, fchmodSync, fchownSync, fsyncSync, openSync, realpathSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** The file-system calls `writeAtomic` makes that tests may replace to simulate failures. */
export interface AtomicWriteFs {
  rename(from: string, to: string): void;
}

const realFs: AtomicWriteFs = { rename: renameSync };

/** Temporary names made by this process, so two writes of one file never pick the same name. */
let made = 0;

/**
 * A new file beside the target, created exclusively. The name needs to be unpredictable only in
 * the sense that an existing file is never reused: `wx` guarantees that, and a name already taken
 * is skipped. (No `node:crypto` for the suffix: loading it costs every run start-up time.)
 */
function createTemp(prefix: string): { temp: string; fd: number } {
  for (let attempt = 0; ; attempt++) {
    const temp = `${prefix}-${(made++).toString(16)}${Math.floor(Math.random() * 0x10000).toString(16).padStart(4, '0')}.tmp`;
    try {
      return { temp, fd: openSync(temp, 'wx', 0o600) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt >= 100) throw error;
    }
  }
}

/**
 * Replace the contents of the existing file `path` with `text`: write a temporary file in the
 * same directory (so the rename stays on one file system and is atomic), give it the original's
 * mode (and owner, where permitted), flush it, then rename it over the original. On any failure
 * the temporary file is removed and the original is left as it was; the error is rethrown.
 *
 * A symbolic link is followed and its target replaced, so the link itself survives. Hard links
 * to the file do not follow the new contents (the rename gives the name a new inode).
 */
export function writeAtomic(path: string, text: string, fs: AtomicWriteFs = realFs): void {
  const target = realpathSync(path);
  const stat = statSync(target);
  // 'wx': never reuse or follow an existing name; 0o600 until the final mode is set below.
  const { temp, fd } = createTemp(join(dirname(target), `.${basename(target)}.kalint-${process.pid}`));
  let renamed = false;
  try {
    try {
      const data = Buffer.from(text, 'utf8');
      let written = 0;
      while (written < data.length) written += writeSync(fd, data, written, data.length - written);
      // fchmod rather than the open mode: the umask must not narrow the original's permissions.
      fchmodSync(fd, stat.mode & 0o7777);
      try {
        fchownSync(fd, stat.uid, stat.gid);
      } catch {
        // Only root may give a file away; an unprivileged user's file already has the right owner.
      }
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    fs.rename(temp, target);
    renamed = true;
  } finally {
    if (!renamed) {
      try {
        unlinkSync(temp);
      } catch {
        // Already gone; nothing else to clean up.
      }
    }
  }
}
