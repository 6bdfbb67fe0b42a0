/**
 * How findings name things: files and lines, lists, blocks, suggestions for a mistyped keyword.
 * Wording only; what keepalived does is the model's (`@kalint/model`).
 */
import { anchor, type VrrpInstance } from '@kalint/model';
import type { Located, Word } from '@kalint/parser';
import type { Project } from './project.js';
import type { Related } from './types.js';

/** Path of the top level, as the schema names it. */
export const ROOT_PATH = 'root';

/** 1-based line of a place. */
export function lineOf(at: Located): number {
  return at.range.start.line + 1;
}

/** `ha2.conf (line 37)`. */
export function where(project: Project, at: Located): string {
  return `${project.fileName(at.file)} (line ${lineOf(at)})`;
}

/** Where to point when talking about an instance's priority: its line, else its state line, else the instance. */
export function priorityPlace(instance: VrrpInstance): Located {
  if (instance.priority.origin.kind !== 'default') return instance.priority.origin.at;
  if (instance.state.origin.kind !== 'default') return instance.state.origin.at;
  return anchor(instance.statement);
}

/** A `related` entry pointing at a peer's line. */
export function related(at: Located, message: string): Related {
  return { file: at.file, range: at.range, message };
}

/** `a`, `a and b`, `a, b and c`. */
export function list(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** Join words for messages: `a`, `a or b`, `a, b or c`. */
export function joinOr(items: readonly string[], conj = 'or'): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} ${conj} ${items[items.length - 1]}`;
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

/** `real_server 10.1.8.12 80`, `virtual_server 10.1.8.100 80`: a block line as written. */
export function describeLine(statement: { keyword: Word; args: Word[] }): string {
  return [statement.keyword.text, ...statement.args.map((w) => w.text)].join(' ');
}
