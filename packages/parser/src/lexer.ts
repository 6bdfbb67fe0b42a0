/**
 * The Chevrotain lexer for one keepalived.conf file.
 *
 * keepalived's reader (`read_line()` in lib/parser.c) is line based: comments are cut first, then a
 * line may start with an `@id` conditional, a `$NAME=` definition, a `~SEQ`/`~LST` prefix or an
 * `include`; `{` and `}` outside double quotes split a line into several statements. The tokens here
 * follow those rules; line-start tokens use custom matchers that look at the previous token.
 */
import { createToken, Lexer, type CustomPatternMatcherFunc, type IToken, type TokenType } from 'chevrotain';

/** Every token that is not a word: line ends, braces and the line-start directives. */
export const Structure = createToken({ name: 'Structure', pattern: Lexer.NA });

/** End of a physical line: ends a statement. */
export const Newline = createToken({ name: 'Newline', pattern: /\r\n|\r|\n/, line_breaks: true, categories: [Structure] });

/** Blanks between words (keepalived splits words on space, tab, form feed and vertical tab). */
export const Blank = createToken({ name: 'Blank', pattern: /[ \t\f\v]+/, group: Lexer.SKIPPED });

/** `!` or `#` to the end of the line, outside double quotes. Kept in a group for the formatter. */
export const Comment = createToken({ name: 'Comment', pattern: /[#!][^\r\n]*/, group: 'comments', start_chars_hint: ['#', '!'] });

/** Statement separators: the first `{`/`}` outside double quotes ends the logical line. */
export const LBrace = createToken({ name: 'LBrace', pattern: '{', categories: [Structure] });
export const RBrace = createToken({ name: 'RBrace', pattern: '}', categories: [Structure] });

/** Every token that forms a word of a statement. */
export const WordLike = createToken({ name: 'WordLike', pattern: Lexer.NA });

/** A double-quoted word: no escapes, spaces kept. */
export const Quoted = createToken({ name: 'Quoted', pattern: /"[^"\r\n]*"/, categories: [WordLike], start_chars_hint: ['"'] });

/** A `"` with no closing quote on its line: keepalived drops the rest of the line. */
export const UnterminatedQuote = createToken({
  name: 'UnterminatedQuote',
  pattern: /"[^\r\n]*/,
  categories: [WordLike],
  start_chars_hint: ['"'],
});

/**
 * An unquoted word: ends at blanks, quotes, braces and comment characters (`\#`, `\!` excepted).
 * The character class is written as ranges (everything but ` \t\n\v\f\r!"#{}`) rather than as a
 * complement, so that Chevrotain can index the lexer by first character.
 */
export const Word = createToken({
  name: 'Word',
  // A `\` ending the line (comments aside) sticks to the word before it: keepalived's decomment()
  // drops the blanks in front of a final backslash, so `router_id \` reads as `router_id\`.
  pattern: /(?:\\[#!]|[\x00-\x08\x0e-\x1f\x24-\x7a\x7c\x7e-\uffff])+(?:[ \t]+\\(?=[ \t]*(?:[#!][^\r\n]*)?(?:[\r\n]|(?![\s\S]))))?/,
  categories: [WordLike],
});

/** Tokens that are only recognised at the start of a line (after an optional `@id` prefix). */
function lineStartMatcher(
  match: (text: string, offset: number) => string | null,
  after: readonly string[],
): CustomPatternMatcherFunc {
  return (text, offset, tokens) => {
    const previous = tokens.length > 0 ? tokens[tokens.length - 1] : undefined;
    if (previous !== undefined && previous.tokenType !== Newline && !after.includes(previous.tokenType.name)) return null;
    const image = match(text, offset);
    return image === null ? null : ([image] as unknown as RegExpExecArray);
  };
}

const conditionalPattern = /@\^?[^ \t\r\n]*/y;
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
    if (c === '\n' || c === '\r') return null;
    if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return text.slice(offset, i + 1);
  }
  return null;
}

const includePattern = /include[rmwba]?[ \t][^\r\n]*/y;
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
  let end = lineEnd(text, offset);
  while (continues(text.slice(lineStartOf(text, end), end))) {
    const next = nextLineStart(text, end);
    if (next >= text.length) break;
    const nextEnd = lineEnd(text, next);
    if (stripComment(text.slice(next, nextEnd)).trim() === '') break;
    end = nextEnd;
  }
  return text.slice(offset, end);
}

/** Where the line holding `from` ends: the offset of its line break, or the end of the text. */
export function lineEnd(text: string, from: number): number {
  let i = from;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) break;
    i++;
  }
  return i;
}

function lineStartOf(text: string, end: number): number {
  let i = end;
  while (i > 0 && text[i - 1] !== '\n' && text[i - 1] !== '\r') i--;
  return i;
}

function nextLineStart(text: string, end: number): number {
  if (text[end] === '\r' && text[end + 1] === '\n') return end + 2;
  return end + 1;
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
    ensureOptimizations: underTest,
    skipValidations: !underTest,
  }));
}

export type { IToken };
