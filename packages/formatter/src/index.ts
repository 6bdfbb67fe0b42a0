/**
 * `@kalint/formatter`: canonical layout for keepalived.conf.
 *
 * It changes only white space and line breaks: one statement per line, blocks indented one unit
 * per level, `{` on its keyword's line, `}` on its own line, single spaces between words, one blank
 * line at most, no trailing blanks, a final newline. Comments stay where they are (own-line
 * comments before the next statement, end-of-line comments on their statement's line).
 * Preprocessor lines and lines with `$` references are kept as written, re-indented only; regions
 * between `# kalint-fmt: off` and `# kalint-fmt: on` are copied unchanged. A file with syntax
 * errors is not formatted, and every result is checked to read exactly as the input did.
 */
import { parse, tokenize, type Node, type SourceToken, type SyntaxDiagnostic } from '@kalint/parser';

export interface FormatOptions {
  /** Indentation unit: a number of spaces or `'tab'` (default 4). */
  indent?: number | 'tab';
  /** Name of the file, for diagnostics. */
  file?: string;
}

export interface FormatResult {
  /** The formatted text; the input unchanged when it was not formatted. */
  text: string;
  changed: boolean;
  /**
   * Why the text was left as it was: syntax errors (in `diagnostics`), blocks nested deeper than
   * `MAX_FORMAT_DEPTH` (a diagnostic `too-deep` where it happens), or a failed safety check.
   */
  refused?: 'syntax' | 'depth' | 'unsafe';
  diagnostics: SyntaxDiagnostic[];
}

/** Format keepalived.conf text. Never throws. */
export function format(text: string, options: FormatOptions = {}): FormatResult {
  const file = options.file ?? '<input>';
  const diagnostics = parse(text, { file, expand: false }).diagnostics.filter((d) => d.severity === 'error');
  if (diagnostics.length > 0) return { text, changed: false, refused: 'syntax', diagnostics };
  const unit = options.indent === 'tab' ? '\t' : ' '.repeat(options.indent ?? 4);
  let formatted: string;
  try {
    formatted = layout(text, unit);
  } catch (error) {
    if (error instanceof TooDeep) return { text, changed: false, refused: 'depth', diagnostics: [tooDeep(text, error.offset, file)] };
    return { text, changed: false, refused: 'unsafe', diagnostics: [] };
  }
  // The formatter's promise, checked every time: the output reads exactly as the input.
  if (!sameReading(text, formatted)) return { text, changed: false, refused: 'unsafe', diagnostics: [] };
  return { text: formatted, changed: formatted !== text, diagnostics: [] };
}

/**
 * Deepest block nesting laid out. Indentation grows with depth, so the output grows with the
 * square of it: 100,000 nested blocks would indent into gigabytes. Real configs nest a few levels.
 */
export const MAX_FORMAT_DEPTH = 1000;

/** Thrown by `layout` when a line would be indented deeper than `MAX_FORMAT_DEPTH`. */
class TooDeep extends Error {
  constructor(readonly offset: number) {
    super('too deep');
  }
}

function tooDeep(text: string, offset: number, file: string): SyntaxDiagnostic {
  const lineStart = offset <= 0 ? 0 : Math.max(text.lastIndexOf('\n', offset - 1), text.lastIndexOf('\r', offset - 1)) + 1;
  let line = 0;
  for (let i = 0; i < lineStart; i++) if (text[i] === '\n' || (text[i] === '\r' && text[i + 1] !== '\n')) line++;
  const at = { offset, line, character: offset - lineStart };
  return { code: 'too-deep', severity: 'error', message: `blocks nested more than ${MAX_FORMAT_DEPTH} levels deep: not formatted`, file, range: { start: at, end: at } };
}

const fmtOff = /^[#!]\s*kalint-fmt:\s*off\b/;
const fmtOn = /^[#!]\s*kalint-fmt:\s*on\b/;

interface Line {
  tokens: SourceToken[];
  /** The physical line(s) as written, without the line end. */
  raw: string;
}

/** Split the tokens into physical lines (a multi-line definition stays one line). */
function physicalLines(text: string, tokens: SourceToken[]): Line[] {
  const lines: Line[] = [];
  let start = 0;
  let current: SourceToken[] = [];
  for (const token of tokens) {
    if (token.kind === 'newline') {
      lines.push({ tokens: current, raw: text.slice(start, token.offset) });
      current = [];
      start = token.offset + token.image.length;
    } else {
      current.push(token);
    }
  }
  if (start < text.length || current.length > 0) lines.push({ tokens: current, raw: text.slice(start) });
  return lines;
}

/**
 * Lines kept as written: preprocessor directives; `$` references, whose braces are not structure;
 * and words that would become directives if a brace split moved them to the start of a line
 * (`}@id`, `{ include x`, `} ~SEQ(...)`).
 */
function keptAsWritten(line: Line): boolean {
  return line.tokens.some(
    (t) =>
      t.kind === 'conditional' ||
      t.kind === 'sequence' ||
      t.kind === 'include' ||
      t.kind === 'definition' ||
      (t.kind !== 'comment' && (t.image.includes('$') || t.image.startsWith('@') || t.image.startsWith('~') || /^include[rmwba]?$/.test(t.image))),
  );
}

/** Net brace depth change of a kept line; `${NAME}` braces are a reference, not a block. */
function braceBalance(tokens: SourceToken[]): number {
  let balance = 0;
  let inReference = false;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const previous = tokens[i - 1];
    if (token.kind === 'open-brace') {
      const adjacentDollar = previous && previous.image.endsWith('$') && previous.offset + previous.image.length === token.offset;
      if (adjacentDollar) inReference = true;
      else balance++;
    } else if (token.kind === 'close-brace') {
      if (inReference) inReference = false;
      else balance--;
    }
  }
  return balance;
}

function layout(text: string, unit: string, baseDepth = 0): string {
  const out: string[] = [];
  /** Output lines kept as written: nothing may be moved onto them (a prefix would apply to it). */
  const kept = new Set<number>();
  let depth = baseDepth;
  let blank = false;
  let off = false;
  /** Offset of the line being laid out, for `TooDeep`. */
  let at = 0;
  const indent = (level: number) => {
    if (level > MAX_FORMAT_DEPTH) throw new TooDeep(at);
    return unit.repeat(Math.max(0, level));
  };
  const emit = (line: string) => {
    if (blank && out.length > 0 && !out[out.length - 1]!.trimEnd().endsWith('{') && !/^\s*}/.test(line)) out.push('');
    blank = false;
    out.push(line);
  };

  for (const line of physicalLines(text, tokenize(text))) {
    const first = line.tokens[0];
    at = first?.offset ?? at;
    if (off) {
      // Copied unchanged; braces still count so indentation resumes at the right depth.
      out.push(line.raw);
      depth += braceBalance(line.tokens.filter((t) => t.kind === 'open-brace' || t.kind === 'close-brace' || t.kind === 'word'));
      if (first?.kind === 'comment' && fmtOn.test(first.image)) off = false;
      continue;
    }
    if (first === undefined) {
      blank = true;
      continue;
    }
    if (first.kind === 'comment' && line.tokens.length === 1) {
      emit(indent(depth) + first.image.trimEnd());
      if (fmtOff.test(first.image)) off = true;
      continue;
    }
    if (keptAsWritten(line)) {
      const opensWithClose = first.kind === 'close-brace';
      const [head, ...rest] = line.raw.split(/\r\n|\r|\n/);
      // A bare `include` reads as an include directive only while a blank follows it: keep that blank.
      const bareInclude = line.tokens[line.tokens.length - 1]?.kind === 'include' && rest.length === 0;
      emit(indent(opensWithClose ? depth - 1 : depth) + (bareInclude ? head!.trimStart() : head!.trim()));
      kept.add(out.length - 1);
      for (const continuation of rest) out.push(continuation.trimEnd());
      depth += braceBalance(line.tokens);
      continue;
    }
    formatLine(line.tokens);
  }

  function formatLine(tokens: SourceToken[]): void {
    let words = '';
    let end = -1;
    let emittedHere = false;
    const flush = () => {
      if (words !== '') {
        emit(indent(depth) + words);
        emittedHere = true;
      }
      words = '';
    };
    for (const token of tokens) {
      switch (token.kind) {
        case 'open-brace': {
          if (words !== '') {
            emit(`${indent(depth)}${words} {`);
            words = '';
            emittedHere = true;
          } else if (!emittedHere && !kept.has(out.length - 1) && canTakeBrace(out)) {
            // `{` alone on a line goes up to its keyword's line (before that line's comment).
            attachBrace(out);
          } else {
            emit(`${indent(depth)}{`);
            emittedHere = true;
          }
          depth++;
          break;
        }
        case 'close-brace':
          flush();
          depth--;
          emit(`${indent(depth)}}`);
          emittedHere = true;
          break;
        case 'comment':
          flush();
          if (emittedHere) out[out.length - 1] += ` ${token.image.trimEnd()}`;
          else emit(indent(depth) + token.image.trimEnd());
          emittedHere = true;
          break;
        default:
          // Words keep their adjacency: `abc"def ghi"` stays together (command lines care).
          if (words !== '' && token.offset !== end) words += ' ';
          words += token.image;
      }
      end = token.offset + token.image.length;
    }
    flush();
  }

  while (out.length > 0 && out[out.length - 1] === '') out.pop();
  return out.length === 0 ? '' : out.join('\n') + '\n';
}

/** The previous output line is a statement that can take a `{` moved up onto it. */
function canTakeBrace(out: string[]): boolean {
  const previous = out[out.length - 1];
  if (previous === undefined || previous.trim() === '') return false;
  const code = stripTrailingComment(previous).trimEnd();
  return code !== '' && !code.endsWith('{') && !code.endsWith('}') && !/^\s*[#!]/.test(previous);
}

function attachBrace(out: string[]): void {
  const previous = out[out.length - 1]!;
  const code = stripTrailingComment(previous).trimEnd();
  const comment = previous.slice(stripTrailingComment(previous).length).trim();
  out[out.length - 1] = `${code} {${comment === '' ? '' : ` ${comment}`}`;
}

/** The part of an output line before its end-of-line comment (comments never sit inside quotes). */
function stripTrailingComment(line: string): string {
  const tokens = tokenize(line);
  const comment = tokens.find((t) => t.kind === 'comment');
  return comment ? line.slice(0, comment.offset) : line;
}

/**
 * What keepalived reads, as a list: each statement's words (split at line ends and braces, with
 * adjacency), braces, comments and preprocessor tokens. Layout may change; this may not.
 */
export function reading(text: string): string[] {
  const items: string[] = [];
  let words: string[] = [];
  let end = -1;
  // An `@id` or `~SEQ` prefix applies to the rest of its line: where that line ends matters too.
  let prefixed = false;
  const flush = () => {
    if (words.length > 0) items.push(`S ${words.join('')}`);
    words = [];
  };
  for (const token of tokenize(text)) {
    if (token.kind === 'conditional' || token.kind === 'sequence') prefixed = true;
    if (token.kind === 'newline' && prefixed) {
      flush();
      items.push('end of prefixed line');
      prefixed = false;
    }
    switch (token.kind) {
      case 'newline':
      case 'open-brace':
      case 'close-brace':
      case 'comment':
      case 'conditional':
      case 'sequence':
      case 'include':
      case 'definition':
        flush();
        // Blanks ending a comment or a definition line mean nothing to keepalived (decomment trims them).
        if (token.kind !== 'newline') items.push(`${token.kind} ${token.image.split(/\r\n|\r|\n/).map((l) => l.trimEnd()).join('\n')}`);
        break;
      default:
        words.push((words.length > 0 && token.offset !== end ? ' ' : '') + token.image);
    }
    end = token.offset + token.image.length;
  }
  flush();
  // The end of the text ends a prefixed last line as a newline would.
  if (prefixed) items.push('end of prefixed line');
  return items;
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
 * (with its own block) that overlaps the range. Null when there is nothing to change or the file
 * cannot be formatted.
 */
export function formatRange(text: string, startLine: number, endLine: number, options: FormatOptions = {}): LineEdit | null {
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
  const lines = text.split(/\r\n|\r|\n/);
  const original = lines.slice(first, last + 1).join('\n') + '\n';
  let formatted: string;
  try {
    formatted = layout(original, unit, depth);
  } catch {
    return null;
  }
  if (!sameReading(original, formatted) || formatted === original) return null;
  return { start: first, end: last, text: formatted };
}

function sameReading(before: string, after: string): boolean {
  const a = reading(before);
  const b = reading(after);
  return a.length === b.length && a.every((item, i) => item === b[i]);
}
