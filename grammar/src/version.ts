/**
 * keepalived release numbers, and the argument specs as a given release reads them.
 */
import type { ArgReading, ArgSpec } from './types.js';

/** `X.Y.Z` (or `vX.Y.Z`, `X.Y`) as numbers, or `null`. */
export function parseVersion(text: string): [number, number, number] | null {
  const match = /^v?(\d+)\.(\d+)(?:\.(\d+))?$/.exec(text.trim());
  return match ? [Number(match[1]), Number(match[2]), Number(match[3] ?? 0)] : null;
}

/** Compare two schema versions; `HEAD` (unreleased) is newer than every release. */
export function compareVersions(a: string, b: string): number {
  const va = a === 'HEAD' ? [Infinity, 0, 0] : parseVersion(a);
  const vb = b === 'HEAD' ? [Infinity, 0, 0] : parseVersion(b);
  if (!va || !vb) return 0;
  for (let i = 0; i < 3; i++) if (va[i] !== vb[i]) return va[i]! < vb[i]! ? -1 : 1;
  return 0;
}

/**
 * An argument spec as one release reads it: `newer` is the spec it differs from, and `ignored` is
 * set when that release does not read the word at all (`ArgReading.ignored`).
 */
export type ArgSpecAt = ArgSpec & { newer?: ArgSpec; ignored?: string };

/**
 * An argument spec as keepalived `version` reads it: the spec itself, or, for a release before its
 * `since`, with the fields of its `older` reading (and so on down the chain). The result has no
 * `since`/`older` of its own; `newer` is the spec it differs from, for messages such as "accepted
 * from 2.3.2 on".
 */
export function argSpecAt(spec: ArgSpec, version: string): ArgSpecAt {
  if (spec.since === undefined || spec.older === undefined || compareVersions(version, spec.since) >= 0) return spec;
  let reading: ArgReading = spec.older;
  while (reading.since !== undefined && reading.older !== undefined && compareVersions(version, reading.since) < 0) reading = reading.older;
  const { since: _since, older: _older, ...fields } = reading;
  return { ...spec, since: undefined, older: undefined, ...fields, newer: spec };
}
