import type { Statement } from '@kalint/parser';
import type { Rule } from '../types.js';
import { childValues, hasUnresolvedIncludes, knownStatements } from '../semantic-util.js';

const TRACK_FILE = {
  uses: ['vrrp_instance/track_file', 'vrrp_sync_group/track_file', 'virtual_server/real_server/FILE_CHECK/track_file'],
  consequence: 'the file is watched but changes nothing',
};

/** Definitions by top-level keyword, and the places whose items or arguments use them. */
const DEFINITIONS: Record<string, { uses: string[]; consequence: string }> = {
  vrrp_script: {
    uses: ['vrrp_instance/track_script', 'vrrp_sync_group/track_script'],
    consequence: 'keepalived never runs it, so it changes no priority',
  },
  track_file: TRACK_FILE,
  // The older name of the same block.
  vrrp_track_file: TRACK_FILE,
  vrrp_track_process: {
    uses: ['vrrp_instance/track_process', 'vrrp_sync_group/track_process'],
    consequence: 'the process is watched but changes nothing',
  },
  bfd_instance: {
    uses: ['vrrp_instance/track_bfd', 'vrrp_sync_group/track_bfd', 'virtual_server/real_server/BFD_CHECK/name'],
    consequence: 'the BFD session runs but no instance or real server follows it',
  },
  virtual_server_group: {
    uses: ['virtual_server'],
    consequence: 'its addresses are not balanced by any virtual_server',
  },
};

const USE_PATHS = new Set(Object.values(DEFINITIONS).flatMap((d) => d.uses));

/** A vrrp_script, track file, tracked process, BFD instance or virtual_server_group that nothing in the file uses. */
export const unusedDefinition: Rule = {
  meta: {
    id: 'unused-definition',
    needsEveryInclude: 'definitions nothing uses',
    description: 'A vrrp_script, track_file, vrrp_track_process, bfd_instance or virtual_server_group that nothing in the file uses',
    defaultSeverity: 'warn',
    fixable: false,
    scope: 'file',
  },
  check({ project, report }) {
    for (const file of project.files) {
      // A use may be in an included file kalint could not read.
      if (hasUnresolvedIncludes(file.ast)) continue;
      const used = new Map<string, Set<string>>();
      const use = (path: string, name: string | undefined) => {
        if (name === undefined) return;
        const set = used.get(path) ?? new Set<string>();
        set.add(name);
        used.set(path, set);
      };
      for (const statement of knownStatements(file.ast)) {
        const path = statement.path!;
        // Only the places a definition can be used at are looked up below.
        if (!USE_PATHS.has(path)) continue;
        if (statement.block?.kind === 'values') for (const item of childValues(statement)) use(path, item.words[0]?.text);
        if (path === 'virtual_server') {
          const group = statement.args.findIndex((w) => w.text === 'group');
          if (group >= 0) use(path, statement.args[group + 1]?.text);
        } else if (path.endsWith('FILE_CHECK/track_file') || path.endsWith('BFD_CHECK/name')) {
          use(path, statement.args[0]?.text);
        }
      }
      for (const node of file.ast.body) {
        if (node.type !== 'Statement' || node.path === null) continue;
        const definition = DEFINITIONS[node.path];
        const name = node.args[0];
        if (!definition || !name || name.text.includes('$')) continue;
        if (definition.uses.some((path) => used.get(path)?.has(name.text))) continue;
        report({ message: unusedMessage(node, name.text, definition.consequence), at: name });
      }
    }
  },
};

function unusedMessage(statement: Statement, name: string, consequence: string): string {
  const keyword = statement.keyword.text;
  const where =
    keyword === 'virtual_server_group' ? 'no virtual_server uses it (virtual_server group NAME)' : 'nothing in this file tracks it';
  return `${keyword} '${name}' is defined but ${where}; ${consequence}.`;
}
