/**
 * Reading config files and resolving includes by keepalived's rules (glob with braces, glob order,
 * regular non-executable files only). The parser does no I/O; the command line and the language
 * server hand it this host.
 */
import { closeSync, constants, fstatSync, openSync, readSync, statSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { globSync } from 'tinyglobby';
import type { IncludeHost } from '@kalint/parser';

/** Largest config file read; keepalived configs are small, anything bigger is a mistake. */
export const DEFAULT_MAX_FILE_BYTES = 16 * 1024 * 1024;

/** Why a file cannot be read as a config, in a sentence; null when it can. */
export function unreadable(path: string, maxBytes = DEFAULT_MAX_FILE_BYTES): string | null {
  let stat;
  try {
    stat = statSync(path);
  } catch (error) {
    return describeError(error, path);
  }
  if (stat.isDirectory()) return `'${path}' is a directory`;
  if (!stat.isFile()) return `'${path}' is not a regular file`;
  if (stat.size > maxBytes) return `'${path}' is ${stat.size} bytes, over the ${maxBytes}-byte limit`;
  return null;
}

/** Read a config file as text; a reason instead when it is not a readable regular file. */
export function readConfig(path: string, maxBytes = DEFAULT_MAX_FILE_BYTES): { text: string } | { error: string } {
  let fd: number;
  try {
    // O_NONBLOCK: opening a FIFO must not wait for a writer; fstat below refuses it.
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    return { error: describeError(error, path) };
  }
  try {
    const stat = fstatSync(fd);
    if (stat.isDirectory()) return { error: `'${path}' is a directory` };
    if (!stat.isFile()) return { error: `'${path}' is not a regular file` };
    if (stat.size > maxBytes) return { error: `'${path}' is ${stat.size} bytes, over the ${maxBytes}-byte limit` };
    const buffer = Buffer.alloc(stat.size);
    let read = 0;
    while (read < buffer.length) {
      const n = readSync(fd, buffer, read, buffer.length - read, read);
      if (n === 0) break;
      read += n;
    }
    return { text: buffer.subarray(0, read).toString('utf8') };
  } catch (error) {
    return { error: describeError(error, path) };
  } finally {
    closeSync(fd);
  }
}

/**
 * The include host of the command line: real files, keepalived's rules. Relative file names
 * (as the user typed them) resolve against `cwd`.
 */
export function nodeIncludeHost(
  cwd: string,
  maxBytes = DEFAULT_MAX_FILE_BYTES,
  /** Texts that win over the disk: an editor's open documents, by absolute path. */
  overlay?: ReadonlyMap<string, string>,
): IncludeHost {
  return {
    expand(pattern, fromDirectory) {
      const absolute = isAbsolute(pattern) ? pattern : resolve(cwd, fromDirectory, pattern);
      try {
        // keepalived's glob(3) returns matches sorted, and `*` does not match a leading dot.
        return globSync(absolute, { onlyFiles: false, dot: false, expandDirectories: false, absolute: true }).sort();
      } catch {
        return [];
      }
    },
    read(path) {
      path = resolve(cwd, path);
      const open = overlay?.get(path);
      if (open !== undefined) return { text: open };
      try {
        const stat = statSync(path);
        // keepalived skips executable files: a config is data, never a program.
        if (stat.isFile() && (stat.mode & 0o111) !== 0) return { error: `'${path}' is executable; keepalived skips it` };
      } catch {
        // readConfig reports it.
      }
      return readConfig(path, maxBytes);
    },
  };
}

function describeError(error: unknown, path: string): string {
  const code = (error as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT':
      return `'${path}' does not exist`;
    case 'EACCES':
    case 'EPERM':
      return `'${path}' cannot be read: permission denied`;
    case 'EISDIR':
      return `'${path}' is a directory`;
    default:
      return `'${path}' cannot be read: ${(error as Error).message}`;
  }
}
