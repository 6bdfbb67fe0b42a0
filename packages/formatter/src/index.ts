/**
 * `@kalint/formatter`: canonical layout for keepalived.conf.
 *
 * It changes only white space and line breaks: one statement per line, blocks indented one unit
 * per level, `{` on its keyword's line, `}` on its own line, single spaces between words, one blank
 * line at most, no trailing blanks, a final newline. Comments stay where they are (own-line
 * comments before the next statement, end-of-line comments on their statement's line).
 * Preprocessor lines and lines with `$` references are kept as written, re-indented only; the lines
 * of multi-line definitions and lines keepalived cannot read whole are kept byte for byte; regions
 * between `# kalint-fmt: off` and `# kalint-fmt: on` are copied unchanged. A file with syntax
 * errors is not formatted, and every result is checked to read exactly as the input did.
 */
import { parse, sameKeepalivedReading, type Node, type SyntaxDiagnostic } from '@kalint/parser';
import { definitionLines } from './definitions.js';
import { unpredictableReading } from './keepalived.js';
import { layout, MAX_FORMAT_DEPTH, TooDeep } from './layout.js';
import { sameTokenReading } from './reading.js';

export { MAX_FORMAT_DEPTH } from './layout.js';
export { reading } from './reading.js';

export interface FormatOptions {
  /** Indentation unit: a number of spaces or `'tab'` (default 4). */
  indent?: number | 'tab';
  /** Name of the file, for diagnostics. */
  file?: string;
  /**
   * Check that the result reads exactly as the input did, and keep the input when it does not
   * (default `true`). `false` returns the layout unchecked: for tests that prove the layout
   * itself right, independently of the check.
   */
  verify?: boolean;
}

export interface FormatResult {
  /** The formatted text; the input unchanged when it was not formatted. */
  text: string;
  changed: boolean;
  /**
   * Why the text was left as it was: syntax errors (in `diagnostics`), blocks nested deeper than
   * `MAX_FORMAT_DEPTH` (a diagnostic `too-deep` where it happens), a file whose reading keepalived
   * itself does not fix (a diagnostic `unpredictable-reading` saying why), or a failed safety check.
   */
  refused?: 'syntax' | 'depth' | 'unpredictable' | 'unsafe';
  diagnostics: SyntaxDiagnostic[];
}

/** Format keepalived.conf text. Never throws. */
export function format(text: string, options: FormatOptions = {}): FormatResult {
  const file = options.file ?? '<input>';
  const diagnostics = parse(text, { file, expand: false }).diagnostics.filter((d) => d.severity === 'error');
  if (diagnostics.length > 0) return { text, changed: false, refused: 'syntax', diagnostics };
  // What keepalived reads here depends on memory contents or chance: no layout can be shown to keep it.
  const unpredictable = unpredictableReading(text);
  if (unpredictable !== null) {
    const start = { offset: 0, line: 0, character: 0 };
    const message = `not formatted: ${unpredictable}`;
    return { text, changed: false, refused: 'unpredictable', diagnostics: [{ code: 'unpredictable-reading', severity: 'error', message, file, range: { start, end: start } }] };
  }
  const unit = options.indent === 'tab' ? '\t' : ' '.repeat(options.indent ?? 4);
  let formatted: string;
  try {
    formatted = layout(text, unit);
  } catch (error) {
    if (error instanceof TooDeep) return { text, changed: false, refused: 'depth', diagnostics: [tooDeep(text, error.offset, file)] };
    return { text, changed: false, refused: 'unsafe', diagnostics: [] };
  }
  // The formatter's promise, checked every time: the output reads exactly as the input.
  if (options.verify !== false && !sameReading(text, formatted)) return { text, changed: false, refused: 'unsafe', diagnostics: [] };
  return { text: formatted, changed: formatted !== text, diagnostics: [] };
}

function tooDeep(text: string, offset: number, file: string): SyntaxDiagnostic {
  const lineStart = offset <= 0 ? 0 : text.lastIndexOf('\n', offset - 1) + 1;
  let line = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < lineStart; i = text.indexOf('\n', i + 1)) line++;
  const at = { offset, line, character: offset - lineStart };
  return { code: 'too-deep', severity: 'error', message: `blocks nested more than ${MAX_FORMAT_DEPTH} levels deep: not formatted`, file, range: { start: at, end: at } };
}

/** Lines `start`..`end` (0-based, inclusive) replaced by `text`. */
export interface LineEdit {
  start: number;
  end: number;
  text: string;
}

/**
 * Format the whole statements that lines `startLine`..`endLine` (0-based) touch, at the depth of
 * the block they stand in: the innermost block holding the whole range, and in it every statement
 * (with its own block) that overlaps the range. Null when there is nothing to change, the file
 * cannot be formatted, or it has a `\r` that no `\n` follows (see below).
 */
export function formatRange(text: string, startLine: number, endLine: number, options: FormatOptions = {}): LineEdit | null {
  // Lines are counted at `\n`, as keepalived counts them. Editors also end a line at a `\r` that no
  // `\n` follows: in such a text their line numbers and these disagree, and an edit could land on
  // the wrong lines.
  if (/\r(?!\n)/.test(text)) return null;
  const parsed = parse(text, { file: options.file ?? '<input>', expand: false });
  if (parsed.diagnostics.some((d) => d.severity === 'error')) return null;
  const unit = options.indent === 'tab' ? '\t' : ' '.repeat(options.indent ?? 4);
  const overlaps = (node: Node) => node.range.start.line <= endLine && node.range.end.line >= startLine;
  const childrenOf = (node: Node): Node[] | undefined => (node.type === 'Statement' ? node.block?.body : node.type === 'Block' ? node.body : undefined);
  let body: Node[] = parsed.ast.body;
  let depth = 0;
  // Descend while one statement holds the whole range inside its block.
  for (;;) {
    const touched = body.filter(overlaps);
    const only = touched.length === 1 ? touched[0]! : undefined;
    const inner = only && childrenOf(only);
    if (!only || !inner || only.range.start.line >= startLine || only.range.end.line <= endLine) break;
    body = inner;
    depth++;
  }
  const touched = body.filter(overlaps);
  if (touched.length === 0) return null;
  const first = touched[0]!.range.start.line;
  const last = touched[touched.length - 1]!.range.end.line;
  // Lines end at `\n`; a line keeps its `\r`s, so that the part laid out is the text as written.
  const lines = text.split('\n');
  const original = lines.slice(first, last + 1).join('\n') + '\n';
  // A definition before the range may read lines of it: look for definitions in the whole text.
  const inDefinition = new Set<number>();
  for (const line of definitionLines(text)) if (line >= first && line <= last) inDefinition.add(line - first);
  let formatted: string;
  try {
    formatted = layout(original, unit, depth, inDefinition);
  } catch {
    return null;
  }
  if (formatted === original) return null;
  if (options.verify !== false) {
    // The whole text is checked: what the lines mean can depend on the lines around them.
    const after = lines.slice(0, first).map((line) => `${line}\n`).join('') + formatted + lines.slice(last + 1).join('\n');
    if (!sameReading(text, after)) return null;
  }
  return { start: first, end: last, text: formatted };
}

/**
 * Whether `after` reads as `before` does, both ways it must: keepalived's own reading (an
 * independent model of its reader: every logical line's words, for 2.2.7 and later releases, in
 * each of their reading passes), which drops comments; and kalint's token reading, which proves
 * that no word or comment was lost. Each is linear in the text.
 */
function sameReading(before: string, after: string): boolean {
  return (
    sameTokenReading(before, after) &&
    sameKeepalivedReading(before, after, { version: '2.2.7' }) &&
    sameKeepalivedReading(before, after, { version: 'newer' })
  );
}
