import { instancePriority, type VrrpInstance } from '@kalint/model';
import { priorityPlace, related, where } from '../messages.js';
import type { Rule } from '../types.js';

/** The effective priority with every tracked object up (the election engine's). */
const priorityOf = (instance: VrrpInstance): number => instancePriority(instance).priority;

/**
 * A sync group whose members prefer different nodes: on this node one member outranks its peer,
 * another is outranked by its own peer on the same other node, and the peers there are in one
 * sync group too. keepalived moves a sync group as one: it goes MASTER only when every member
 * wants to ("prefer backup state to avoid thrashing", vrrp_sync.c `vrrp_sync_can_goto_master`),
 * and a member that sees a higher priority takes the whole group to BACKUP (`vrrp_sync_backup`).
 * keepalived.conf(5), VRRP synchronization group: half the instances with higher priority on
 * machine A and the other half on machine B "will lead to constant re-elections".
 * Priorities are the effective ones with every tracked object up.
 */
export const syncGroupCrossed: Rule = {
  meta: {
    id: 'sync-group-crossed',
    description: 'A sync group whose instances have their higher priority on different nodes, so the group never settles where the priorities say',
    defaultSeverity: 'error',
    fixable: false,
    scope: 'project',
  },
  cluster(cluster, { project, report }) {
    for (const instance of cluster.members) {
      const group = instance.syncGroup;
      if (!group) continue;
      const mine = priorityOf(instance);
      // The other members of the group on this node.
      const others = instance.node.instances.filter((i) => i !== instance && !i.duplicateOf && i.syncGroup === group);
      for (const peer of cluster.peers.get(instance) ?? []) {
        const theirs = priorityOf(peer);
        if (!peer.syncGroup || mine <= theirs) continue;
        let crossed: { other: VrrpInstance; counterpart: VrrpInstance } | undefined;
        for (const other of others) {
          const counterpart = project.model.clusterOf(other)?.peers.get(other)?.find((p) => p.node === peer.node && p.syncGroup === peer.syncGroup);
          if (counterpart && priorityOf(counterpart) > priorityOf(other)) {
            crossed = { other, counterpart };
            break;
          }
        }
        if (!crossed) continue;
        const { other, counterpart } = crossed;
        const file = project.fileName(peer.file);
        report({
          message:
            `vrrp_instance ${instance.name} has priority ${mine} here, above the ${theirs} of its peer in ${where(project, priorityPlace(peer))}, ` +
            `but ${other.name}, in the same sync group ${group.name}, has ${priorityOf(other)} here, below the ${priorityOf(counterpart)} of its peer in ${where(project, priorityPlace(counterpart))}: ` +
            `a sync group goes MASTER only when all its instances want to, and one that sees a higher priority takes the whole group to BACKUP, ` +
            `so the priorities never decide where the group runs: it stays on whichever node took it first and does not fail back, and when both nodes contend (starting together) each pulls its group back to BACKUP and the election repeats (keepalived's manual: constant re-elections). ` +
            `Give every instance of the group its higher priority on the same node`,
          at: priorityPlace(instance),
          related: [
            related(priorityPlace(peer), `priority ${theirs} of ${peer.name} in ${file}`),
            related(priorityPlace(other), `priority ${priorityOf(other)} of ${other.name} here`),
            related(priorityPlace(counterpart), `priority ${priorityOf(counterpart)} of ${counterpart.name} in ${project.fileName(counterpart.file)}`),
          ],
        });
        break;
      }
    }
  },
};
