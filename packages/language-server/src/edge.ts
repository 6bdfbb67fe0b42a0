/**
 * The LSP edge: AST ranges are already 0-based line/character in UTF-16 code units, so converting
 * is copying; file paths become URIs (and back) only here.
 */
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Range as AstRange } from '@kalint/parser';
import type { Position, Range } from 'vscode-languageserver';

/** An AST range as an LSP range. */
export function lspRange(range: AstRange): Range {
  return {
    start: { line: range.start.line, character: range.start.character },
    end: { line: range.end.line, character: range.end.character },
  };
}

/** Whether `position` lies in `range` (end included: a cursor just after a word is on it). */
export function contains(range: AstRange | Range, position: Position): boolean {
  const { start, end } = range;
  if (position.line < start.line || position.line > end.line) return false;
  if (position.line === start.line && position.character < start.character) return false;
  if (position.line === end.line && position.character > end.character) return false;
  return true;
}

/** The file system path of a `file:` URI; other URIs (untitled documents) are used as they are. */
export function pathOf(uri: string): string {
  return uri.startsWith('file:') ? fileURLToPath(uri) : uri;
}

/** The URI of a path the linter reported; `uriOf` knows the open documents' own URIs. */
export function uriOfPath(path: string): string {
  return path.startsWith('/') || /^[A-Za-z]:[\\/]/.test(path) ? pathToFileURL(path).href : path;
}
