/** Keyword and argument descriptions from the schema, shared by hover, completion and signature help. */
import type { ArgSpec, KeywordSpec, RemovedKeyword } from '@kalint/grammar';

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

/** Where a path's block is, in words: `TCP_CHECK` for `virtual_server/real_server/TCP_CHECK`, the top level for `root`. */
function blockName(path: string): string {
  return path === 'root' ? 'the top level' : `\`${path.slice(path.lastIndexOf('/') + 1)}\``;
}

/**
 * The Markdown for a keyword keepalived does not accept in the block it stands in: one it removed,
 * one it never read there, or one valid only in other blocks (`elsewhere`).
 */
export function unacceptedMarkdown(name: string, block: string, removed: RemovedKeyword | undefined, elsewhere: readonly KeywordSpec[]): string | null {
  const parts: string[] = [];
  if (removed) {
    parts.push(
      removed.neverAccepted
        ? `**\`${name}\` is not a keyword of ${blockName(block)}**: keepalived never read it here (releases before 1.2.20 skipped it silently; newer ones report an unknown keyword).`
        : `**\`${name}\` was removed**: keepalived ${removed.since} to ${removed.until} read it in ${blockName(block)}; newer releases report an unknown keyword.`,
      '',
      removed.description,
    );
    if (removed.replacement) parts.push('', `Use \`${removed.replacement}\` instead.`);
  } else if (elsewhere.length > 0) {
    parts.push(`**\`${name}\` is not a keyword of ${blockName(block)}**: keepalived reports it as unknown here.`);
  } else {
    return null;
  }
  if (elsewhere.length > 0) {
    const places = [...new Set(elsewhere.map((k) => blockName(k.parent)))];
    parts.push('', `It is a keyword of ${places.slice(0, 5).join(', ')}${places.length > 5 ? ` and ${places.length - 5} more blocks` : ''}.`);
  }
  return parts.join('\n');
}
