/**
 * Helpers shared by the schema rules (`unknown-keyword`, `misplaced-keyword`, `invalid-argument`,
 * `deprecated-keyword`): keyword suggestions, one finding per place, and the address syntax
 * keepalived accepts. The walk that knows each statement's block is the file index (file-index.ts).
 */
import type { ArgSpec, KeywordSpec } from '@kalint/grammar';
import type { ConfigFile, Located, Statement, Word } from '@kalint/parser';
import type { Report } from './types.js';

/** Path of the top level, as the schema names it. */
export const ROOT_PATH = 'root';

/**
 * A `report` that keeps one finding per place: `~SEQ` expansions produce several statements at
 * the same range, and one finding there is enough.
 */
export function oncePerPlace(report: (r: Report) => void): (r: Report) => void {
  const seen = new Set<string>();
  return (r) => {
    const key = `${r.at.file}\u0000${r.at.range.start.offset}\u0000${r.at.range.end.offset}`;
    if (seen.has(key)) return;
    seen.add(key);
    report(r);
  };
}

/** A schema version as people write it: `v2.3.0` → `2.3.0`. */
export function releaseLabel(version: string): string {
  return version === 'HEAD' ? 'a release after 2.4.3' : version.replace(/^v/, '');
}

/** How a block is named in messages. */
export function blockLabel(path: string): string {
  return path === ROOT_PATH ? 'the top level' : `\`${path.slice(path.lastIndexOf('/') + 1)}\``;
}

/** `in vrrp_instance` / `at the top level`. */
export function inBlock(path: string): string {
  return path === ROOT_PATH ? 'at the top level' : `in ${blockLabel(path)}`;
}

/** Where a schema path's keyword belongs, for messages: `vrrp_instance`, `virtual_server/real_server`. */
export function placeLabel(parent: string): string {
  return parent === ROOT_PATH ? 'the top level' : `\`${parent}\``;
}

/** Join words for messages: `a`, `a or b`, `a, b or c`. */
export function joinOr(items: readonly string[], conj = 'or'): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} ${conj} ${items[items.length - 1]}`;
}

/** Optimal string alignment distance (Levenshtein plus adjacent transpositions). */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => {
    const row = new Array<number>(cols).fill(0);
    row[0] = i;
    return row;
  });
  for (let j = 0; j < cols; j++) d[0]![j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[a.length]![b.length]!;
}

export interface Suggestions {
  /** Candidates equal to the name but for case. */
  caseOnly: string[];
  /** Candidates within a small edit distance (case ignored), nearest first. */
  near: string[];
}

/** Keywords close to `name` among `candidates`. */
export function suggest(name: string, candidates: Iterable<string>): Suggestions {
  const lower = name.toLowerCase();
  const unique = [...new Set(candidates)].filter((c) => c !== name);
  const caseOnly = unique.filter((c) => c.toLowerCase() === lower);
  if (caseOnly.length > 0) return { caseOnly, near: [] };
  const limit = lower.length <= 3 ? 0 : lower.length <= 5 ? 1 : lower.length <= 11 ? 2 : 3;
  if (limit === 0) return { caseOnly, near: [] };
  const scored = unique
    .map((c) => ({ c, d: editDistance(lower, c.toLowerCase()) }))
    .filter((s) => s.d <= limit)
    .sort((x, y) => x.d - y.d || x.c.localeCompare(y.c));
  const best = scored[0]?.d;
  return { caseOnly, near: scored.filter((s) => s.d === best).slice(0, 3).map((s) => s.c) };
}

/** The span from the first to the last word (words of one file). */
export function span(words: readonly Word[]): Located {
  const first = words[0]!;
  const last = words.filter((w) => w.file === first.file).pop()!;
  return { file: first.file, range: { start: first.range.start, end: last.range.end } };
}

/** `inet_pton(AF_INET, ...)` as glibc implements it: four decimal parts, no leading zeros. */
export function isIPv4(text: string): boolean {
  // Four parts split at '.', each /^(0|[1-9]\d{0,2})$/ and at most 255 (hand-written: this runs for every address word).
  let parts = 0;
  let value = 0;
  let digits = 0;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 46; /* '.' ends the last part */
    if (c === 46) {
      if (digits === 0 || value > 255) return false;
      parts++;
      value = 0;
      digits = 0;
    } else if (c >= 48 && c <= 57) {
      if (digits === 1 && value === 0) return false; // a leading zero
      if (++digits > 3) return false;
      value = value * 10 + (c - 48);
    } else {
      return false;
    }
  }
  return parts === 4;
}

/** `inet_pton(AF_INET6, ...)`: hex groups, at most one `::`, an optional dotted IPv4 tail. */
export function isIPv6(text: string): boolean {
  if (!/^[0-9A-Fa-f:.]+$/.test(text)) return false;
  const doubles = text.split('::').length - 1;
  if (doubles > 1) return false;
  let groups = 0;
  const sides = doubles === 1 ? text.split('::') : [text];
  for (let s = 0; s < sides.length; s++) {
    const side = sides[s]!;
    if (side === '') continue;
    const parts = side.split(':');
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i]!;
      const lastOverall = s === sides.length - 1 && i === parts.length - 1;
      if (part.includes('.')) {
        if (!lastOverall || !isIPv4(part)) return false;
        groups += 2;
      } else if (/^[0-9A-Fa-f]{1,4}$/.test(part)) {
        groups += 1;
      } else {
        return false;
      }
    }
  }
  return doubles === 1 ? groups <= 7 : groups === 8;
}

/** An address as keepalived's `inet_stosockaddr` reads it: anything after `-` or `/` is dropped, `:` means IPv6. */
export function socketAddressFamily(text: string): 4 | 6 | null {
  const cut = text.search(/[-/]/);
  const address = cut >= 0 ? text.slice(0, cut) : text;
  if (address.includes(':')) return isIPv6(address) ? 6 : null;
  return isIPv4(address) ? 4 : null;
}

/** A `$NAME` / `${NAME}` that no definition replaced, or a `<placeholder>` left from a template. */
export function leftover(text: string): 'parameter' | 'placeholder' | null {
  // Each pattern needs a character tested first: `$` leading, a `<`, or a leading `x`/`X`.
  const first = text.charCodeAt(0);
  if (first === 36 && (/^\$\{?[A-Za-z_][A-Za-z0-9_]*\}?$/.test(text) || text === '$')) return 'parameter';
  if ((text.includes('<') && /<[^<>]+>/.test(text)) || ((first === 120 || first === 88) && /^x{1,3}(\.x{1,3}){3}$/i.test(text))) return 'placeholder';
  return null;
}

/** A note explaining a leftover, or ''. */
export function leftoverNote(text: string): string {
  const kind = leftover(text);
  if (kind === 'parameter') return ' (it looks like a `$` parameter that no definition replaced)';
  if (kind === 'placeholder') return ' (it looks like a placeholder that was never filled in)';
  return '';
}

/** Whether two argument specs take the same words (names of placeholders aside). */
export function sameArgs(a: KeywordSpec['args'], b: KeywordSpec['args']): boolean {
  const strip = (s: ArgSpec | null | undefined) => (s ? { ...s, name: '' } : s);
  const norm = (x: KeywordSpec['args']) =>
    JSON.stringify({
      min: x.min,
      max: x.max,
      positional: x.positional.map(strip),
      options: x.options ? Object.fromEntries(Object.entries(x.options).map(([k, v]) => [k, strip(v)])) : undefined,
      rest: strip(x.rest),
    });
  return norm(a) === norm(b);
}

/** Statements directly inside a keyword block. */
export function childStatements(statement: Statement | undefined, ast: ConfigFile): Statement[] {
  const body = statement ? (statement.block?.body ?? []) : ast.body;
  return body.filter((n): n is Statement => n.type === 'Statement');
}
