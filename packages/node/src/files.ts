/**
 * Reading config files and resolving includes by keepalived's rules (glob with braces, glob order,
 * regular non-executable files only). The parser does no I/O; the command line and the language
 * server hand it this host.
 */
import { closeSync, constants, fstatSync, openSync, readSync, statSync } from 'node:fs';
import { isAbsolute, posix, relative, resolve } from 'node:path';
import type { IncludeHost } from '@kalint/parser';
import { braceAlternatives, glob3 } from './glob.js';
import { mapAlternative, type IncludeRoots } from './include-roots.js';

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

/** A config file's text, with a warning when its bytes were not all valid UTF-8. */
export interface ConfigText {
  text: string;
  /**
   * Set when the file is not valid UTF-8: `'PATH' is not valid UTF-8 (line L): ...`. The text then
   * holds U+FFFD for each invalid sequence, so writing it back would change the file's bytes.
   */
  warning?: string;
  /** 1-based line of the first invalid byte, with `warning`. */
  invalidLine?: number;
}

/**
 * Read a config file as text; a reason instead when it is not a readable regular file.
 *
 * keepalived reads bytes and never decodes them; kalint reads UTF-8. A file that is not valid
 * UTF-8 (Latin-1 comments, a binary file) is still read, invalid sequences as U+FFFD, and the
 * result carries a warning naming the line of the first invalid byte.
 */
export function readConfig(path: string, maxBytes = DEFAULT_MAX_FILE_BYTES): ConfigText | { error: string } {
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
    return decode(buffer.subarray(0, read), path);
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
  /** Deployed directories read from the repository's (`--include-root`, `includeRoots`). */
  roots?: IncludeRoots,
): IncludeHost {
  const mapped = roots !== undefined && Object.keys(roots).length > 0 ? roots : undefined;
  /** Each brace alternative of a pattern under a deployed directory is read from its root. */
  const readFrom = (fromDirectory: string) => (mapped ? (alternative: string) => mapAlternative(alternative, fromDirectory, mapped) : undefined);
  return {
    expand(pattern, fromDirectory) {
      // keepalived's glob(3) (see glob.ts): `**` is `*`, braces alternative by alternative, a
      // plain path whatever it is (read() then refuses a device or a FIFO as keepalived does).
      // Paths are made absolute and normalised, so that an include cycle is seen as one. A
      // mapped include's paths are the repository's: findings and fixes go to the files there,
      // and a file read from there reads its own includes (relative ones from its directory, as
      // keepalived does) through the same roots.
      const from = resolve(cwd, fromDirectory);
      return glob3(pattern, from, readFrom(from)).map((path) => posix.normalize(path));
    },
    readFrom(pattern, fromDirectory) {
      if (!mapped) return undefined;
      const from = resolve(cwd, fromDirectory);
      const alternatives = braceAlternatives(pattern);
      const places = alternatives.map((alternative) => mapAlternative(alternative, from, mapped));
      if (places.every((place) => place === undefined)) return undefined;
      // Named as the user names files: relative to the working directory when below it.
      const shown = (path: string) => {
        const rel = relative(cwd, path);
        return cwd !== '/' && rel !== '' && rel !== '..' && !rel.startsWith('../') && !isAbsolute(rel) ? rel : path;
      };
      return places.map((place, i) => (place !== undefined ? shown(place) : alternatives[i]!)).join("', '");
    },
    globstarMatches(pattern, fromDirectory) {
      // A shell's globstar matches `**` at any depth; zero and two levels are enough to show
      // that it reads other files than keepalived, without walking a whole tree.
      const found = new Set<string>();
      const from = resolve(cwd, fromDirectory);
      for (const levels of ['', '*/*/']) {
        const shell = pattern.replace(/(^|\/)\*\*\/|(^|\/)\*\*$/g, (_all, lead: string | undefined, tail: string | undefined) =>
          tail !== undefined ? `${tail}${levels === '' ? '*' : '*/*'}` : `${lead ?? ''}${levels}`,
        );
        for (const path of glob3(shell, from, readFrom(from))) found.add(posix.normalize(path));
      }
      return [...found];
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

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** The text of `bytes`, with a warning when they are not valid UTF-8. */
export function decode(bytes: Uint8Array, path: string): ConfigText {
  try {
    return { text: strictUtf8.decode(bytes) };
  } catch {
    const at = firstInvalidUtf8(bytes);
    let line = 1;
    for (let i = 0; i < at; i++) if (bytes[i] === 0x0a) line++;
    return {
      text: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8'),
      warning: `'${path}' is not valid UTF-8 (line ${line}): its invalid bytes are read as U+FFFD`,
      invalidLine: line,
    };
  }
}

/** Offset of the first byte of `bytes` that does not start a valid UTF-8 sequence (length when none). */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    let n: number;
    let min: number;
    if (b < 0x80) {
      i++;
      continue;
    } else if (b >= 0xc2 && b <= 0xdf) [n, min] = [1, 0x80];
    else if (b >= 0xe0 && b <= 0xef) [n, min] = [2, 0x800];
    else if (b >= 0xf0 && b <= 0xf4) [n, min] = [3, 0x10000];
    else return i;
    if (i + n >= bytes.length) return i;
    let code = b & (0x3f >> n);
    for (let k = 1; k <= n; k++) {
      const c = bytes[i + k]!;
      if ((c & 0xc0) !== 0x80) return i;
      code = (code << 6) | (c & 0x3f);
    }
    if (code < min || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return i;
    i += n + 1;
  }
  return bytes.length;
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
