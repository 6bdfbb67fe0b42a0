/**
 * `@kalint/parser`: reads keepalived.conf the way keepalived does and returns a typed AST.
 * `parse` never throws: whatever the input, it returns a (partial) tree and syntax diagnostics.
 */
import type { ConfigFile, SyntaxDiagnostic } from './ast.js';
import { Expander, type ExpandOptions } from './expand.js';
import { buildTree } from './parser.js';
import { walk } from './walk.js';

export type * from './ast.js';
export type { IncludeHost, ExpandOptions } from './expand.js';
export { MAX_LINE_BYTES, MAX_SEQUENCE_VALUES, decomment, dirname } from './expand.js';
export { statements, findStatements } from './walk.js';
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
    if (options.expand === false) expander.sourceFile(text, file);
    else expander.expandFile(text, file);
    ast.range.end = endOf(text);
    const diagnostics = unique([...expander.diagnostics, ...buildTree(expander.tokens, ast)]);
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

function endOf(text: string) {
  let line = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { offset: text.length, line, character: text.length - lineStart };
}

/** In the source view, definitions and includes are nodes of the tree; list them on the file too. */
function collectDirectives(ast: ConfigFile): void {
  for (const node of walk(ast)) {
    if (node.type === 'Definition') ast.definitions.push(node);
    else if (node.type === 'Include') ast.includes.push(node);
  }
}

export { tokenize, type SourceToken, type SourceTokenKind } from './tokens.js';
