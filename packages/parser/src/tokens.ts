/**
 * The tokens of a file as written, comments included, for tools that work on the text itself
 * (the formatter, editors' semantic tokens). Chevrotain's token types stay internal.
 */
import { Comment, Conditional, Definition, Include, LBrace, Newline, Nul, Quoted, RBrace, Sequence, UnterminatedQuote } from './lexer.js';
import { scan } from './scan.js';

export type SourceTokenKind =
  | 'word'
  | 'quoted'
  | 'unterminated-quote'
  | 'open-brace'
  | 'close-brace'
  | 'newline'
  | 'comment'
  | 'conditional'
  | 'sequence'
  | 'include'
  | 'definition'
  /** A NUL byte and the rest of its line, which keepalived does not read. */
  | 'nul';

export interface SourceToken {
  kind: SourceTokenKind;
  /** The text as written. */
  image: string;
  /** Offset of the first character. */
  offset: number;
}

/** Every token of `text` in order, comments and line ends included. Never throws. */
export function tokenize(text: string): SourceToken[] {
  const lexed = scan(text);
  const all = [...lexed.tokens, ...lexed.comments].sort((a, b) => a.startOffset - b.startOffset);
  return all.map((token) => ({ kind: kindOf(token.tokenType), image: token.image, offset: token.startOffset }));
}

function kindOf(type: unknown): SourceTokenKind {
  switch (type) {
    case Newline:
      return 'newline';
    case LBrace:
      return 'open-brace';
    case RBrace:
      return 'close-brace';
    case Comment:
      return 'comment';
    case Quoted:
      return 'quoted';
    case UnterminatedQuote:
      return 'unterminated-quote';
    case Conditional:
      return 'conditional';
    case Sequence:
      return 'sequence';
    case Include:
      return 'include';
    case Definition:
      return 'definition';
    case Nul:
      return 'nul';
    default:
      return 'word';
  }
}
