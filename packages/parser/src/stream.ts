/**
 * The token stream handed from the expander to the parser.
 *
 * Tokens read straight from a file stay exactly as the lexer made them: the builder finds their
 * line and column by counting the newline tokens it sees, so no position is stored per token. A
 * config of 200,000 lines has over half a million tokens; allocating a position for each would cost
 * more than parsing. Tokens made by expansion carry their origin; a `Position` marker tells the
 * builder where reading resumes after an include or a multi-line definition.
 */
import { createTokenInstance, type IToken } from 'chevrotain';
import type { Position } from './ast.js';
import { PositionMarker } from './lexer.js';
import type { Origin } from './source-map.js';

/** A token produced by expansion, with the place it stands for. */
export interface ExpandedToken extends IToken {
  origin: Origin;
  /**
   * Set on the `{` and the `}` of a `${NAME}` still in the line after substitution (keepalived
   * substituted nothing for it, mostly because nothing defines NAME before the line): the
   * reference as the line holds it, `${NAME}`. keepalived splits the line at these braces as at
   * any other.
   */
  reference?: string;
}

/** Reading continues in `file` at `line`, whose first character is at `lineStart`. */
export interface PositionToken extends IToken {
  file: string;
  line: number;
  lineStart: number;
}

export function positionMarker(file: string, line: number, lineStart: number): PositionToken {
  const token = createTokenInstance(PositionMarker, '', lineStart, lineStart, NaN, NaN, NaN, NaN) as PositionToken;
  token.file = file;
  token.line = line;
  token.lineStart = lineStart;
  return token;
}

export function originOf(token: IToken): Origin | undefined {
  return (token as Partial<ExpandedToken>).origin;
}

/** The `${NAME}` a brace belongs to, when substitution left that reference as written. */
export function referenceOf(token: IToken): string | undefined {
  return (token as Partial<ExpandedToken>).reference;
}

/** End of a token that starts at `start`; only definition tokens span several lines (lines end at `\n`). */
export function endOf(token: IToken, start: Position): Position {
  const image = token.image;
  const offset = start.offset + image.length;
  const lastBreak = image.lastIndexOf('\n');
  if (lastBreak < 0) return { offset, line: start.line, character: start.character + image.length };
  let breaks = 0;
  for (let i = image.indexOf('\n'); i >= 0; i = image.indexOf('\n', i + 1)) breaks++;
  return { offset, line: start.line + breaks, character: image.length - lastBreak - 1 };
}
