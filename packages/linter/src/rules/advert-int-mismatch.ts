import { anchor, placeOf, type Setting, type VrrpInstance } from '@kalint/model';
import { list, related, where } from '../messages.js';
import type { Rule } from '../types.js';

/** The advertisement interval keepalived runs, or undefined when its line is one keepalived cannot read. */
function interval(instance: VrrpInstance): Setting<number> | undefined {
  if (instance.lines.has('advert_int') && instance.advertIntRead === undefined) return undefined;
  return instance.advertInt;
}

function describe(setting: Setting<number>): string {
  const origin = setting.origin;
  if (origin.kind === 'default') return `${setting.value} (the default: no advert_int line)`;
  return origin.kind === 'derived' ? `${setting.value} (${origin.because})` : `${setting.value}`;
}

/**
 * HA peers of one VRRPv2 instance with different advertisement intervals: a VRRPv2 node drops every
 * advert whose interval is not its own (vrrp.c `vrrp_check_packet`, "advertisement interval
 * mismatch"); VRRPv3 backups take the master's interval instead.
 */
export const advertIntMismatch: Rule = {
  meta: {
    id: 'advert-int-mismatch',
    description: 'HA peers of one VRRPv2 instance advertise at different intervals (advert_int, default 1 second)',
    defaultSeverity: 'error',
    fixable: false,
    scope: 'project',
  },
  cluster(cluster, { project, report }) {
    for (const instance of cluster.members) {
      if (instance.version.value !== 2) continue;
      const mine = interval(instance);
      if (!mine) continue;
      const differing: Array<{ peer: VrrpInstance; theirs: Setting<number> }> = [];
      for (const peer of cluster.peers.get(instance) ?? []) {
        if (peer.version.value !== 2) continue;
        const theirs = interval(peer);
        if (theirs && theirs.value !== mine.value) differing.push({ peer, theirs });
      }
      if (differing.length === 0) continue;
      const at = placeOf(mine, anchor(instance.statement));
      const there = (peer: VrrpInstance, theirs: Setting<number>) => placeOf(theirs, anchor(peer.statement));
      const others = list(differing.map(({ peer, theirs }) => `${describe(theirs)} in ${where(project, there(peer, theirs))}`));
      report({
        message:
          `vrrp_instance ${instance.name} has advert_int ${describe(mine)} here but ${others}: ` +
          `VRRPv2 drops adverts whose interval differs from its own, so the nodes never hear each other and each becomes MASTER (split brain)`,
        at,
        related: differing.map(({ peer, theirs }) => related(there(peer, theirs), `advert_int ${describe(theirs)} of ${peer.name} in ${project.fileName(peer.file)}`)),
      });
    }
  },
};
