/**
 * What keepalived itself reads from a configuration text: an independent model of its reader
 * (lib/parser.c), for checking that a rewrite of a file (the formatter, `--fix`) leaves keepalived's
 * reading exactly as it was. It shares no code with kalint's lexer, parser or expander.
 *
 * Modelled, byte for byte: fgets() into a 1024-byte buffer (2.2.7 reads a line of up to 1023
 * bytes whole and cuts a longer one into 1023-byte pieces, each a line of its own; newer releases
 * drop such a line's first 1023 bytes and read the rest), trailing CR/LF removal (a CR elsewhere
 * is white space to the word splitter), a NUL byte (2.2.7: the rest of that piece is ignored;
 * newer: the line is), comments and `\#`/`\!` escapes, `\` continuations (in 2.2.7 also at the
 * end of a comment), `@ID`/`@^ID` lines (re-checked after a substitution in 2.2.7), `$NAME=`
 * definitions over several lines, `$NAME`/`${NAME}` substitution, `~SEQ`/`~SEQx`/`~LST`, brace
 * splitting outside double quotes and the word splitter; and keepalived's second reading, of the
 * copy its first pass writes (see `Reader`). Line numbers are keepalived's: it counts a line when
 * it reads its newline, so the first piece of a long line, a line with a NUL (2.2.7) and a last
 * line without a newline are reported at the line before.
 *
 * Not modelled: what an include reads (an include is a line of its own, never followed), and the
 * values of `${_PWD}` (`/etc/keepalived` unless told), `${_RANDOM}` (its lowest value) and `${_ENV …}`
 * (empty). Where keepalived's behaviour depends on memory contents or chance, the reading says so
 * (`unpredictable`) instead of guessing.
 */
import { fromByteString, toByteString, type ByteString } from './bytes.js';
import { Reader, type Outcome, type ReaderVersion } from './reader.js';

export interface KeepalivedLine {
  /** 1-based physical line of the input that this logical line comes from (keepalived's own numbering) */
  line: number;
  /** the words keepalived's word splitter gives for this logical line (double quotes removed) */
  words: string[];
  /**
   * An include line (not followed): `words` are its keyword (`include`, `includer`, …) and its
   * pattern exactly as keepalived passes it to glob() (the rest of the line, not split into words).
   */
  include?: true;
}

export interface KeepalivedReadingOptions {
  /** whose reader: '2.2.7' (Debian's, default) or 'newer' (HEAD behaviour where it differs: long lines, NUL, comment scanning, @ re-check) */
  version?: '2.2.7' | 'newer';
  /** the config id for @ID / @^ID lines; default: an id no line names */
  configId?: string;
  /** cap on logical lines produced (default something like 1,000,000); past it reading stops and truncated is true */
  maxLines?: number;
  /**
   * Which reading: `'parent'` (default), the first pass over the file, or `'children'`, the
   * checker, VRRP and BFD processes' pass over the copy the first pass writes.
   */
  pass?: 'parent' | 'children';
  /** What `${_PWD}` stands for, the directory of the main file (default `/etc/keepalived`). */
  pwd?: string;
}

export interface KeepalivedReading {
  lines: KeepalivedLine[];
  truncated: boolean;
  /** keepalived crashes here (2.2.7's children, on a line of the copy starting with `!`: a `\!` at a line's start). */
  crashed?: true;
  /** Why what keepalived reads here depends on memory contents or chance (the lines are then a guess). */
  unpredictable?: string;
  /** The ids `@ID`/`@^ID` lines compared the config id with, in the order first met. */
  configIds: string[];
}

/**
 * An id no `@ID` line can name: ids end at the first blank, and this one has a blank in it.
 * `${_INSTANCE}` reads it as two words.
 */
export const UNNAMED_CONFIG_ID = 'no id';
const DEFAULT_PWD = '/etc/keepalived';
/** Default `maxLines`. */
export const MAX_KEEPALIVED_LINES = 1_000_000;

/** A reader of the text (a parent pass) of `size` bytes, or of the copy its `parent` pass wrote (a child pass). */
function reader(input: ByteString | Reader, size: number, version: ReaderVersion, configId: ByteString, maxLines: number, pwd = DEFAULT_PWD, loopCount?: number): Reader {
  // More work than a text of this size needs for maxLines lines means a loop that yields nothing.
  const options = { version, configId, maxLines, maxSteps: 4 * maxLines + 4 * size + 1024, pwd };
  if (typeof input === 'string') return new Reader(input, options);
  return new Reader(input.copy!, { ...options, loopCount: loopCount ?? input.finalLoopCount });
}

/** What keepalived reads from this text: the logical lines after its whole preprocessing (comment removal, escapes, @ conditionals, $ definitions incl. multi-line ones and substitution, ~SEQ/~SEQx/~LST, brace splitting: `{` and `}` come out as their own logical lines with words ['{'] / ['}']), include lines are kept as lines (not followed). Input bytes: a Uint8Array is read as bytes; a string is encoded as UTF-8 first. */
export function readAsKeepalived(input: string | Uint8Array, options: KeepalivedReadingOptions = {}): KeepalivedReading {
  const version = options.version ?? '2.2.7';
  const configId = toByteString(options.configId ?? UNNAMED_CONFIG_ID);
  const maxLines = options.maxLines ?? MAX_KEEPALIVED_LINES;
  const text = toByteString(input);
  const pwd = toByteString(options.pwd ?? DEFAULT_PWD);
  const parent = reader(text, text.length, version, configId, maxLines, pwd);
  let pass = parent;
  if (options.pass === 'children') {
    while (parent.next() !== null);
    pass = reader(parent, text.length, version, configId, maxLines, pwd);
  }
  const lines: KeepalivedLine[] = [];
  for (let line = pass.next(); line !== null; line = pass.next()) {
    const words = line.words.map(fromByteString);
    lines.push(line.include ? { line: line.line, words, include: true } : { line: line.line, words });
  }
  const reading: KeepalivedReading = {
    lines,
    truncated: parent.outcome === 'truncated' || pass.outcome === 'truncated',
    configIds: [...new Set([...parent.configIds, ...pass.configIds])].map(fromByteString),
  };
  if (pass.outcome === 'crashed') reading.crashed = true;
  const unpredictable = parent.unpredictable ?? pass.unpredictable;
  if (unpredictable !== null) reading.unpredictable = unpredictable;
  return reading;
}

/** At most this many config ids are compared; a text naming more is not vouched for. */
const MAX_CONFIG_IDS = 64;

/** Reads both in step and stops at the first difference; true when both read alike to the end. */
function sameReaders(a: Reader, b: Reader): boolean {
  for (;;) {
    const more = a.advance();
    if (more !== b.advance()) return false;
    if (!more) break;
    if (a.key() !== b.key()) return false;
  }
  const outcomes: Outcome[] = [a.outcome!, b.outcome!];
  // A reading cut short proves nothing about the rest; one keepalived cannot predict neither.
  if (outcomes.includes('truncated') || a.unpredictable !== null || b.unpredictable !== null) return false;
  return a.outcome === b.outcome;
}

/**
 * True when keepalived reads both texts the same: same logical lines (words; line numbers may
 * differ), for every config id either text names plus one id that none names, and for both of
 * 2.2.7's reading passes (the parent's pass over the file, and the children's pass over the
 * consolidated copy the parent writes: see the comment at the top of lib/parser.c and how that
 * copy is written in 2.2.7).
 *
 * Include lines compare by keyword and pattern, and in the children also by where the parent
 * read the included files. A children's pass that crashes (2.2.7, a `\!` at the start of a line)
 * is the same only as one that crashes after the same lines. `keepalived -t` runs its three
 * children one after another, each starting with the count of pending loops the one before left
 * (a rejected `~LST` changes it): each child pass that can read differently is compared.
 *
 * It answers false, rather than guess, when a reading is cut short (more than `maxLines` logical
 * lines, or a preprocessor loop that yields nothing: keepalived would take as long or hang), when
 * keepalived's reading is unpredictable (it depends on memory contents or chance), or when the
 * texts name more than 64 config ids. Byte-identical texts are always the same.
 */
export function sameKeepalivedReading(
  before: string | Uint8Array,
  after: string | Uint8Array,
  options: { version?: '2.2.7' | 'newer'; maxLines?: number } = {},
): boolean {
  const a = toByteString(before);
  const b = toByteString(after);
  if (a === b) return true;
  const version = options.version ?? '2.2.7';
  const maxLines = options.maxLines ?? MAX_KEEPALIVED_LINES;
  const ids: ByteString[] = [UNNAMED_CONFIG_ID];
  const seen = new Set(ids);
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i]!;
    const parentA = reader(a, a.length, version, id, maxLines);
    const parentB = reader(b, b.length, version, id, maxLines);
    if (!sameReaders(parentA, parentB)) return false;
    const passes = [parentA, parentB];
    // The children read the copy with the loop count the pass before them left: in a daemon all
    // start with the parent's; `keepalived -t` runs its three one after the other.
    let [previousA, previousB] = [parentA, parentB];
    for (let child = 0; child < 3; child++) {
      const childA = reader(parentA, a.length, version, id, maxLines, DEFAULT_PWD, previousA.finalLoopCount);
      const childB = reader(parentB, b.length, version, id, maxLines, DEFAULT_PWD, previousB.finalLoopCount);
      if (!sameReaders(childA, childB)) return false;
      passes.push(childA, childB);
      if (childA.finalLoopCount === previousA.finalLoopCount && childB.finalLoopCount === previousB.finalLoopCount) break;
      [previousA, previousB] = [childA, childB];
    }
    for (const pass of passes) {
      for (const named of pass.configIds) {
        if (seen.has(named)) continue;
        if (ids.length >= MAX_CONFIG_IDS) return false;
        seen.add(named);
        ids.push(named);
      }
    }
  }
  return true;
}
