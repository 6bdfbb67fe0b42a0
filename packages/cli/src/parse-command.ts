/**
 * `kalint parse FILE [--config-id ID]`: the AST as JSON on stdout, includes resolved, so that
 * scripts can read keepalived configs (as crossplane does for nginx).
 */
import { resolve } from 'node:path';
import { parse, walk, type ConfigFile, type SyntaxDiagnostic } from '@kalint/parser';
import { parseCommandLine } from './args.js';
import { UsageError, type Io } from './io.js';
import { nodeIncludeHost, parseIncludeRoot } from '@kalint/node';
import { writeJson } from './json-stream.js';
import { notUtf8, parseMaxFileSize, readInput, readStdin } from './read-input.js';

/** Nodes printed at most by default: a configuration of tens of thousands of lines. */
export const DEFAULT_MAX_NODES = 100_000;

export const parseUsage = `Usage: kalint parse FILE|- [--config-id ID] [--no-expand] [--max-nodes N] [--include-root FROM=TO]

Print the parsed configuration as JSON on stdout, includes resolved ('-': standard input).
  --config-id ID          select @ID conditional lines, as keepalived -i ID does
  --no-expand             keep the file as written: no substitution, no includes followed
  --include-root FROM=TO  read includes under the deployed directory FROM from TO here
                          (repeatable; the longest FROM wins)
  --max-nodes N           print at most about N nodes of the tree (default ${DEFAULT_MAX_NODES.toLocaleString('en')}; 0: all);
                          a longer tree ends early, says so in "truncated" and on stderr
  --max-file-size BYTES   refuse files (and skip includes) larger than this (K, M, G; default 16M)
Exit status: 0 no syntax error, 1 syntax errors (on stderr), 2 usage or I/O error.
`;

export async function parseCommand(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseCommandLine(
    argv,
    {
      'config-id': { type: 'string' },
      'no-expand': { type: 'boolean' },
      'max-file-size': { type: 'string' },
      'max-nodes': { type: 'string' },
      'include-root': { type: 'string', multiple: true },
      help: { type: 'boolean', short: 'h' },
    },
    'kalint parse --help',
  );
  if (values.help) {
    io.stdout(parseUsage);
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError('kalint parse takes exactly one FILE (see kalint parse --help)');
  // `-` is standard input, named <stdin>; its relative includes resolve from the working directory.
  const file = positionals[0] === '-' ? '<stdin>' : positionals[0]!;
  const maxBytes = parseMaxFileSize(values['max-file-size']);
  const maxNodes = parseMaxNodes(values['max-nodes']);
  const roots: Record<string, string> = {};
  for (const value of values['include-root'] ?? []) {
    const root = parseIncludeRoot(value, io.cwd);
    if ('error' in root) throw new UsageError(root.error);
    roots[root.from] = root.to;
  }
  // A file that cannot be read is a UsageError naming it: "'adir' is a directory".
  const read = positionals[0] === '-' ? await readStdin(io, maxBytes, file) : readInput(resolve(io.cwd, file), file, maxBytes, io);
  if (positionals[0] === '-' && read.warning !== undefined) io.stderr(`kalint: warning: ${notUtf8(file, read)}\n`);
  const result = parse(read.text, {
    file,
    host: nodeIncludeHost(io.cwd, maxBytes, undefined, roots),
    expand: values['no-expand'] !== true,
    ...(values['config-id'] !== undefined ? { configId: values['config-id'] } : {}),
  });
  const nodes = countNodes(result.ast);
  if (maxNodes === 0 || nodes <= maxNodes) {
    const output = { file, files: result.files, diagnostics: result.diagnostics, ast: result.ast };
    let json: string | undefined;
    try {
      json = JSON.stringify(output, withoutSchema);
    } catch (error) {
      // Too deep for JSON.stringify's recursion, or longer than a string may be: written in chunks.
      if (!(error instanceof RangeError)) throw error;
    }
    if (json !== undefined) io.stdout(json);
    else writeJson(output, io.stdout, new Set(['spec']));
  } else {
    // Too many nodes to print: written in chunks, arrays ending once about maxNodes are out.
    const truncated = { nodes, limit: maxNodes, message: `the tree has ${nodes.toLocaleString('en')} nodes; arrays end after about ${maxNodes.toLocaleString('en')}` };
    writeJson({ file, files: result.files, diagnostics: result.diagnostics, truncated, ast: result.ast }, io.stdout, new Set(['spec']), maxNodes);
  }
  io.stdout('\n');
  for (const diagnostic of result.diagnostics) io.stderr(formatDiagnostic(diagnostic) + '\n');
  if (maxNodes !== 0 && nodes > maxNodes) {
    io.stderr(
      `kalint: warning: ${file}: the parsed tree has ${nodes.toLocaleString('en')} nodes; kalint printed about the first ${maxNodes.toLocaleString('en')} and marked the output "truncated" (--max-nodes raises the limit)\n`,
    );
  }
  return result.diagnostics.some((d) => d.severity === 'error') ? 1 : 0;
}

/** The `--max-nodes` option's value: a whole number, 0 for no limit. */
function parseMaxNodes(value: string | undefined): number {
  if (value === undefined) return DEFAULT_MAX_NODES;
  if (!/^\d+$/.test(value.trim())) throw new UsageError(`--max-nodes expects a whole number of nodes (0: no limit), not '${value}'`);
  return Number(value.trim());
}

/** Nodes the printed tree holds (statements, values, blocks, words, prefixes, comments, definitions, includes, the file). */
export function countNodes(ast: ConfigFile): number {
  let nodes = 1 + ast.comments.length + ast.definitions.length + ast.includes.length;
  for (const directive of [...ast.definitions, ...ast.includes]) nodes += directive.prefixes?.length ?? 0;
  for (const node of walk(ast)) {
    nodes += 1 + ('prefixes' in node ? (node.prefixes?.length ?? 0) : 0);
    if (node.type === 'Statement') nodes += 1 + node.args.length + (node.block !== null ? 1 : 0);
    else if (node.type === 'Value') nodes += node.words.length;
  }
  return nodes;
}

/** The schema entry on each statement is kalint's own knowledge, not part of the file: leave it out. */
function withoutSchema(key: string, value: unknown): unknown {
  return key === 'spec' ? undefined : value;
}

/** `file:line:col: severity: message [code]`, 1-based as editors and compilers print them. */
export function formatDiagnostic(d: SyntaxDiagnostic): string {
  return `${d.file}:${d.range.start.line + 1}:${d.range.start.character + 1}: ${d.severity}: ${d.message} [${d.code}]`;
}
