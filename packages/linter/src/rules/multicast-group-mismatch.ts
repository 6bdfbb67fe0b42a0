import { anchor, placeOf, type VrrpInstance } from '@kalint/model';
import { related, where } from '../messages.js';
import type { Project } from '../project.js';
import type { Rule } from '../types.js';

/** Whether an IPv4 group is in 224.0.0.0/24, the link-local block switches flood to every port. */
function linkLocalBlock(group: string): boolean {
  return group.startsWith('224.0.0.');
}

/** Where an instance's group comes from, for messages. */
function groupSource(project: Project, instance: VrrpInstance): string {
  const origin = instance.multicastGroup.origin;
  if (origin.kind === 'default') return "keepalived's default";
  if (origin.kind === 'derived') return `${origin.because}, ${where(project, origin.at)}`;
  return `${origin.statement.keyword.text}, ${where(project, origin.at)}`;
}

/** HA peers of one VRRP router sending their adverts to different IPv4 multicast groups. */
export const multicastGroupMismatch: Rule = {
  meta: {
    id: 'multicast-group-mismatch',
    description: 'HA peers of one VRRP instance send their adverts to different IPv4 multicast groups: they never hear each other and every node becomes MASTER',
    defaultSeverity: 'error',
    fixable: false,
    scope: 'project',
  },
  cluster(cluster, { project, report }) {
    const multicast = cluster.members.filter((m) => m.unicastPeers.length === 0 && m.family.value === 4 && !m.duplicateOf);
    const groups = new Set(multicast.map((m) => m.multicastGroup.value));
    if (groups.size < 2) return;
    // Point at the lines that chose a group; when every member chose one, at all of them.
    const chosen = multicast.filter((m) => m.multicastGroup.origin.kind !== 'default');
    for (const instance of chosen.length > 0 ? chosen : multicast) {
      const group = instance.multicastGroup.value;
      const others = (cluster.peers.get(instance) ?? []).filter((p) => multicast.includes(p) && p.multicastGroup.value !== group);
      const other = others[0];
      if (!other) continue;
      const scope = linkLocalBlock(group)
        ? ''
        : ` ${group} is also outside 224.0.0.0/24, the link-local block switches flood to every port: IGMP-snooping switches forward it only to ports that joined it, and routers may carry it off the link.`;
      const otherAt = placeOf(other.multicastGroup, anchor(other.statement));
      report({
        message:
          `${instance.name} sends its adverts to ${group} (${groupSource(project, instance)}) and listens on that group only, but its peer in ${project.fileName(other.file)} ` +
          `uses ${other.multicastGroup.value} (${groupSource(project, other)}): they never hear each other, so each becomes MASTER and the VIP is up on both.` +
          `${scope} Use one group on every node (keepalived's default 224.0.0.18 unless the segment needs another).`,
        at: placeOf(instance.multicastGroup, anchor(instance.statement)),
        related: [related(otherAt, `${other.name} uses ${other.multicastGroup.value}`)],
      });
    }
  },
};
