/**
 * The layout: tokens of each physical line -> canonical lines. It changes only white space and line
 * breaks, and only where keepalived reads the result the same way. Lines it cannot re-lay out
 * safely are kept as written:
 * - preprocessor lines, lines with `$`, a NUL byte, escapes or backslashes keepalived reads in
 *   ways the tokens do not show, re-indented only (see `keptAsWritten`);
 * - every line a multi-line definition may read (see definitions.ts), byte for byte;
 * - lines over keepalived's line limit, and lines whose new layout would cross it, byte for byte.
 */
import { tokenize, type SourceToken } from '@kalint/parser';
import { definitionLines } from './definitions.js';
import { MAX_LINE_BYTES, onlyBlanks, trimEndBlanks, trimStartBlanks, utf8Length } from './text.js';

/**
 * Deepest block nesting laid out. Indentation grows with depth, so the output grows with the
 * square of it: 100,000 nested blocks would indent into gigabytes. Real configs nest a few levels.
 */
export const MAX_FORMAT_DEPTH = 1000;

/** Thrown by `layout` when a line would be indented deeper than `MAX_FORMAT_DEPTH`. */
export class TooDeep extends Error {
  constructor(readonly offset: number) {
    super('too deep');
  }
}

const fmtOff = /^[#!][ \t]*kalint-fmt:[ \t]*off\b/;
const fmtOn = /^[#!][ \t]*kalint-fmt:[ \t]*on\b/;

interface Line {
  tokens: SourceToken[];
  /** The physical line(s) as written, without the line end. */
  raw: string;
  /** The `\r`s of its line end (keepalived strips them; they count towards its line limit). */
  crs: string;
  /** Index of its first physical line (a multi-line definition is one `Line` over several). */
  index: number;
  /** Offset of its first byte in the text. */
  start: number;
}

/** Split the tokens into physical lines (a multi-line definition stays one line). */
function physicalLines(text: string, tokens: SourceToken[]): Line[] {
  const lines: Line[] = [];
  let start = 0;
  let index = 0;
  let current: SourceToken[] = [];
  const push = (raw: string, crs: string) => {
    lines.push({ tokens: current, raw, crs, index, start });
    for (let i = raw.indexOf('\n'); i >= 0; i = raw.indexOf('\n', i + 1)) index++;
    index++;
  };
  for (const token of tokens) {
    if (token.kind === 'newline') {
      push(text.slice(start, token.offset), token.image.slice(0, -1));
      current = [];
      start = token.offset + token.image.length;
    } else {
      current.push(token);
    }
  }
  if (start < text.length || current.length > 0) push(text.slice(start), '');
  return lines;
}

/**
 * Lines kept as written (re-indented only): preprocessor directives; `$` references, whose braces
 * are not structure; words that would become directives if a brace split moved them to the start
 * of a line (`}@id`, `{ include x`, `} ~SEQ(...)`); a NUL byte and what follows it; a lone `\`;
 * `\"`, where keepalived's comment stripping and its word splitting disagree on what is quoted;
 * `\#`/`\!`: the copy of the file keepalived's later passes read holds them unescaped, so there
 * they start a comment that runs to the end of the line, braces and words after them included;
 * and a comment ending in `\`, which keepalived 2.2.7 joins to what stands before the comment.
 */
function keptAsWritten(line: Line): boolean {
  if (/\\["#!]/.test(line.raw) || openAtOddSpace(line)) return true;
  return line.tokens.some(
    (t) =>
      t.kind === 'conditional' ||
      t.kind === 'sequence' ||
      t.kind === 'include' ||
      t.kind === 'definition' ||
      t.kind === 'nul' ||
      (t.kind === 'word' && t.image === '\\') ||
      (t.kind === 'comment' && t.image.endsWith('\\')) ||
      (t.kind !== 'comment' && (t.image.includes('$') || t.image.startsWith('@') || t.image.startsWith('~') || /^include[rmwba]?$/.test(t.image))),
  );
}

/**
 * Whether a quote the script keywords' second reading of the line sees open (or a `\` escaping
 * what follows) takes white space the layout would drop: a vertical tab, form feed or carriage
 * return between the last word of a logical line and a brace, a comment or the line end
 * (keepalived trims only spaces and tabs there). That reading (alloc_strvec_quoted_escaped() in
 * lib/parser.c) takes `'` at the very end of a line for an empty word, but `'` then a vertical tab
 * for a quote never closed, and refuses the line.
 */
function openAtOddSpace(line: Line): boolean {
  let quote = '';
  let escaped = false;
  let end = -1;
  const oddGap = (to: number) => (quote !== '' || escaped) && end >= 0 && /[^ \t]/.test(line.raw.slice(end - line.start, to - line.start));
  for (const token of line.tokens) {
    if (token.kind === 'open-brace' || token.kind === 'close-brace' || token.kind === 'comment') {
      if (oddGap(token.offset)) return true;
      if (token.kind === 'comment') return false;
      // A brace ends the logical line: the next one starts with no quote open.
      quote = '';
      escaped = false;
      end = -1;
      continue;
    }
    const image = token.image;
    escaped = false;
    for (let i = 0; i < image.length; i++) {
      const c = image[i]!;
      if (c === '\\') {
        if (i + 1 === image.length) escaped = true;
        i++;
      } else if (quote === '' && (c === "'" || c === '"')) quote = c;
      else if (c === quote) quote = '';
    }
    end = token.offset + image.length;
  }
  return oddGap(line.start + line.raw.length);
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

/** Whether a line (with its line end's `\r`s) is longer than keepalived reads in one piece. */
function overLimit(raw: string, crs: string): boolean {
  if (raw.length + crs.length <= MAX_LINE_BYTES / 3) return false;
  const pieces = raw.split('\n');
  return pieces.some((piece, i) => utf8Length(piece) + (i === pieces.length - 1 ? crs.length : 0) > MAX_LINE_BYTES);
}

/** The layout's state before a line is laid out, to go back to. */
interface Mark {
  length: number;
  previous: string | undefined;
  depth: number;
  blank: boolean;
}

/**
 * Lay out `text`, its blocks starting at `baseDepth`. `inDefinition`: the lines of `text` a
 * definition may read (for a part of a file, found in the whole file). Throws `TooDeep`.
 */
export function layout(text: string, unit: string, baseDepth = 0, inDefinition = definitionLines(text)): string {
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
    const previous = out[out.length - 1];
    if (blank && previous !== undefined && previous !== '' && !trimEndBlanks(previous).endsWith('{') && !trimStartBlanks(line).startsWith('}')) out.push('');
    blank = false;
    out.push(line);
  };
  /** The line exactly as written; a line over keepalived's limit keeps its line end's `\r`s too. */
  const asWritten = (line: Line) => {
    emit(overLimit(line.raw, line.crs) ? line.raw + line.crs : line.raw);
    kept.add(out.length - 1);
    depth += braceBalance(line.tokens);
  };

  const lines = physicalLines(text, tokenize(text));
  for (const line of lines) {
    const first = line.tokens[0];
    at = first?.offset ?? at;
    if (off) {
      // Copied unchanged; braces still count so indentation resumes at the right depth.
      out.push(overLimit(line.raw, line.crs) ? line.raw + line.crs : line.raw);
      depth += braceBalance(line.tokens.filter((t) => t.kind === 'open-brace' || t.kind === 'close-brace' || t.kind === 'word'));
      if (first?.kind === 'comment' && fmtOn.test(first.image)) off = false;
      continue;
    }
    const mark: Mark = { length: out.length, previous: out[out.length - 1], depth, blank };
    place(line);
    if (outgrown(mark)) {
      // The new layout would cross keepalived's line limit: keep the line as it was.
      for (let i = mark.length; i < out.length; i++) kept.delete(i);
      out.length = mark.length;
      if (mark.previous !== undefined) out[mark.length - 1] = mark.previous;
      depth = mark.depth;
      blank = mark.blank;
      asWritten(line);
    }
    if (first?.kind === 'comment' && line.tokens.length === 1 && fmtOff.test(first.image)) off = true;
  }

  /**
   * Whether the output lines the last line made or changed are longer than keepalived reads in one
   * piece. (Only a line that was that long already may be, and it is kept as written either way.)
   */
  function outgrown(mark: Mark): boolean {
    const from = mark.previous !== undefined && out[mark.length - 1] !== mark.previous ? mark.length - 1 : mark.length;
    for (let i = from; i < out.length; i++) {
      const line = out[i]!;
      if (line.length > MAX_LINE_BYTES / 3 && utf8Length(line) > MAX_LINE_BYTES) return true;
    }
    return false;
  }

  function place(line: Line): void {
    const first = line.tokens[0];
    if (inDefinition.has(line.index) || overLimit(line.raw, line.crs)) {
      // keepalived 2.2.7 reads a long line in 1,023-byte pieces: any change moves where it cuts.
      // A definition's lines are its value, blanks and all.
      asWritten(line);
      return;
    }
    if (first === undefined) {
      blank = true;
      return;
    }
    if (first.kind === 'comment' && line.tokens.length === 1) {
      emit(indent(depth) + trimEndBlanks(first.image));
      return;
    }
    if (keptAsWritten(line)) {
      const opensWithClose = first.kind === 'close-brace';
      const [head, ...rest] = line.raw.split(/\r*\n/);
      const last = line.tokens[line.tokens.length - 1]!;
      // A bare `include` reads as an include directive only while a blank follows it: keep that
      // blank. What follows a NUL byte stays as it is.
      const keepEnd = (last.kind === 'include' && rest.length === 0) || last.kind === 'nul';
      const body = trimStartBlanks(head!);
      emit(indent(opensWithClose ? depth - 1 : depth) + (keepEnd ? body : trimEndBlanks(body)));
      kept.add(out.length - 1);
      for (const continuation of rest) {
        out.push(trimEndBlanks(continuation));
        kept.add(out.length - 1);
      }
      depth += braceBalance(line.tokens);
      return;
    }
    formatLine(line.tokens);
  }

  function formatLine(tokens: SourceToken[]): void {
    let words = '';
    let end = -1;
    let emittedHere = false;
    // keepalived reads the line of a script keyword again with `'` and `"` quotes and `\` escapes,
    // where the blanks between two words can be part of one (`'a   b'`, `a\  b`): those blanks
    // are kept as written.
    let quote = '';
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
          if (emittedHere) out[out.length - 1] += ` ${trimEndBlanks(token.image)}`;
          else emit(indent(depth) + trimEndBlanks(token.image));
          emittedHere = true;
          break;
        default:
          // Words keep their adjacency: `abc"def ghi"` stays together (command lines care).
          if (words !== '' && token.offset !== end) words += quote !== '' || words.endsWith('\\') ? text.slice(end, token.offset) : ' ';
          words += token.image;
          quote = openQuote(token.image, quote);
      }
      end = token.offset + token.image.length;
    }
    flush();
  }

  while (out.length > 0 && out[out.length - 1] === '') out.pop();
  if (out.length === 0) return '';
  // Releases after 2.2.7 drop a line with a NUL byte, unless it is a last line without a line end,
  // which they read up to the NUL: that line keeps having none.
  const last = lines[lines.length - 1];
  const unended = last !== undefined && !text.endsWith('\n') && last.tokens.some((t) => t.kind === 'nul');
  return out.join('\n') + (unended ? '' : '\n');
}

/**
 * The quote (`'` or `"`) still open after `word`, given the one open before it, as keepalived's
 * second reading of a script line sees quotes: either kind opens, only the same kind closes, and a
 * backslash hides the next character.
 */
function openQuote(word: string, open: string): string {
  let quote = open;
  for (let i = 0; i < word.length; i++) {
    const c = word[i]!;
    if (c === '\\') i++;
    else if (quote === '' && (c === "'" || c === '"')) quote = c;
    else if (c === quote) quote = '';
  }
  return quote;
}

/**
 * The previous output line is a statement that can take a `{` moved up onto it. Not after a
 * trailing `\`, in the words or in a comment: keepalived (2.2.7 also in a comment) reads it as a
 * continuation mark and joins it to the word before it, which it would then no longer end.
 */
function canTakeBrace(out: string[]): boolean {
  const previous = out[out.length - 1];
  if (previous === undefined || onlyBlanks(previous)) return false;
  const code = trimEndBlanks(stripTrailingComment(previous));
  return (
    code !== '' &&
    !code.endsWith('{') &&
    !code.endsWith('}') &&
    !/^[ \t]*[#!]/.test(previous) &&
    !/\\[ \t]*$/.test(previous)
  );
}

function attachBrace(out: string[]): void {
  const previous = out[out.length - 1]!;
  const code = trimEndBlanks(stripTrailingComment(previous));
  const comment = trimStartBlanks(previous.slice(stripTrailingComment(previous).length));
  out[out.length - 1] = `${code} {${comment === '' ? '' : ` ${comment}`}`;
}

/** The part of an output line before its end-of-line comment (comments never sit inside quotes). */
function stripTrailingComment(line: string): string {
  const tokens = tokenize(line);
  const comment = tokens.find((t) => t.kind === 'comment');
  return comment ? line.slice(0, comment.offset) : line;
}
