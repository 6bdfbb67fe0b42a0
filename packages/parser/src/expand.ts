/**
 * keepalived's preprocessor, step for step: `@id` conditional lines, `$NAME=value` definitions,
 * `$NAME`/`${NAME}` substitution, `~SEQ`/`~LST` expansion and `include`, in the order `read_line()`
 * in keepalived's lib/parser.c applies them (see shared/keepalived-facts/language.md). The result
 * is the token stream keepalived would split into statements, each token mapped back to the file,
 * line and column it came from.
 */
import type { IToken, TokenType } from 'chevrotain';
import { compareVersions } from '@kalint/grammar';
import type { Comment, Definition, Include, Located, Position, SyntaxDiagnostic } from './ast.js';
import {
  Conditional,
  Definition as DefinitionToken,
  definitionLines,
  Include as IncludeToken,
  LBrace,
  Newline,
  PositionMarker,
  RBrace,
  Sequence,
  stripComment,
  Word,
} from './lexer.js';
import { ExpandedMap, FixedMap, LineMap, SegmentMap, ShiftedMap, type Origin, type Segment, type SourceMap } from './source-map.js';
import { scan, Scanner, type Scanned } from './scan.js';
import { endOf, originOf, positionMarker, type ExpandedToken } from './stream.js';

/** Reads the files an `include` names. The parser does no I/O of its own. */
export interface IncludeHost {
  /** Paths matching a keepalived include pattern (a glob with `{a,b}` braces), in glob order. */
  expand(pattern: string, fromDirectory: string): string[];
  /**
   * Some of the paths a shell with globstar (bash's option, zsh) would match, where `**` is any
   * number of directory levels. Only asked for patterns with a `**` component, to say when
   * keepalived's reading (`**` as `*`) leaves files out that a shell would read.
   */
  globstarMatches?(pattern: string, fromDirectory: string): string[];
  /**
   * Where `expand` reads the pattern from, as the user would name it, when that is not where the
   * pattern points (an include root maps a deployed directory onto a repository's); else undefined.
   */
  readFrom?(pattern: string, fromDirectory: string): string | undefined;
  /**
   * The text of a matched file, or why keepalived would skip it (a directory, not a regular file...).
   * `warning` says what was read differently from the bytes on disk (invalid UTF-8).
   */
  read(path: string): { text: string; warning?: string } | { error: string };
}

export interface ExpandOptions {
  /** The config id selecting `@id` lines, as `keepalived -i` does. Unset: `@id` lines are off, `@^id` lines on. */
  configId?: string;
  /** Resolves `include`; without it, includes are recorded but not followed. */
  host?: IncludeHost;
  /** Environment for `${_ENV NAME}`. */
  env?: Readonly<Record<string, string>>;
  /**
   * The keepalived release the configuration is for, where its reading depends on it: `${_ENV NAME}`
   * is a definition from 2.4.0 only, and an older release leaves it as written (its braces then
   * split the line). Unset: the newest release.
   */
  targetVersion?: string;
  /** Deepest include nesting followed (cycles are always reported). */
  maxIncludeDepth?: number;
}

/** keepalived reads lines into a 1024-byte buffer: 1022 characters plus the newline fit. */
export const MAX_LINE_BYTES = 1022;

/**
 * How much one configuration may make kalint read, in all: its main file, every file it includes
 * and everything `~SEQ`/`~LST`, definitions and includes make of them. keepalived has no such
 * limits: 30 files that each include the next twice make it read 2^30 files, and three nested
 * `~SEQ(i,1,1000)` a billion lines. kalint reads up to the first limit reached, reports it once
 * (`reading-limit`, an error: the configuration was not checked whole) and reads no further of
 * that kind. The limits lie above real configurations (a generated one of 200,000 lines has
 * 370,000 words and braces and 146,000 statements) and keep a run within seconds and 1 GB.
 */
export const READING_LIMITS = {
  /** Words and braces, in the main file, its includes and the lines expansion makes. */
  words: 1_000_000,
  /**
   * Statements and value lines (keyword lines, items of value blocks), where `words` counts too.
   * Each costs far more than a word once linted (a finding for a line of an unknown keyword).
   */
  statements: 200_000,
  /** Lines made by `~SEQ`/`~LST` values and multi-line definitions. */
  expandedLines: 100_000,
  /** Files read for `include` lines; a file included twice counts twice. */
  includedFiles: 10_000,
} as const;

/** Values a `~SEQ`/`~LST` yields at most: all the lines expansion may make (READING_LIMITS.expandedLines). */
export const MAX_SEQUENCE_VALUES = READING_LIMITS.expandedLines;
const MAX_EXPANSION_DEPTH = 64;
/** Replacements in one line that keepalived's would-be-too-long check never stops: a loop. */
const MAX_SUBSTITUTIONS = 1000;
/** keepalived's line buffer: a substitution may make a line of at most this many bytes (then a NUL). */
const SUBSTITUTION_BYTES = MAX_LINE_BYTES + 1;

/** The first keepalived release that defines `${_ENV NAME}`. */
export const ENV_SINCE = '2.4.0';

const definitionLine = /^\$([A-Za-z_][A-Za-z0-9_]*)=[ \t]*/;
const includeLine = /^(include[rmwba]?)[ \t]+/;
const identifier = /[A-Za-z_][A-Za-z0-9_]*/y;

/** At most this many syntax diagnostics of one kind (one code) are listed per file. */
export const MAX_DIAGNOSTICS_PER_KIND = 100;
/** Diagnostics of one kind remembered to drop repeats (a `~SEQ` line repeats its problems). */
const REMEMBERED_PER_KIND = 10_000;

interface Kind {
  count: number;
  /** Places and messages seen, while there are few enough to remember. */
  seen: Set<string> | null;
  /** The first diagnostic left out, and how many were. */
  firstLeftOut: SyntaxDiagnostic | null;
}

/**
 * Syntax diagnostics, at most `MAX_DIAGNOSTICS_PER_KIND` of one code per file. 100,000 unclosed
 * blocks are one mistake repeated; listing each buries it and takes minutes to print. The rest are
 * counted, and `all` ends with one diagnostic per cut kind, at the first one left out, saying how
 * many more there are. Exact repeats (the same problem at the same place, as a `~SEQ` line gives
 * once per value) count once.
 */
export class DiagnosticList {
  private readonly listed: SyntaxDiagnostic[] = [];
  private readonly kinds = new Map<string, Kind>();

  add(diagnostic: SyntaxDiagnostic): void {
    this.addAt(diagnostic.code, diagnostic.severity, diagnostic.message, diagnostic);
  }

  /**
   * Add a diagnostic at `at`, whose range is only read when the diagnostic is listed or checked
   * for a repeat: 500,000 unexpected braces need 500,000 counts, not 500,000 ranges.
   */
  addAt(code: string, severity: SyntaxDiagnostic['severity'], message: string, at: Located): void {
    const kindKey = `${at.file}\0${code}`;
    let kind = this.kinds.get(kindKey);
    if (kind === undefined) {
      kind = { count: 0, seen: new Set(), firstLeftOut: null };
      this.kinds.set(kindKey, kind);
    }
    if (kind.seen === null && kind.count >= MAX_DIAGNOSTICS_PER_KIND) {
      kind.count++;
      return;
    }
    const diagnostic: SyntaxDiagnostic = { code, severity, message, file: at.file, range: at.range };
    if (kind.seen !== null) {
      const key = `${diagnostic.range.start.offset}:${diagnostic.range.end.offset}:${diagnostic.message}`;
      if (kind.seen.has(key)) return;
      if (kind.seen.size < REMEMBERED_PER_KIND) kind.seen.add(key);
      else kind.seen = null;
    }
    kind.count++;
    if (kind.count <= MAX_DIAGNOSTICS_PER_KIND) this.listed.push(diagnostic);
    else kind.firstLeftOut ??= diagnostic;
  }

  /** The diagnostics listed, then one per kind that had more, counting the rest. */
  get all(): SyntaxDiagnostic[] {
    const more: SyntaxDiagnostic[] = [];
    for (const kind of this.kinds.values()) {
      const first = kind.firstLeftOut;
      if (first === null) continue;
      const n = kind.count - MAX_DIAGNOSTICS_PER_KIND;
      const what = `${first.severity === 'error' ? 'error' : 'warning'}${n === 1 ? '' : 's'}`;
      more.push({
        ...first,
        message: `and ${n.toLocaleString('en')} more '${first.code}' ${what} in this file, the first of them here (kalint lists ${MAX_DIAGNOSTICS_PER_KIND} of each kind)`,
      });
    }
    return more.length === 0 ? this.listed : [...this.listed, ...more];
  }
}

/** Expands one main file (and what it includes) into tokens. */
export class Expander {
  /** The tokens for the parser (those not yet handed to `feed`, when there is one). */
  tokens: IToken[] = [];
  private readonly problems = new DiagnosticList();
  readonly definitionNodes: Definition[] = [];
  readonly includeNodes: Include[] = [];
  readonly files: string[] = [];
  comments: Comment[] = [];
  private readonly definitions = new Map<string, string[]>();
  private readonly fileStack: string[] = [];
  /** The texts of the files on `fileStack`, to place a raw token where reading stopped. */
  private readonly textStack: string[] = [];
  /** Where tokens go batch by batch while expanding (`expandFile`'s `feed`). */
  private feed: ((tokens: IToken[]) => void) | null = null;
  /** Position markers pushed so far: one more after a line means reading went to another file. */
  private markers = 0;
  /** What has been read against READING_LIMITS, and which limits were reached. */
  private words = 0;
  private statements = 0;
  /** The next word starts a statement (after a line end, a brace or a change of file). */
  private atLineStart = true;
  private expandedLines = 0;
  private includedFiles = 0;
  /** The words limit was reached: nothing more is read. */
  private stopped = false;
  private expansionStopped = false;
  private includesStopped = false;

  constructor(private readonly options: ExpandOptions) {}

  /** Problems found while expanding, at most `MAX_DIAGNOSTICS_PER_KIND` of a kind per file. */
  get diagnostics(): SyntaxDiagnostic[] {
    return this.problems.all;
  }

  /**
   * Expand a file's text; `file` names it in every token and diagnostic. With `feed`, the tokens
   * are handed to it batch by batch (each batch ending with a line end) as they are made, and
   * `tokens` is left empty: an expanded configuration never exists whole as tokens.
   */
  expandFile(text: string, file: string, feed?: (tokens: IToken[]) => void): void {
    const nested = this.fileStack.length > 0;
    if (feed !== undefined) this.feed = feed;
    this.fileStack.push(file);
    this.textStack.push(text);
    this.files.push(file);
    const lexed = this.probe(text) ?? scan(text);
    if (!nested) this.comments = toComments(lexed, file);
    checkLineLengths(text, file, this.problems);
    if (nested) this.pushMarker(positionMarker(file, 0, 0));
    if (!text.includes('$') && !lexed.tokens.some((t) => isDirective(t.tokenType))) {
      // Nothing to expand: the lexer's tokens are the parser's.
      for (const token of lexed.tokens) {
        if (this.stopped) break;
        this.push(token);
      }
    } else {
      this.expandLines(lexed.tokens, text, file);
    }
    this.fileStack.pop();
    this.textStack.pop();
    if (nested) {
      this.newline(endOrigin(text, file));
    } else {
      // Past the words limit tokens are dropped; the last statement read still needs its end.
      this.tokens.push(newlineToken(endOrigin(text, file)));
      this.flush();
      this.feed = null;
    }
  }

  /**
   * Read a file with nothing to expand (see `nothingToExpand`) batch by batch, handing each batch
   * of tokens to `feed` as it is read: the parser's input never exists whole.
   */
  streamFile(text: string, file: string, feed: (tokens: IToken[]) => void): void {
    this.files.push(file);
    checkLineLengths(text, file, this.problems);
    const probed = this.probe(text);
    if (probed !== null) {
      this.feedCounted(probed.tokens, feed, file, text);
      this.comments = toComments(probed, file);
    } else {
      const scanner = new Scanner(text);
      for (let batch = scanner.next(STREAM_BATCH); batch !== null && !this.stopped; batch = scanner.next(STREAM_BATCH)) {
        this.feedCounted(batch, feed, file, text);
      }
      // `nothingToExpand` looks for every place a directive could stand; reaching this is a bug.
      if (scanner.directives && !this.stopped) throw new Error('a preprocessor line in a file read without expansion');
      this.comments = toComments(scanner, file);
    }
    feed([newlineToken(endOrigin(text, file))]);
  }

  /** Hand a batch read straight from `file` to `feed`, up to the reading limits. */
  private feedCounted(batch: IToken[], feed: (tokens: IToken[]) => void, file: string, text: string): void {
    const cut = this.admitted(batch, file, text);
    feed(cut === batch.length ? batch : batch.slice(0, cut));
  }

  /**
   * How many of `tokens` (read straight from `file`) the reading limits admit: all of them, or
   * those before the token where reading stops (reported there).
   */
  private admitted(tokens: IToken[], file: string, text: string): number {
    for (let i = 0; i < tokens.length; i++) {
      const limit = this.admit(tokens[i]!);
      if (limit !== null) {
        this.stopReading(tokens[i]!, file, text, limit);
        return i;
      }
    }
    return tokens.length;
  }

  /**
   * Count `token` against the words and statements limits: null when it may be read, otherwise
   * the limit it would pass.
   */
  private admit(token: IToken): 'words' | 'statements' | null {
    const type = token.tokenType;
    if (type === Newline || type === PositionMarker) {
      this.atLineStart = true;
      return null;
    }
    const brace = type === LBrace || type === RBrace;
    if (this.words >= READING_LIMITS.words) return 'words';
    const starts = this.atLineStart && !brace;
    if (starts && this.statements >= READING_LIMITS.statements) return 'statements';
    this.words++;
    if (starts) this.statements++;
    this.atLineStart = brace;
    return null;
  }

  /**
   * `text` scanned only as far as the words limit can reach, when scanning it whole would make far
   * more tokens than the limit has left: the scanner hands out whole lines, and 16 MB of `{}` on one
   * line would be 16 million tokens at once. Null when the text is read as usual (no line is that
   * long, or the text holds fewer words than are left). Prefixes grow until one holds more than
   * what is left; reading stops inside it, and every token but its last is as in the whole text.
   */
  private probe(text: string): Scanned | null {
    const left = READING_LIMITS.words - this.words;
    if (text.length <= left || !hasLongLine(text)) return null;
    // Each token takes a character at least: no shorter prefix can hold more than `left`.
    let end = Math.max(left + 2, 1024);
    while (end < text.length) {
      const scanned = scan(text.slice(0, end));
      const words = countWords(scanned.tokens);
      if (words > left + 1) return scanned;
      // Aim at the length that holds enough, from the words per character seen so far.
      end = Math.ceil(end * (words > 0 ? Math.min(16, Math.max(1.25, (1.1 * (left + 2)) / words)) : 16));
    }
    return null;
  }

  /** Hand a token to the parser, counting it against the reading limits. */
  private push(token: IToken): void {
    if (this.stopped) return;
    const limit = this.admit(token);
    if (limit !== null) {
      const top = this.fileStack.length - 1;
      this.stopReading(token, this.fileStack[top]!, this.textStack[top]!, limit);
      return;
    }
    this.tokens.push(token);
    if (token.tokenType === Newline && this.feed !== null && this.tokens.length >= STREAM_BATCH) this.flush();
  }

  private pushMarker(marker: IToken): void {
    if (this.stopped) return;
    this.markers++;
    this.atLineStart = true;
    this.tokens.push(marker);
  }

  /** Hand the tokens made so far to `feed`, if there is one. */
  private flush(): void {
    if (this.feed === null || this.tokens.length === 0) return;
    const batch = this.tokens;
    this.tokens = [];
    this.feed(batch);
  }

  /** The words limit is reached at `token` (of `file`, whose text is `text` when it has no origin). */
  private stopReading(token: IToken, file: string, text: string, kind: 'words' | 'statements'): void {
    this.stopped = true;
    const limit = READING_LIMITS[kind].toLocaleString('en');
    const what = kind === 'words' ? 'words and braces' : 'statements (keyword lines and value lines)';
    const origin = originOf(token) ?? rawOrigin(token, file, text);
    this.report(
      'reading-limit',
      'error',
      `kalint stopped reading here: this configuration, with its includes and expansions, has more than ${limit} ${what}; keepalived reads them all, kalint checks the first ${limit}`,
      origin,
    );
  }

  /** Count one line made by `~SEQ`/`~LST` or a multi-line definition; false past the limit. */
  private expandedLine(origin: Origin): boolean {
    if (this.expansionStopped || this.stopped) return false;
    if (++this.expandedLines <= READING_LIMITS.expandedLines) return true;
    this.expansionStopped = true;
    const limit = READING_LIMITS.expandedLines.toLocaleString('en');
    this.report(
      'reading-limit',
      'error',
      `kalint stopped expanding here: ~SEQ/~LST values and multi-line definitions make more than ${limit} lines in this configuration; keepalived reads them all, kalint checks the first ${limit} and expands no more of them after this point`,
      origin,
    );
    return false;
  }

  /** Expand line by line; lines without preprocessing pass through as they are. */
  private expandLines(tokens: IToken[], text: string, file: string): void {
    const lineTokens: IToken[] = [];
    // Line and start offset of the physical line being collected, and of the current line.
    let firstLine = 0;
    let firstLineStart = 0;
    let line = 0;
    let lineStart = 0;
    for (const token of tokens) {
      if (this.stopped) return;
      if (token.tokenType === Newline) {
        const before = this.markers;
        this.rawLine(lineTokens, text, file, firstLine, firstLineStart);
        // Reading went elsewhere (an include) or skipped lines (a multi-line definition): resync.
        if (line !== firstLine || this.markers !== before) this.pushMarker(positionMarker(file, line, lineStart));
        lineTokens.length = 0;
        this.push(token);
        line++;
        lineStart = token.startOffset + token.image.length;
        firstLine = line;
        firstLineStart = lineStart;
        continue;
      }
      lineTokens.push(token);
      if (token.tokenType === DefinitionToken) {
        const end = endOf(token, { offset: token.startOffset, line, character: token.startOffset - lineStart });
        line = end.line;
        lineStart = end.offset - end.character;
      }
    }
    this.rawLine(lineTokens, text, file, firstLine, firstLineStart);
  }

  /** The source view: every token as written, nothing expanded. */
  sourceFile(text: string, file: string): void {
    this.files.push(file);
    const lexed = this.probe(text) ?? scan(text);
    this.comments = toComments(lexed, file);
    const tokens = text.includes('${') ? definedReferencesAsWords(lexed.tokens, this.options.targetVersion) : lexed.tokens;
    this.tokens = tokens;
    // The reading limits hold here too: the formatter reads this view.
    const cut = this.admitted(tokens, file, text);
    if (cut === tokens.length) return;
    this.tokens = tokens.slice(0, cut);
    this.tokens.push(newlineToken(endOrigin(text, file)));
  }

  /** One physical line's tokens. Most lines need no preprocessing and pass through as they are. */
  private rawLine(tokens: IToken[], text: string, file: string, line: number, lineStart: number): void {
    if (tokens.length === 0) return;
    let from = 0;
    let first = tokens[0]!;
    if (first.tokenType === Conditional) {
      if (tokens.length === 1 || !this.conditionHolds(first.image)) return;
      from = 1;
      first = tokens[1]!;
    }
    if (first.tokenType === DefinitionToken) {
      const start: Position = { offset: first.startOffset, line, character: first.startOffset - lineStart };
      this.defineFromToken(first, { file, range: { start, end: endOf(first, start) } });
      return;
    }
    let plain = first.tokenType !== Sequence && first.tokenType !== IncludeToken;
    for (let i = from; plain && i < tokens.length; i++) if (tokens[i]!.image.includes('$')) plain = false;
    if (plain) {
      for (let i = from; i < tokens.length; i++) this.push(tokens[i]!);
      return;
    }
    const last = tokens[tokens.length - 1]!;
    const start: Position = { offset: first.startOffset, line, character: first.startOffset - lineStart };
    this.logicalLine(text.slice(first.startOffset, last.startOffset + last.image.length), new LineMap(file, start), 0);
  }

  /** Steps 5 to 10 of keepalived's `read_line()` on the text of one logical line. */
  private logicalLine(text: string, map: SourceMap, depth: number): void {
    if (this.stopped) return;
    if (depth > MAX_EXPANSION_DEPTH) {
      this.report('expansion-too-deep', 'error', 'expansion nested too deeply; the rest is ignored', map.map(0, text.length));
      return;
    }
    [text, map] = trim(text, map);
    if (text === '') return;

    if (text[0] === '@') {
      const condition = /^@\^?[^ \t]*/.exec(text)![0];
      const blanks = /^[ \t]+/.exec(text.slice(condition.length));
      if (blanks === null || !this.conditionHolds(condition)) return;
      const skip = condition.length + blanks[0].length;
      this.logicalLine(text.slice(skip), new ShiftedMap(map, skip), depth + 1);
      return;
    }

    const definition = definitionLine.exec(text);
    if (definition !== null) {
      const value = decomment(text.slice(definition[0].length));
      this.define(definition[1]!, [value], false, text, map.map(0, text.length));
      return;
    }

    if (isSequence(text)) {
      this.sequence(text, map, depth);
      return;
    }
    if (text[0] === '~') {
      // keepalived passes other `~` lines through without parameter substitution.
      this.lex(text, map);
      return;
    }

    let extraLines: string[] = [];
    let extraOrigin: Origin | null = null;
    if (text.includes('$')) {
      const substituted = this.substitute(text, map);
      if (substituted?.overflow) {
        // keepalived gives up on the line as it stands: no decommenting, no second look.
        [text, map] = [substituted.text, substituted.map];
      } else if (substituted !== null) {
        // keepalived decomments the line again: `#` or `!` brought in by a value starts a comment.
        [text, map] = trim(stripComment(substituted.text), substituted.map);
        extraLines = substituted.extraLines;
        extraOrigin = substituted.extraOrigin;
        if (text !== '' && (text[0] === '@' || isSequence(text))) {
          this.logicalLine(text, map, depth + 1);
          text = '';
        }
      }
    }

    const include = includeLine.exec(text);
    if (include !== null) {
      this.include(include[1]!, text.slice(include[0].length), map.map(0, text.length));
    } else if (text !== '') {
      this.lex(text, map);
    }

    if (extraOrigin !== null) {
      // The further lines of a multi-line definition are read as lines of their own.
      const extraMap = new FixedMap(extraOrigin);
      for (const line of extraLines) {
        if (!this.expandedLine(extraOrigin)) break;
        this.newline(extraOrigin);
        this.logicalLine(line, extraMap, depth + 1);
      }
    }
  }

  /**
   * Split a logical line's text into tokens, each mapped to its origin. The braces of a `${NAME}`
   * that substitution left as written are marked with the reference (see `ExpandedToken`): they
   * split the line as any brace does, and the parser reads them as keepalived does.
   */
  private lex(text: string, map: SourceMap): void {
    const lexed = scan(text);
    // Where the `}` of the last `${` read stands in `text`, and that reference.
    let referenceClose = -1;
    let reference = '';
    for (const token of lexed.tokens) {
      if (this.stopped) return;
      const origin = map.map(token.startOffset, token.startOffset + token.image.length);
      // Line-start tokens were handled before lexing; anything left of their kind is a plain word.
      const kind = isDirective(token.tokenType) ? Word : token.tokenType;
      const made = makeToken(kind, token.image, origin);
      if (kind === LBrace && text[token.startOffset - 1] === '$') {
        // Substitution is over: keepalived substituted nothing for a `${` still in the line.
        referenceClose = text.indexOf('}', token.startOffset);
        const end = referenceClose >= 0 ? referenceClose + 1 : token.startOffset + 1 + /^[^ \t]*/.exec(text.slice(token.startOffset + 1))![0].length;
        reference = text.slice(token.startOffset - 1, end);
        made.reference = reference;
      } else if (kind === RBrace && token.startOffset === referenceClose) {
        made.reference = reference;
      }
      this.push(made);
    }
  }

  private newline(origin: Origin): void {
    this.push(newlineToken(origin));
  }

  private conditionHolds(condition: string): boolean {
    const negated = condition.startsWith('@^');
    const id = condition.slice(negated ? 2 : 1);
    const matches = this.options.configId !== undefined && id === this.options.configId;
    return negated ? !matches : matches;
  }

  private defineFromToken(token: IToken, origin: Origin): void {
    const physical = definitionLines(token.image);
    const head = definitionLine.exec(physical[0]!)!;
    const lines: string[] = [];
    physical[0] = physical[0]!.slice(head[0].length);
    const multiline = physical.length > 1 || /\\$/.test(decomment(physical[0]));
    for (const line of physical) {
      const value = decomment(line).replace(/[ \t]*\\$/, '');
      if (value !== '' || lines.length === 0) lines.push(value);
    }
    this.define(head[1]!, lines, multiline, token.image, origin);
  }

  private define(name: string, lines: string[], multiline: boolean, raw: string, origin: Origin): void {
    this.definitions.set(name, lines);
    this.definitionNodes.push({ type: 'Definition', name, lines, multiline, raw, file: origin.file, range: origin.range });
  }

  /**
   * `$NAME` / `${NAME}` substitution, recursive, as keepalived's `replace_param()`. keepalived
   * substitutes in its 1024-byte line buffer: a replacement that would make the line longer than
   * 1023 bytes is not made, substitution stops there, and the line is read as substituted so far
   * (`overflow`), without decommenting it again.
   */
  private substitute(
    text: string,
    map: SourceMap,
  ): { text: string; map: SourceMap; extraLines: string[]; extraOrigin: Origin | null; overflow: boolean } | null {
    // Each output character remembers the input range it stands for (lines are short).
    let work = text;
    let bytes = utf8Length(text, 0, text.length);
    let inStart = Array.from({ length: text.length }, (_, i) => i);
    let inEnd = inStart.map((i) => i + 1);
    let copied = inStart.map(() => true);
    let extraLines: string[] = [];
    let extraOrigin: Origin | null = null;
    let replacements = 0;
    let changed = false;
    let overflow = false;
    let i = work.indexOf('$');
    while (i >= 0 && i < work.length) {
      const reference = this.findReference(work, i);
      if (reference === null) {
        i = work.indexOf('$', i + 1);
        continue;
      }
      const [value, ...rest] = reference.lines;
      const grownBytes = bytes - utf8Length(work, i, reference.end) + utf8Length(value!, 0, value!.length);
      if (grownBytes > SUBSTITUTION_BYTES && grownBytes > bytes) {
        this.report(
          'substitution-too-long',
          'warning',
          `parameter substitution makes this line longer than keepalived's ${SUBSTITUTION_BYTES}-byte limit: keepalived stops substituting there ("would exceed maximum line length") and reads the line as far as it was substituted, with '${work.slice(i, reference.end)}' and what follows it left as written`,
          map.map(0, text.length),
        );
        overflow = true;
        extraLines = [];
        extraOrigin = null;
        break;
      }
      if (++replacements > MAX_SUBSTITUTIONS) {
        this.report(
          'substitution-loop',
          'error',
          `parameter substitution never ends: over ${MAX_SUBSTITUTIONS} replacements without the line growing past keepalived's limit, so a definition refers to itself; keepalived substitutes it forever and hangs at this line (kalint leaves the line as written)`,
          map.map(0, text.length),
        );
        return null;
      }
      // The input range the reference stands for: the ranges of its characters, joined.
      let refStart = inStart[i]!;
      let refEnd = inEnd[i]!;
      for (let k = i + 1; k < reference.end; k++) {
        refStart = Math.min(refStart, inStart[k]!);
        refEnd = Math.max(refEnd, inEnd[k]!);
      }
      if (rest.length > 0) {
        extraLines = rest;
        extraOrigin = { ...map.map(refStart, refEnd), expansion: 'substitution' };
      }
      const length = value!.length;
      work = work.slice(0, i) + value + work.slice(reference.end);
      bytes = grownBytes;
      inStart = [...inStart.slice(0, i), ...new Array<number>(length).fill(refStart), ...inStart.slice(reference.end)];
      inEnd = [...inEnd.slice(0, i), ...new Array<number>(length).fill(refEnd), ...inEnd.slice(reference.end)];
      copied = [...copied.slice(0, i), ...new Array<boolean>(length).fill(false), ...copied.slice(reference.end)];
      changed = true;
      // A value starting with `~` ends substitution: the caller expands ~SEQ/~LST.
      if (/^[ \t]*~/.test(value!)) break;
      // Rescan from the same place: a value may hold further references.
      i = work.indexOf('$', i);
    }
    if (!changed && !overflow) return null;
    return { text: work, map: new SegmentMap(map, toSegments(inStart, inEnd, copied)), extraLines, extraOrigin, overflow };
  }

  /** The definition referred to at `work[i] === '$'`, if it is defined. */
  private findReference(work: string, i: number): { end: number; lines: string[] } | null {
    let name: string;
    let params: string[] = [];
    let end: number;
    if (work[i + 1] === '{') {
      const close = work.indexOf('}', i + 2);
      if (close < 0) return null;
      [name = '', ...params] = work.slice(i + 2, close).trim().split(/[ \t]+/);
      end = close + 1;
    } else {
      identifier.lastIndex = i + 1;
      const match = identifier.exec(work);
      if (match === null) return null;
      name = match[0];
      end = i + 1 + name.length;
      const next = work[end];
      if (next !== undefined && next !== ' ' && next !== '\t' && next !== ',' && next !== ')') return null;
    }
    const lines = this.definitions.get(name) ?? this.predefined(name, params);
    if (lines === undefined) return null;
    // A multi-line definition is only used where nothing follows the reference.
    if (lines.length > 1 && work.slice(end).trim() !== '') return null;
    return { end, lines };
  }

  /** keepalived's predefined definitions. `_RANDOM` is fixed at its minimum so results repeat. */
  private predefined(name: string, params: string[]): string[] | undefined {
    switch (name) {
      case '_PWD':
        return params.length === 0 ? [dirname(this.fileStack[this.fileStack.length - 1]!)] : undefined;
      case '_INSTANCE':
        return params.length === 0 ? [this.options.configId ?? ''] : undefined;
      case '_HASH':
        return params.length === 0 ? ['#'] : undefined;
      case '_BANG':
        return params.length === 0 ? ['!'] : undefined;
      case '_RANDOM':
        return params.length <= 2 && params.every((p) => /^\d+$/.test(p)) ? [params[0] ?? '0'] : undefined;
      case '_ENV':
        if (this.options.targetVersion !== undefined && compareVersions(this.options.targetVersion, ENV_SINCE) < 0) return undefined;
        return params.length === 1 ? [this.options.env?.[params[0]!] ?? ''] : undefined;
      default:
        return undefined;
    }
  }

  /** `~SEQ(VAR, [START,] [STEP,] END)`, `~SEQx(...)`, `~LST(VAR, v1, ...)`, `~LST({V1, V2}, {a1, a2}, ...)`. */
  private sequence(text: string, map: SourceMap, depth: number): void {
    const kind = text.startsWith('~SEQx(') ? 'SEQx' : text.startsWith('~SEQ(') ? 'SEQ' : 'LST';
    const open = text.indexOf('(');
    const close = closingParen(text, open);
    const whole = map.map(0, text.length);
    if (close < 0) {
      this.report('invalid-sequence', 'error', `~${kind} is missing its closing ')'`, whole);
      return;
    }
    let params = text.slice(open + 1, close);
    if (params.includes('$')) params = this.substitute(params, new FixedMap(whole))?.text ?? params;
    const assignments = kind === 'LST' ? parseList(params) : parseSequence(params, kind === 'SEQx');
    if (typeof assignments === 'string') {
      this.report('invalid-sequence', 'error', `invalid ~${kind}(${params}): ${assignments}`, whole);
      return;
    }
    let templateStart = close + 1;
    while (text[templateStart] === ' ' || text[templateStart] === '\t') templateStart++;
    const template = text.slice(templateStart);
    // Every value's line is the same template: its words share their places.
    const templateMap = new MemoMap(new ExpandedMap(new ShiftedMap(map, templateStart), 'sequence'));
    for (const assignment of assignments) {
      if (!this.expandedLine(whole)) break;
      for (const [name, value] of assignment) this.definitions.set(name, [value]);
      this.logicalLine(template, templateMap, depth + 1);
      this.newline(whole);
    }
  }

  private include(directive: string, pattern: string, origin: Origin): void {
    const node: Include = { type: 'Include', directive, pattern, files: [], file: origin.file, range: origin.range };
    this.includeNodes.push(node);
    const host = this.options.host;
    if (host === undefined) return;
    if (this.includesStopped || this.stopped) return;
    const from = this.fileStack[this.fileStack.length - 1]!;
    const matches = host.expand(pattern, dirname(from));
    const readFrom = host.readFrom?.(pattern, dirname(from));
    if (readFrom !== undefined) node.readFrom = readFrom;
    if (matches.length === 0) {
      const where = readFrom !== undefined ? ` (read from '${readFrom}')` : '';
      this.report('include-not-found', 'warning', `include: no file matches '${pattern}'${where}`, origin);
    }
    this.checkGlobstar(pattern, dirname(from), matches, origin);
    for (const path of matches) {
      if (this.stopped) return;
      if (this.fileStack.includes(path)) {
        const chain = [...this.fileStack.slice(this.fileStack.indexOf(path)), path].join(' -> ');
        this.report('include-cycle', 'error', `include cycle: ${chain}`, origin);
        continue;
      }
      if (this.fileStack.length > (this.options.maxIncludeDepth ?? 32)) {
        this.report('include-too-deep', 'error', `include nesting deeper than ${this.options.maxIncludeDepth ?? 32} files: '${path}' not read`, origin);
        continue;
      }
      if (++this.includedFiles > READING_LIMITS.includedFiles) {
        this.includesStopped = true;
        const limit = READING_LIMITS.includedFiles.toLocaleString('en');
        this.report(
          'reading-limit',
          'error',
          `kalint stopped including here: this configuration includes more than ${limit} files (a file included twice counts twice); keepalived reads them all, kalint reads the first ${limit} and follows no include after this point`,
          origin,
        );
        return;
      }
      const read = host.read(path);
      if ('error' in read) {
        this.report('include-unreadable', 'warning', `include: ${read.error}`, origin);
        continue;
      }
      if (read.warning !== undefined) this.report('include-not-utf8', 'warning', `include: ${read.warning}`, origin);
      node.files.push(path);
      this.expandFile(read.text, path);
    }
  }

  /**
   * keepalived's glob(3) has no globstar: `**` is `*`, one directory level. A shell with globstar
   * (bash's option, zsh) matches `**` at any depth, including none; say so when the two readings
   * differ.
   */
  private checkGlobstar(pattern: string, fromDirectory: string, matches: string[], origin: Origin): void {
    if (!/(^|\/)\*\*(\/|$)/.test(pattern) || this.options.host?.globstarMatches === undefined) return;
    const read = new Set(matches);
    const more = this.options.host.globstarMatches(pattern, fromDirectory).filter((path) => !read.has(path));
    if (more.length === 0) return;
    this.report(
      'include-globstar',
      'warning',
      `include: keepalived reads '**' as '*', exactly one directory level (its glob(3) has no globstar), and reads ${matches.length} ${matches.length === 1 ? 'file' : 'files'} here; a shell with globstar would also read files at other depths, such as '${more[0]}'`,
      origin,
    );
  }

  private report(code: string, severity: 'error' | 'warning', message: string, origin: Origin): void {
    this.problems.add({ code, severity, message, file: origin.file, range: origin.range });
  }
}

/** Remembers the places it maps, so the lines of a `~SEQ` share their words' places. */
class MemoMap implements SourceMap {
  private readonly seen = new Map<number, Origin>();

  constructor(private readonly inner: SourceMap) {}

  map(start: number, end: number): Origin {
    // One number per span while the line is shorter than 2^24 characters; longer ones are not remembered.
    if (end >= 0x1000000) return this.inner.map(start, end);
    const key = start * 0x1000000 + end;
    let origin = this.seen.get(key);
    if (origin === undefined) {
      origin = this.inner.map(start, end);
      this.seen.set(key, origin);
    }
    return origin;
  }
}

/** Whether a token is a word or a brace (what READING_LIMITS.words counts), not a line end or a marker. */
function isWordOrBrace(token: IToken): boolean {
  return token.tokenType !== Newline && token.tokenType !== PositionMarker;
}

/** Lines longer than this may hold more words than a scanner's batch should (see `probe`). */
const LONG_LINE = 100_000;

function hasLongLine(text: string): boolean {
  let start = 0;
  for (let end = text.indexOf('\n'); end >= 0; end = text.indexOf('\n', start)) {
    if (end - start > LONG_LINE) return true;
    start = end + 1;
  }
  return text.length - start > LONG_LINE;
}

function countWords(tokens: IToken[]): number {
  let words = 0;
  for (const token of tokens) if (isWordOrBrace(token)) words++;
  return words;
}

/** The place of a token read straight from `text` (it carries only its offset). */
function rawOrigin(token: IToken, file: string, text: string): Origin {
  let line = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < token.startOffset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  const start: Position = { offset: token.startOffset, line, character: token.startOffset - lineStart };
  return { file, range: { start, end: endOf(token, start) } };
}

function isDirective(type: TokenType): boolean {
  return type === Conditional || type === DefinitionToken || type === Sequence || type === IncludeToken;
}

function isSequence(text: string): boolean {
  return text.startsWith('~SEQ(') || text.startsWith('~SEQx(') || text.startsWith('~LST(');
}

function closingParen(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')' && --depth === 0) return i;
  }
  return -1;
}

type Assignment = Array<[string, string]>;

/** strtol(..., 0): decimal, `0x` hex or leading-zero octal, with an optional sign. */
function parseInteger(text: string): number | null {
  const match = /^([+-]?)(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)$/.exec(text.trim());
  if (match === null) return null;
  const digits = match[2]!;
  const value = /^0[xX]/.test(digits) ? parseInt(digits, 16) : digits.length > 1 && digits[0] === '0' ? parseInt(digits, 8) : parseInt(digits, 10);
  return match[1] === '-' ? -value : value;
}

function parseSequence(params: string, hex: boolean): Iterable<Assignment> | string {
  const [name, ...rest] = params.split(',').map((p) => p.trim());
  if (name === undefined || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) return 'the first parameter must be a variable name';
  if (rest.length < 1 || rest.length > 3) return 'expected 1 to 3 numbers after the variable';
  const numbers = rest.map(parseInteger);
  if (numbers.some((n) => n === null)) return 'the values must be integers';
  let [start, step, end] = [0, 0, 0];
  if (numbers.length === 1) {
    end = numbers[0]!;
    start = end < 0 ? -1 : 1;
    step = end < 0 ? -1 : 1;
  } else if (numbers.length === 2) {
    [start, end] = [numbers[0]!, numbers[1]!];
    step = start <= end ? 1 : -1;
  } else {
    [start, step, end] = [numbers[0]!, numbers[1]!, numbers[2]!];
    if (step === 0 || (step > 0 && start > end) || (step < 0 && start < end)) return 'the step must lead from the start to the end';
  }
  if (hex && (start < 0 || end < 0)) return '~SEQx takes positive numbers only';
  return sequenceValues(name, start, step, end, hex);
}

/** The values of a `~SEQ`, made one by one as they are read: `~SEQ(i,1,100000000)` is never a list. */
function* sequenceValues(name: string, start: number, step: number, end: number, hex: boolean): Generator<Assignment> {
  for (let v = start; step > 0 ? v <= end : v >= end; v += step) yield [[name, hex ? v.toString(16) : String(v)]];
}

function splitTopLevel(params: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const c of params) {
    if (c === '{') depth++;
    if (c === '}') depth--;
    if (c === ',' && depth === 0) {
      parts.push(current.trim());
      current = '';
    } else {
      current += c;
    }
  }
  parts.push(current.trim());
  return parts;
}

function parseList(params: string): Assignment[] | string {
  const [head, ...sets] = splitTopLevel(params);
  if (head === undefined || head === '') return 'the first parameter must name the variable(s)';
  const unbrace = (s: string) => (s.startsWith('{') && s.endsWith('}') ? s.slice(1, -1).split(',').map((v) => v.trim()) : null);
  const names = unbrace(head) ?? [head];
  if (!names.every((n) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(n))) return 'variable names must be identifiers';
  const assignments: Assignment[] = [];
  for (const set of sets) {
    const values = names.length > 1 || set.startsWith('{') ? (unbrace(set) ?? [set]) : [set];
    if (values.length > names.length) return 'a set has more values than there are variables';
    assignments.push(names.map((n, k) => [n, values[k] ?? '']));
  }
  return assignments;
}

/** keepalived's `decomment()`: cut the comment, unescape `\#` and `\!` outside quotes, trim blanks. */
export function decomment(line: string): string {
  let out = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (c === '\\' && !quoted && (line[i + 1] === '#' || line[i + 1] === '!')) {
      out += line[++i];
      continue;
    }
    if (c === '\\' && i + 1 < line.length) {
      out += c + line[++i];
      continue;
    }
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === '#' || c === '!')) break;
    out += c;
  }
  return out.replace(/^[ \t]+|[ \t]+$/g, '');
}

function trim(text: string, map: SourceMap): [string, SourceMap] {
  const lead = /^[ \t]*/.exec(text)![0].length;
  const trimmed = text.slice(lead).replace(/[ \t]+$/, '');
  return [trimmed, lead === 0 ? map : new ShiftedMap(map, lead)];
}

function toSegments(inStart: number[], inEnd: number[], copied: boolean[]): Segment[] {
  const segments: Segment[] = [];
  for (let j = 0; j < inStart.length; j++) {
    const last = segments[segments.length - 1];
    const continuesCopy = last?.copy && copied[j] && last.inEnd === inStart[j];
    const sameReference = last && !last.copy && !copied[j] && last.inStart === inStart[j] && last.inEnd === inEnd[j];
    if (last && (continuesCopy || sameReference)) {
      last.outEnd = j + 1;
      if (continuesCopy) last.inEnd = inEnd[j]!;
    } else {
      segments.push({ outStart: j, outEnd: j + 1, inStart: inStart[j]!, inEnd: inEnd[j]!, copy: copied[j]! });
    }
  }
  if (segments.length === 0) segments.push({ outStart: 0, outEnd: 0, inStart: 0, inEnd: 0, copy: true });
  return segments;
}

/** A line end at the end of `origin`. */
function newlineToken(origin: Origin): ExpandedToken {
  const end = origin.range.end;
  return makeToken(Newline, '\n', { file: origin.file, range: { start: end, end } });
}

/** Tokens per batch when a file is read batch by batch: enough to make each parser call worth it. */
const STREAM_BATCH = 4096;

/**
 * Whether `text` certainly has nothing to expand: no `$` anywhere, and no line whose first
 * non-blank character starts an `@id`, a `~SEQ`/`~LST` or an `include`. (Those can only stand at
 * the start of a line, after blanks; `\u2028` counts as a line end here, which only makes the
 * answer more careful.) Looked up with `indexOf`, which is fast on a large text.
 */
export function nothingToExpand(text: string): boolean {
  if (text.includes('$')) return false;
  for (const start of ['@', '~', 'include']) {
    for (let at = text.indexOf(start); at >= 0; at = text.indexOf(start, at + 1)) {
      if (atLineStart(text, at)) return false;
    }
  }
  return true;
}

/** Whether only blanks stand between `offset` and the start of its line. */
function atLineStart(text: string, offset: number): boolean {
  for (let i = offset - 1; i >= 0; i--) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13 || c === 0x2028 || c === 0x2029) return true;
    if (c !== 32 && c !== 9 && c !== 11 && c !== 12) return false;
  }
  return true;
}

function makeToken(type: TokenType, image: string, origin: Origin): ExpandedToken {
  // The scanner's lean token shape plus the origin: an expansion may make a million of them, and
  // Chevrotain's full token (line and column fields, NaN here) costs twice the memory.
  return { image, startOffset: origin.range.start.offset, tokenTypeIdx: type.tokenTypeIdx!, tokenType: type, origin } as unknown as ExpandedToken;
}

/** Where a text ends (lines counted at `\n`, as positions are everywhere in the tree). */
export function endOfText(text: string): Position {
  let line = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { offset: text.length, line, character: text.length - lineStart };
}

function endOrigin(text: string, file: string): Origin {
  const end = endOfText(text);
  return { file, range: { start: end, end } };
}

/** Comments with their ranges, at the lines the scanner counted. */
export function toComments(scanned: Pick<Scanned, 'comments' | 'commentLines' | 'commentLineStarts'>, file: string): Comment[] {
  return scanned.comments.map((token, i) => {
    const line = scanned.commentLines[i]!;
    const lineStart = scanned.commentLineStarts[i]!;
    const start: Position = { offset: token.startOffset, line, character: token.startOffset - lineStart };
    const range = { start, end: endOf(token, start) };
    return { type: 'Comment', marker: token.image[0] as '!' | '#', raw: token.image, file, range };
  });
}

/** Warn about lines keepalived cannot read whole: 2.2.7 splits them, newer releases drop them. */
function checkLineLengths(text: string, file: string, diagnostics: DiagnosticList): void {
  if (text.length <= MAX_LINE_BYTES) return;
  let start = 0;
  for (let line = 0; start <= text.length; line++) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const content = end > start && text[end - 1] === '\r' ? end - 1 : end;
    if (content - start > MAX_LINE_BYTES / 3 && utf8Length(text, start, content) > MAX_LINE_BYTES) {
      const at = (offset: number): Position => ({ offset, line, character: offset - start });
      diagnostics.add({
        code: 'line-too-long',
        severity: 'warning',
        message: `line is longer than keepalived's ${MAX_LINE_BYTES}-byte limit: keepalived 2.2.7 reads it as several lines, later releases ignore it`,
        file,
        range: { start: at(start), end: at(content) },
      });
    }
    start = end + 1;
  }
}

function utf8Length(text: string, start: number, end: number): number {
  let bytes = 0;
  for (let i = start; i < end; i++) {
    const code = text.charCodeAt(i);
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code >= 0xd800 && code < 0xdc00 ? (i++, 4) : 3;
  }
  return bytes;
}

/** POSIX dirname; config paths are Linux paths whatever the editor runs on. */
export function dirname(path: string): string {
  const slash = path.lastIndexOf('/');
  if (slash < 0) return '.';
  return slash === 0 ? '/' : path.slice(0, slash);
}

/** The names keepalived defines itself (`${_PWD}`, ...); `_ENV` only from `ENV_SINCE`. */
export const PREDEFINED_NAMES: ReadonlySet<string> = new Set(['_PWD', '_INSTANCE', '_RANDOM', '_HASH', '_BANG', '_ENV']);

/** Whether keepalived `targetVersion` (default: the newest) defines a predefined name. */
export function predefinedIn(name: string, targetVersion: string | undefined): boolean {
  if (name === '_ENV') return targetVersion === undefined || compareVersions(targetVersion, ENV_SINCE) >= 0;
  return PREDEFINED_NAMES.has(name);
}

/**
 * The source view of a text with `${NAME}` references: keepalived substitutes a reference to a
 * name defined on an earlier line (or a predefined one), so its braces are no structure; the
 * reference and the words glued to it (`10.2.${SUB}.100`) are one word here. A reference to a name
 * not defined before it stays as its braces, which keepalived reads as structure.
 */
function definedReferencesAsWords(tokens: IToken[], targetVersion: string | undefined): IToken[] {
  const defined = new Set<string>();
  const out: IToken[] = [];
  const end = (t: IToken) => t.startOffset + t.image.length;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.tokenType === DefinitionToken) {
      const name = /^\$([A-Za-z_][A-Za-z0-9_]*)=/.exec(token.image)?.[1];
      if (name !== undefined) defined.add(name);
    }
    const previous = out[out.length - 1];
    // `$` glued to `{`, then the name (and arguments) up to a `}` on the same line.
    if (token.tokenType === LBrace && previous?.tokenType === Word && previous.image.endsWith('$') && end(previous) === token.startOffset) {
      let close = i + 1;
      while (close < tokens.length && tokens[close]!.tokenType === Word) close++;
      const closing = tokens[close];
      const name = tokens[i + 1]?.image;
      if (closing?.tokenType === RBrace && close > i + 1 && end(tokens[i + 1]!) <= closing.startOffset && name !== undefined && (defined.has(name) || predefinedIn(name, targetVersion))) {
        let image = previous.image;
        let at = end(previous);
        for (let j = i; j <= close; j++) {
          image += ' '.repeat(tokens[j]!.startOffset - at) + tokens[j]!.image;
          at = end(tokens[j]!);
        }
        // A word glued after the reference belongs to it too.
        let next = close + 1;
        while (tokens[next]?.tokenType === Word && tokens[next]!.startOffset === at) {
          image += tokens[next]!.image;
          at = end(tokens[next]!);
          next++;
        }
        out[out.length - 1] = { ...previous, image };
        i = next - 1;
        continue;
      }
    }
    out.push(token);
  }
  return out;
}
