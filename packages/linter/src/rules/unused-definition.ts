import type { NameDefinition } from '@kalint/model';
import type { Rule } from '../types.js';

/** What a definition of each kind does when nothing names it. */
const CONSEQUENCE: Record<string, string> = {
  vrrp_script: 'keepalived never runs it, so it changes no priority',
  track_file: 'the file is watched but changes nothing',
  vrrp_track_process: 'the process is watched but changes nothing',
  bfd_instance: 'the BFD session runs but no instance or real server follows it',
  virtual_server_group: 'its addresses are not balanced by any virtual_server',
};

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
  file(file, { report }) {
    // A use may be in an included file kalint could not read.
    if (!file.node.complete) return;
    for (const definition of file.node.names.unused()) {
      // A name left as a `$` parameter is undefined-reference's.
      if (definition.name.includes('$')) continue;
      report({ message: unusedMessage(definition), at: definition.word });
    }
  },
};

function unusedMessage({ statement, kind, name }: NameDefinition): string {
  const where = kind === 'virtual_server_group' ? 'no virtual_server uses it (virtual_server group NAME)' : 'nothing in this file tracks it';
  const consequence = CONSEQUENCE[kind] ?? 'keepalived does nothing with it';
  return `${statement.keyword.text} '${name}' is defined but ${where}; ${consequence}.`;
}
