/**
 * The scanner every file is read with: one pass over the characters, producing exactly the tokens
 * Chevrotain's lexer makes from the token definitions in lexer.ts (same types, images and offsets,
 * blanks skipped, comments apart), which the Chevrotain parser then consumes.
 *
 * Why not Chevrotain's lexer itself: it tries a regular expression per token, and each match
 * allocates a result array; on a large config that was a quarter of the parse and much of its
 * garbage. The token definitions stay the specification: tests compare the two on generated text
 * and on every corpus file.
 */
import type { IToken, TokenType } from 'chevrotain';
import {
  Comment,
  Conditional,
  Definition,
  Include,
  LBrace,
  lineEnd,
  matchConditional,
  matchDefinition,
  matchInclude,
  matchSequence,
  Newline,
  Nul,
  onlyBlanks,
  Quoted,
  RBrace,
  Sequence,
  UnterminatedQuote,
  Word,
} from './lexer.js';
import { endOf } from './stream.js';

export interface Scanned {
  /** The tokens the parser reads (line ends, braces, words, line-start directives). */
  tokens: IToken[];
  /** `!`/`#` comments, in order. */
  comments: IToken[];
  /** For each comment, the (0-based) line it stands on and the offset where that line starts. */
  commentLines: number[];
  commentLineStarts: number[];
}

const NUL = 0;
const LF = 10;
const CR = 13;
const SPACE = 32;
const TAB = 9;
const VT = 11;
const FF = 12;
const BANG = 33;
const QUOTE = 34;
const HASH = 35;
const DOLLAR = 36;
const AT = 64;
const BACKSLASH = 92;
const LOWER_I = 105;
const OPEN = 123;
const CLOSE = 125;
const TILDE = 126;

/** Characters that end an unquoted word: blanks, line ends, NUL, `!`, `"`, `#`, `{`, `}`. */
function endsWord(c: number): boolean {
  return (c >= TAB && c <= CR) || (c >= SPACE && c <= HASH) || c === OPEN || c === CLOSE || c === NUL;
}

function token(type: TokenType, image: string, startOffset: number): IToken {
  // The shape of Chevrotain's offset-only tokens (no end offset), so the parser sees one kind of object.
  return { image, startOffset, tokenTypeIdx: type.tokenTypeIdx!, tokenType: type } as IToken;
}

/** Split `text` into tokens as the lexer definitions say. Never throws; every character belongs to some token. */
export function scan(text: string): Scanned {
  const scanner = new Scanner(text);
  const tokens = scanner.next(Infinity) ?? [];
  return { tokens, comments: scanner.comments, commentLines: scanner.commentLines, commentLineStarts: scanner.commentLineStarts };
}

/**
 * Scans a text a batch of tokens at a time, each batch ending with a line end (or the text), so a
 * parser fed batch by batch never sees a statement cut in two. Reading a large file this way, the
 * tokens of a batch are garbage once it is parsed instead of living (and being copied by the
 * garbage collector) until the whole file is parsed.
 */
export class Scanner {
  /** Comments read so far, in order, with their lines (as `Scanned` has them). */
  readonly comments: IToken[] = [];
  readonly commentLines: number[] = [];
  readonly commentLineStarts: number[] = [];
  /** The line being read and the offset where it starts (line ends are counted as they are read). */
  private line = 0;
  private lineStart = 0;
  /** Whether a `$NAME=`, `@id`, `~SEQ`/`~LST` or `include` token has been read. */
  directives = false;
  private i = 0;
  /** The type of the last token read, and where it ends (line-start tokens depend on them). */
  private previous: TokenType = Newline;
  private previousEnd = 0;

  constructor(private readonly text: string) {}

  /** At least `limit` tokens (up to the next line end), or the rest; `null` once all is read. */
  next(limit: number): IToken[] | null {
    const text = this.text;
    const n = text.length;
    if (this.i >= n) return null;
    const tokens: IToken[] = [];
    const comments = this.comments;
    let i = this.i;
    let line = this.line;
    let lineStart = this.lineStart;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === LF || c === CR) {
        // A line ends at `\n`, taking the `\r`s right before it; any other `\r` is a blank.
        let j = i;
        while (j < n && text.charCodeAt(j) === CR) j++;
        if (j === n || text.charCodeAt(j) !== LF) {
          i = j;
          continue;
        }
        tokens.push(token(Newline, text.slice(i, j + 1), i));
        i = j + 1;
        line++;
        lineStart = i;
        if (tokens.length >= limit) break;
        continue;
      }
      if (c === SPACE || c === TAB || c === VT || c === FF) {
        i++;
        continue;
      }
      if (c === NUL) {
        let end = text.indexOf('\n', i);
        if (end < 0) end = n;
        tokens.push(token(Nul, text.slice(i, end), i));
        i = end;
        continue;
      }
      if (c === BANG || c === HASH) {
        const end = lineEnd(text, i);
        comments.push(token(Comment, text.slice(i, end), i));
        this.commentLines.push(line);
        this.commentLineStarts.push(lineStart);
        i = end;
        continue;
      }
      if (c === OPEN || c === CLOSE) {
        tokens.push(token(c === OPEN ? LBrace : RBrace, c === OPEN ? '{' : '}', i));
        i++;
        continue;
      }
      if (c === QUOTE) {
        let j = i + 1;
        while (j < n) {
          const d = text.charCodeAt(j);
          if (d === QUOTE || d === LF || d === NUL) break;
          j++;
        }
        const closed = j < n && text.charCodeAt(j) === QUOTE;
        const end = closed ? j + 1 : lineEnd(text, i + 1);
        tokens.push(token(closed ? Quoted : UnterminatedQuote, text.slice(i, end), i));
        i = end;
        continue;
      }
      if (c === DOLLAR || c === AT || c === TILDE || c === LOWER_I) {
        const last = tokens.length > 0 ? tokens[tokens.length - 1]! : undefined;
        const previous = last !== undefined ? last.tokenType : this.previous;
        const previousEnd = last !== undefined ? last.startOffset + last.image.length : this.previousEnd;
        const directive = onlyBlanks(text, previousEnd, i) ? lineStartDirective(text, i, c, previous) : null;
        if (directive !== null) {
          this.directives = true;
          tokens.push(directive);
          i += directive.image.length;
          // A definition may run over several lines.
          if (directive.tokenType === Definition) {
            const end = endOf(directive, { offset: directive.startOffset, line, character: directive.startOffset - lineStart });
            line = end.line;
            lineStart = end.offset - end.character;
          }
          continue;
        }
      }
      i = word(text, i, tokens);
    }
    this.i = i;
    this.line = line;
    this.lineStart = lineStart;
    if (tokens.length > 0) {
      const last = tokens[tokens.length - 1]!;
      this.previous = last.tokenType;
      this.previousEnd = last.startOffset + last.image.length;
    }
    return tokens;
  }
}

/** A `$NAME=`, `@id`, `~SEQ(...)` or `include` token at `offset` when the line so far allows one. */
function lineStartDirective(text: string, offset: number, c: number, previous: TokenType): IToken | null {
  // What may come before each on its line: nothing, or an `@id` (and for `~SEQ`, another `~SEQ`).
  const atStart = previous === Newline;
  const afterConditional = atStart || previous === Conditional;
  if (c === DOLLAR) return afterConditional ? directive(Definition, matchDefinition(text, offset), offset) : null;
  if (c === AT) return atStart ? directive(Conditional, matchConditional(text, offset), offset) : null;
  if (c === TILDE) return afterConditional || previous === Sequence ? directive(Sequence, matchSequence(text, offset), offset) : null;
  return afterConditional ? directive(Include, matchInclude(text, offset), offset) : null;
}

function directive(type: TokenType, image: string | null, offset: number): IToken | null {
  return image === null ? null : token(type, image, offset);
}

/**
 * An unquoted word from `start`; returns where it ends. `\#` and `\!` belong to the word, and a `\`
 * after blanks that is the last character keepalived reads of the line sticks to the word before
 * it, as in lexer.ts.
 */
function word(text: string, start: number, tokens: IToken[]): number {
  const n = text.length;
  let j = start;
  while (j < n) {
    const d = text.charCodeAt(j);
    if (d === BACKSLASH && j + 1 < n) {
      const e = text.charCodeAt(j + 1);
      if (e === HASH || e === BANG) {
        j += 2;
        continue;
      }
    }
    if (endsWord(d)) break;
    j++;
  }
  // Blanks, then a `\` followed only by the line's end.
  let k = j;
  while (k < n && (text.charCodeAt(k) === SPACE || text.charCodeAt(k) === TAB)) k++;
  if (k > j && k < n && text.charCodeAt(k) === BACKSLASH) {
    let m = k + 1;
    while (m < n && text.charCodeAt(m) === CR) m++;
    if (m === n || text.charCodeAt(m) === LF || text.charCodeAt(m) === NUL) j = k + 1;
  }
  tokens.push(token(Word, text.slice(start, j), start));
  return j;
}
