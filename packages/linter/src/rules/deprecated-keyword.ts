import { sameArgs, type KeywordSpec, type Schema } from '@kalint/grammar';
import { childrenAt } from '@kalint/model';
import type { Statement, Word } from '@kalint/parser';
import { ownedRange, renameKeepsBlocks } from '../fix.js';
import { inBlock } from '../messages.js';
import type { ProjectFile } from '../project.js';
import type { Fix, Report, Rule, TextEdit } from '../types.js';

const PLAIN = /^[A-Za-z0-9_-]+$/;

/** Whether `replacement` can stand where `spec` stands with the same words (and, for blocks, the same keywords inside). */
function carriesOver(schema: Schema, spec: KeywordSpec, replacement: KeywordSpec): boolean {
  if (spec.block !== replacement.block || !sameArgs(spec.args, replacement.args)) return false;
  if (!spec.block) return true;
  const names = (path: string) => new Set(schema.childrenOf(path).map((k) => k.name));
  const inner = names(spec.path);
  return [...inner].every((n) => names(replacement.path).has(n));
}

function renameFix(statement: Statement, from: string, to: string): Fix | undefined {
  if (statement.keyword.expansion) return undefined;
  return {
    description: `Replace \`${from}\` with \`${to}\``,
    edits: [{ file: statement.keyword.file, range: statement.keyword.range, text: to }],
  };
}

function lineStartOffset(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

function lineEndOffset(text: string, offset: number): number {
  const end = text.indexOf('\n', offset);
  return end < 0 ? text.length : end + 1;
}

function position(text: string, offset: number) {
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { offset, line, character: offset - (before.lastIndexOf('\n') + 1) };
}

/**
 * Move `lvs_sync_daemon_interface IF` out of its instance into `global_defs` as
 * `lvs_sync_daemon IF INSTANCE`. Only when the whole move is plain text in this file: one such line
 * in the file, no `lvs_sync_daemon` already, one `global_defs` in this file (or none and no includes).
 */
function syncDaemonFix(file: ProjectFile, statement: Statement, instance: Statement): Fix | undefined {
  const { text, ast } = file;
  const words = [statement.keyword, ...statement.args, ...instance.args];
  if (statement.args.length !== 1 || instance.args.length !== 1) return undefined;
  if (words.some((w) => w.expansion || w.file !== file.path || w.quoted)) return undefined;
  if (statement.file !== file.path || ast.includes.length > 0) return undefined;
  const all = statementsNamed(file, 'lvs_sync_daemon_interface');
  if (all.length !== 1 || statementsNamed(file, 'lvs_sync_daemon').length > 0) return undefined;
  const line = `lvs_sync_daemon ${statement.args[0]!.text} ${instance.args[0]!.text}`;

  // Remove the old line (the whole line when nothing else stands on it). Only the keyword and its
  // word: a `{ ... }` after it is not its block (the keyword opens none), keepalived reads those
  // lines as the instance's own.
  const owned = ownedRange(statement);
  const start = owned.start.offset;
  const end = owned.end.offset;
  const lineStart = lineStartOffset(text, start);
  const lineEnd = lineEndOffset(text, end);
  const alone = text.slice(lineStart, start).trim() === '' && /^\s*$/.test(text.slice(end, lineEnd));
  const removal: TextEdit = alone
    ? { file: file.path, range: { start: position(text, lineStart), end: position(text, lineEnd) }, text: '' }
    : { file: file.path, range: owned, text: '' };

  const globals = file.node.topLevel('global_defs');
  let insertion: TextEdit;
  if (globals.length === 1) {
    const close = globals[0]!.block?.close;
    if (!close || globals[0]!.file !== file.path) return undefined;
    const closeLine = lineStartOffset(text, close.start.offset);
    if (text.slice(closeLine, close.start.offset).trim() !== '') return undefined;
    // Indent the new line as the block's first line (known to keepalived or not).
    const first = globals[0]!.block?.body.find((n) => n.type === 'Statement');
    const indent = first ? text.slice(lineStartOffset(text, first.range.start.offset), first.range.start.offset) : '    ';
    if (indent.trim() !== '') return undefined;
    const at = position(text, closeLine);
    insertion = { file: file.path, range: { start: at, end: at }, text: `${indent}${line}\n` };
  } else if (globals.length === 0) {
    const firstRoot = ast.body.find((n) => n.type === 'Statement');
    if (!firstRoot || firstRoot.file !== file.path) return undefined;
    const at = position(text, lineStartOffset(text, firstRoot.range.start.offset));
    insertion = { file: file.path, range: { start: at, end: at }, text: `global_defs {\n    ${line}\n}\n\n` };
  } else {
    return undefined;
  }
  if (insertion.range.start.offset >= removal.range.start.offset && insertion.range.start.offset <= removal.range.end.offset) return undefined;
  return { description: `Move to global_defs as \`${line}\``, edits: [insertion, removal] };
}

/**
 * Whether the block holding `statement` (`owner`'s, or the top level) has another line of
 * `keyword`, a keyword of that block.
 */
function hasSibling(file: ProjectFile, owner: Statement | undefined, statement: Statement, keyword: KeywordSpec): boolean {
  const lines = owner ? childrenAt(owner, keyword.path) : file.node.topLevel(keyword.path);
  return lines.some((s) => s !== statement);
}

/** The statements keepalived knows that are written with a keyword, in read order. */
function statementsNamed(file: ProjectFile, name: string): Statement[] {
  return file.node.index.known.filter((statement) => statement.keyword.text === name);
}

/** Route options whose next word is a name that could read `gw` or `or`. */
const ROUTE_NAME_OPTIONS = new Set(['dev', 'oif', 'table', 'protocol', 'scope', 'realms', 'vrf', 'track_group', 'congctl', 'features', 'pref', 'ttl-propagate']);

/**
 * `gw` and `or` in a `static_routes`/`virtual_routes` line: keepalived still reads them, reports each
 * as deprecated and applies the route. `gw` is `via` under another name; `or` adds a second gateway.
 */
function checkRouteItem(words: readonly Word[], owner: Statement, report: (r: Report) => void): void {
  for (let i = 1; i < words.length; i++) {
    const word = words[i]!;
    if (ROUTE_NAME_OPTIONS.has(words[i - 1]!.text)) continue;
    if (word.text === 'gw') {
      report({
        message: `\`gw\` in \`${owner.keyword.text}\` is deprecated: keepalived says so and reads it as \`via\`. Write \`via\`.`,
        at: word,
        tags: ['deprecated'],
        ...(word.expansion ? {} : { fix: { description: 'Replace `gw` with `via`', edits: [{ file: word.file, range: word.range, text: 'via' }] } }),
      });
    } else if (word.text === 'or') {
      report({
        message: `\`or\` in \`${owner.keyword.text}\` is deprecated: keepalived says so and makes the two gateways next hops of one route. Write \`nexthop via ADDRESS nexthop via ADDRESS\`.`,
        at: word,
        tags: ['deprecated'],
      });
    }
  }
}

/** Deprecated keywords, and keywords keepalived no longer (or never) accepted at their place. */
export const deprecatedKeyword: Rule = {
  meta: {
    id: 'deprecated-keyword',
    description: 'Deprecated keywords (with their replacement), the deprecated route words gw and or, and removed keywords keepalived now reports as unknown',
    defaultSeverity: 'warn',
    fixable: true,
    scope: 'file',
  },
  file(file, context) {
    const { schema } = context;
    const report = context.reportOncePerPlace;
    const { statements, scopes } = file.node.index;
    for (let i = 0; i < statements.length; i++) {
      const statement = statements[i]!;
      const { parentPath, owner } = scopes[i]!;
      if ((statement.path === 'static_routes' || statement.path === 'vrrp_instance/virtual_routes') && statement.block?.kind === 'values') {
        for (const item of statement.block.body) if (item.type === 'Value') checkRouteItem(item.words, statement, report);
      }
      // Only unknown keywords (perhaps removed ones) and deprecated ones concern this rule.
      if (statement.path !== null && !statement.spec?.deprecated) continue;
      const name = statement.keyword.text;

      if (statement.path === null) {
        const removed = schema.removedChild(parentPath, name);
        if (!removed) continue;
        const target = removed.replacement && PLAIN.test(removed.replacement) ? schema.child(parentPath, removed.replacement) : undefined;
        let message: string;
        if (removed.neverAccepted) {
          message = `\`${name}\` is not a keyword ${inBlock(parentPath)} and never was: keepalived reports it as unknown and ignores the line, so its value does not apply.`;
        } else {
          message = `\`${name}\` was removed from keepalived after ${removed.until}: keepalived now reports it as unknown and ignores the line.`;
        }
        if (removed.replacement) message += ` Use \`${removed.replacement}\` instead.`;
        else message += ' Delete the line.';
        let fix: Fix | undefined;
        // keepalived no longer knows the keyword, so it opens no block: its successor must not
        // claim lines that keepalived now reads elsewhere.
        if (target && renameKeepsBlocks(statement, target) && !hasSibling(file, owner, statement, target)) fix = renameFix(statement, name, target.name);
        else if (target) message += ` (The block already has \`${target.name}\`: delete this line.)`;
        report({ message, at: statement.keyword, severity: 'error', tags: ['deprecated'], ...(fix ? { fix } : {}) });
        continue;
      }

      const spec = statement.spec;
      if (!spec?.deprecated) continue;
      const { replacement, reportedByKeepalived } = spec.deprecated;
      const noticed = reportedByKeepalived ? ' (keepalived -t reports it)' : '';
      const version = spec.in227 ? '' : ` keepalived 2.2.7 and older do not know \`${name}\` at all.`;

      if (spec.path === 'vrrp_instance/lvs_sync_daemon_interface') {
        const instance = owner && owner.path === 'vrrp_instance' ? owner : undefined;
        const instanceName = instance?.args.length === 1 ? instance.args[0]!.text : undefined;
        const iface = statement.args[0]?.text ?? '<INTERFACE>';
        const fix = instance && instanceName ? syncDaemonFix(file, statement, instance) : undefined;
        report({
          message: `\`lvs_sync_daemon_interface\` inside a vrrp_instance is deprecated${noticed}: use \`lvs_sync_daemon ${iface} ${instanceName ?? '<VRRP_INSTANCE>'}\` in global_defs.`,
          at: statement.keyword,
          tags: ['deprecated'],
          ...(fix ? { fix } : {}),
        });
        continue;
      }

      const target = PLAIN.test(replacement) ? schema.child(parentPath, replacement) : undefined;
      let fix: Fix | undefined;
      const instead = target ? `use \`${replacement}\` instead` : `replacement: ${replacement.replace(/^\((.*)\)$/, '$1')}`;
      let message = `\`${name}\` is deprecated${noticed}; ${instead}.${version}`;
      if (target && carriesOver(schema, spec, target)) {
        if (!hasSibling(file, owner, statement, target)) fix = renameFix(statement, name, target.name);
        else message += ` The block already has \`${target.name}\`: delete this line.`;
      }
      report({ message, at: statement.keyword, tags: ['deprecated'], ...(fix ? { fix } : {}) });
    }
  },
};
