/**
 * The default output, modelled on ESLint's `stylish`: findings grouped by file, one aligned row
 * each (`line:col  severity  message  rule-id`), related places indented below, and a summary.
 * Nothing at all when there is nothing to report, so a clean run is silent.
 */
import { colors } from './colors.js';
import { shownDiagnostics } from './cap.js';
import { oneBased, type Formatter } from './types.js';

/** Messages longer than this are not padded to, nor aligned with. */
const MAX_ALIGNED_MESSAGE = 80;

/** Renders findings for people: grouped by file, aligned, with a summary. */
export const stylish: Formatter = ({ results, color, displayPath }) => {
  const c = colors(color);
  let out = '';
  let errors = 0;
  let warnings = 0;
  let fixableErrors = 0;
  let fixableWarnings = 0;
  for (const result of results) {
    if (result.diagnostics.length === 0) continue;
    // The summary counts every finding; the rows show at most 100 of a rule (cap.ts).
    for (const d of result.diagnostics) {
      if (d.severity === 'error') {
        errors++;
        if (d.fix) fixableErrors++;
      } else {
        warnings++;
        if (d.fix) fixableWarnings++;
      }
    }
    const rows = shownDiagnostics(result.diagnostics).map((d) => {
      const at = oneBased(d.range.start);
      return { d, line: String(at.line), column: String(at.column) };
    });
    // Widths by a loop, not `Math.max(...rows)`: a file with 150,000 findings would pass that many
    // arguments and overflow the stack.
    let lineWidth = 0;
    let columnWidth = 0;
    let severityWidth = 0;
    // Rule ids line up after short messages; a long message is not allowed to push every other
    // row's rule id off the screen.
    let messageWidth = 0;
    for (const r of rows) {
      lineWidth = Math.max(lineWidth, r.line.length);
      columnWidth = Math.max(columnWidth, r.column.length);
      severityWidth = Math.max(severityWidth, r.d.severity.length);
      const width = firstLine(r.d.message).length;
      if (width <= MAX_ALIGNED_MESSAGE) messageWidth = Math.max(messageWidth, width);
    }
    out += `\n${c.underline(result.path)}\n`;
    for (const { d, line, column } of rows) {
      const position = c.dim(`${line.padStart(lineWidth)}:${column.padEnd(columnWidth)}`);
      const severity = (d.severity === 'error' ? c.red : c.yellow)(d.severity.padEnd(severityWidth));
      out += `  ${position}  ${severity}  ${firstLine(d.message).padEnd(messageWidth)}  ${c.dim(d.ruleId)}\n`;
      const indent = ' '.repeat(2 + lineWidth + 1 + columnWidth + 2 + severityWidth + 2);
      for (const more of d.message.split(/\r?\n/).slice(1)) out += `${indent}${more}\n`;
      for (const r of d.related ?? []) {
        const rat = oneBased(r.range.start);
        out += `${indent}${c.dim(`${displayPath(r.file)}:${rat.line}:${rat.column}:`)} ${r.message}\n`;
      }
    }
  }
  const total = errors + warnings;
  if (total === 0) return '';
  const summary = `\u2716 ${total} ${plural(total, 'problem')} (${errors} ${plural(errors, 'error')}, ${warnings} ${plural(warnings, 'warning')})`;
  const paint = (text: string) => c.bold(errors > 0 ? c.red(text) : c.yellow(text));
  out += `\n${paint(summary)}\n`;
  if (fixableErrors + fixableWarnings > 0) {
    out += paint(`  ${fixableErrors} ${plural(fixableErrors, 'error')} and ${fixableWarnings} ${plural(fixableWarnings, 'warning')} potentially fixable with the \`--fix\` option.`) + '\n';
  }
  return out;
};

function firstLine(text: string): string {
  const end = text.search(/\r?\n/);
  return end < 0 ? text : text.slice(0, end);
}

function plural(n: number, word: string): string {
  return n === 1 ? word : `${word}s`;
}
