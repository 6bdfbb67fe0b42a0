import { anchor, placeOf, type VrrpInstance } from '@kalint/model';
import { lineOf } from '../messages.js';
import type { Rule } from '../types.js';

/** Two VRRP instances of one file that keepalived cannot tell apart: same name, or same VRID on the same link. */
export const duplicateVrid: Rule = {
  meta: {
    id: 'duplicate-vrid',
    description: 'Two vrrp_instances in one file with the same name, or the same virtual_router_id on the same interface and address family',
    defaultSeverity: 'error',
    fixable: false,
    scope: 'file',
  },
  file({ node }, { report }) {
    const kept: VrrpInstance[] = [];
    for (const instance of node.instances) {
      const first = instance.duplicateOf;
      if (first) {
        report({
          message:
            `vrrp_instance ${instance.name} is already defined (line ${lineOf(first.statement)}): keepalived reports ` +
            `"vrrp instance ${instance.name} already defined" and skips this whole block. Rename one of them.`,
          at: anchor(instance.statement),
          related: [{ file: first.file, range: anchor(first.statement).range, message: `vrrp_instance ${instance.name} first defined here` }],
        });
        continue;
      }
      kept.push(instance);
    }

    // vrrp.c `check_vrid_conflicts`: unicast and multicast instances are separate VRID spaces.
    const multicast = new Map<string, VrrpInstance>();
    const unicast: VrrpInstance[] = [];
    for (const instance of kept) {
      const { vrid, interface: iface } = instance;
      if (!vrid || !iface || iface.value.includes('$')) continue;
      if (instance.unicastPeers.length > 0) {
        const conflict = unicast.find((other) => unicastConflict(instance, other));
        if (conflict) {
          report({
            message:
              `${instance.name} uses virtual_router_id ${vrid.value} like ${conflict.name}, with the same local address and a unicast peer in common: ` +
              `keepalived reports "duplicate VRID conflict" and does not start VRRP. Give one of them another virtual_router_id.`,
            at: placeOf(vrid, anchor(instance.statement)),
            related: [{ file: conflict.file, range: placeOf(conflict.vrid!, anchor(conflict.statement)).range, message: `${conflict.name} uses virtual_router_id ${conflict.vrid!.value} here` }],
          });
        }
        unicast.push(instance);
        continue;
      }
      // Multicast: the same VRID, family, interface and multicast group (the global group when the instance sets none).
      const family = instance.family.value;
      const key = `${vrid.value}|${iface.value}|${family}|${instance.multicastGroup.value}`;
      const first = multicast.get(key);
      if (first) {
        report({
          message:
            `${first.name} and ${instance.name} both use virtual_router_id ${vrid.value} for IPv${family} on interface ${iface.value}: ` +
            `their adverts are indistinguishable, keepalived reports "both use VRID ${vrid.value}" and does not start VRRP. ` +
            `Give each instance on a link its own virtual_router_id.`,
          at: placeOf(vrid, anchor(instance.statement)),
          related: [{ file: first.file, range: placeOf(first.vrid!, anchor(first.statement)).range, message: `${first.name} uses virtual_router_id ${first.vrid!.value} here` }],
        });
        continue;
      }
      multicast.set(key, instance);
    }
  },
};

/** keepalived's unicast test: same VRID, family and interface, same local address, and a shared peer. */
function unicastConflict(a: VrrpInstance, b: VrrpInstance): boolean {
  if (a.vrid!.value !== b.vrid!.value || a.family.value !== b.family.value) return false;
  if (a.interface!.value !== b.interface!.value) return false;
  if ((a.unicastSrcIp?.value ?? '') !== (b.unicastSrcIp?.value ?? '')) return false;
  const peers = new Set(b.unicastPeers.map((p) => p.address));
  return a.unicastPeers.some((p) => peers.has(p.address));
}
