import { addressOf, anchor, placeOf, sharesVip, type VrrpInstance } from '@kalint/model';
import { lineOf, list, related, where } from '../messages.js';
import type { Rule } from '../types.js';

/** The first virtual IP two instances both hold, as written here. */
function sharedVip(instance: VrrpInstance, peer: VrrpInstance): string {
  const theirs = new Set(peer.vips.map((v) => v.address));
  return addressOf(instance.vips.find((v) => theirs.has(v.address))!.word.text);
}

/**
 * Instances of one cluster on different nodes that hold the same virtual IP but run different
 * `virtual_router_id`s. Instances that only share a name are no cluster when their VRIDs differ
 * (two routers that both kept the sample's `VI_1`), so they are not reported.
 */
export const vridMismatch: Rule = {
  meta: {
    id: 'vrid-mismatch',
    description: 'HA peers that hold the same virtual IP use different virtual_router_id values',
    defaultSeverity: 'error',
    fixable: false,
    scope: 'project',
  },
  cluster(cluster, { project, report }) {
    for (const instance of cluster.members) {
      const vrid = instance.vrid;
      if (!vrid) continue;
      const differing = (cluster.peers.get(instance) ?? []).filter((p) => p.vrid !== undefined && p.vrid.value !== vrid.value && sharesVip(instance, p));
      if (differing.length === 0) continue;
      const at = placeOf(vrid, anchor(instance.statement));
      const others = list(differing.map((p) => `${p.vrid!.value} in ${where(project, placeOf(p.vrid!, anchor(p.statement)))} with the same virtual IP ${sharedVip(instance, p)}`));
      report({
        message:
          `vrrp_instance ${instance.name} has virtual_router_id ${vrid.value} here but ${others}: ` +
          `the nodes run separate virtual routers that never hear each other, so each becomes MASTER and holds the virtual IPs at the same time (split brain)`,
        at,
        related: differing.map((p) => {
          const there = placeOf(p.vrid!, anchor(p.statement));
          return related(there, `virtual_router_id ${p.vrid!.value} of vrrp_instance ${p.name} in ${project.fileName(p.file)} (line ${lineOf(there)})`);
        }),
      });
    }
  },
};
