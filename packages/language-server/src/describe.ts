/** Keyword and argument descriptions from the schema, shared by hover, completion and signature help. */
import type { ArgSpec, KeywordSpec } from '@kalint/grammar';

/** What values an argument takes, in a phrase: `integer 1-255`, `MASTER | BACKUP`. */
export function argumentValues(arg: ArgSpec): string {
  if (arg.values) return arg.values.join(' | ') + (arg.caseInsensitive ? ' (any case)' : '');
  const range = arg.min !== undefined || arg.max !== undefined ? ` ${arg.min ?? ''}–${arg.max ?? ''}` : '';
  const references = arg.references ? ` (a ${arg.references} name)` : '';
  return `${arg.kind}${range}${references}${arg.optional ? ', optional' : ''}`;
}

/** The Markdown documentation of a keyword. */
export function keywordMarkdown(spec: KeywordSpec): string {
  const parts = ['```keepalived', spec.args.syntax, '```', '', spec.description];
  const args = [
    ...spec.args.positional,
    ...Object.entries(spec.args.options ?? {}).flatMap(([word, arg]) => (arg ? [{ ...arg, name: `${word} ${arg.name}` }] : [])),
    ...(spec.args.rest ? [spec.args.rest] : []),
  ];
  if (args.length > 0) {
    parts.push('');
    for (const arg of args) parts.push(`- \`${arg.name}\`: ${argumentValues(arg)}`);
  }
  if (spec.deprecated) parts.push('', `**Deprecated**: use \`${spec.deprecated.replacement}\` instead.`);
  if (spec.until) parts.push('', `Removed after keepalived ${spec.until}.`);
  return parts.join('\n');
}
