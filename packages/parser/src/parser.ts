/**
 * The Chevrotain parser and the CST -> AST visitor.
 *
 * In keepalived's reader `{` and `}` are statement separators, not nesting syntax: a line is cut at
 * every brace and the reader keeps a brace depth. The grammar is therefore flat (a sequence of
 * statements and structure tokens) and the visitor builds the tree with an explicit stack, guided by
 * the keyword schema. That is faithful to keepalived and handles any nesting depth without recursion.
 */
import { EmbeddedActionsParser, type IToken } from 'chevrotain';
import { schema, ROOT, type KeywordSpec } from '@kalint/grammar';
import type { Block, ConfigFile, Located, Node, Prefix, Range, Statement, SyntaxDiagnostic, Value, Word } from './ast.js';
import { decomment, DiagnosticList } from './expand.js';
import {
  allTokens,
  Conditional,
  Definition as DefinitionToken,
  definitionLines,
  Include as IncludeToken,
  LBrace,
  Newline,
  Nul,
  PositionMarker,
  Quoted,
  RBrace,
  Sequence,
  Structure,
  underTest,
  UnterminatedQuote,
  WordLike,
} from './lexer.js';
import { endOf, originOf, referenceOf, type PositionToken } from './stream.js';
import { BlockNode, Place, Spot, StatementNode, WordNode } from './nodes.js';

/**
 * Embedded actions rather than a CST: the flat grammar's CST would group statements and structure
 * tokens by kind and lose their interleaving, and building it costs more than the tree it feeds.
 */
class ConfigParser extends EmbeddedActionsParser {
  builder: AstBuilder | null = null;

  constructor() {
    super(allTokens, { recoveryEnabled: false, skipValidations: !underTest });
    this.performSelfAnalysis();
  }

  /** A config is a flat run of statements and structure tokens. */
  config = this.RULE('config', () => {
    this.MANY(() => this.OR(this.items));
  });

  /** The alternatives of `config`, made once: allocating them per token costs more than parsing. */
  // The actions run outside Chevrotain's recording phase; `ACTION(() => ...)` would allocate a
  // closure per token.
  private readonly items = [
    {
      ALT: () => {
        const words = this.SUBRULE(this.statement);
        if (!this.RECORDING_PHASE) this.builder!.statement(words);
      },
    },
    {
      ALT: () => {
        const token = this.CONSUME(Structure);
        if (!this.RECORDING_PHASE) this.builder!.structure(token);
      },
    },
  ];

  /** The words of one logical line: keyword and arguments, or one item of a value block. */
  statement = this.RULE('statement', () => {
    const words: IToken[] = [];
    this.AT_LEAST_ONE(() => {
      words.push(this.CONSUME(WordLike));
    });
    return words;
  });
}

/** The one parser instance, reused (`parser.input = tokens`). */
const parser = new ConfigParser();

interface Frame {
  /** Where children go. */
  body: Node[];
  block: Block | null;
  owner: Statement | null;
  /** Schema path of the block, `root` at top level, `null` inside an unknown block. */
  path: string | null;
  kind: Block['kind'];
  /** Column of the opener's keyword, to guess where a missing `}` belongs. */
  indent: number;
  openerLine: number;
  openerFile: string;
  /** First line inside the block that is indented no deeper than its opener. */
  dedentLine: number | null;
}

/**
 * Builds the AST with a stack of open blocks, fed statement by statement in text order. It finds
 * where each token stands by counting the newline tokens it is fed (see stream.ts).
 */
class AstBuilder {
  /** At most `MAX_DIAGNOSTICS_PER_KIND` of a kind per file: 100,000 unclosed blocks are one mistake. */
  readonly diagnostics = new DiagnosticList();
  private stack: Frame[] = [];
  /** Blocks, open or closed, holding a line indented no deeper than their opener, in text order. */
  private readonly dedented: Frame[] = [];
  private awaiting: Statement | null = null;
  private lastPlain: Statement | null = null;
  private prefixes: Prefix[] = [];
  /** keepalived's own brace counter: `{` minus `}` as written, whatever the blocks. */
  private braceDepth = 0;
  /** `{` minus `}` as written, without the braces of `${NAME}` references left as written. */
  private writtenDepth = 0;
  /**
   * Set while keepalived's reading is off the blocks as written: from a brace of a `${NAME}` that
   * substitution left as written to the end of a line where every block is closed, both as written
   * and as keepalived reads them. Meanwhile braces are read strictly as keepalived reads them (see
   * `openBraceAsKeepalived`): the written blocks no longer say where keepalived reads a line.
   * `closed` names the block the reference's `}` closed (once that `}` is read: `closing` false).
   */
  private offWritten: { reference: string; line: number; closing: boolean; closed: string | null } | null = null;

  /** The file being read, its current line, and the offset where that line starts. */
  private file: string;
  private line = 0;
  private lineStart = 0;

  constructor(file: ConfigFile) {
    this.file = file.file;
    this.stack = [
      { body: file.body, block: null, owner: null, path: ROOT, kind: 'keywords', indent: -1, openerLine: -1, openerFile: file.file, dedentLine: null },
    ];
  }

  finish(): void {
    if (this.awaiting) this.openBlock(this.awaiting, null);
    this.reportUnclosed();
  }

  statement(tokens: IToken[]): void {
    const first = this.word(tokens[0]!);
    const args: Word[] = new Array(tokens.length - 1);
    for (let i = 1; i < tokens.length; i++) args[i - 1] = this.word(tokens[i]!);
    if (this.awaiting) this.openBlock(this.awaiting, null);
    const frame = this.top();
    const prefixes = this.takePrefixes();
    if (originOf(tokens[0]!) === undefined) this.checkIndent(frame, first, tokens[0]!);
    if (frame.kind === 'values') {
      const words = [first, ...args];
      const value: Value = { type: 'Value', words, file: first.file, range: span(first, words[words.length - 1]!) };
      if (prefixes) value.prefixes = prefixes;
      frame.body.push(value);
      this.lastPlain = null;
      return;
    }
    const spec = frame.kind === 'keywords' && frame.path !== null ? (schema.child(frame.path, first.text) ?? null) : null;
    const statement = new StatementNode(first, args, spec?.path ?? null, spec);
    if (prefixes) statement.prefixes = prefixes;
    frame.body.push(statement);
    if (spec?.block) {
      this.awaiting = statement;
      this.lastPlain = null;
    } else {
      this.lastPlain = statement;
    }
  }

  structure(raw: IToken): void {
    switch (raw.tokenType) {
      case Newline:
        if (this.prefixes.length > 0) this.prefixes = [];
        // At the end of a line where every block is closed, as written and as read, the two agree again.
        if (this.offWritten !== null && this.writtenDepth === 0 && this.stack.length === 1 && this.awaiting === null) this.offWritten = null;
        if (originOf(raw) === undefined) {
          this.line++;
          this.lineStart = raw.startOffset + raw.image.length;
        }
        return;
      case PositionMarker: {
        const marker = raw as PositionToken;
        this.file = marker.file;
        this.line = marker.line;
        this.lineStart = marker.lineStart;
        return;
      }
      case LBrace: {
        this.braceDepth++;
        const reference = referenceOf(raw);
        const token = this.located(raw);
        if (reference === undefined) this.writtenDepth++;
        else this.offWritten ??= { reference, line: token.range.start.line, closing: reference.endsWith('}'), closed: null };
        if (this.offWritten !== null) this.openBraceAsKeepalived(raw, token, reference);
        else this.openBrace(token);
        return;
      }
      case RBrace: {
        this.braceDepth = Math.max(0, this.braceDepth - 1);
        const reference = referenceOf(raw);
        if (reference === undefined) this.writtenDepth = Math.max(0, this.writtenDepth - 1);
        this.closeBrace(this.located(raw), reference);
        return;
      }
      case Nul:
        this.report(
          'nul-byte',
          'warning',
          'a NUL byte: keepalived 2.2.7 ignores the rest of the line after it, later releases ignore the whole line',
          this.located(raw),
        );
        return;
    }
    const place = this.located(raw);
    const token = { file: place.file, range: place.range, image: raw.image, tokenType: raw.tokenType };
    if (raw.tokenType === DefinitionToken && originOf(raw) === undefined) {
      // Source view: a multi-line definition moves reading down several lines.
      const end = token.range.end;
      this.line = end.line;
      this.lineStart = end.offset - end.character;
    }
    switch (raw.tokenType) {
      case Conditional:
      case Sequence:
        this.prefixes.push({
          type: 'Prefix',
          kind: token.tokenType === Conditional ? 'conditional' : 'sequence',
          raw: token.image,
          file: token.file,
          range: token.range,
        });
        return;
      case IncludeToken:
      case DefinitionToken:
        this.directive(token);
        return;
    }
  }

  private located(token: IToken): Located {
    const origin = originOf(token);
    if (origin !== undefined) return origin;
    if (token.tokenType === DefinitionToken) return { file: this.file, range: this.rangeOf(token) };
    return new Place(this.file, token.startOffset, this.line, token.startOffset - this.lineStart, token.image.length);
  }

  /** Range of a token read straight from the current file. */
  private rangeOf(token: IToken): Range {
    const start = { offset: token.startOffset, line: this.line, character: token.startOffset - this.lineStart };
    const length = token.image.length;
    if (token.tokenType === DefinitionToken) return { start, end: endOf(token, start) };
    return { start, end: { offset: start.offset + length, line: start.line, character: start.character + length } };
  }

  /** Source view only: `include` and `$NAME=` lines stay in the tree as written. */
  private directive(token: Located & { image: string; tokenType: IToken['tokenType'] }): void {
    if (this.awaiting) this.openBlock(this.awaiting, null);
    const prefixes = this.takePrefixes();
    const located = { file: token.file, range: prefixes ? span(prefixes[0]!, token) : token.range };
    let node: Node;
    if (token.tokenType === IncludeToken) {
      const [, directive = 'include', pattern = ''] = /^(\S+)[ \t]+(.*)$/s.exec(token.image) ?? [];
      node = { type: 'Include', directive, pattern, files: [], ...located };
    } else {
      const physical = definitionLines(token.image);
      const [, name = '', first = ''] = /^\$([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(physical[0]!) ?? [];
      const lines = [first, ...physical.slice(1)].map((l) => decomment(l).replace(/[ \t]*\\$/, ''));
      node = { type: 'Definition', name, lines, multiline: physical.length > 1, raw: token.image, ...located };
    }
    if (prefixes) node.prefixes = prefixes;
    this.top().body.push(node);
    this.lastPlain = null;
  }

  private openBrace(token: Located): void {
    if (this.awaiting) {
      this.openBlock(this.awaiting, token);
      return;
    }
    const owner = this.lastPlain;
    this.lastPlain = null;
    if (owner && owner.block === null) {
      if (owner.spec) {
        const singleQuoted = owner.args.some((w) => !w.quoted && w.text.includes("'"));
        const message = singleQuoted
          ? `'{' inside single quotes is not protected: keepalived cuts the '${owner.keyword.text}' line at the brace; use double quotes`
          : `'${owner.keyword.text}' does not open a block: keepalived reports "Unexpected '{'" and reads the lines inside as if the braces were not there`;
        this.report('unexpected-block', 'error', message, token);
      }
      this.push(owner, 'unknown', null, token);
      return;
    }
    this.report('unexpected-open-brace', 'error', `unexpected '{': no keyword opens this block`, token);
    const block = new BlockNode('unknown', null, token, token);
    this.top().body.push(block);
    this.stack.push(this.frameFor(block, null, token));
  }

  /**
   * A `{` as keepalived reads it, while its reading is off the blocks as written (`offWritten`):
   * it opens the block a block keyword waits for; in a value block it is an item; anywhere else
   * keepalived reports "Unexpected '{'" and ignores it, so the lines after it stay at this level
   * and the next `}` closes the block they stand in. (Elsewhere kalint hangs such a block on its
   * keyword, as written; see `openBrace`.)
   */
  private openBraceAsKeepalived(raw: IToken, token: Located, reference: string | undefined): void {
    if (this.awaiting) {
      this.openBlock(this.awaiting, token);
      return;
    }
    const owner = this.lastPlain;
    this.lastPlain = null;
    const frame = this.top();
    if (frame.kind === 'values') {
      const word = this.word(raw);
      frame.body.push({ type: 'Value', words: [word], file: word.file, range: word.range });
      return;
    }
    const where = frame.block === null ? 'at the top level' : `in ${this.label(frame)}`;
    let message: string;
    if (reference !== undefined) {
      message = `the '{' of '${reference}', which keepalived leaves as written: it reports "Unexpected '{'" and ignores the brace`;
      if (reference.endsWith('}')) {
        if (frame.block === null) message += `, and the '}' is an extra '}' at the top level`;
        else {
          const after = this.stack.length === 2 ? 'at the top level' : `in ${this.label(this.stack[this.stack.length - 2]!)}`;
          message += `, so the '}' closes ${this.label(frame)} at this line and the lines after it are read ${after}`;
        }
      }
    } else {
      const opener = owner ? `'${owner.keyword.text}' opens no block where keepalived reads it (${where})` : `no keyword opens a block here`;
      message = `${opener}: keepalived reports "Unexpected '{'" and ignores this '{'${this.offWrittenNote()}`;
    }
    this.report(owner ? 'unexpected-block' : 'unexpected-open-brace', 'error', message, token);
  }

  /** Why keepalived's reading is off the blocks as written, for messages. */
  private offWrittenNote(): string {
    const off = this.offWritten;
    if (off === null) return '';
    const closed = off.closed !== null ? `the '}' of '${off.reference}' on line ${off.line + 1} closed ${off.closed} early` : `'${off.reference}' on line ${off.line + 1} is left as written`;
    return `; keepalived's reading is off the blocks as written here: ${closed}`;
  }

  /** A block in messages: its keyword line, or where its `{` stands. */
  private label(frame: Frame): string {
    if (frame.owner) return `'${[frame.owner.keyword, ...frame.owner.args].map((w) => w.text).join(' ')}'`;
    return `the block opened on line ${frame.openerLine + 1}`;
  }

  private closeBrace(token: Located, reference?: string): void {
    if (this.awaiting) this.openBlock(this.awaiting, null);
    this.lastPlain = null;
    this.prefixes = [];
    const off = this.offWritten;
    if (reference !== undefined && off !== null && off.closing && reference === off.reference) {
      off.closing = false;
      if (this.stack.length > 1) off.closed = this.label(this.top());
    }
    if (this.stack.length === 1) {
      this.report('extra-close-brace', 'error', `unexpected '}': no block is open here (keepalived: "Extra '}' found")${this.offWrittenNote()}`, token);
      return;
    }
    const frame = this.stack.pop()!;
    const block = frame.block!;
    // The body grew by push, with room to spare (V8 gives a pushed-to array 17 slots and more);
    // closed, it takes no more children, and the tree keeps an array of its size instead.
    (block as { body: Block['body'] }).body = frame.body.slice();
    (block as BlockNode).closedBy = token;
    if (frame.owner) (frame.owner as StatementNode).end = token;
  }

  /** Open the block a block keyword announced; `brace` is null when its `{` is missing. */
  private openBlock(owner: Statement, brace: Located | null): void {
    this.awaiting = null;
    const spec = owner.spec as KeywordSpec;
    if (brace === null) {
      const name = owner.keyword.text;
      const ignored = owner.args.length > 0 ? ` and ignores '${owner.args.map((w) => w.text).join(' ')}'` : '';
      const message =
        spec.block === 'values'
          ? `'${name}' takes its items in a '{ }' block: keepalived reads the following lines, up to the next '}', as its items${ignored}`
          : `'${name}' must be followed by '{': keepalived reports the missing '{' and reads the following lines as its block anyway`;
      this.report('missing-open-brace', 'error', message, owner.keyword);
    }
    this.push(owner, spec.block!, spec.path, brace);
  }

  private push(owner: Statement, kind: Block['kind'], path: string | null, brace: Located | null): void {
    const at = brace ?? owner.keyword;
    const block = new BlockNode(kind, path, brace, at);
    owner.block = block;
    this.stack.push(this.frameFor(block, owner, owner.keyword));
  }

  private frameFor(block: Block, owner: Statement | null, opener: Located): Frame {
    return {
      body: block.body,
      block,
      owner,
      path: block.path,
      kind: block.kind,
      // Indentation says nothing about a block opened by an expanded line.
      indent: 'expansion' in opener && opener.expansion !== undefined ? -1 : startOf(opener).character,
      openerLine: startOf(opener).line,
      openerFile: opener.file,
      dedentLine: null,
    };
  }

  /** Remember the first line that sits no deeper than its block's opener: a `}` may be missing there. */
  private checkIndent(frame: Frame, first: Word, token: IToken): void {
    if (frame.block === null || frame.dedentLine !== null || first.file !== frame.openerFile) return;
    // The word was read straight from the current file: its place is known without its range.
    if (this.line !== frame.openerLine && token.startOffset - this.lineStart <= frame.indent) {
      frame.dedentLine = this.line;
      this.dedented.push(frame);
    }
  }

  /**
   * At the end of input, N blocks are still open, so N `}` are missing. The `}` that closed a block
   * may have been meant for an outer one, so the open blocks are not always the culprits: blame
   * first the blocks whose body runs into a line indented no deeper than their opener (in text
   * order), then the blocks still open.
   */
  private reportUnclosed(): void {
    // A block whose `{` is missing was reported already and needs no `}` of its own.
    const open = this.stack.slice(1).filter((f) => (f.block as BlockNode).openedBy !== null);
    const missing = Math.min(this.braceDepth, open.length);
    if (missing === 0) return;
    const candidates = [...this.dedented.filter((f) => (f.block as BlockNode).openedBy !== null), ...open.slice().reverse()];
    const blamed = [...new Set(candidates)].slice(0, missing);
    for (const frame of blamed) {
      const at: Located = frame.owner?.keyword ?? frame.block!;
      const name = frame.owner ? [frame.owner.keyword, ...frame.owner.args].map((w) => w.text).join(' ') : '{';
      const where =
        frame.dedentLine !== null
          ? `; going by the indentation, it belongs before line ${frame.dedentLine + 1}`
          : ' at the end of the file';
      this.report('missing-close-brace', 'error', `block '${name}' is never closed: a '}' is missing${where}`, at);
    }
  }

  private word(token: IToken): Word {
    const raw = token.image;
    let text: string;
    let quoted = false;
    if (token.tokenType === Quoted) {
      text = raw.slice(1, -1);
      quoted = true;
    } else if (token.tokenType === UnterminatedQuote) {
      text = raw.slice(1);
      quoted = true;
    } else {
      text = raw.includes('\\') ? raw.replace(/\\([#!])/g, '$1').replace(/[ \t]+\\$/, '\\') : raw;
    }
    const origin = originOf(token);
    let word: Word;
    if (origin === undefined) {
      word = new WordNode(text, raw, quoted, this.file, token.startOffset, this.line, token.startOffset - this.lineStart);
    } else {
      word = { type: 'Word', text, raw, quoted, file: origin.file, range: origin.range };
      if (origin.expansion !== undefined) word.expansion = origin.expansion;
    }
    if (token.tokenType === UnterminatedQuote) {
      this.report('unterminated-quote', 'error', `missing closing '"': keepalived drops the rest of the line`, word);
    }
    return word;
  }

  private takePrefixes(): Prefix[] | undefined {
    if (this.prefixes.length === 0) return undefined;
    const prefixes = this.prefixes;
    this.prefixes = [];
    return prefixes;
  }

  private top(): Frame {
    return this.stack[this.stack.length - 1]!;
  }

  private report(code: string, severity: 'error' | 'warning', message: string, at: Located): void {
    this.diagnostics.addAt(code, severity, message, at);
  }
}

/** Where a node starts; for words and braces read straight from a file, without making their ranges. */
function startOf(at: Located): { line: number; character: number } {
  if (at instanceof Spot) return { line: at.startLine, character: at.startCharacter };
  return at.range.start;
}

function span(from: Located, to: Located): Range {
  if (from.file !== to.file) return from.range;
  return { start: from.range.start, end: to.range.end };
}

/**
 * Builds `file.body` from tokens fed in order, in one piece or batch by batch (each batch ending
 * with a line end, so no statement is cut in two).
 */
export class TreeBuilder {
  private readonly builder: AstBuilder;

  constructor(private readonly file: ConfigFile) {
    this.builder = new AstBuilder(file);
  }

  feed(tokens: IToken[]): void {
    parser.builder = this.builder;
    parser.input = tokens;
    try {
      parser.config();
      for (const error of parser.errors) {
        this.builder.diagnostics.add({ code: 'parse-error', severity: 'error', message: error.message, file: this.file.file, range: this.file.range });
      }
    } finally {
      parser.builder = null;
      // The shared parser would otherwise hold the last input, every token of an expanded
      // configuration (a million and more), until the next parse.
      parser.input = [];
    }
  }

  /** End of input: report what is left open; returns the syntax diagnostics. */
  finish(): SyntaxDiagnostic[] {
    this.builder.finish();
    return this.builder.diagnostics.all;
  }
}

/** Parse a token stream into `file.body`; returns the syntax diagnostics. */
export function buildTree(tokens: IToken[], file: ConfigFile): SyntaxDiagnostic[] {
  const tree = new TreeBuilder(file);
  tree.feed(tokens);
  return tree.finish();
}
