/**
 * File access for linting: includes resolved by keepalived's rules, with open documents read
 * from the editor rather than the disk, and the workspace's keepalived configs found the way
 * `kalint DIR` finds them.
 */
import { closeSync, constants, fstatSync, openSync, readSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { schema, ROOT } from '@kalint/grammar';
import type { IncludeHost } from '@kalint/parser';
import { globSync } from 'tinyglobby';

const MAX_FILE_BYTES = 16 * 1024 * 1024;

/** Read a config file; a reason instead when it is not a readable regular file. */
export function readConfig(path: string): { text: string } | { error: string } {
  let fd: number;
  try {
    // O_NONBLOCK: opening a FIFO must not wait for a writer.
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    return { error: `'${path}' cannot be read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}` };
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) return { error: `'${path}' is not a regular file` };
    if (stat.size > MAX_FILE_BYTES) return { error: `'${path}' is ${stat.size} bytes, over the ${MAX_FILE_BYTES}-byte limit` };
    const buffer = Buffer.alloc(stat.size);
    let read = 0;
    while (read < buffer.length) {
      const n = readSync(fd, buffer, read, buffer.length - read, read);
      if (n === 0) break;
      read += n;
    }
    return { text: buffer.subarray(0, read).toString('utf8') };
  } catch (error) {
    return { error: `'${path}' cannot be read: ${(error as Error).message}` };
  } finally {
    closeSync(fd);
  }
}

/** The include host: the editor's text for open documents, the disk for everything else. */
export function includeHost(open: ReadonlyMap<string, string>): IncludeHost {
  return {
    expand(pattern, fromDirectory) {
      const absolute = isAbsolute(pattern) ? pattern : resolve(fromDirectory, pattern);
      try {
        // keepalived's glob(3) returns matches sorted, and `*` does not match a leading dot.
        return globSync(absolute, { onlyFiles: false, dot: false, expandDirectories: false, absolute: true }).sort();
      } catch {
        return [];
      }
    },
    read(path) {
      const text = open.get(path);
      if (text !== undefined) return { text };
      try {
        const stat = statSync(path);
        // keepalived skips executable files.
        if (stat.isFile() && (stat.mode & 0o111) !== 0) return { error: `'${path}' is executable; keepalived skips it` };
      } catch {
        // readConfig reports it.
      }
      return readConfig(path);
    },
  };
}

/** Top-level block keywords, from the schema: a `*.conf` with a line starting with one is a keepalived config. */
const TOP_LEVEL = new RegExp(
  `^[ \\t]*(?:@\\^?\\S+[ \\t]+)?(?:${schema
    .childrenOf(ROOT)
    .filter((k) => k.block !== null)
    .map((k) => k.name)
    .join('|')})\\b`,
  'm',
);

/**
 * The keepalived configs below `root`, as `kalint DIR` finds them: `keepalived.conf`,
 * `*.keepalived.conf`, `*.conf` below a directory named `keepalived`, and `*.conf` with a line
 * starting with a top-level keepalived block keyword. Skips `node_modules` and dot-directories.
 */
export function findConfigs(root: string): string[] {
  let candidates: string[];
  try {
    candidates = globSync('**/*.conf', { cwd: root, absolute: true, onlyFiles: true, dot: false, ignore: ['**/node_modules/**'], followSymbolicLinks: false });
  } catch {
    return [];
  }
  const base = dirname(root);
  const found: string[] = [];
  for (const file of candidates.map((f) => resolve(f)).sort()) {
    const name = basename(file);
    const dirs = relative(base, dirname(file)).split(sep);
    if (name === 'keepalived.conf' || name.endsWith('.keepalived.conf') || dirs.includes('keepalived')) {
      found.push(file);
      continue;
    }
    const read = readConfig(file);
    if ('text' in read && TOP_LEVEL.test(read.text)) found.push(file);
  }
  return found;
}

/** Reads files once per change of their modification time. */
export class FileCache {
  private readonly cache = new Map<string, { mtimeMs: number; size: number; text: string | null }>();

  /** The text of `path`, or null when it cannot be read. */
  read(path: string): string | null {
    let stat;
    try {
      stat = statSync(path);
    } catch {
      this.cache.delete(path);
      return null;
    }
    const known = this.cache.get(path);
    if (known && known.mtimeMs === stat.mtimeMs && known.size === stat.size) return known.text;
    const read = readConfig(path);
    const text = 'text' in read ? read.text : null;
    this.cache.set(path, { mtimeMs: stat.mtimeMs, size: stat.size, text });
    return text;
  }
}
