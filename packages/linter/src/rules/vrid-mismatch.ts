import { instancePeers, lineOf, related, where, fileName, list } from '../peers-util.js';
import type { Rule } from '../types.js';

/** Peers of one VRRP instance (same name or same virtual IPs) with different `virtual_router_id`. */
export const vridMismatch: Rule = {
  meta: {
    id: 'vrid-mismatch',
    description: 'HA peers of one VRRP instance (same name or same virtual IPs) use different virtual_router_id values',
    defaultSeverity: 'error',
    fixable: false,
    scope: 'project',
  },
  check({ project, report }) {
    for (const { instance, namedPeers } of instancePeers(project)) {
      const vrid = instance.vrid;
      if (!vrid) continue;
      const differing = namedPeers.filter((p) => p.vrid !== undefined && p.vrid.value !== vrid.value);
      if (differing.length === 0) continue;
      const others = list(differing.map((p) => `${p.vrid!.value} in ${where(project, p.vrid!.at)}`));
      report({
        message:
          `vrrp_instance ${instance.name} has virtual_router_id ${vrid.value} here but ${others}: ` +
          `the nodes run separate virtual routers that never hear each other, so each becomes MASTER and holds the virtual IPs at the same time (split brain)`,
        at: vrid.at,
        related: differing.map((p) =>
          related(p.vrid!.at, `virtual_router_id ${p.vrid!.value} of vrrp_instance ${p.name} in ${fileName(project, p.file)} (line ${lineOf(p.vrid!.at)})`),
        ),
      });
    }
  },
};
