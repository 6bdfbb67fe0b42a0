/**
 * Types of the keyword schema in `grammar/keywords.json`.
 *
 * The schema is data: every fact about a keepalived keyword (where it may appear, whether it opens a
 * block, what its arguments are, whether it is deprecated) lives in the JSON file, and every package
 * reads it through these types.
 */

/** What kind of block a keyword opens. */
export type BlockKind =
  /** `{ }` holding further keywords, e.g. `vrrp_instance NAME { ... }`. */
  | 'keywords'
  /** `{ }` holding value lines, one item per line, e.g. `virtual_ipaddress { 10.0.0.1/24 }`. */
  | 'values';

/** The kinds an argument word can have. */
export type ArgKind =
  | 'integer'
  | 'decimal'
  | 'boolean'
  | 'ipv4'
  | 'ipv6'
  | 'ip'
  | 'cidr'
  | 'port'
  | 'interface'
  | 'enum'
  | 'string'
  | 'path'
  | 'script'
  | 'name'
  /**
   * A file-mode mask (`umask`): one number as C's `strtol` reads it with base 0 (`022` octal,
   * `0x12` hex, `18` decimal) within `min`..`max`, or bit words from `values` joined by `|`, the
   * joins and bits free to be split over several words (`IWGRP | IWOTH`). The first positional
   * spec holds these facts; a `rest` spec of this kind only continues that mask.
   */
  | 'bitmask';

/**
 * Which addresses keepalived takes as a multicast group:
 * `any`: IPv4 224.0.0.0/4 or IPv6 ff00::/8; anything else is rejected;
 * `link-local`: as `any`, but an IPv6 group must also have link-local scope (ffx2::/16);
 * `link-local-advised`: as `any`; an IPv6 group of another scope is reported but used.
 */
export type MulticastRule = 'any' | 'link-local' | 'link-local-advised';

/**
 * How releases before some version read an argument, where that differs from today: the fields
 * given replace the newer spec's. See `ArgSpec.since`.
 */
export interface ArgReading {
  kind?: ArgKind;
  min?: number;
  max?: number;
  places?: number;
  values?: string[];
  leadingNumber?: boolean;
  /**
   * These releases do not read the word at all: they ignore it without a message and do what the
   * keyword alone does, said here in an operator's terms to follow "it ignores the word and"
   * (`turns strict mode on`). For a `boolean` the keyword alone means true, so a true word changes
   * nothing.
   */
  ignored?: string;
  /** The first release that read the word this way, when still older releases differ again. */
  since?: string;
  older?: ArgReading;
}

/** One argument word (or the value of one option word). */
export interface ArgSpec {
  /** Placeholder shown to users, e.g. `VRID`, `INTERFACE`. */
  name: string;
  kind: ArgKind;
  /** Inclusive bounds for `integer` and `decimal`. */
  min?: number;
  max?: number;
  /** Decimal places keepalived accepts for `decimal` (timers: 6). */
  places?: number;
  /** Allowed words for `enum`. */
  values?: string[];
  /** Enum words compared without regard to case (keepalived uses strcasecmp). */
  caseInsensitive?: boolean;
  /** The argument may be left out. */
  optional?: boolean;
  /** For `name`: which definition this word refers to, e.g. `vrrp_script`. */
  references?: string;
  /**
   * The first release that reads the word as this spec says; releases before it read it as
   * `older` says (`vrrp_script interval` takes decimals from 2.3.2, whole seconds before).
   */
  since?: string;
  /** How releases before `since` read the word. */
  older?: ArgReading;
  /** For addresses: keepalived takes only a multicast group here. */
  multicast?: MulticastRule;
  /**
   * What keepalived does with a word it rejects here, in an operator's terms, e.g. `keepalived
   * ignores it and keeps the default group 224.0.0.18`.
   */
  onInvalid?: string;
  /** For `integer`: words keepalived takes in place of a number (`MTU`, `ADVERT`), compared as `caseInsensitive` says. */
  namedValues?: string[];
  /** For `string`: a regular expression the whole word must match, and what it describes in messages. */
  pattern?: string;
  patternName?: string;
  /** keepalived reports a value of 0 and uses this value instead. */
  zeroBecomes?: number;
  /**
   * For `integer`: keepalived reports a word that does not end where its number does (`1.5`),
   * but outside `keepalived -t` it then uses the whole number it read (1) when that is in range.
   */
  leadingNumber?: boolean;
}

/** An option word newer than its keyword. */
export interface OptionSince {
  /** The first release that reads the word as this option. */
  since: string;
  /**
   * What older releases make of the word instead, in an operator's terms, to follow "keepalived X
   * does not know this option:" (`it takes \`group\` for an interface name, so ...`).
   */
  older: string;
}

/** The argument words a keyword takes, after the keyword itself and before any `{`. */
export interface ArgsSpec {
  /** Fewest words keepalived needs; fewer stops keepalived's reader (exit 2). */
  min: number;
  /** Most words keepalived reads; `null` when it reads any number. Extra words are ignored by keepalived. */
  max: number | null;
  /** Leading arguments, in order. */
  positional: ArgSpec[];
  /** Option words that may follow the positional arguments, each with the spec of its value (or null for a flag). */
  options?: Record<string, ArgSpec | null>;
  /** Spec of every further word, when the keyword takes a list. */
  rest?: ArgSpec;
  /** Option words (keys of `options`) that releases before some version do not know as options. */
  optionsSince?: Record<string, OptionSince>;
  /** Usage line in keepalived's notation. */
  syntax: string;
}

/** A keyword of keepalived.conf at one place in the block tree. */
export interface KeywordSpec {
  /** Slash-separated path from the root, e.g. `virtual_server/real_server/weight`. */
  path: string;
  /** The keyword as written in a config. */
  name: string;
  /** Path of the block the keyword belongs to (`root` at top level). */
  parent: string;
  /** The block the keyword opens, if any. */
  block: BlockKind | null;
  args: ArgsSpec;
  /** May appear more than once in one block with each occurrence meaningful. */
  repeatable: boolean;
  /** Short description for hover and docs, in kalint's own words. */
  description: string;
  /** Set when keepalived still reads the keyword but it has a successor. */
  deprecated?: {
    replacement: string;
    /** keepalived prints a notice under `keepalived -t`. */
    reportedByKeepalived: boolean;
  };
  /** For a value block whose item lines each name a definition (`track_script { chk_nginx }`). */
  items?: {
    /** What one item is, in words (`track script`). */
    name: string;
    /** The top-level keyword that defines what an item names, e.g. `vrrp_script`. */
    references: string;
    /** keepalived looks the name up while reading the block: it must be defined earlier in the file. */
    definedBefore: boolean;
  };
  /** Keyword strings are parsed as shell-like commands (`notify*`, `script`, `misc_path`, ...). */
  command?: boolean;
  /** keepalived release that first knew the keyword. */
  since: string;
  /** Last keepalived release that knew the keyword, when it was removed. */
  until?: string;
  /** Present in keepalived 2.2.7 (Debian 12). */
  in227: boolean;
  /** Compile-time conditions in keepalived's source, e.g. `_WITH_LVS_`. */
  buildConditions?: string[];
  /** Where keepalived handles the keyword, for maintainers. */
  source?: { file: string; line: number };
}

/** A keyword keepalived used to accept and no longer knows. */
export interface RemovedKeyword {
  path: string;
  name: string;
  parent: string;
  since: string;
  until: string;
  /** What to write instead, when there is a successor. */
  replacement?: string;
  description: string;
  /**
   * keepalived never read the keyword at this place: it is valid elsewhere (e.g. `nb_get_retry` in
   * HTTP_GET) and was copied into blocks that do not know it. Releases before 1.2.20 skipped unknown
   * keywords silently, so such lines had no effect rather than failing. For these entries `since` is
   * the release that introduced the block and `until` the last release that stayed silent about the
   * line (1.2.19), or `since` again when the block is newer than that.
   */
  neverAccepted?: boolean;
}

/** The whole schema file. */
export interface SchemaData {
  /** The newest keepalived release the schema describes. */
  version: string;
  keywords: KeywordSpec[];
  removed: RemovedKeyword[];
}
