/** Choosing which fixes to apply together in one `--fix` pass. */
import type { Diagnostic, TextEdit } from '@kalint/linter';

/**
 * The edits of the fixes that can be applied together, by file: fixes are taken in order, and a
 * fix is taken whole or not at all — if any of its edits touches or overlaps an edit already
 * taken, or edits a file `canEdit` refuses, the fix waits for the next pass (which re-lints the
 * changed text). Touching edits count as conflicting, as in ESLint: two insertions at one offset
 * have no defined order.
 */
export function selectFixes(diagnostics: Iterable<Diagnostic>, canEdit: (file: string) => boolean): Map<string, TextEdit[]> {
  const chosen = new Map<string, TextEdit[]>();
  for (const d of diagnostics) {
    const edits = d.fix?.edits;
    if (!edits || edits.length === 0) continue;
    const fits = edits.every(
      (edit, i) =>
        canEdit(edit.file) &&
        !(chosen.get(edit.file) ?? []).some((other) => conflict(edit, other)) &&
        !edits.slice(0, i).some((other) => other.file === edit.file && conflict(edit, other)),
    );
    if (!fits) continue;
    for (const edit of edits) {
      const list = chosen.get(edit.file) ?? [];
      list.push(edit);
      chosen.set(edit.file, list);
    }
  }
  return chosen;
}

function conflict(a: TextEdit, b: TextEdit): boolean {
  return a.range.start.offset <= b.range.end.offset && b.range.start.offset <= a.range.end.offset;
}
