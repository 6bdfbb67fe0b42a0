/**
 * GitHub Actions workflow commands (`::error file=F,line=L,...::message`): a step running kalint
 * annotates the pull request's lines without any upload step.
 */
import { shownDiagnostics } from './cap.js';
import { oneBased, type Formatter } from './types.js';

/** Renders findings as GitHub Actions `::error`/`::warning` workflow commands. */
export const github: Formatter = ({ results, displayPath }) => {
  let out = '';
  for (const result of results) {
    for (const d of shownDiagnostics(result.diagnostics)) {
      const start = oneBased(d.range.start);
      const end = oneBased(d.range.end);
      const properties = [
        `file=${escapeProperty(displayPath(d.file))}`,
        `line=${start.line}`,
        `col=${start.column}`,
        `endLine=${end.line}`,
        `endColumn=${end.column}`,
        `title=${escapeProperty(d.ruleId)}`,
      ].join(',');
      // Related places (the peer's line) become extra lines of the annotation.
      const related = (d.related ?? []).map((r) => {
        const at = oneBased(r.range.start);
        return `\n${displayPath(r.file)}:${at.line}:${at.column}: ${r.message}`;
      });
      out += `::${d.severity === 'error' ? 'error' : 'warning'} ${properties}::${escapeData(d.message + related.join(''))}\n`;
    }
  }
  return out;
};

/** A command's message: `%`, CR and LF are encoded (as @actions/core's escapeData does). */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A property value: additionally `:` and `,`, which delimit the command (as @actions/core's escapeProperty). */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
