/**
 * `~SEQ(...)` and `~LST(...)` lines (add_seq() and add_lst() in keepalived's lib/parser.c): what
 * a line starting with one of them sets up. The rest of the line after the closing `)` is the
 * template read once per value, with the variable defined to that value.
 */
import { skipBlanks, strtol, type ByteString } from './bytes.js';

/** One pending `~SEQ` or `~LST`: the variables it sets, the values still to come, its template. */
export interface Loop {
  template: ByteString;
  /** `~SEQ`: the variable, the next and the last value, the step, hex output. */
  sequence?: { name: ByteString; next: bigint; last: bigint; step: bigint; hex: boolean };
  /** `~LST`: the variables and the value sets still to come (each as long as `names`). */
  list?: { names: ByteString[]; sets: ByteString[][]; index: number };
}

/** keepalived copies the parameters of a `~SEQ` into a buffer of 3 longs' worth of text. */
const SEQUENCE_PARAMETERS_BYTES = 3 * 20 + 3 + 1;

/**
 * The loop a line starting `~SEQ` sets up, or null when keepalived rejects it. `substitute`
 * replaces `$NAME`s in the parameters within a buffer of the given size.
 */
export function parseSequence(line: ByteString, substitute: (text: ByteString, size: number) => ByteString, rejectBraceName: boolean): Loop | null {
  let p = 4;
  let hex = false;
  if (line[p] === 'x') {
    hex = true;
    p++;
  }
  p = skipBlanks(line, p);
  if (line[p] !== '(') return null;
  p = skipBlanks(line, p + 1);
  const nameStart = p;
  while (p < line.length && !' \t,)'.includes(line[p]!)) p++;
  const name = line.slice(nameStart, p);
  p = skipBlanks(line, p);
  if (p >= line.length || line[p] === ')' || p === nameStart || (rejectBraceName && name[0] === '{')) return null;
  // The byte after the name is taken for the comma, whatever it is.
  p = skipBlanks(line, p + 1);
  const close = line.indexOf(')', p);
  if (close < 0) return null;
  if (close + 1 - p + 1 > SEQUENCE_PARAMETERS_BYTES) return null;
  const parameters = substitute(line.slice(p, close + 1), SEQUENCE_PARAMETERS_BYTES);

  let start: bigint;
  let step: bigint;
  let end: bigint;
  const first = strtol(parameters, 0);
  let q = skipBlanks(parameters, first.end);
  if (parameters[q] === ')') {
    end = first.value;
    step = end < 1n ? -1n : 1n;
    start = end < 0n ? -1n : 1n;
  } else {
    if (parameters[q] !== ',') return null;
    const second = strtol(parameters, q + 1);
    q = skipBlanks(parameters, second.end);
    if (parameters[q] === ')') {
      start = first.value;
      end = second.value;
      step = start <= end ? 1n : -1n;
    } else {
      if (parameters[q] !== ',') return null;
      const third = strtol(parameters, q + 1);
      q = skipBlanks(parameters, third.end);
      if (parameters[q] !== ')') return null;
      start = first.value;
      step = second.value;
      end = third.value;
      if (step === 0n || (start < end && step < 0n) || (start > end && step > 0n)) return null;
    }
  }
  if (hex && (start < 0n || end < 0n)) return null;
  const template = line.slice(skipBlanks(line, close + 1));
  return { template, sequence: { name, next: start, last: end, step, hex } };
}

/** The loop a line starting `~LST` sets up, or null when keepalived rejects it. */
export function parseList(line: ByteString): Loop | null {
  let p = skipBlanks(line, 4);
  if (line[p] !== '(') return null;
  p = skipBlanks(line, p + 1);
  let terminator = ',';
  if (line[p] === '{') {
    terminator = '}';
    p = skipBlanks(line, p + 1);
  }
  const names: ByteString[] = [];
  for (;;) {
    const start = p;
    while (p < line.length && !' \t,}'.includes(line[p]!)) p++;
    names.push(line.slice(start, p));
    p = skipBlanks(line, p);
    if (line[p] === terminator) break;
    if (line[p] !== ',') return null;
    p = skipBlanks(line, p + 1);
  }
  if (line[p] === '}') p = skipBlanks(line, p + 1);
  if (line[p] !== ',') return null;
  p = skipBlanks(line, p + 1);

  const sets: ByteString[][] = [];
  for (;;) {
    let setTerminator = ',';
    if (line[p] === '{') {
      setTerminator = '}';
      p = skipBlanks(line, p + 1);
    }
    const values: ByteString[] = [];
    for (;;) {
      const start = p;
      while (p < line.length && !' \t,})'.includes(line[p]!)) p++;
      values.push(line.slice(start, p));
      p = skipBlanks(line, p);
      if (line[p] === setTerminator || (line[p] === ')' && setTerminator === ',')) break;
      if (line[p] !== ',') return null;
      p = skipBlanks(line, p + 1);
      if (values.length >= names.length) return null;
    }
    while (values.length < names.length) values.push('');
    sets.push(values);
    if (line[p] === '}' && setTerminator === '}') p = skipBlanks(line, p + 1);
    if (line[p] === ')') break;
    if (line[p] !== ',') return null;
    p = skipBlanks(line, p + 1);
  }
  const template = line.slice(skipBlanks(line, p + 1));
  return { template, list: { names, sets, index: 0 } };
}
