/**
 * A model of keepalived's line reader (read_line() in lib/parser.c and the functions it calls),
 * written from keepalived's source and checked against `keepalived -t`. It is independent of
 * kalint's own lexer and parser: nothing here is shared with them, so it can check them.
 *
 * keepalived reads its configuration in passes. The first (the "parent") reads the files and,
 * while it reads, writes a consolidated copy: each physical line with its comments stripped, include
 * lines blanked, and the included files' lines where the include was processed. The later passes
 * (the checker, VRRP and BFD "children") read that copy through the same reader once more, so
 * what was stripped once is stripped again (a `\#` became `#`, which now starts a comment), a
 * whitespace-only or comment-only line is now an empty line, and a line that starts with `#` or
 * `!` is taken for the start or the end of an included file. `Reader` models one pass; the
 * parent's writes the copy the children's reads.
 */
import { decomment } from './decomment.js';
import { isAlnum, isAlpha, isBlank, isDigit, isSpace, skipBlanks, strtoulDecimal, trimEndBlanks, wrapLong, type ByteString } from './bytes.js';
import { parseList, parseSequence, type Loop } from './sequences.js';

export type ReaderVersion = '2.2.7' | 'newer';

/** keepalived's line buffer: fgets() reads at most 1023 bytes of a line at a time. */
export const LINE_BUFFER_BYTES = 1024;
const CHUNK_BYTES = LINE_BUFFER_BYTES - 1;

/** What the copy holds: a line (without its newline), or the place an include's files were read. */
export type CopyEntry = ByteString | { include: ByteString[] };

export interface LogicalLine {
  /** keepalived's line number for the line (the physical line it last counted). */
  line: number;
  words: ByteString[];
  /** An include line: words are the keyword (`include`, `includer`, ...) and the pattern as written. */
  include?: true;
}

export type Outcome = 'end' | 'truncated' | 'crashed';

export interface ReaderOptions {
  version: ReaderVersion;
  configId: ByteString;
  /** Logical lines produced before reading stops (truncated). */
  maxLines: number;
  /** Units of work (lines looked at, substitutions made) before reading stops (truncated). */
  maxSteps: number;
  /** What `${_PWD}` stands for: keepalived's working directory, the main file's. */
  pwd: ByteString;
  /** keepalived's loop count at the start (a child pass: the parent's `finalLoopCount`). */
  loopCount?: number;
}

/** A definition's value; replaced, never changed, so a place in an old value can be told apart. */
interface Value {
  text: ByteString;
  /** keepalived freed this value (the name was defined again): reading on in it is reading freed memory. */
  freed: boolean;
}

type Builtin = 'pwd' | 'instance' | 'random' | 'env';

interface Definition {
  name: ByteString;
  value: Value;
  multiline: boolean;
  builtin: Builtin | null;
  minParams: number;
  maxParams: number;
  numbersOnly: boolean;
}

/** The next line of a multi-line definition being read out. */
interface Place {
  value: Value;
  offset: number;
}

interface Reference {
  definition: Definition;
  /** `${_RANDOM 1 5}`: the first and the last byte of the parameters, in the line. */
  params: { start: number; end: number } | null;
}

/**
 * Pending `~SEQ`/`~LST` loops, or multi-line definitions being read out inside one another, beyond
 * which reading stops (truncated): only a definition that expands into itself nests so deep.
 */
const MAX_NESTING = 10_000;

/** Reading stops: too much output or work. */
class Cut extends Error {}

/**
 * Where physical lines come from, one fgets() with keepalived's buffer at a time: `read()` moves to
 * the next piece, which is `text` from `start` to `end`, then a newline when `newline` is set (a
 * newline ends a piece, and so do 1023 bytes). `atEnd`: the read ran out of input (feof()).
 * `include`: instead of text, the place where the parent read an include's files (the copy only).
 */
interface LineSource {
  text: ByteString;
  start: number;
  end: number;
  newline: boolean;
  atEnd: boolean;
  include: ByteString[] | null;
  read(): boolean;
}

/** The input's physical lines. */
class InputSource implements LineSource {
  start = 0;
  end = 0;
  newline = false;
  atEnd = false;
  readonly include = null;
  private position = 0;
  private nextNewline = -1;
  constructor(readonly text: ByteString) {}

  read(): boolean {
    const { text } = this;
    if (this.position >= text.length) return false;
    if (this.nextNewline < this.position) {
      this.nextNewline = text.indexOf('\n', this.position);
      if (this.nextNewline < 0) this.nextNewline = text.length;
    }
    this.start = this.position;
    const limit = this.position + CHUNK_BYTES;
    this.newline = this.nextNewline < limit && this.nextNewline < text.length;
    this.end = this.newline ? this.nextNewline : Math.min(limit, text.length);
    this.position = this.newline ? this.end + 1 : this.end;
    this.atEnd = !this.newline && this.end === text.length && this.end - this.start < CHUNK_BYTES;
    return true;
  }
}

/** The consolidated copy, as a child pass reads it back: each line with its newline. */
class CopySource implements LineSource {
  text = '';
  start = 0;
  end = 0;
  newline = false;
  readonly atEnd = false;
  include: ByteString[] | null = null;
  private entry = 0;
  private offset = 0;
  constructor(private readonly entries: readonly CopyEntry[]) {}

  read(): boolean {
    const current = this.entries[this.entry];
    if (current === undefined) return false;
    if (typeof current !== 'string') {
      this.entry++;
      this.include = current.include;
      return true;
    }
    this.include = null;
    this.text = current;
    this.start = this.offset;
    this.newline = current.length + 1 - this.offset <= CHUNK_BYTES;
    this.end = this.newline ? current.length : this.offset + CHUNK_BYTES;
    if (this.newline) {
      this.entry++;
      this.offset = 0;
    } else {
      this.offset = this.end;
    }
    return true;
  }
}

const braceOrQuote = /[{}"]/g;

/** `include`, or `includer`/`m`/`w`/`b`/`a`, at the start of the line and followed by white space. */
function isInclude(line: ByteString): boolean {
  if (!line.startsWith('include') || line.length <= 7) return false;
  if (isSpace(line.charCodeAt(7))) return true;
  return 'rmwba'.includes(line[7]!) && isSpace(line.charCodeAt(8));
}

/** An include line's keyword and its pattern: the rest of the line after spaces and tabs, as written. */
function includeWords(line: ByteString): ByteString[] {
  const keywordEnd = isSpace(line.charCodeAt(7)) ? 7 : 8;
  return [line.slice(0, keywordEnd), line.slice(skipBlanks(line, keywordEnd + 1))];
}

/** The working directory after chdir() to the directory of file `name` from `directory` (no symbolic links). */
function changeDirectory(directory: ByteString, name: ByteString): ByteString {
  const parent = name.replace(/\/+$/, '').replace(/[^/]*$/, '');
  const path = parent.startsWith('/') ? parent : `${directory}/${parent}`;
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return `/${parts.join('/')}`;
}

/** Whether the word splitter finds a word in `line`: a byte that is not white space, unless it opens an unclosed quote. */
function hasWords(line: ByteString): boolean {
  let i = 0;
  while (i < line.length && isSpace(line.charCodeAt(i))) i++;
  if (i >= line.length) return false;
  return line[i] !== '"' || line.indexOf('"', i + 1) >= 0;
}

/** A line made of words without quotes, one space between them: its words joined by a space are the line. */
const plainLine = /^[^ \t\n\v\f\r"]+(?: [^ \t\n\v\f\r"]+)*$/;

/**
 * The words of `line` (which has some) in one string, without splitting a plain line: the words
 * joined by a space when no word has white space in it (no word has a `"` or a NUL), else `"`
 * and the words joined by NUL bytes. Two lines have equal keys exactly when they have equal words.
 */
export function wordsKey(line: ByteString): ByteString {
  if (plainLine.test(line)) return line;
  const words = splitWords(line);
  return words.some((word) => /[ \t\n\v\f\r]/.test(word)) ? `"${words.join('\0')}` : words.join(' ');
}

const quoteOrBackslash = /['"\\]/;

/**
 * The words of keepalived's other splitter, with which the handlers of script keywords (`notify*`,
 * `script`, `misc_path`, ...) read their line again: white space separates words except inside
 * single or double quotes and after a backslash, and a quote does not end a word. The words are
 * given as written (quotes and backslashes kept): keepalived's values for them (quotes removed,
 * escapes read, differently by release) follow from that text alone.
 */
export function scriptWords(line: ByteString): ByteString[] {
  const words: ByteString[] = [];
  const n = line.length;
  let i = 0;
  for (;;) {
    while (i < n && isSpace(line.charCodeAt(i))) i++;
    if (i >= n) break;
    const start = i;
    let quote = '';
    while (i < n) {
      const c = line[i]!;
      if (c === '\\') i += 2;
      else if (quote !== '') {
        if (c === quote) quote = '';
        i++;
      } else if (c === '"' || c === "'") {
        quote = c;
        i++;
      } else if (isSpace(line.charCodeAt(i))) break;
      else i++;
    }
    words.push(line.slice(start, Math.min(i, n)));
  }
  return words;
}

/** keepalived's word splitter: white space separates, `"…"` groups (quotes removed), an unclosed `"` drops the rest. */
export function splitWords(line: ByteString): ByteString[] {
  const words: ByteString[] = [];
  let i = 0;
  const n = line.length;
  for (;;) {
    while (i < n && isSpace(line.charCodeAt(i))) i++;
    if (i >= n) break;
    if (line[i] === '"') {
      const close = line.indexOf('"', i + 1);
      if (close < 0) break;
      words.push(line.slice(i + 1, close));
      i = close + 1;
    } else {
      const start = i;
      while (i < n && !isSpace(line.charCodeAt(i)) && line[i] !== '"') i++;
      words.push(line.slice(start, i));
    }
  }
  return words;
}

export class Reader {
  /** The ids `@ID` / `@^ID` lines compared the config id with. */
  readonly configIds = new Set<ByteString>();
  /** Set when keepalived's behaviour here depends on memory contents or chance: why. */
  unpredictable: string | null = null;
  /** Why reading ended; null while it goes on. */
  outcome: Outcome | null = null;
  /** The parent pass's consolidated copy (null for a child pass). */
  readonly copy: CopyEntry[] | null;
  /** The current logical line (after `advance`), unless it is an include line. */
  text: ByteString = '';
  /** The current line's keyword and pattern, when it is an include line. */
  includeWords: ByteString[] | null = null;

  private readonly newer: boolean;
  private readonly source: LineSource;
  private readonly child: boolean;
  /** Line counters: one per file the copy says is open (a child), or just the file's (the parent). */
  private readonly lineNumbers: number[] = [0];
  /** The working directory (`${_PWD}`) while each of those files is read. */
  private readonly directories: ByteString[];
  private lines = 0;
  private steps = 0;

  /** The last `${_RANDOM}` substituted can have values of different lengths. */
  private randomLengthVaries = false;
  private residue: ByteString | null = null;
  /** Whether the pending residue has a `$` (known from the line it was cut from). */
  private residueHasDollar = false;
  private nextPlace: Place | null = null;
  private readonly placeStack: { place: Place; loopDepth: number }[] = [];
  private multilineLoopDepth = 0;
  /**
   * keepalived's count of pending loops (unsigned): one less for every ~LST it rejects, so it can
   * fall below the number of loops, and then loops wait (or wrap around, and never wait). It is
   * not reset between passes: a child pass starts with the parent's count.
   */
  private loopCount: number;
  private readonly loops: Loop[] = [];
  private readonly definitions = new Map<ByteString, Definition>();

  constructor(
    input: ByteString | readonly CopyEntry[],
    private readonly options: ReaderOptions,
  ) {
    this.newer = options.version === 'newer';
    this.directories = [options.pwd];
    this.loopCount = options.loopCount ?? 0;
    if (typeof input === 'string') {
      this.source = new InputSource(input);
      this.child = false;
      // The copy starts by naming the main file, in its directory.
      this.copy = [`# ${options.pwd.replace(/\/$/, '')}/keepalived.conf`];
    } else {
      this.source = new CopySource(input);
      this.child = true;
      this.copy = null;
    }
    const builtin = (name: string, kind: Builtin | null, value: string, minParams: number, maxParams: number, numbersOnly: boolean): void => {
      this.definitions.set(name, { name, value: { text: value, freed: false }, multiline: false, builtin: kind, minParams, maxParams, numbersOnly });
    };
    builtin('_PWD', 'pwd', '', 0, 0, false);
    builtin('_INSTANCE', 'instance', '', 0, 0, false);
    builtin('_RANDOM', 'random', '', 0, 2, true);
    if (this.newer) builtin('_ENV', 'env', '', 1, 1, false);
    builtin('_HASH', null, '#', 0, 0, false);
    builtin('_BANG', null, '!', 0, 0, false);
  }

  /** The next logical line with at least one word, or null when reading has ended (see `outcome`). */
  next(): LogicalLine | null {
    if (!this.advance()) return null;
    const line = this.lineNumbers[this.lineNumbers.length - 1] ?? 0;
    return this.includeWords !== null ? { line, words: this.includeWords, include: true } : { line, words: splitWords(this.text) };
  }

  /**
   * Moves to the next logical line with at least one word: `text` (`includeWords` for an include
   * line). False when reading has ended (see `outcome`).
   */
  advance(): boolean {
    if (this.outcome !== null) return false;
    try {
      for (;;) {
        const read = this.readLine();
        if (read === null) return false;
        if (typeof read === 'string') {
          if (!hasWords(read)) continue;
          this.text = read;
          this.includeWords = null;
        } else {
          this.text = '';
          this.includeWords = read;
        }
        if (++this.lines > this.options.maxLines) throw new Cut();
        return true;
      }
    } catch (error) {
      if (!(error instanceof Cut)) throw error;
      this.outcome = 'truncated';
      return false;
    }
  }

  /**
   * The current line in one string, equal for two lines exactly when keepalived reads them alike:
   * their words, and for a line with quotes or backslashes also the words of the splitter script
   * keywords use (see `scriptWords`).
   */
  key(): ByteString {
    if (this.includeWords !== null) return `\0${this.includeWords.join('\0')}`;
    const words = wordsKey(this.text);
    if (!quoteOrBackslash.test(this.text)) return words;
    return `${words.length}:${words}${scriptWords(this.text).join('\0')}`;
  }

  private step(): void {
    if (++this.steps > this.options.maxSteps) throw new Cut();
  }

  private note(why: string): void {
    this.unpredictable ??= why;
  }

  /**
   * One call of keepalived's read_line(): the next logical line as text, an include line's words,
   * or null at the end of the input.
   */
  private readLine(): ByteString | ByteString[] | null {
    // A `$NAME=… \` definition is open: the lines read next belong to it (local to one call).
    let open: Definition | null = null;
    let buf = '';
    let hasDollar = false;
    for (;;) {
      this.step();
      if (this.residue !== null) {
        buf = this.residue;
        hasDollar = this.residueHasDollar;
        this.residue = null;
      } else if (this.loops.length > 0 && this.loopCount > this.multilineLoopDepth) {
        buf = this.nextFromLoop();
        hasDollar = buf.includes('$');
      } else if (this.nextPlace !== null) {
        buf = this.nextFromDefinition();
        hasDollar = buf.includes('$');
      } else {
        const physical = this.nextPhysical(open);
        if (physical === null) return null;
        if (typeof physical !== 'string') return physical.include;
        if (physical === '\n') {
          // An empty physical line: it ends an open definition.
          if (open !== null) {
            if (open.value.text === '') open.multiline = false;
            open = null;
          }
          continue;
        }
        buf = physical;
        hasDollar = buf.includes('$');
      }

      if (open !== null) {
        this.continueDefinition(open, buf);
        if (!buf.endsWith('\\')) open = null;
        continue;
      }
      if (buf === '') continue;

      // keepalived's own idea of the line's length, which 2.2.7 does not update after a substitution.
      let length = buf.length;
      let again = false;
      do {
        again = false;
        if (buf[0] === '@') {
          const reverse = buf[1] === '^';
          const from = reverse ? 2 : 1;
          let blank = from;
          while (blank < buf.length && !isBlank(buf.charCodeAt(blank))) blank++;
          if (blank >= buf.length) {
            buf = '';
            break;
          }
          const id = buf.slice(from, blank);
          this.configIds.add(id);
          if ((id === this.options.configId) === reverse) {
            buf = '';
            break;
          }
          const start = skipBlanks(buf, blank);
          buf = this.dropPrefix(buf, start, length);
          hasDollar = buf.includes('$');
          length -= start;
        }
        if (buf[0] === '$') {
          const definition = this.checkDefinition(buf);
          if (definition !== null) {
            if (definition.multiline) open = definition;
            buf = '';
            break;
          }
        }
        if (buf.startsWith('~SEQ') || buf.startsWith('~LST')) {
          const loop =
            buf[1] === 'S'
              ? parseSequence(buf, (text, size) => this.substitute(text, size, false).text, this.newer)
              : parseList(buf);
          if (loop !== null) {
            this.loopCount = (this.loopCount + 1) >>> 0;
            if (this.loops.push(loop) > MAX_NESTING) throw new Cut();
          } else if (buf[1] === 'L') {
            // keepalived counts a ~LST it rejects out of its loops, which it was never in.
            this.loopCount = (this.loopCount - 1) >>> 0;
          }
          buf = '';
          break;
        }
        if (buf[0] === '~') break;
        if (hasDollar) {
          const substituted = this.substitute(buf, LINE_BUFFER_BYTES, true);
          buf = substituted.text;
          if (!substituted.changed) break;
          buf = decomment(buf, !this.newer);
          hasDollar = buf.includes('$');
          if (!this.newer) again = buf[0] === '@' || hasDollar;
        }
      } while (again);

      if (buf === '') continue;
      if (isInclude(buf)) {
        const words = includeWords(buf);
        // Where the parent read the include, the copy holds the included files' lines.
        this.copy?.push({ include: words });
        return words;
      }
      return this.splitAtBrace(buf, hasDollar);
    }
  }

  /**
   * Removes a conditional's `@ID ` prefix the way keepalived moves the rest of the line: it moves
   * `length - start + 1` bytes, with `length` its own count, stale in 2.2.7 after a substitution.
   */
  private dropPrefix(buf: ByteString, start: number, length: number): ByteString {
    if (length >= buf.length) return buf.slice(start);
    if (length < start) {
      // The count wraps around: keepalived moves memory far past its buffer.
      this.note('a conditional line made by a substitution is longer than the line it came from (keepalived 2.2.7 moves memory past its buffer)');
      return buf.slice(start);
    }
    return buf.slice(start, length + 1) + buf.slice(length - start + 1);
  }

  /** The next physical line, comments stripped; '\n' for an empty one; null at the end. */
  private nextPhysical(open: Definition | null): ByteString | { include: ByteString[] } | null {
    const source = this.source;
    for (;;) {
      if (!source.read()) {
        this.copy?.push('!');
        this.outcome = 'end';
        return null;
      }
      if (source.include !== null) {
        // The included lines the parent copied: an open definition would take the first of them.
        if (open !== null) this.note('an include in the copy follows an open multi-line definition');
        return { include: source.include };
      }
      const { text, start } = source;
      let { end, newline } = source;
      if (this.child && (text[start] === '#' || text[start] === '!') && end > start) {
        if (text[start] === '#') {
          // `#!…` is an error line the parent wrote; `# NAME` says a file starts: it gets its own count,
          // and keepalived changes to its directory.
          if (text[start + 1] !== '!') {
            const name = text.slice(start + 2, newline ? end : end - 1);
            const directory = this.directories[this.directories.length - 1]!;
            this.lineNumbers.push(0);
            this.directories.push(name.includes('/') ? changeDirectory(directory, name) : directory);
          }
        } else {
          this.lineNumbers.pop();
          this.directories.pop();
          if (this.lineNumbers.length === 0) {
            // keepalived closes a file that is not open and reads on from freed memory: it crashes.
            this.outcome = 'crashed';
            return null;
          }
        }
        continue;
      }
      let piece = text.slice(start, end);
      // keepalived sees the piece up to its first NUL byte.
      const nul = piece.indexOf('\0');
      if (nul >= 0) {
        piece = piece.slice(0, nul);
        newline = false;
      }
      const top = this.lineNumbers.length - 1;
      if (newline) {
        this.lineNumbers[top]!++;
      } else if (this.newer && piece.length === CHUNK_BYTES) {
        // Newer releases drop the first 1023 bytes of a longer line and read the rest as a line.
        this.lineNumbers[top]!++;
        piece = '';
      } else if (this.newer && !source.atEnd) {
        // …and drop a line with a NUL byte.
        this.lineNumbers[top]!++;
        piece = '';
      }
      end = piece.length;
      while (end > 0 && (piece[end - 1] === '\r' || piece[end - 1] === '\n')) end--;
      if (end === 0) {
        this.copy?.push('');
        return '\n';
      }
      const line = decomment(end === piece.length ? piece : piece.slice(0, end), !this.newer);
      this.copy?.push(isInclude(line) ? '' : line);
      if (line !== '') return line;
    }
  }

  /** Adds a line to the open multi-line definition: `\`-ended lines without the `\`, blank ones not at all. */
  private continueDefinition(open: Definition, buf: ByteString): void {
    let piece: ByteString;
    if (buf.endsWith('\\')) {
      let end = buf.length - 1;
      while (end > 0 && isBlank(buf.charCodeAt(end - 1))) end--;
      piece = buf.slice(0, end) + '\n';
      if (piece.length < 2) return;
    } else {
      if (open.value.text === '') open.multiline = false;
      piece = buf;
      if (piece === '') return;
    }
    this.setValue(open, open.value.text + piece);
  }

  private setValue(definition: Definition, text: ByteString): void {
    definition.value.freed = true;
    definition.value = { text, freed: false };
  }

  private endLoop(): void {
    this.loops.pop();
    this.loopCount = (this.loopCount - 1) >>> 0;
  }

  /** The loop count keepalived is left with after this pass (loops still pending are dropped at the end). */
  get finalLoopCount(): number {
    return (this.loopCount - this.loops.length) >>> 0;
  }

  private nextFromLoop(): ByteString {
    const loop = this.loops[this.loops.length - 1]!;
    if (loop.sequence !== undefined) {
      const sequence = loop.sequence;
      const value = sequence.hex ? BigInt.asUintN(64, sequence.next).toString(16) : sequence.next.toString();
      this.setDefinition(sequence.name, value);
      const next = sequence.next + sequence.step;
      if (wrapLong(next) !== next) {
        this.note('a ~SEQ runs past the range of a long');
        this.endLoop();
      } else {
        sequence.next = next;
        if ((sequence.step > 0n && next > sequence.last) || (sequence.step < 0n && next < sequence.last)) this.endLoop();
      }
    } else {
      const list = loop.list!;
      const values = list.sets[list.index]!;
      list.names.forEach((name, i) => this.setDefinition(name, values[i]!));
      if (list.index === list.sets.length - 1) this.endLoop();
      else list.index++;
    }
    return loop.template;
  }

  private nextFromDefinition(): ByteString {
    const place = this.nextPlace!;
    if (place.value.freed) this.note('a multi-line definition was defined again while it was being read out');
    const text = place.value.text;
    if (place.offset > text.length) this.note('a multi-line definition whose value has no line end (a ~SEQ or ~LST variable took its name) is read past its end');
    const newline = text.indexOf('\n', place.offset);
    if (newline < 0) {
      const popped = this.placeStack.pop();
      if (popped !== undefined) {
        this.nextPlace = popped.place;
        this.multilineLoopDepth = popped.loopDepth;
      } else {
        this.nextPlace = null;
        this.multilineLoopDepth = 0;
      }
      return text.slice(place.offset);
    }
    this.nextPlace = { value: place.value, offset: newline + 1 };
    return text.slice(place.offset, newline);
  }

  /** A `$NAME=VALUE` line: defines NAME and returns its definition; null when the line is not one. */
  private checkDefinition(buf: ByteString): Definition | null {
    const first = buf.charCodeAt(1);
    if (!isAlpha(first) && buf[1] !== '_') return null;
    let p = 2;
    for (; p < buf.length; p++) {
      if (buf[p] === '=') break;
      const code = buf.charCodeAt(p);
      if (!isAlnum(code) && buf[p] !== '_') return null;
    }
    if (buf[p] !== '=') return null;
    const name = buf.slice(1, p);
    let definition = this.definitions.get(name);
    if (definition === undefined) {
      definition = { name, value: { text: '', freed: false }, multiline: false, builtin: null, minParams: 0, maxParams: 0, numbersOnly: false };
      this.definitions.set(name, definition);
    }
    definition.builtin = null;
    const value = buf.slice(skipBlanks(buf, p + 1));
    let text = value;
    definition.multiline = value.endsWith('\\');
    if (definition.multiline) {
      let length = value.length;
      while (length >= 2 && isBlank(value.charCodeAt(length - 2))) length--;
      text = length < 2 ? '' : value.slice(0, length - 1) + '\n';
    }
    this.setValue(definition, text);
    return definition;
  }

  /** A `~SEQ`/`~LST` variable takes its next value (keeping whether its name was a multi-line definition). */
  private setDefinition(name: ByteString, value: ByteString): void {
    const definition = isAlpha(name.charCodeAt(0)) || name[0] === '_' ? this.definitions.get(name) : undefined;
    if (definition !== undefined) {
      definition.builtin = null;
      this.setValue(definition, value);
    } else {
      this.definitions.set(name, { name, value: { text: value, freed: false }, multiline: false, builtin: null, minParams: 0, maxParams: 0, numbersOnly: false });
    }
  }

  /** The definition a `$` at `at - 1` refers to, if any (find_definition()). */
  private lookup(text: ByteString, at: number): Reference | null {
    let p = at;
    const braces = text[p] === '{';
    if (braces) p++;
    const nameStart = p;
    if (!isAlpha(text.charCodeAt(p)) && text[p] !== '_') return null;
    p++;
    while (p < text.length && (isAlnum(text.charCodeAt(p)) || text[p] === '_')) p++;
    const nameEnd = p;
    let paramStart = -1;
    let paramEnd = -1;
    let numbersOnly = true;
    let count = 0;
    if (braces) {
      let inParam = false;
      for (; p < text.length; p++) {
        const code = text.charCodeAt(p);
        const blank = this.newer ? isBlank(code) : code === 0x20;
        const part = this.newer ? isAlnum(code) || text[p] === '_' : isDigit(code);
        if (blank) {
          inParam = false;
        } else if (part) {
          if (paramStart < 0) paramStart = p;
          paramEnd = p;
          if (!isDigit(code)) numbersOnly = false;
          if (!inParam) count++;
          inParam = true;
        } else {
          break;
        }
      }
      if (paramStart >= 0 && paramEnd + 1 !== p) return null;
      if (text[p] !== '}') return null;
    } else if (p < text.length && !' \t,)'.includes(text[p]!)) {
      return null;
    }
    const definition = this.definitions.get(text.slice(nameStart, nameEnd));
    if (definition === undefined) return null;
    const atLineEnd = braces ? nameEnd + 1 === text.length : nameEnd === text.length;
    if (definition.multiline && !atLineEnd) return null;
    if (paramStart < 0) return { definition, params: null };
    if (definition.maxParams === 0) return null;
    if (this.newer && ((definition.numbersOnly && !numbersOnly) || count > definition.maxParams || count < definition.minParams)) return null;
    return { definition, params: { start: paramStart, end: paramEnd } };
  }

  /** The value a predefined name stands for here. */
  private builtinValue(reference: Reference, text: ByteString): ByteString {
    const { definition, params } = reference;
    switch (definition.builtin) {
      case 'pwd':
        return this.directories[this.directories.length - 1] ?? this.options.pwd;
      case 'instance':
        return this.options.configId;
      case 'env':
        // keepalived reads the variable; this model's environment is empty.
        if (params === null) this.note('${_ENV} without a name');
        return '';
      case 'random': {
        let min = 0n;
        let max = 32767n;
        if (params !== null) {
          const first = strtoulDecimal(text, params.start);
          min = first.value;
          if (first.end < params.end) max = strtoulDecimal(text, first.end).value;
        }
        if (min > max) {
          if (!this.newer) this.note('${_RANDOM MIN MAX} with MIN above MAX');
          max = min;
        }
        if (max >= 1n << 63n) this.note('${_RANDOM} beyond the range of a long');
        this.randomLengthVaries = min.toString().length !== max.toString().length;
        // Any value will do as long as both readings get the same one: the smallest.
        return min.toString();
      }
      default:
        return definition.value.text;
    }
  }

  /**
   * Substitutes `$NAME` and `${NAME}` in `buf`, in a buffer of `size` bytes (replace_param()). The
   * scan starts again where a value was put, so values are substituted too. `line`: this is the
   * line itself (a multi-line definition's further lines are then read out next).
   */
  private substitute(buf: ByteString, size: number, line: boolean): { text: ByteString; changed: boolean } {
    let text = buf;
    let position = 0;
    let length = text.length;
    let changed = false;
    let multiline: Place | null = line ? this.nextPlace : null;
    let after: Place | null = null;
    for (;;) {
      const at = text.indexOf('$', position);
      if (at < 0 || at + 1 >= text.length) break;
      const reference = this.lookup(text, at + 1);
      if (reference === null) {
        position = at + 1;
        continue;
      }
      this.step();
      changed = true;
      const { definition, params } = reference;
      const braces = text[at + 1] === '{' ? 2 : 0;
      after = multiline;
      if (definition.multiline && multiline !== null && this.placeStack.push({ place: multiline, loopDepth: this.multilineLoopDepth }) > MAX_NESTING) throw new Cut();
      if (definition.multiline) this.multilineLoopDepth = this.loopCount;
      if (definition.builtin !== null) this.setValue(definition, this.builtinValue(reference, text));
      const value = definition.value.text;
      let replaced = definition.name.length;
      let replacing: number;
      if (definition.multiline) {
        const newline = value.indexOf('\n');
        replacing = newline < 0 ? value.length : newline;
        after = { value: definition.value, offset: replacing + 1 };
        multiline = after;
      } else {
        if (params !== null) replaced = params.end - (at + 1) + (braces ? 0 : 1);
        replacing = value.length;
      }
      const total = replaced + 1 + braces;
      // No room in keepalived's buffer: it gives up, keeping what it has substituted so far.
      const needed = length + replacing - total;
      if (needed < 0 || needed >= size) return { text, changed: false };
      if (params !== null && !this.newer && replacing < total && at + total < text.length) {
        // 2.2.7 moves only part of the rest of the line after `${NAME params}` when the value is shorter:
        // what is left depends on the value's length, which can be chance.
        if (definition.builtin === 'random' && this.randomLengthVaries) this.note('a ${_RANDOM MIN MAX} with text after it (keepalived 2.2.7 garbles the rest of the line, by the length of the value)');
        text = text.slice(0, at) + value.slice(0, replacing) + text[at + total]! + text.slice(at + replacing + 1);
      } else {
        const before = text;
        text = text.slice(0, at) + value.slice(0, replacing) + text.slice(at + total);
        // The same text scanned again from the same place: keepalived loops here for ever.
        if (text === before && !definition.multiline) throw new Cut();
      }
      length += replacing - total;
      position = at;
      if ((replacing > 0 || !this.newer) && value[skipBlanks(value, 0)] === '~') break;
    }
    if (changed && line) this.nextPlace = after;
    return { text, changed };
  }

  /**
   * The line up to the first `{` or `}` outside double quotes; the brace, or the rest after a
   * leading brace, waits as the next line (a line starting with a brace gives the brace alone).
   */
  private splitAtBrace(buf: ByteString, hasDollar: boolean): ByteString {
    let at = -1;
    if (buf[0] === '{' || buf[0] === '}') {
      at = 0;
    } else {
      braceOrQuote.lastIndex = 0;
      for (;;) {
        const match = braceOrQuote.exec(buf);
        if (match === null) break;
        if (match[0] !== '"') {
          at = match.index;
          break;
        }
        const close = buf.indexOf('"', match.index + 1);
        if (close < 0) break;
        braceOrQuote.lastIndex = close + 1;
      }
    }
    if (at >= 0) {
      const cut = at === 0 ? skipBlanks(buf, 1) : at;
      if (cut < buf.length) {
        this.residue = trimEndBlanks(buf.slice(cut));
        this.residueHasDollar = hasDollar && buf.lastIndexOf('$') >= cut;
        buf = buf.slice(0, cut);
      }
    }
    return trimEndBlanks(buf);
  }
}
