/**
 * keepalived reads its configuration as bytes, with the C library's character classes in the "C"
 * locale. This model keeps text as byte strings: JavaScript strings whose every code unit is one
 * byte (0 to 255), so that indexes, lengths and comparisons are byte-exact and no decoding choice
 * can hide a difference.
 */

/** A string holding one byte per code unit. */
export type ByteString = string;

const asciiOnly = /^[\x00-\x7f]*$/;
const encoder = new TextEncoder();
// `ignoreBOM` keeps a leading U+FEFF in a word instead of swallowing it.
const decoder = new TextDecoder('utf-8', { ignoreBOM: true });

/** The bytes of `input`: a Uint8Array as it is, a string encoded as UTF-8. */
export function toByteString(input: string | Uint8Array): ByteString {
  if (typeof input === 'string') {
    if (asciiOnly.test(input)) return input;
    input = encoder.encode(input);
  }
  const parts: string[] = [];
  const step = 0x2000;
  for (let i = 0; i < input.length; i += step) {
    parts.push(String.fromCharCode.apply(null, input.subarray(i, i + step) as unknown as number[]));
  }
  return parts.join('');
}

/** A byte string read back as UTF-8 (invalid sequences become U+FFFD), for people to read. */
export function fromByteString(bytes: ByteString): string {
  if (asciiOnly.test(bytes)) return bytes;
  const array = new Uint8Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) array[i] = bytes.charCodeAt(i);
  return decoder.decode(array);
}

/** `isblank()`: space and tab. decomment() trims only these. */
export function isBlank(code: number): boolean {
  return code === 0x20 || code === 0x09;
}

/** `isspace()`: space, \t, \n, \v, \f, \r; also the set the word splitter splits on. */
export function isSpace(code: number): boolean {
  return code === 0x20 || (code >= 0x09 && code <= 0x0d);
}

export function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

export function isAlpha(code: number): boolean {
  return (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
}

export function isAlnum(code: number): boolean {
  return isAlpha(code) || isDigit(code);
}

/** Index of the first byte at or after `from` that is not a space or tab. */
export function skipBlanks(text: ByteString, from: number): number {
  let i = from;
  while (i < text.length && isBlank(text.charCodeAt(i))) i++;
  return i;
}

/** `text` without its trailing spaces and tabs. */
export function trimEndBlanks(text: ByteString): ByteString {
  let end = text.length;
  while (end > 0 && isBlank(text.charCodeAt(end - 1))) end--;
  return end === text.length ? text : text.slice(0, end);
}

const LONG_MAX = (1n << 63n) - 1n;
const LONG_MIN = -(1n << 63n);
const ULONG_MAX = (1n << 64n) - 1n;

function digitValue(code: number): number {
  if (isDigit(code)) return code - 0x30;
  if (code >= 0x61 && code <= 0x66) return code - 0x61 + 10;
  if (code >= 0x41 && code <= 0x46) return code - 0x41 + 10;
  return 99;
}

/**
 * `strtol(text + from, &end, 0)` on a 64-bit long: leading white space, a sign, then a hex
 * (`0x`), octal (leading `0`) or decimal number; clamped to the long range. Without digits the
 * value is 0 and `end` is `from`.
 */
export function strtol(text: ByteString, from: number): { value: bigint; end: number } {
  let i = from;
  while (i < text.length && isSpace(text.charCodeAt(i))) i++;
  let negative = false;
  if (text[i] === '+' || text[i] === '-') {
    negative = text[i] === '-';
    i++;
  }
  let base = 10;
  if (text[i] === '0') {
    if ((text[i + 1] === 'x' || text[i + 1] === 'X') && digitValue(text.charCodeAt(i + 2)) < 16) {
      base = 16;
      i += 2;
    } else {
      base = 8;
    }
  }
  const first = i;
  let value = 0n;
  const big = BigInt(base);
  while (i < text.length) {
    const digit = digitValue(text.charCodeAt(i));
    if (digit >= base) break;
    if (value <= ULONG_MAX) value = value * big + BigInt(digit);
    i++;
  }
  if (i === first) return { value: 0n, end: from };
  if (negative) value = -value;
  if (value > LONG_MAX) value = LONG_MAX;
  if (value < LONG_MIN) value = LONG_MIN;
  return { value, end: i };
}

/** `strtoul(text + from, &end, 10)` for the digit-and-space parameters of `${_RANDOM MIN MAX}`. */
export function strtoulDecimal(text: ByteString, from: number): { value: bigint; end: number } {
  let i = from;
  while (i < text.length && isSpace(text.charCodeAt(i))) i++;
  const first = i;
  let value = 0n;
  while (i < text.length && isDigit(text.charCodeAt(i))) {
    if (value <= ULONG_MAX) value = value * 10n + BigInt(text.charCodeAt(i) - 0x30);
    i++;
  }
  if (i === first) return { value: 0n, end: from };
  return { value: value > ULONG_MAX ? ULONG_MAX : value, end: i };
}

/** Wraps a value to a signed 64-bit long, as `seq->next += seq->step` does on overflow. */
export function wrapLong(value: bigint): bigint {
  return BigInt.asIntN(64, value);
}
