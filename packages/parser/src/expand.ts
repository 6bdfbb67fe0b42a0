/**
 * keepalived's preprocessor, step for step: `@id` conditional lines, `$NAME=value` definitions,
 * `$NAME`/`${NAME}` substitution, `~SEQ`/`~LST` expansion and `include`, in the order `read_line()`
 * in keepalived's lib/parser.c applies them (see shared/keepalived-facts/language.md). The result
 * is the token stream keepalived would split into statements, each token mapped back to the file,
 * line and column it came from.
 */
import { createTokenInstance, type IToken, type TokenType } from 'chevrotain';
import type { Comment, Definition, Include, Position, SyntaxDiagnostic } from './ast.js';
import {
  Conditional,
  Definition as DefinitionToken,
  definitionLines,
  Include as IncludeToken,
  Newline,
  PositionMarker,
  Sequence,
  stripComment,
  Word,
} from './lexer.js';
import { ExpandedMap, FixedMap, LineMap, SegmentMap, ShiftedMap, type Origin, type Segment, type SourceMap } from './source-map.js';
import { scan, Scanner, type Scanned } from './scan.js';
import { endOf, positionMarker, type ExpandedToken } from './stream.js';

/** Reads the files an `include` names. The parser does no I/O of its own. */
export interface IncludeHost {
  /** Paths matching a keepalived include pattern (a glob with `{a,b}` braces), in glob order. */
  expand(pattern: string, fromDirectory: string): string[];
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
  /** Deepest include nesting followed (cycles are always reported). */
  maxIncludeDepth?: number;
}

/** keepalived reads lines into a 1024-byte buffer: 1022 characters plus the newline fit. */
export const MAX_LINE_BYTES = 1022;
/** Beyond this many values a `~SEQ`/`~LST` is cut short, so no config can make the parser hang. */
export const MAX_SEQUENCE_VALUES = 100_000;
const MAX_EXPANSION_DEPTH = 64;
const MAX_SUBSTITUTIONS = 1000;

const definitionLine = /^\$([A-Za-z_][A-Za-z0-9_]*)=[ \t]*/;
const includeLine = /^(include[rmwba]?)[ \t]+/;
const identifier = /[A-Za-z_][A-Za-z0-9_]*/y;

/** Expands one main file (and what it includes) into tokens. */
export class Expander {
  /** The tokens for the parser. */
  tokens: IToken[] = [];
  readonly diagnostics: SyntaxDiagnostic[] = [];
  readonly definitionNodes: Definition[] = [];
  readonly includeNodes: Include[] = [];
  readonly files: string[] = [];
  comments: Comment[] = [];
  private readonly definitions = new Map<string, string[]>();
  private readonly fileStack: string[] = [];

  constructor(private readonly options: ExpandOptions) {}

  /** Expand a file's text; `file` names it in every token and diagnostic. */
  expandFile(text: string, file: string): void {
    const nested = this.fileStack.length > 0;
    this.fileStack.push(file);
    this.files.push(file);
    const lexed = scan(text);
    if (!nested) this.comments = toComments(lexed, file);
    checkLineLengths(text, file, this.diagnostics);
    if (nested) this.tokens.push(positionMarker(file, 0, 0));
    if (!text.includes('$') && !lexed.tokens.some((t) => isDirective(t.tokenType))) {
      // Nothing to expand: the lexer's tokens are the parser's.
      if (this.tokens.length === 0) this.tokens = lexed.tokens;
      else for (const token of lexed.tokens) this.tokens.push(token);
    } else {
      this.expandLines(lexed.tokens, text, file);
    }
    this.newline(endOrigin(text, file));
    this.fileStack.pop();
  }

  /**
   * Read a file with nothing to expand (see `nothingToExpand`) batch by batch, handing each batch
   * of tokens to `feed` as it is read: the parser's input never exists whole.
   */
  streamFile(text: string, file: string, feed: (tokens: IToken[]) => void): void {
    this.files.push(file);
    checkLineLengths(text, file, this.diagnostics);
    const scanner = new Scanner(text);
    for (let batch = scanner.next(STREAM_BATCH); batch !== null; batch = scanner.next(STREAM_BATCH)) feed(batch);
    // `nothingToExpand` looks for every place a directive could stand; reaching this is a bug.
    if (scanner.directives) throw new Error('a preprocessor line in a file read without expansion');
    this.comments = toComments(scanner, file);
    feed([newlineToken(endOrigin(text, file))]);
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
      if (token.tokenType === Newline) {
        const before = this.tokens.length;
        this.rawLine(lineTokens, text, file, firstLine, firstLineStart);
        // Reading went elsewhere (an include) or skipped lines (a multi-line definition): resync.
        if (line !== firstLine || this.movedAway(before)) this.tokens.push(positionMarker(file, line, lineStart));
        lineTokens.length = 0;
        this.tokens.push(token);
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

  /** Whether tokens pushed since `before` include a position marker (an included file). */
  private movedAway(before: number): boolean {
    for (let i = before; i < this.tokens.length; i++) if (this.tokens[i]!.tokenType === PositionMarker) return true;
    return false;
  }

  /** The source view: every token as written, nothing expanded. */
  sourceFile(text: string, file: string): void {
    this.files.push(file);
    const lexed = scan(text);
    this.comments = toComments(lexed, file);
    this.tokens = lexed.tokens;
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
      for (let i = from; i < tokens.length; i++) this.tokens.push(tokens[i]!);
      return;
    }
    const last = tokens[tokens.length - 1]!;
    const start: Position = { offset: first.startOffset, line, character: first.startOffset - lineStart };
    this.logicalLine(text.slice(first.startOffset, last.startOffset + last.image.length), new LineMap(file, start), 0);
  }

  /** Steps 5 to 10 of keepalived's `read_line()` on the text of one logical line. */
  private logicalLine(text: string, map: SourceMap, depth: number): void {
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
      if (substituted !== null) {
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
        this.newline(extraOrigin);
        this.logicalLine(line, extraMap, depth + 1);
      }
    }
  }

  /** Split a logical line's text into tokens, each mapped to its origin. */
  private lex(text: string, map: SourceMap): void {
    const lexed = scan(text);
    for (const token of lexed.tokens) {
      const origin = map.map(token.startOffset, token.startOffset + token.image.length);
      // Line-start tokens were handled before lexing; anything left of their kind is a plain word.
      const kind = isDirective(token.tokenType) ? Word : token.tokenType;
      this.tokens.push(makeToken(kind, token.image, origin));
    }
  }

  private newline(origin: Origin): void {
    this.tokens.push(newlineToken(origin));
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

  /** `$NAME` / `${NAME}` substitution, recursive, as keepalived's `replace_param()`. */
  private substitute(
    text: string,
    map: SourceMap,
  ): { text: string; map: SourceMap; extraLines: string[]; extraOrigin: Origin | null } | null {
    // Each output character remembers the input range it stands for (lines are short).
    let work = text;
    let inStart = Array.from({ length: text.length }, (_, i) => i);
    let inEnd = inStart.map((i) => i + 1);
    let copied = inStart.map(() => true);
    let extraLines: string[] = [];
    let extraOrigin: Origin | null = null;
    let replacements = 0;
    let changed = false;
    let i = work.indexOf('$');
    while (i >= 0 && i < work.length) {
      const reference = this.findReference(work, i);
      if (reference === null) {
        i = work.indexOf('$', i + 1);
        continue;
      }
      if (++replacements > MAX_SUBSTITUTIONS || work.length > 64 * MAX_LINE_BYTES) {
        this.report(
          'substitution-loop',
          'error',
          'parameter substitution does not terminate (a definition refers to itself); the line is left as written',
          map.map(0, text.length),
        );
        return null;
      }
      const [value, ...rest] = reference.lines;
      const refStart = Math.min(...inStart.slice(i, reference.end));
      const refEnd = Math.max(...inEnd.slice(i, reference.end));
      if (rest.length > 0) {
        extraLines = rest;
        extraOrigin = { ...map.map(refStart, refEnd), expansion: 'substitution' };
      }
      const length = value!.length;
      work = work.slice(0, i) + value + work.slice(reference.end);
      inStart = [...inStart.slice(0, i), ...new Array<number>(length).fill(refStart), ...inStart.slice(reference.end)];
      inEnd = [...inEnd.slice(0, i), ...new Array<number>(length).fill(refEnd), ...inEnd.slice(reference.end)];
      copied = [...copied.slice(0, i), ...new Array<boolean>(length).fill(false), ...copied.slice(reference.end)];
      changed = true;
      // A value starting with `~` ends substitution: the caller expands ~SEQ/~LST.
      if (/^[ \t]*~/.test(value!)) break;
      // Rescan from the same place: a value may hold further references.
      i = work.indexOf('$', i);
    }
    if (!changed) return null;
    return { text: work, map: new SegmentMap(map, toSegments(inStart, inEnd, copied)), extraLines, extraOrigin };
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
    const templateMap = new ExpandedMap(new ShiftedMap(map, templateStart), 'sequence');
    let count = 0;
    for (const assignment of assignments) {
      if (++count > MAX_SEQUENCE_VALUES) {
        this.report('sequence-too-long', 'error', `~${kind} yields more than ${MAX_SEQUENCE_VALUES} lines; the rest are ignored`, whole);
        break;
      }
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
    const from = this.fileStack[this.fileStack.length - 1]!;
    const matches = host.expand(pattern, dirname(from));
    if (matches.length === 0) {
      this.report('include-not-found', 'warning', `include: no file matches '${pattern}'`, origin);
    }
    for (const path of matches) {
      if (this.fileStack.includes(path)) {
        const chain = [...this.fileStack.slice(this.fileStack.indexOf(path)), path].join(' -> ');
        this.report('include-cycle', 'error', `include cycle: ${chain}`, origin);
        continue;
      }
      if (this.fileStack.length > (this.options.maxIncludeDepth ?? 32)) {
        this.report('include-too-deep', 'error', `include nesting deeper than ${this.options.maxIncludeDepth ?? 32} files: '${path}' not read`, origin);
        continue;
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

  private report(code: string, severity: 'error' | 'warning', message: string, origin: Origin): void {
    this.diagnostics.push({ code, severity, message, file: origin.file, range: origin.range });
  }
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

function parseSequence(params: string, hex: boolean): Assignment[] | string {
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
  const values: Assignment[] = [];
  for (let v = start; step > 0 ? v <= end : v >= end; v += step) {
    values.push([[name, hex ? v.toString(16) : String(v)]]);
    if (values.length > MAX_SEQUENCE_VALUES) break;
  }
  return values;
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
  const { start, end } = origin.range;
  const token = createTokenInstance(type, image, start.offset, end.offset - 1, NaN, NaN, NaN, NaN) as ExpandedToken;
  token.origin = origin;
  return token;
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
function checkLineLengths(text: string, file: string, diagnostics: SyntaxDiagnostic[]): void {
  if (text.length <= MAX_LINE_BYTES) return;
  let start = 0;
  for (let line = 0; start <= text.length; line++) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const content = end > start && text[end - 1] === '\r' ? end - 1 : end;
    if (content - start > MAX_LINE_BYTES / 3 && utf8Length(text, start, content) > MAX_LINE_BYTES) {
      const at = (offset: number): Position => ({ offset, line, character: offset - start });
      diagnostics.push({
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
