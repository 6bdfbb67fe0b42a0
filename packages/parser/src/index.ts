/**
 * `@kalint/parser`: reads keepalived.conf the way keepalived does and returns a typed AST.
 * `parse` never throws: whatever the input, it returns a (partial) tree and syntax diagnostics.
 */
import type { IToken } from 'chevrotain';
import type { ConfigFile, SyntaxDiagnostic } from './ast.js';
import { endOfText, Expander, nothingToExpand, type ExpandOptions } from './expand.js';
import { chunks, ParseCache, shiftChunk, type CachedChunk } from './incremental.js';
import { buildTree, TreeBuilder } from './parser.js';
import { walk } from './walk.js';

export type * from './ast.js';
export type { IncludeHost, ExpandOptions } from './expand.js';
export { ParseCache } from './incremental.js';
export { ENV_SINCE, MAX_DIAGNOSTICS_PER_KIND, MAX_LINE_BYTES, MAX_SEQUENCE_VALUES, PREDEFINED_NAMES, READING_LIMITS, decomment, dirname, predefinedIn } from './expand.js';
export { statements, findStatements, walkWithin } from './walk.js';
export { walk };

export interface ParseOptions extends ExpandOptions {
  /** Name of the file, used in every range and diagnostic; relative includes resolve against its directory. */
  file?: string;
  /**
   * `true` (default): the configuration as keepalived reads it — conditionals applied, definitions
   * substituted, sequences expanded, includes followed. `false`: the text as written, with
   * `include`, `$NAME=` and `@id`/`~SEQ` prefixes as nodes of their own (what a formatter needs).
   */
  expand?: boolean;
  /**
   * Keep one per document across edits: top-level statements whose text did not change are reused
   * instead of parsed again (plain files only; anything else is parsed whole). Reusing moves the
   * cached nodes, so a tree from an earlier parse with the same cache must not be used any more.
   */
  cache?: ParseCache;
}

export interface ParseResult {
  ast: ConfigFile;
  /** Structural problems: braces, quotes, block keywords without a block, includes. */
  diagnostics: SyntaxDiagnostic[];
  /** Every file read, the main file first. */
  files: string[];
}

/** Parse keepalived.conf text. Never throws. */
export function parse(text: string, options: ParseOptions = {}): ParseResult {
  if (options.cache !== undefined && options.expand !== false) {
    const incremental = parseIncrementally(text, options, options.cache);
    if (incremental !== null) return incremental;
  }
  return parseWhole(text, options);
}

function parseWhole(text: string, options: ParseOptions): ParseResult {
  const file = options.file ?? '<input>';
  const ast: ConfigFile = {
    type: 'ConfigFile',
    body: [],
    definitions: [],
    includes: [],
    comments: [],
    file,
    range: { start: { offset: 0, line: 0, character: 0 }, end: { offset: 0, line: 0, character: 0 } },
  };
  try {
    const expander = new Expander(options);
    ast.range.end = endOfText(text);
    let built: SyntaxDiagnostic[];
    if (options.expand !== false) {
      // Parse as the text is read (and expanded): the tokens never exist whole.
      const tree = new TreeBuilder(ast);
      const feed = (tokens: IToken[]) => tree.feed(tokens);
      // The common case, and the one large files are: nothing to expand.
      if (nothingToExpand(text)) expander.streamFile(text, file, feed);
      else expander.expandFile(text, file, feed);
      built = tree.finish();
    } else {
      expander.sourceFile(text, file);
      built = buildTree(expander.tokens, ast);
    }
    const diagnostics = unique([...expander.diagnostics, ...built]);
    ast.definitions = expander.definitionNodes;
    ast.includes = expander.includeNodes;
    ast.comments = expander.comments;
    if (options.expand === false) collectDirectives(ast);
    return { ast, diagnostics, files: expander.files };
  } catch (error) {
    // A bug in kalint must not take the caller down: report it like a syntax error.
    const message = error instanceof Error ? error.message : String(error);
    return {
      ast,
      diagnostics: [{ code: 'internal-error', severity: 'error', message: `kalint could not parse this file: ${message}`, file, range: ast.range }],
      files: [file],
    };
  }
}

/** Parse a plain file by top-level statements, reusing those the cache holds; null to parse whole. */
function parseIncrementally(text: string, options: ParseOptions, cache: ParseCache): ParseResult | null {
  try {
    // Only a file with nothing to expand can be cut into statements parsed on their own.
    if (!nothingToExpand(text)) return null;
    const parts = chunks(text);
    if (parts === null) return null;
    const file = options.file ?? '<input>';
    const next = new Map<string, CachedChunk>();
    const body: ConfigFile['body'] = [];
    const comments: ConfigFile['comments'] = [];
    for (const part of parts) {
      // A cached chunk can stand in one place only: a second identical statement is parsed anew.
      let entry = next.has(part.text) ? undefined : cache.entries.get(part.text);
      if (entry === undefined || entry.body[0]?.file !== file) {
        const result = parseWhole(part.text, { file });
        if (result.diagnostics.length > 0) return null;
        entry = { body: result.ast.body, comments: result.ast.comments, offset: 0, line: 0 };
      }
      shiftChunk(entry, part.offset, part.line);
      if (!next.has(part.text)) next.set(part.text, entry);
      for (const node of entry.body) body.push(node);
      for (const comment of entry.comments) comments.push(comment);
    }
    cache.entries = next;
    const ast: ConfigFile = {
      type: 'ConfigFile',
      body,
      definitions: [],
      includes: [],
      comments,
      file,
      range: { start: { offset: 0, line: 0, character: 0 }, end: endOfText(text) },
    };
    return { ast, diagnostics: [], files: [file] };
  } catch {
    // Anything unexpected: forget the cache and parse the whole text.
    cache.entries = new Map();
    return null;
  }
}

/** A line expanded several times (`~SEQ`, multi-line definitions) reports each problem once. */
function unique(diagnostics: SyntaxDiagnostic[]): SyntaxDiagnostic[] {
  const seen = new Set<string>();
  return diagnostics.filter((d) => {
    const key = `${d.file}:${d.range.start.offset}:${d.range.end.offset}:${d.code}:${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** In the source view, definitions and includes are nodes of the tree; list them on the file too. */
function collectDirectives(ast: ConfigFile): void {
  for (const node of walk(ast)) {
    if (node.type === 'Definition') ast.definitions.push(node);
    else if (node.type === 'Include') ast.includes.push(node);
  }
}

export { tokenize, type SourceToken, type SourceTokenKind } from './tokens.js';
export { readAsKeepalived, sameKeepalivedReading, UNNAMED_CONFIG_ID, MAX_KEEPALIVED_LINES, type KeepalivedLine, type KeepalivedReading, type KeepalivedReadingOptions } from './keepalived-reader/index.js';
