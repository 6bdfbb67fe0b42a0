/**
 * The token stream handed from the expander to the parser.
 *
 * Tokens stay as the lexer made them; where each one stands (file, line, column) is kept in
 * side arrays indexed by position in the stream. A config of 200,000 lines has close to a million
 * tokens, and allocating position objects for each would dominate parsing time.
 */
import type { IToken } from 'chevrotain';
import type { Position, Range } from './ast.js';
import type { Origin } from './source-map.js';

export class TokenStream {
  readonly tokens: IToken[] = [];
  /** Index into `files` of each token's file. */
  private fileIds = new Int32Array(1024);
  /** 0-based line and character of each token's start (for tokens read straight from a file). */
  private lines = new Int32Array(1024);
  private characters = new Int32Array(1024);
  /** Where an expanded token comes from; null for tokens read straight from a file. */
  private readonly origins: Array<Origin | null> = [];
  readonly files: string[] = [];
  private readonly fileIdByName = new Map<string, number>();

  fileId(file: string): number {
    let id = this.fileIdByName.get(file);
    if (id === undefined) {
      id = this.files.length;
      this.files.push(file);
      this.fileIdByName.set(file, id);
    }
    return id;
  }

  /** Make room for `more` tokens. */
  reserve(more: number): void {
    const needed = this.tokens.length + more;
    if (needed <= this.lines.length) return;
    const size = Math.max(needed, this.lines.length * 2);
    this.fileIds = grow(this.fileIds, size);
    this.lines = grow(this.lines, size);
    this.characters = grow(this.characters, size);
  }

  /** A token read from a file (starting at `line`, `character`). */
  pushRaw(token: IToken, fileId: number, line: number, character: number): void {
    const index = this.tokens.length;
    if (index >= this.lines.length) this.reserve(1);
    this.tokens.push(token);
    this.fileIds[index] = fileId;
    this.lines[index] = line;
    this.characters[index] = character;
    this.origins.push(null);
  }

  /** A token made by expansion, standing for `origin`. */
  pushExpanded(token: IToken, origin: Origin): void {
    this.pushRaw(token, this.fileId(origin.file), origin.range.start.line, origin.range.start.character);
    this.origins[this.origins.length - 1] = origin;
  }

  get length(): number {
    return this.tokens.length;
  }

  file(index: number): string {
    return this.files[this.fileIds[index]!]!;
  }

  expansion(index: number): Origin['expansion'] {
    return this.origins[index]?.expansion;
  }

  range(index: number): Range {
    const origin = this.origins[index];
    if (origin) return origin.range;
    const token = this.tokens[index]!;
    const line = this.lines[index]!;
    const character = this.characters[index]!;
    const start: Position = { offset: token.startOffset, line, character };
    const length = token.image.length;
    // Only definition tokens run over several lines.
    const end: Position =
      token.tokenType.name === 'Definition'
        ? endOf(token, start)
        : { offset: token.startOffset + length, line, character: character + length };
    return { start, end };
  }
}

function grow(array: Int32Array<ArrayBuffer>, size: number): Int32Array<ArrayBuffer> {
  const grown = new Int32Array(size);
  grown.set(array);
  return grown;
}

/** End of a token that starts at `start`; only definition tokens span several lines. */
export function endOf(token: IToken, start: Position): Position {
  const image = token.image;
  const offset = start.offset + image.length;
  const lastBreak = Math.max(image.lastIndexOf('\n'), image.lastIndexOf('\r'));
  if (lastBreak < 0) return { offset, line: start.line, character: start.character + image.length };
  let breaks = 0;
  for (let i = 0; i < image.length; i++) {
    if (image[i] === '\n' || (image[i] === '\r' && image[i + 1] !== '\n')) breaks++;
  }
  return { offset, line: start.line + breaks, character: image.length - lastBreak - 1 };
}
