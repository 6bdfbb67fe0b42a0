import type { Located } from '@kalint/parser';
import type { VrrpInstance } from '../model.js';
import { anchor, child, fileName, instancePeers, list, related, vrrpVersion, where } from '../peers-util.js';
import type { Rule } from '../types.js';

interface Interval {
  value: number;
  written: boolean;
  at: Located;
}

/** The advertisement interval keepalived runs with, or undefined when the line is unreadable. */
function interval(instance: VrrpInstance): Interval | undefined {
  const line = child(instance.statement, 'advert_int');
  if (!line) return { value: 1, written: false, at: anchor(instance.statement) };
  if (!instance.advertInt) return undefined;
  return { value: instance.advertInt.value, written: true, at: instance.advertInt.at };
}

function describe(i: Interval): string {
  return i.written ? `${i.value}` : `${i.value} (the default: no advert_int line)`;
}

/** HA peers of one VRRPv2 instance with different `advert_int`. */
export const advertIntMismatch: Rule = {
  meta: {
    id: 'advert-int-mismatch',
    description: 'HA peers of one VRRPv2 instance advertise at different intervals (advert_int, default 1 second)',
    defaultSeverity: 'error',
    fixable: false,
    scope: 'project',
  },
  check({ project, report }) {
    for (const { instance, peers } of instancePeers(project)) {
      // VRRPv3 backups adopt the master's interval; only version 2 drops mismatching adverts.
      if (vrrpVersion(project, instance) !== 2) continue;
      const mine = interval(instance);
      if (!mine) continue;
      const differing: Array<{ peer: VrrpInstance; theirs: Interval }> = [];
      for (const peer of peers) {
        if (vrrpVersion(project, peer) !== 2) continue;
        const theirs = interval(peer);
        if (theirs && theirs.value !== mine.value) differing.push({ peer, theirs });
      }
      if (differing.length === 0) continue;
      const others = list(differing.map(({ peer, theirs }) => `${describe(theirs)} in ${where(project, theirs.at)}`));
      report({
        message:
          `vrrp_instance ${instance.name} has advert_int ${describe(mine)} here but ${others}: ` +
          `VRRPv2 drops adverts whose interval differs from its own, so the nodes never hear each other and each becomes MASTER (split brain)`,
        at: mine.at,
        related: differing.map(({ peer, theirs }) => related(theirs.at, `advert_int ${describe(theirs)} of ${peer.name} in ${fileName(project, peer.file)}`)),
      });
    }
  },
};
