/**
 * Where a value keepalived runs with comes from. Every value the model reports carries one, so a
 * message can say "priority 100 (keepalived's default: no priority line)" and point at the line
 * that decided it.
 */
import type { Located, Statement } from '@kalint/parser';

export type Origin =
  /** A line of this block says so. */
  | { kind: 'written'; at: Located; statement: Statement }
  /** Inherited from a `global_defs` line. */
  | { kind: 'global'; at: Located; statement: Statement }
  /** Worked out by keepalived from another setting (`state MASTER` gives priority 255); `because` says how. */
  | { kind: 'derived'; at: Located; because: string }
  /** keepalived's default: nothing in the configuration sets it. `because` names the rule, in operator's words. */
  | { kind: 'default'; because: string };

/** A value keepalived runs with, and where it comes from. */
export interface Setting<T> {
  value: T;
  origin: Origin;
}

export function written<T>(value: T, statement: Statement, at: Located = statement.args[0] ?? statement.keyword): Setting<T> {
  return { value, origin: { kind: 'written', at, statement } };
}

export function fromGlobal<T>(value: T, statement: Statement, at: Located = statement.args[0] ?? statement.keyword): Setting<T> {
  return { value, origin: { kind: 'global', at, statement } };
}

export function derived<T>(value: T, at: Located, because: string): Setting<T> {
  return { value, origin: { kind: 'derived', at, because } };
}

export function byDefault<T>(value: T, because: string): Setting<T> {
  return { value, origin: { kind: 'default', because } };
}

/** Where to point for a value: its line, or `fallback` for a default. */
export function placeOf(setting: Setting<unknown>, fallback: Located): Located {
  return setting.origin.kind === 'default' ? fallback : setting.origin.at;
}
