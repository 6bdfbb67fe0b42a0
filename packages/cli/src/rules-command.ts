/**
 * `kalint rules [--format json]`: every rule kalint can report, with its default severity, whether
 * `--fix` can fix it and what it reports, so that `--rule` and `"rules"` settings can be written
 * without reading the sources. The list is the linter's own (`ruleMetas`).
 */
import { parseCommandLine } from './args.js';
import { UsageError, type Io } from './io.js';

export const rulesUsage = `Usage: kalint rules [--format text|json]

List every rule kalint can report: its id, its default severity (error, warn or off), whether
--fix can fix what it finds, and what it reports.

Options:
  -f, --format NAME      text (default): one rule a line, in columns; json: an array of
                         {id, defaultSeverity, fixable, scope, description, docs}
  -h, --help             show this help
`;

/** Run the rules command; resolves to the exit status. Usage problems throw `UsageError`. */
export async function rulesCommand(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseCommandLine(argv, { format: { type: 'string', short: 'f' }, help: { type: 'boolean', short: 'h' } }, 'kalint rules --help');
  if (values.help) {
    io.stdout(rulesUsage);
    return 0;
  }
  const format = values.format ?? 'text';
  if (format !== 'text' && format !== 'json') throw new UsageError(`unknown --format '${format}' (expected text, json)`);
  if (positionals.length > 0) throw new UsageError(`kalint rules takes no files (to lint a file called 'rules', write './rules')`);
  const { ruleMetas } = await import('@kalint/linter');
  const { RULE_DOCS } = await import('./formats/sarif.js');
  const rules = [...ruleMetas].sort((a, b) => a.id.localeCompare(b.id));
  if (format === 'json') {
    const list = rules.map((r) => ({ id: r.id, defaultSeverity: r.defaultSeverity, fixable: r.fixable, scope: r.scope, description: r.description, docs: `${RULE_DOCS}${r.id}.md` }));
    io.stdout(JSON.stringify(list, null, 2) + '\n');
    return 0;
  }
  const rows = [['RULE', 'DEFAULT', 'FIXABLE', 'DESCRIPTION'], ...rules.map((r) => [r.id, r.defaultSeverity, r.fixable ? 'yes' : 'no', r.description])];
  const widths = [0, 1, 2].map((column) => Math.max(...rows.map((row) => row[column]!.length)));
  io.stdout(rows.map((row) => row.map((cell, column) => (column < 3 ? cell.padEnd(widths[column]!) : cell)).join('  ')).join('\n') + '\n');
  return 0;
}
