/**
 * ESLint's JSON format (`eslint -f json`), so that tools reading it (reviewdog, SonarQube's
 * external issues, editors' ESLint integrations, dashboards) read kalint's findings unchanged:
 * 1-based lines and columns, severity 1 (warning) or 2 (error), `filePath` absolute.
 */
import type { Diagnostic } from '@kalint/linter';
import { oneBased, type FileResult, type Formatter } from './types.js';

/** One message of ESLint's `LintMessage` shape. */
export interface EslintMessage {
  ruleId: string;
  severity: 1 | 2;
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** Offsets into the file's text (UTF-16 code units) and the replacement. */
  fix?: { range: [number, number]; text: string };
}

/** One file of ESLint's `LintResult` shape. */
export interface EslintResult {
  filePath: string;
  messages: EslintMessage[];
  suppressedMessages: never[];
  errorCount: number;
  fatalErrorCount: number;
  warningCount: number;
  fixableErrorCount: number;
  fixableWarningCount: number;
  output?: string;
  source?: string;
  usedDeprecatedRules: never[];
}

/**
 * Renders findings as ESLint's JSON (an array of per-file results), in chunks, the same text as
 * `JSON.stringify(results.map(toEslint))`: 200,000 findings never become one object tree and
 * one string at once (that took over 1 GB).
 */
export const json: Formatter = function* ({ results }) {
  let chunk = '[';
  for (let r = 0; r < results.length; r++) {
    const result = results[r]!;
    const count = { errors: 0, warnings: 0, fixableErrors: 0, fixableWarnings: 0 };
    chunk += `${r > 0 ? ',' : ''}{"filePath":${JSON.stringify(result.absolutePath)},"messages":[`;
    for (let k = 0; k < result.diagnostics.length; k++) {
      const message = toMessage(result.diagnostics[k]!, result);
      if (message.severity === 2) {
        count.errors++;
        if (message.fix !== undefined) count.fixableErrors++;
      } else {
        count.warnings++;
        if (message.fix !== undefined) count.fixableWarnings++;
      }
      chunk += (k > 0 ? ',' : '') + JSON.stringify(message);
      if (chunk.length >= CHUNK) {
        yield chunk;
        chunk = '';
      }
    }
    chunk += `],"suppressedMessages":[],"errorCount":${count.errors},"fatalErrorCount":0,"warningCount":${count.warnings},"fixableErrorCount":${count.fixableErrors},"fixableWarningCount":${count.fixableWarnings}`;
    // As toEslint: `output` when fixes changed the text, otherwise `source` when there are messages.
    if (result.output !== undefined) chunk += `,"output":${JSON.stringify(result.output)}`;
    else if (result.diagnostics.length > 0 && result.source !== undefined) chunk += `,"source":${JSON.stringify(result.source)}`;
    chunk += ',"usedDeprecatedRules":[]}';
  }
  yield chunk + ']\n';
};

/** Characters handed out at a time. */
const CHUNK = 1 << 16;

/** ESLint's result for one file. */
export function toEslint(result: FileResult): EslintResult {
  const messages = result.diagnostics.map((d) => toMessage(d, result));
  const count = (severity: 1 | 2, fixable: boolean) => messages.filter((m) => m.severity === severity && (!fixable || m.fix !== undefined)).length;
  const out: EslintResult = {
    filePath: result.absolutePath,
    messages,
    suppressedMessages: [],
    errorCount: count(2, false),
    fatalErrorCount: 0,
    warningCount: count(1, false),
    fixableErrorCount: count(2, true),
    fixableWarningCount: count(1, true),
    usedDeprecatedRules: [],
  };
  // As ESLint: `output` when fixes changed the text, otherwise `source` when there are messages.
  if (result.output !== undefined) out.output = result.output;
  else if (messages.length > 0 && result.source !== undefined) out.source = result.source;
  return reorder(out);
}

function toMessage(d: Diagnostic, result: FileResult): EslintMessage {
  const start = oneBased(d.range.start);
  const end = oneBased(d.range.end);
  const message: EslintMessage = {
    ruleId: d.ruleId,
    severity: d.severity === 'error' ? 2 : 1,
    message: d.message,
    line: start.line,
    column: start.column,
    endLine: end.line,
    endColumn: end.column,
  };
  const fix = singleFix(d, result);
  if (fix) message.fix = fix;
  return message;
}

/**
 * ESLint's fix is one replacement of one file. Several edits of this file merge into one covering
 * them all, with the text between them kept (as ESLint's own fix merging does); a fix that also
 * edits another file cannot be expressed and is left out.
 */
function singleFix(d: Diagnostic, result: FileResult): EslintMessage['fix'] | undefined {
  if (!d.fix || d.fix.edits.length === 0 || d.fix.edits.some((e) => e.file !== d.file)) return undefined;
  const edits = [...d.fix.edits].sort((a, b) => a.range.start.offset - b.range.start.offset);
  if (edits.length === 1) return { range: [edits[0]!.range.start.offset, edits[0]!.range.end.offset], text: edits[0]!.text };
  const text = result.source;
  if (text === undefined) return undefined;
  let merged = '';
  for (let i = 0; i < edits.length; i++) {
    const edit = edits[i]!;
    if (i > 0) {
      const gap = text.slice(edits[i - 1]!.range.end.offset, edit.range.start.offset);
      if (edit.range.start.offset < edits[i - 1]!.range.end.offset) return undefined;
      merged += gap;
    }
    merged += edit.text;
  }
  return { range: [edits[0]!.range.start.offset, edits.at(-1)!.range.end.offset], text: merged };
}

/** ESLint's key order, so diffs against ESLint output stay small. */
function reorder(r: EslintResult): EslintResult {
  const { usedDeprecatedRules, output, source, ...rest } = r;
  return { ...rest, ...(output !== undefined ? { output } : {}), ...(source !== undefined ? { source } : {}), usedDeprecatedRules };
}
