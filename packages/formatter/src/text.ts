/**
 * Small text helpers with keepalived's idea of white space. keepalived trims only spaces and tabs
 * (`decomment()`, the brace split); JavaScript's `trim()` and `\s` also take form feeds, vertical
 * tabs, carriage returns, U+00A0, U+FEFF and the rest of Unicode's spaces, which keepalived reads as
 * part of a comment, a `$NAME=` value or an include pattern. Nothing in the formatter trims with them.
 */

/** keepalived reads a line into a 1,024-byte buffer: 1,022 bytes and the line end fit. */
export const MAX_LINE_BYTES = 1022;

function isBlank(c: string | undefined): boolean {
  return c === ' ' || c === '\t';
}

/** `line` without its leading spaces and tabs. */
export function trimStartBlanks(line: string): string {
  let i = 0;
  while (isBlank(line[i])) i++;
  return line.slice(i);
}

/**
 * `line` without its trailing spaces and tabs, unless they are all that keeps a `\` or a `\r` from
 * ending the line: keepalived reads a final backslash as a continuation mark (and then drops the
 * blanks before it, joining it to the word in front), and strips a `\r` that ends a line.
 */
export function trimEndBlanks(line: string): string {
  let end = line.length;
  while (end > 0 && isBlank(line[end - 1])) end--;
  if (end < line.length && (line[end - 1] === '\\' || line[end - 1] === '\r')) return line;
  return line.slice(0, end);
}

/** Whether `line` is empty or holds only spaces and tabs. */
export function onlyBlanks(line: string): boolean {
  for (let i = 0; i < line.length; i++) if (!isBlank(line[i])) return false;
  return true;
}

/** The length of `text` from `start` to `end` in UTF-8 bytes, as keepalived counts it. */
export function utf8Length(text: string, start = 0, end = text.length): number {
  let bytes = 0;
  for (let i = start; i < end; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code < 0xdc00 && i + 1 < end) {
      const low = text.charCodeAt(i + 1);
      if (low >= 0xdc00 && low < 0xe000) {
        bytes += 4;
        i++;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}
