/**
 * What the schema rules (unknown-keyword, misplaced-keyword, keyword-version, invalid-argument,
 * deprecated-keyword) share in how they report: the note on the `{ }` of a keyword keepalived
 * ignores. Wording only.
 */
import type { Statement } from '@kalint/parser';
import { blockLabel, ROOT_PATH } from './messages.js';

/** The end of a sentence whose subject is keepalived: what it does with the `{ }` after a keyword it ignores, in `parentPath`. */
function ignoredBraces(parentPath: string): string {
  if (parentPath === ROOT_PATH) return "ignores the '{' after it and reads the lines of the block as top-level keywords.";
  const parent = blockLabel(parentPath);
  return `ignores the '{' after it: it reads the lines of the block as keywords of ${parent}, and the block's '}' then closes ${parent} early.`;
}

/**
 * ` keepalived also ignores the '{' ...` after the finding of a keyword keepalived does not know,
 * when a block is written after it (the parser's `unknown` block); else ''.
 */
export function unknownBlockNote(statement: Statement, parentPath: string): string {
  if (!statement.block || statement.block.kind !== 'unknown' || !statement.block.open) return '';
  return ` keepalived also ${ignoredBraces(parentPath)}`;
}

/** ` It also ignores the '{' ...` after the finding of a block keyword the targeted release does not know; else ''. */
export function unknownToReleaseBlockNote(statement: Statement, parentPath: string): string {
  return statement.block?.open ? ` It also ${ignoredBraces(parentPath)}` : '';
}
