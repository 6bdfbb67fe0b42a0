/**
 * The Chevrotain lexer for one keepalived.conf file.
 *
 * keepalived's reader (`read_line()` in lib/parser.c) is line based: comments are cut first, then a
 * line may start with an `@id` conditional, a `$NAME=` definition, a `~SEQ`/`~LST` prefix or an
 * `include`; `{` and `}` outside double quotes split a line into several statements. The tokens here
 * follow those rules; line-start tokens use custom matchers that look at the previous token.
 *
 * A line ends at `\n` only. keepalived reads with `fgets()` and strips the `\n` and every `\r` right
 * before it, so CRLF files read as LF files, while a `\r` anywhere else stays in the line, where it
 * is white space between words. It measures lines with `strlen()`, so a NUL byte ends what it reads
 * of a line: the rest of that line is ignored.
 */
import { createToken, Lexer, type CustomPatternMatcherFunc, type IToken, type TokenType } from 'chevrotain';

/** Every token that is not a word: line ends, braces and the line-start directives. */
export const Structure = createToken({ name: 'Structure', pattern: Lexer.NA });

/** End of a physical line, with the `\r`s right before its `\n`: ends a statement. */
export const Newline = createToken({ name: 'Newline', pattern: /\r*\n/, line_breaks: true, categories: [Structure] });

/**
 * Blanks between words: keepalived splits words on space, tab, form feed, vertical tab and carriage
 * return. A `\r` that only `\r`s separate from the line's `\n` belongs to the line end instead.
 */
export const Blank = createToken({ name: 'Blank', pattern: /(?:[ \t\f\v]|\r(?!\r*\n))+/, group: Lexer.SKIPPED });

/**
 * Text of a line up to where keepalived stops reading it: a `\n` or a NUL byte, without the `\r`s
 * right before either (keepalived strips those too). As a regular expression fragment.
 */
const lineContent = String.raw`(?:[^\r\n\0]|\r+(?=[^\r\n\0]))*`;

/** `!` or `#` to the end of the line, outside double quotes. Kept in a group for the formatter. */
export const Comment = createToken({ name: 'Comment', pattern: new RegExp(`[#!]${lineContent}`), group: 'comments', start_chars_hint: ['#', '!'] });

/**
 * A NUL byte and the rest of its line. keepalived 2.2.7 measures the line it read with `strlen()`, so
 * it never sees this text (later releases drop the whole line). The parser reports it and reads no
 * word from it; the formatter keeps it on its line.
 */
export const Nul = createToken({ name: 'Nul', pattern: /\0[^\n]*/, categories: [Structure], start_chars_hint: ['\0'] });

/** Statement separators: the first `{`/`}` outside double quotes ends the logical line. */
export const LBrace = createToken({ name: 'LBrace', pattern: '{', categories: [Structure] });
export const RBrace = createToken({ name: 'RBrace', pattern: '}', categories: [Structure] });

/** Every token that forms a word of a statement. */
export const WordLike = createToken({ name: 'WordLike', pattern: Lexer.NA });

/** A double-quoted word: no escapes, spaces kept. */
export const Quoted = createToken({ name: 'Quoted', pattern: /"[^"\n\0]*"/, categories: [WordLike], start_chars_hint: ['"'] });

/** A `"` with no closing quote on its line: keepalived drops the rest of the line. */
export const UnterminatedQuote = createToken({
  name: 'UnterminatedQuote',
  pattern: new RegExp(`"${lineContent}`),
  categories: [WordLike],
  start_chars_hint: ['"'],
});

/**
 * An unquoted word: ends at blanks, quotes, braces, comment characters (`\#`, `\!` excepted) and
 * NUL. The character class is written as ranges (everything but `\0 \t\n\v\f\r!"#{}`) rather than
 * as a complement, so that Chevrotain can index the lexer by first character.
 */
export const Word = createToken({
  name: 'Word',
  // A `\` that is the very last character keepalived reads of the line sticks to the word before
  // it: decomment() drops the blanks in front of a final backslash, so `router_id \` reads as
  // `router_id\`. Anything after the backslash, a blank or a comment, leaves it a word of its own.
  pattern: /(?:\\[#!]|[\x01-\x08\x0e-\x1f\x24-\x7a\x7c\x7e-\uffff])+(?:[ \t]+\\(?=\r*(?:[\n\0]|(?![\s\S]))))?/,
  categories: [WordLike],
});

/**
 * Tokens that are only recognised at the start of a line (after an optional `@id` prefix). keepalived
 * tests for them after removing the line's leading spaces and tabs, and skips only spaces and tabs
 * after an `@id` or a `~SEQ(...)`: a form feed, vertical tab or carriage return in between leaves
 * the text an ordinary word.
 */
function lineStartMatcher(
  match: (text: string, offset: number) => string | null,
  after: readonly string[],
): CustomPatternMatcherFunc {
  return (text, offset, tokens) => {
    const previous = tokens.length > 0 ? tokens[tokens.length - 1] : undefined;
    if (previous !== undefined && previous.tokenType !== Newline && !after.includes(previous.tokenType.name)) return null;
    if (!onlyBlanks(text, previous === undefined ? 0 : previous.startOffset + previous.image.length, offset)) return null;
    const image = match(text, offset);
    return image === null ? null : ([image] as unknown as RegExpExecArray);
  };
}

/** Whether `text` holds only spaces and tabs from `from` up to `to`. */
export function onlyBlanks(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9) return false;
  }
  return true;
}

// The id runs to the first space or tab; a `\r` inside the line is part of it.
const conditionalPattern = /@\^?(?:[^ \t\r\n\0]|\r+(?=[^\r\n\0]))*/y;
/** The image of a conditional prefix starting at `offset`, or `null`. */
export function matchConditional(text: string, offset: number): string | null {
  conditionalPattern.lastIndex = offset;
  return conditionalPattern.exec(text)?.[0] ?? null;
}

/** `@id` or `@^id` at the start of a line: the rest of the line applies to one config id only. */
export const Conditional = createToken({
  name: 'Conditional',
  categories: [Structure],
  pattern: { exec: lineStartMatcher(matchConditional, []) },
  start_chars_hint: ['@'],
  line_breaks: false,
});

/** `~SEQ(...)`, `~SEQx(...)` or `~LST(...)` at the start of a line (several may follow each other). */
export const Sequence = createToken({
  name: 'Sequence',
  categories: [Structure],
  // A sequence prefix may follow a conditional or another sequence prefix on the same line.
  pattern: { exec: lineStartMatcher(matchSequence, ['Conditional', 'Sequence']) },
  start_chars_hint: ['~'],
  line_breaks: false,
});

/** The image of a `~SEQ`/`~SEQx`/`~LST` prefix starting at `offset`, or `null`. */
export function matchSequence(text: string, offset: number): string | null {
  if (!(text.startsWith('~SEQ(', offset) || text.startsWith('~SEQx(', offset) || text.startsWith('~LST(', offset))) {
    return null;
  }
  // The parameters end at the `)` that balances the opening one; `{...}` sets of ~LST may hold commas.
  let depth = 0;
  for (let i = text.indexOf('(', offset); i < text.length; i++) {
    const c = text[i];
    if (c === '\n' || c === '\0') return null;
    if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return text.slice(offset, i + 1);
  }
  return null;
}

const includePattern = new RegExp(`include[rmwba]?[ \\t]${lineContent}`, 'y');
/** The image of an include line starting at `offset` (comment and trailing blanks cut), or `null`. */
export function matchInclude(text: string, offset: number): string | null {
  includePattern.lastIndex = offset;
  const line = includePattern.exec(text)?.[0];
  if (line === undefined) return null;
  return stripComment(line).replace(/[ \t]+$/, '');
}

/** `include PATTERN`: the rest of the line, comments removed, is a glob pattern (not split into words). */
export const Include = createToken({
  name: 'Include',
  categories: [Structure],
  pattern: { exec: lineStartMatcher(matchInclude, ['Conditional']) },
  start_chars_hint: ['i'],
  line_breaks: false,
});

const definitionStart = /\$[A-Za-z_][A-Za-z0-9_]*=/y;
/**
 * `$NAME=value`. A value whose line ends in `\` (after comments are removed) continues on the next
 * line, up to a line without the `\` or an empty line; the token spans every continued line.
 */
export const Definition = createToken({
  name: 'Definition',
  categories: [Structure],
  pattern: { exec: lineStartMatcher(matchDefinition, ['Conditional']) },
  start_chars_hint: ['$'],
  line_breaks: true,
});

/** The image of a definition starting at `offset`, continued lines included, or `null`. */
export function matchDefinition(text: string, offset: number): string | null {
  definitionStart.lastIndex = offset;
  if (definitionStart.exec(text) === null) return null;
  let start = lineStartOf(text, offset);
  let end = lineEnd(text, offset);
  // The child processes read the parent's decommented copy, where a line holding only blanks or a
  // comment has become empty, and an empty line ends a definition.
  while (continues(text.slice(start, end))) {
    const next = nextLineStart(text, end);
    if (next >= text.length) break;
    const nextEnd = lineEnd(text, next);
    if (onlyBlanks(stripComment(text.slice(next, nextEnd)), 0, nextEnd - next)) break;
    start = next;
    end = nextEnd;
  }
  return text.slice(offset, end);
}

/**
 * Where keepalived stops reading the line holding `from`: at its `\n`, at a NUL byte, or at the end
 * of the text, less the `\r`s right before any of these.
 */
export function lineEnd(text: string, from: number): number {
  let i = from;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 0) break;
    i++;
  }
  while (i > from && text.charCodeAt(i - 1) === 13) i--;
  return i;
}

/** Where the line holding `offset` starts (lines end at `\n` only). */
export function lineStartOf(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** Where the line after the one whose content ends at `end` starts, or the text's length. */
function nextLineStart(text: string, end: number): number {
  const newline = text.indexOf('\n', end);
  return newline < 0 ? text.length : newline + 1;
}

/**
 * The physical lines of a definition token's image, each as keepalived reads it: without its line
 * end and without what follows a NUL byte.
 */
export function definitionLines(image: string): string[] {
  return image.split('\n').map((line) => line.slice(0, lineEnd(line, 0)));
}

/** A definition line continues when, comments removed and blanks trimmed, it ends in `\`. */
export function continues(line: string): boolean {
  return /\\$/.test(stripComment(line).replace(/[ \t]+$/, ''));
}

/**
 * Remove a `#`/`!` comment outside double quotes, as keepalived's `decomment()` does; `\#` and
 * `\!` do not start a comment.
 */
export function stripComment(line: string): string {
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '\\' && !quoted) {
      i++;
      continue;
    }
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === '#' || c === '!')) return line.slice(0, i);
  }
  return line;
}

/** True under vitest, where Chevrotain's grammar checks are worth their cost. */
export const underTest = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.VITEST !== undefined;

/** Not lexed: the expander inserts it where reading moves to another file or line (see stream.ts). */
export const PositionMarker = createToken({ name: 'PositionMarker', pattern: Lexer.NA, categories: [Structure] });

/** Token types in the order the lexer tries them. */
export const allTokens: TokenType[] = [
  Newline,
  Blank,
  Definition,
  Conditional,
  Sequence,
  Include,
  Comment,
  Nul,
  LBrace,
  RBrace,
  Quoted,
  UnterminatedQuote,
  Word,
  WordLike,
  Structure,
  PositionMarker,
];

let reference: Lexer | undefined;

/**
 * Chevrotain's lexer over the token definitions above: the specification of how text splits into
 * tokens. Files are read by the hand-written scanner (scan.ts), which yields the same tokens at a
 * fraction of the cost; tests hold the two to the same output. Made on first use.
 */
export function referenceLexer(): Lexer {
  return (reference ??= new Lexer(allTokens, {
    positionTracking: 'onlyOffset',
    // Lines end at `\n` only (see above).
    lineTerminatorCharacters: ['\n'],
    lineTerminatorsPattern: /\n/g,
    ensureOptimizations: underTest,
    skipValidations: !underTest,
  }));
}

export type { IToken };
