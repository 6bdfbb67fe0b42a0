import type { Rule } from '../types.js';
import type { VrrpInstance } from '../model.js';
import { canonicalAddress, childrenAt, instanceFamily } from '../semantic-util.js';

/** Two VRRP instances of one file that keepalived cannot tell apart: same name, or same VRID on the same link. */
export const duplicateVrid: Rule = {
  meta: {
    id: 'duplicate-vrid',
    description: 'Two vrrp_instances in one file with the same name, or the same virtual_router_id on the same interface and address family',
    defaultSeverity: 'error',
    fixable: false,
    scope: 'file',
  },
  check({ project, report }) {
    for (const file of project.files) {
      const byName = new Map<string, VrrpInstance>();
      const kept: VrrpInstance[] = [];
      for (const instance of file.model.instances) {
        const first = byName.get(instance.name);
        if (first) {
          const at = instance.statement.args[0] ?? instance.statement.keyword;
          report({
            message:
              `vrrp_instance ${instance.name} is already defined (line ${first.statement.range.start.line + 1}): keepalived reports ` +
              `"vrrp instance ${instance.name} already defined" and skips this whole block. Rename one of them.`,
            at,
            related: [{ file: first.file, range: (first.statement.args[0] ?? first.statement.keyword).range, message: `vrrp_instance ${instance.name} first defined here` }],
          });
          continue;
        }
        if (instance.name !== '') byName.set(instance.name, instance);
        kept.push(instance);
      }

      const multicast = new Map<string, VrrpInstance>();
      const unicast: VrrpInstance[] = [];
      for (const instance of kept) {
        if (!instance.vrid || !instance.interface || instance.interface.value.includes('$')) continue;
        const family = instanceFamily(instance);
        if (instance.unicastPeers.length > 0) {
          const conflict = unicast.find((other) => unicastConflict(instance, other, family));
          if (conflict) {
            report({
              message:
                `${instance.name} uses virtual_router_id ${instance.vrid.value} like ${conflict.name}, with the same local address and a unicast peer in common: ` +
                `keepalived reports "duplicate VRID conflict" and does not start VRRP. Give one of them another virtual_router_id.`,
              at: instance.vrid.at,
              related: [{ file: conflict.file, range: conflict.vrid!.at.range, message: `${conflict.name} uses virtual_router_id ${conflict.vrid!.value} here` }],
            });
          }
          unicast.push(instance);
          continue;
        }
        const group = mcastGroup(instance);
        const key = `${instance.vrid.value}|${instance.interface.value}|${family}|${group}`;
        const first = multicast.get(key);
        if (first) {
          report({
            message:
              `${first.name} and ${instance.name} both use virtual_router_id ${instance.vrid.value} for IPv${family} on interface ${instance.interface.value}: ` +
              `their adverts are indistinguishable, keepalived reports "both use VRID ${instance.vrid.value}" and does not start VRRP. ` +
              `Give each instance on a link its own virtual_router_id.`,
            at: instance.vrid.at,
            related: [{ file: first.file, range: first.vrid!.at.range, message: `${first.name} uses virtual_router_id ${first.vrid!.value} here` }],
          });
          continue;
        }
        multicast.set(key, instance);
      }
    }
  },
};

/** The multicast group an instance sends to: its own `mcast_dst_ip`, else the default group. */
function mcastGroup(instance: VrrpInstance): string {
  const own = childrenAt(instance.statement, 'vrrp_instance/mcast_dst_ip').at(-1)?.args[0]?.text;
  return own ? canonicalAddress(own) : 'default';
}

/** keepalived's unicast test: same VRID, family and interface, same local address, and a shared peer. */
function unicastConflict(a: VrrpInstance, b: VrrpInstance, family: 4 | 6): boolean {
  if (a.vrid!.value !== b.vrid!.value || instanceFamily(b) !== family) return false;
  if (a.interface!.value !== b.interface!.value) return false;
  const src = (i: VrrpInstance) => (i.unicastSrcIp ? canonicalAddress(i.unicastSrcIp.value) : '');
  if (src(a) !== src(b)) return false;
  const peers = new Set(b.unicastPeers.map((p) => canonicalAddress(p.value)));
  return a.unicastPeers.some((p) => peers.has(canonicalAddress(p.value)));
}
