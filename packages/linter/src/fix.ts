/** Applying fixes to text. */
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
