import type { Rule } from '../types.js';
import { hasUnresolvedIncludes, syncGroups } from '../semantic-util.js';
import { weightedScripts } from './priority-owner.js';

/** Sync group membership problems keepalived reports after reading the file. */
export const syncGroup: Rule = {
  meta: {
    id: 'sync-group',
    needsEveryInclude: 'sync group members',
    description: 'vrrp_sync_group problems: an instance in two groups, a group of one, weighted track scripts that the group makes keepalived drop',
    defaultSeverity: 'warn',
    fixable: false,
    scope: 'file',
  },
  check({ project, report }) {
    for (const file of project.files) {
      // Members may be defined in an included file kalint could not read.
      if (hasUnresolvedIncludes(file.ast)) continue;
      const instances = new Map(file.model.instances.map((i) => [i.name, i]));
      const groupOf = new Map<string, string>();
      for (const group of syncGroups(file.ast)) {
        const name = group.statement.args[0]?.text ?? '';
        let valid = 0;
        for (const member of group.members) {
          // Undefined members are undefined-reference's.
          if (!instances.has(member.text)) continue;
          const earlier = groupOf.get(member.text);
          if (earlier !== undefined) {
            report({
              message:
                `${member.text} is already a member of sync group ${earlier}: an instance can be in only one sync group, ` +
                `so keepalived reports "cannot exist in more than one sync group" and leaves it out of ${name}.`,
              at: member,
            });
            continue;
          }
          groupOf.set(member.text, name);
          valid++;
        }
        if (valid === 1) {
          report({
            message:
              `sync group ${name} has only one member: a sync group makes several instances change state together, so one member ` +
              `does nothing but turn off weighted tracking; keepalived reports "has only 1 virtual router(s)". Add the other instances or remove the group.`,
            at: group.statement.args[0] ?? group.statement.keyword,
          });
        }
        if (group.trackingWeight) continue;
        for (const member of group.members) {
          const instance = instances.get(member.text);
          if (!instance || groupOf.get(member.text) !== name) continue;
          for (const { word, script } of weightedScripts(file, instance)) {
            report({
              message:
                `track_script ${script} in ${instance.name} has a weight, but ${instance.name} is in sync group ${name}: keepalived reports ` +
                `"ignoring tracked script with weights due to SYNC group" and drops the script, so its result changes nothing. ` +
                `Use weight 0 (the check then puts the group in FAULT), track the script on the sync group, or add sync_group_tracking_weight to ${name}.`,
              at: word,
            });
          }
        }
      }
    }
  },
};
