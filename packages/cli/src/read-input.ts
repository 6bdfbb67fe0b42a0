/**
 * Reading the files a command was given: the size limit (`--max-file-size`), one-line errors
 * naming the file as the user wrote it, and the warning for files that are not valid UTF-8.
 */
import { decode, DEFAULT_MAX_FILE_BYTES, readConfig, type ConfigText } from '@kalint/node';
import { UsageError, type Io } from './io.js';

/** The `--max-file-size` option's value in bytes: digits, optionally with a K, M or G suffix (powers of 1024). */
export function parseMaxFileSize(value: string | undefined): number {
  if (value === undefined) return DEFAULT_MAX_FILE_BYTES;
  const match = /^(\d+)([kmg]?)(?:i?b)?$/i.exec(value.trim());
  const bytes = match ? Number(match[1]) * 1024 ** ' kmg'.indexOf((match[2] || ' ').toLowerCase()) : NaN;
  if (!Number.isSafeInteger(bytes) || bytes <= 0) throw new UsageError(`--max-file-size expects a number of bytes (optionally with K, M or G), not '${value}'`);
  return bytes;
}

/**
 * Read the file at absolute `path`, shown as `shown`; a `UsageError` (exit 2) naming it when it
 * cannot be read. A file that is not valid UTF-8 is read with a warning on `io`'s stderr (none
 * without `io`: the caller handles `warning`).
 */
export function readInput(path: string, shown: string, maxBytes: number, io: Io | null): ConfigText {
  const read = readConfig(path, maxBytes);
  if ('error' in read) {
    const message = read.error.replace(`'${path}'`, `'${shown}'`);
    throw new UsageError(/over the \d+-byte limit/.test(message) ? `${message} (--max-file-size raises it)` : message);
  }
  if (read.warning !== undefined && io) io.stderr(`kalint: warning: ${notUtf8(shown, read)}\n`);
  return read;
}

/** `FILE:LINE: not valid UTF-8 ...`, for a file read with a warning. */
export function notUtf8(shown: string, read: ConfigText): string {
  return `${shown}:${read.invalidLine ?? 1}: not valid UTF-8: kalint reads its invalid bytes as U+FFFD (keepalived reads bytes)`;
}

/** Standard input as read: its bytes (what a command hands back unchanged) and their text. */
export interface StdinText extends ConfigText {
  bytes: Uint8Array;
}

/**
 * Read standard input, shown as `shown`, up to `maxBytes` (`--max-file-size`): a `UsageError`
 * (exit 2) once it is longer, without reading the rest. Text that is not valid UTF-8 carries
 * `warning` and `invalidLine` as a file's does; the caller decides what that means.
 */
export async function readStdin(io: Io, maxBytes: number, shown: string): Promise<StdinText> {
  const bytes = await io.readStdin(maxBytes);
  if (bytes === null) {
    const named = shown === '<stdin>' ? '' : ` ('${shown}')`;
    throw new UsageError(`standard input${named} is over the ${maxBytes}-byte limit: kalint stopped reading it (--max-file-size raises it)`);
  }
  return { bytes, ...decode(bytes, shown) };
}
