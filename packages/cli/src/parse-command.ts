/**
 * `kalint parse FILE [--config-id ID]`: the AST as JSON on stdout, includes resolved, so that
 * scripts can read keepalived configs (as crossplane does for nginx).
 */
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { parse, type SyntaxDiagnostic } from '@kalint/parser';
import { UsageError, type Io } from './io.js';
import { nodeIncludeHost } from '@kalint/node';
import { writeJson } from './json-stream.js';
import { parseMaxFileSize, readInput } from './read-input.js';

export const parseUsage = `Usage: kalint parse FILE [--config-id ID] [--no-expand]

Print the parsed configuration as JSON on stdout, includes resolved.
  --config-id ID          select @ID conditional lines, as keepalived -i ID does
  --no-expand             keep the file as written: no substitution, no includes followed
  --max-file-size BYTES   refuse files (and skip includes) larger than this (K, M, G; default 16M)
Exit status: 0 no syntax error, 1 syntax errors (on stderr), 2 usage or I/O error.
`;

export async function parseCommand(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      'config-id': { type: 'string' },
      'no-expand': { type: 'boolean' },
      'max-file-size': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    allowPositionals: true,
  });
  if (values.help) {
    io.stdout(parseUsage);
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError('kalint parse takes exactly one FILE (see kalint parse --help)');
  const file = positionals[0]!;
  const maxBytes = parseMaxFileSize(values['max-file-size']);
  let read;
  try {
    read = readInput(resolve(io.cwd, file), file, maxBytes, io);
  } catch (error) {
    throw new UsageError(`cannot read ${(error as Error).message}`);
  }
  const result = parse(read.text, {
    file,
    host: nodeIncludeHost(io.cwd, maxBytes),
    expand: values['no-expand'] !== true,
    ...(values['config-id'] !== undefined ? { configId: values['config-id'] } : {}),
  });
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
  io.stdout('\n');
  for (const diagnostic of result.diagnostics) io.stderr(formatDiagnostic(diagnostic) + '\n');
  return result.diagnostics.some((d) => d.severity === 'error') ? 1 : 0;
}

/** The schema entry on each statement is kalint's own knowledge, not part of the file: leave it out. */
function withoutSchema(key: string, value: unknown): unknown {
  return key === 'spec' ? undefined : value;
}

/** `file:line:col: severity: message [code]`, 1-based as editors and compilers print them. */
export function formatDiagnostic(d: SyntaxDiagnostic): string {
  return `${d.file}:${d.range.start.line + 1}:${d.range.start.character + 1}: ${d.severity}: ${d.message} [${d.code}]`;
}
