/**
 * AST node classes whose ranges are made when read. A large config has hundreds of
 * thousands of words and most of their ranges are never looked at; building three objects per
 * word up front dominated parsing time. To callers they are the plain interfaces of ast.ts.
 */
import type { KeywordSpec } from '@kalint/grammar';
import type { Block, Expansion, Located, Prefix, Range, Statement, Word } from './ast.js';

/**
 * Something read straight from a file, on one line: its start (offset, line, character) is kept,
 * its range made each time it is read. Not kept: a large config has hundreds of thousands of words,
 * few ranges are read, and a slot for one in every word cost more memory than making the few again.
 */
export abstract class Spot implements Located {
  constructor(
    readonly file: string,
    private offset: number,
    private line: number,
    private readonly character: number,
  ) {}

  /** How many characters it covers. */
  protected abstract get length(): number;

  /** Move it by whole lines (an incremental parse reusing it at another place). */
  shift(offsetDelta: number, lineDelta: number): void {
    this.offset += offsetDelta;
    this.line += lineDelta;
  }

  /** `range.start.line`, without making the range (the parser asks for every block's opener). */
  get startLine(): number {
    return this.line;
  }

  /** `range.start.character`, without making the range. */
  get startCharacter(): number {
    return this.character;
  }

  get range(): Range {
    const { offset, line, character, length } = this;
    return { start: { offset, line, character }, end: { offset: offset + length, line, character: character + length } };
  }
}

/** A word read straight from a file. */
export class WordNode extends Spot implements Word {
  // `type` lives on the prototype (see below): one field fewer in each of many thousand words.
  declare readonly type: 'Word';
  declare expansion?: Expansion;

  constructor(
    readonly text: string,
    readonly raw: string,
    readonly quoted: boolean,
    file: string,
    offset: number,
    line: number,
    character: number,
  ) {
    super(file, offset, line, character);
  }

  protected get length(): number {
    return this.raw.length;
  }

  toJSON(): Word {
    return { type: this.type, text: this.text, raw: this.raw, quoted: this.quoted, file: this.file, range: this.range };
  }
}
Object.defineProperty(WordNode.prototype, 'type', { value: 'Word', enumerable: true });

/** A keyword line; its range runs from its first prefix or keyword to its last word or its `}`. */
export class StatementNode implements Statement {
  // `type` on the prototype, `file` from the keyword, `prefixes` only where there are some: a large
  // config has over a hundred thousand statements, and each field costs every one of them.
  declare readonly type: 'Statement';
  declare prefixes?: Prefix[];
  block: Block | null = null;
  /** What the statement ends with: its last word, or the `}` closing its block. */
  end: Located;

  constructor(
    readonly keyword: Word,
    readonly args: Word[],
    readonly path: string | null,
    readonly spec: KeywordSpec | null,
  ) {
    this.end = args.length > 0 ? args[args.length - 1]! : keyword;
  }

  get file(): string {
    return this.keyword.file;
  }

  get range(): Range {
    const from = this.prefixes?.[0] ?? this.keyword;
    const to = this.end.file === from.file ? this.end : this.args[this.args.length - 1] ?? this.keyword;
    return { start: from.range.start, end: (to.file === from.file ? to : from).range.end };
  }

  toJSON(): Statement {
    const json: Statement = {
      type: this.type,
      keyword: this.keyword,
      args: this.args,
      path: this.path,
      spec: this.spec,
      block: this.block,
      file: this.file,
      range: this.range,
    };
    if (this.prefixes !== undefined) json.prefixes = this.prefixes;
    return json;
  }
}

Object.defineProperty(StatementNode.prototype, 'type', { value: 'Statement', enumerable: true });

/** Where a token read straight from a file stands (a brace): a `Spot` of a given length. */
export class Place extends Spot {
  constructor(
    file: string,
    offset: number,
    line: number,
    character: number,
    private readonly size: number,
  ) {
    super(file, offset, line, character);
  }

  protected get length(): number {
    return this.size;
  }

  toJSON(): Located {
    return { file: this.file, range: this.range };
  }
}

/** A `{ ... }` block; its ranges come from the places of its braces (or its keyword). */
export class BlockNode implements Block {
  declare readonly type: 'Block';
  /** Replaced by a copy of its own size when the block closes (parser.ts). */
  body: Block['body'] = [];
  /** The `}`, once read. */
  closedBy: Located | null = null;

  constructor(
    readonly kind: Block['kind'],
    readonly path: string | null,
    /** The `{`, or null when it is missing. */
    readonly openedBy: Located | null,
    /** Where the block starts: its `{`, or its keyword when the `{` is missing. */
    readonly at: Located,
  ) {}

  get file(): string {
    return this.at.file;
  }

  get open(): Range | null {
    return this.openedBy?.range ?? null;
  }

  get close(): Range | null {
    return this.closedBy?.range ?? null;
  }

  get range(): Range {
    const end = this.closedBy !== null && this.closedBy.file === this.at.file ? this.closedBy : this.at;
    return { start: this.at.range.start, end: end.range.end };
  }

  toJSON(): Block {
    return { type: this.type, kind: this.kind, path: this.path, open: this.open, close: this.close, body: this.body, file: this.file, range: this.range };
  }
}
Object.defineProperty(BlockNode.prototype, 'type', { value: 'Block', enumerable: true });
