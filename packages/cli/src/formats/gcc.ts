/**
 * `file:line:col: error|warning: message [rule]`, the format of GCC and Clang that editors
 * (Vim's quickfix, Emacs' compile mode) and CI log parsers recognise; related locations follow
 * as `note:` lines, as GCC prints them.
 */
import { shownDiagnostics } from './cap.js';
import { oneBased, type Formatter } from './types.js';

/** Renders findings as GCC-style diagnostic lines. */
export const gcc: Formatter = ({ results, displayPath }) => {
  let out = '';
  for (const result of results) {
    for (const d of shownDiagnostics(result.diagnostics)) {
      const at = oneBased(d.range.start);
      out += `${displayPath(d.file)}:${at.line}:${at.column}: ${d.severity}: ${oneLine(d.message)} [${d.ruleId}]\n`;
      for (const r of d.related ?? []) {
        const rat = oneBased(r.range.start);
        out += `${displayPath(r.file)}:${rat.line}:${rat.column}: note: ${oneLine(r.message)}\n`;
      }
    }
  }
  return out;
};

/** Line-based consumers would take a continuation line for a new record. */
function oneLine(text: string): string {
  return text.replace(/\r?\n/g, ' ');
}
