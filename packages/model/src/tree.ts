/**
 * Reading a block as keepalived does: only the keywords it knows at that place count (it skips the
 * others), and the contents of blocks it does not know are not its statements at all. The one
 * home of these walks; everything that asks "what is inside this block" asks here.
 */
import type { Located, Statement, Value, Word } from '@kalint/parser';

/** Keyword statements directly inside a block that keepalived knows at that place. */
export function knownChildren(statement: Statement): Statement[] {
  if (!statement.block || statement.block.kind === 'unknown') return [];
  const found: Statement[] = [];
  for (const n of statement.block.body) if (n.type === 'Statement' && n.path !== null) found.push(n);
  return found;
}

/** Item lines of a value block (`virtual_ipaddress { ... }`). */
export function childValues(statement: Statement): Value[] {
  if (!statement.block || statement.block.kind !== 'values') return [];
  const found: Value[] = [];
  for (const n of statement.block.body) if (n.type === 'Value') found.push(n);
  return found;
}

/** Children of `statement` at the schema path `path`, in order. */
export function childrenAt(statement: Statement, path: string): Statement[] {
  const found: Statement[] = [];
  if (!statement.block || statement.block.kind === 'unknown') return found;
  for (const n of statement.block.body) if (n.type === 'Statement' && n.path === path) found.push(n);
  return found;
}

/** The last child at `path`: the one keepalived keeps when a setting is repeated. */
export function lastChildAt(statement: Statement, path: string): Statement | undefined {
  if (!statement.block || statement.block.kind === 'unknown') return undefined;
  const body = statement.block.body;
  for (let i = body.length - 1; i >= 0; i--) {
    const n = body[i]!;
    if (n.type === 'Statement' && n.path === path) return n;
  }
  return undefined;
}

/** Where to point at a statement: its first argument, or the keyword. */
export function anchor(statement: Statement): Word {
  return statement.args[0] ?? statement.keyword;
}

/** The words of a statement after the keyword, as text. */
export function argsText(statement: Statement): string {
  const args = statement.args;
  // Most lines have one word: no array to build for them (this runs for every line of every virtual server).
  if (args.length === 1) return args[0]!.text;
  return args.map((w) => w.text).join(' ');
}

/** A word that came out of `$NAME` substitution or a `~SEQ` expansion: no fix may rewrite it. */
export function isExpanded(word: Word): boolean {
  return word.expansion !== undefined;
}

/** The span from the first to the last word (words of one file). */
export function span(words: readonly Word[]): Located {
  const first = words[0]!;
  const last = words.filter((w) => w.file === first.file).pop()!;
  return { file: first.file, range: { start: first.range.start, end: last.range.end } };
}
