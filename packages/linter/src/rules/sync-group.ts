import { anchor, type VrrpInstance } from '@kalint/model';
import { lineOf } from '../messages.js';
import type { Rule } from '../types.js';

/** Sync group membership problems keepalived reports after reading the file. */
export const syncGroup: Rule = {
  meta: {
    id: 'sync-group',
    needsEveryInclude: 'sync group members',
    description: 'vrrp_sync_group problems: a repeated group name, an instance in two groups, a group of one, weighted track scripts that the group makes keepalived drop',
    defaultSeverity: 'warn',
    fixable: false,
    scope: 'file',
  },
  file({ node }, { report }) {
    // Members may be defined in an included file kalint could not read.
    if (!node.complete) return;
    const instances = new Map<string, VrrpInstance>();
    for (const instance of node.instances) if (!instance.duplicateOf && !instances.has(instance.name)) instances.set(instance.name, instance);
    for (const group of node.syncGroups) {
      const first = group.duplicateOf;
      if (first) {
        report({
          message:
            `vrrp_sync_group ${group.name} is already defined (line ${lineOf(first.statement)}): keepalived reports "vrrp sync group ${group.name} already defined" ` +
            `and skips this whole block, so its members are in no group through it. Rename one of them, or merge their members.`,
          at: anchor(group.statement),
          related: [{ file: first.statement.file, range: anchor(first.statement).range, message: `vrrp_sync_group ${group.name} first defined here` }],
        });
        continue;
      }
      const members: VrrpInstance[] = [];
      for (const member of group.members) {
        const instance = instances.get(member.text);
        // Undefined members are undefined-reference's.
        if (!instance) continue;
        // The group keepalived put the instance in: an earlier group, or this one for an earlier word.
        const earlier = instance.syncGroup !== group ? instance.syncGroup : members.includes(instance) ? group : undefined;
        if (earlier) {
          report({
            message:
              `${member.text} is already a member of sync group ${earlier.name}: an instance can be in only one sync group, ` +
              `so keepalived reports "cannot exist in more than one sync group" and leaves it out of ${group.name}.`,
            at: member,
          });
          continue;
        }
        members.push(instance);
      }
      if (members.length === 1) {
        report({
          message:
            `sync group ${group.name} has only one member: a sync group makes several instances change state together, so one member ` +
            `does nothing${group.trackingWeight.value ? '' : ' but turn off weighted tracking'}; keepalived reports "has only 1 virtual router(s)". Add the other instances or remove the group.`,
          at: anchor(group.statement),
        });
      }
      for (const instance of members) {
        for (const track of instance.tracks) {
          if (track.kind !== 'script' || track.dropped?.value !== 'sync-group') continue;
          report({
            message:
              `track_script ${track.name} in ${instance.name} has a weight, but ${instance.name} is in sync group ${group.name}: keepalived reports ` +
              `"ignoring tracked script with weights due to SYNC group" (a configuration error) and drops the script: when ${track.name} fails, nothing happens and the VIP never moves. ` +
              `Use weight 0 (the check then puts the group in FAULT), track the script on the sync group, or add sync_group_tracking_weight to ${group.name}.`,
            at: track.word,
            severity: 'error',
          });
        }
      }
    }
  },
};
