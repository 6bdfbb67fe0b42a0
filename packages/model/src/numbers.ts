/**
 * Numbers as keepalived's reader takes them (lib/parser.c `read_unsigned`, `read_int`,
 * `read_decimal_unsigned`): the one place the model reads a number out of a word.
 */

/** keepalived's timers count microseconds (lib/timer.h `TIMER_HZ`, `TIMER_HZ_DIGITS`). */
export const TIMER_HZ = 1_000_000;
export const TIMER_HZ_DIGITS = 6;
export const TIMER_CENTI_HZ = TIMER_HZ / 100;
/** `TIMER_MAX_SEC`: the longest timer keepalived takes in seconds (preempt_delay, ...). */
export const TIMER_MAX_SEC = 1000;

/** lib/parser.c `read_unsigned`: a decimal in [min, max], or undefined. */
export function readUnsigned(text: string | undefined, min: number, max: number): number | undefined {
  if (text === undefined || !/^\s*\+?\d+$/.test(text)) return undefined;
  const value = Number(text.trim());
  return value >= min && value <= max ? value : undefined;
}

/** lib/parser.c `read_int`: a signed decimal in [min, max], or undefined. */
export function readInt(text: string | undefined, min: number, max: number): number | undefined {
  if (text === undefined || !/^\s*[+-]?\d+$/.test(text)) return undefined;
  const value = Number(text.trim());
  return value >= min && value <= max ? value : undefined;
}

/**
 * lib/parser.c `read_decimal_unsigned` for a timer: `text` in microseconds, with up to six decimal
 * places (a seventh rounds the sixth), in [min, max] microseconds; else undefined.
 */
export function readTimer(text: string | undefined, min: number, max: number): number | undefined {
  if (text === undefined) return undefined;
  const match = /^(\d*)(?:\.(\d*))?$/.exec(text);
  if (!match || (match[1] === '' && (match[2] ?? '') === '')) return undefined;
  const fraction = match[2] ?? '';
  const roundUp = fraction.length > TIMER_HZ_DIGITS && fraction[TIMER_HZ_DIGITS]! >= '5';
  const digits = `${match[1]}${fraction.slice(0, TIMER_HZ_DIGITS).padEnd(TIMER_HZ_DIGITS, '0')}`;
  const value = Number(digits) + (roundUp ? 1 : 0);
  return value >= min && value <= max ? value : undefined;
}

/** A timer in microseconds as seconds (`1500000` -> `1.5`). */
export function toSeconds(micro: number): number {
  return micro / TIMER_HZ;
}
