/**
 * The typed AST of a keepalived configuration.
 *
 * Positions are 0-based and ranges half-open, with offset, line and character, so editors convert
 * nothing. Every node names the file it comes from: with `include`, one tree spans several files.
 */
import type { KeywordSpec } from '@kalint/grammar';

/** A place in a file: 0-based offset, line and character (UTF-16 code units). */
export interface Position {
  offset: number;
  line: number;
  character: number;
}

/** A half-open span of one file. */
export interface Range {
  start: Position;
  end: Position;
}

/** Where a node comes from. */
export interface Located {
  /** Path of the file (as given to the parser or as resolved for an include). */
  file: string;
  range: Range;
}

/**
 * Why a word is not simply the text at its range: it came out of a `$NAME` substitution, a
 * `~SEQ`/`~LST` expansion or a multi-line definition. Its range then points at the reference or
 * template that produced it.
 */
export type Expansion = 'substitution' | 'sequence';

/** One word of a statement, as keepalived splits it. */
export interface Word extends Located {
  type: 'Word';
  /** The word's value: quotes removed, `\#` and `\!` unescaped outside quotes. */
  text: string;
  /** The word as written (after expansion). */
  raw: string;
  /** Written in double quotes. */
  quoted: boolean;
  /** Set when the word was produced by expansion rather than written at its range. */
  expansion?: Expansion;
}

/** A keyword line: keyword, argument words and, for block keywords, the block. */
export interface Statement extends Located {
  type: 'Statement';
  keyword: Word;
  args: Word[];
  /**
   * The schema path of the keyword at this place (`vrrp_instance/priority`), or `null` when the
   * keyword is not valid here (unknown, misplaced, or inside a block kalint does not know).
   */
  path: string | null;
  /** The schema entry for `path`. */
  spec: KeywordSpec | null;
  block: Block | null;
  /** Conditional (`@id`) and `~SEQ`/`~LST` prefixes written before the statement (source view). */
  prefixes?: Prefix[];
}

/** One item line of a value block, e.g. `10.1.8.100/24 dev eth0` inside `virtual_ipaddress`. */
export interface Value extends Located {
  type: 'Value';
  words: Word[];
  prefixes?: Prefix[];
}

/** A `{ ... }` block owned by a statement. */
export interface Block extends Located {
  type: 'Block';
  /**
   * `keywords` and `values` follow the schema; `unknown` is the block of a word keepalived does
   * not know as a block keyword (keepalived itself reads such a body at the enclosing level).
   */
  kind: 'keywords' | 'values' | 'unknown';
  /** Schema path of the block (`virtual_server/real_server`), `null` for an unknown block. */
  path: string | null;
  /** Range of the `{`; `null` when the `{` is missing and keepalived reads the body anyway. */
  open: Range | null;
  /** Range of the `}`; `null` when the block is never closed. */
  close: Range | null;
  body: Node[];
}

/** `include PATTERN` (and `includer`, `includem`, `includew`, `includeb`, `includea`). */
export interface Include extends Located {
  type: 'Include';
  /** `include`, `includer`, ... */
  directive: string;
  /** The pattern as keepalived sees it (not tokenized: quotes and spaces are part of it). */
  pattern: string;
  /** The files the pattern matched, in glob order (expanded view only). */
  files: string[];
  /** Where the pattern was read from instead, as the user names it, when an include root maps it. */
  readFrom?: string;
  prefixes?: Prefix[];
}

/** `$NAME=value`, possibly continued over several lines with a trailing `\`. */
export interface Definition extends Located {
  type: 'Definition';
  name: string;
  /** The value lines, comments removed; one entry for an ordinary definition. */
  lines: string[];
  multiline: boolean;
  /** The text exactly as written, continuation lines included. */
  raw: string;
  prefixes?: Prefix[];
}

/** `@id` / `@^id` conditional prefix, or a `~SEQ(...)` / `~SEQx(...)` / `~LST(...)` prefix. */
export interface Prefix extends Located {
  type: 'Prefix';
  kind: 'conditional' | 'sequence';
  raw: string;
}

/** A `!` or `#` comment. */
export interface Comment extends Located {
  type: 'Comment';
  /** The comment character: `!` or `#`. */
  marker: '!' | '#';
  /** Full text, marker included. */
  raw: string;
}

/** Anything that can stand in a block body (a `Block` there is a `{` that no keyword opened). */
export type Node = Statement | Value | Include | Definition | Block;

/** The parsed configuration. */
export interface ConfigFile extends Located {
  type: 'ConfigFile';
  body: Node[];
  /** Definitions in the order they were read (expanded view: also those from included files). */
  definitions: Definition[];
  /** Include lines in the order they were read. */
  includes: Include[];
  /** Comments of the main file (source view: comments are what the formatter keeps). */
  comments: Comment[];
}

/** A problem with the structure of the text: braces, quotes, a block keyword without its block. */
export interface SyntaxDiagnostic extends Located {
  /** Stable identifier, e.g. `extra-close-brace`. */
  code: string;
  severity: 'error' | 'warning';
  message: string;
}
