/** Applying fixes to text, and what a statement's fix may touch. */
import type { KeywordSpec } from '@kalint/grammar';
import type { Range, Statement } from '@kalint/parser';
import type { Diagnostic, TextEdit } from './types.js';

/**
 * Apply non-overlapping edits of one file to its text (later edits first, so offsets stay valid).
 * An edit overlapping one already taken is skipped; a later run picks it up.
 */
export function applyEdits(text: string, edits: TextEdit[]): { text: string; applied: number } {
  const sorted = [...edits].sort((a, b) => b.range.start.offset - a.range.start.offset);
  let out = text;
  let applied = 0;
  let limit = Infinity;
  for (const edit of sorted) {
    if (edit.range.end.offset > limit) continue;
    out = out.slice(0, edit.range.start.offset) + edit.text + out.slice(edit.range.end.offset);
    limit = edit.range.start.offset;
    applied++;
  }
  return { text: out, applied };
}

/** The fix edits of `diagnostics` that touch `file`. */
export function fixEdits(diagnostics: Diagnostic[], file: string): TextEdit[] {
  return diagnostics.flatMap((d) => d.fix?.edits.filter((e) => e.file === file) ?? []);
}

/**
 * The text a statement owns, which is all a fix of the statement may remove or move: its keyword
 * and arguments, and its block only when the schema says the keyword opens one. keepalived reads
 * the `{ ... }` after a keyword that takes no block (or that it does not know) as an unexpected
 * `{` and its lines as lines of the enclosing block; the parser still hangs such a block on the
 * statement (kind `unknown`), but those lines are not the statement's to delete.
 */
export function ownedRange(statement: Statement): Range {
  if (statement.block && statement.block.kind !== 'unknown' && statement.spec?.block) return statement.range;
  const last = statement.args.length > 0 ? statement.args[statement.args.length - 1]! : statement.keyword;
  return { start: statement.keyword.range.start, end: last.range.end };
}

/**
 * Whether writing `replacement` over the statement's keyword leaves every line where keepalived
 * reads it. Yes when both keywords open the same kind of block or neither opens one (a keyword
 * keepalived does not know, `spec` null, opens none). A keyword keepalived does not know written
 * with a block of its own (`Global_Defs { ... }`, braces on both ends) may become a block keyword:
 * the block was written for it. But never a block keyword when no block is written, which would
 * hand it the lines that follow (a value keyword reads items up to the next `}`, wherever that is),
 * and a value keyword only over a block with no braces inside, which it would end at the first `}`.
 */
export function renameKeepsBlocks(statement: Statement, replacement: KeywordSpec): boolean {
  const current = statement.spec?.block ?? null;
  if (current === replacement.block) return true;
  const block = statement.block;
  if (current !== null || replacement.block === null || block?.kind !== 'unknown' || block.open === null || block.close === null) return false;
  return replacement.block === 'keywords' || block.body.every((node) => node.type !== 'Block' && !(node.type === 'Statement' && node.block));
}
