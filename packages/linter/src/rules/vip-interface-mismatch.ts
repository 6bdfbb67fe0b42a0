import { vipInterface, type InstanceAddress, type VrrpInstance } from '@kalint/model';
import { related, where } from '../messages.js';
import type { Rule } from '../types.js';

/** Where the VIP goes on its node, in the operator's terms: `on eth1 (dev eth1)`, `on eth0, the instance's interface`. */
function placeText(instance: VrrpInstance, vip: InstanceAddress): string {
  const device = vipInterface(instance, vip)!;
  return vip.device !== undefined && vip.device !== instance.interface?.value ? `on ${device} (dev ${device})` : `on ${device}, the instance's interface`;
}

/** A label as a role on its interface: `eth0:1` on eth0 is `:1`, so peers with other interface names compare. */
function labelRole(label: string | undefined, device: string | undefined): string | undefined {
  if (label === undefined) return undefined;
  return device !== undefined && label.startsWith(`${device}:`) ? label.slice(device.length) : label;
}

/**
 * A virtual IP that the peers of one virtual router add on different interfaces, or under
 * different labels. Whichever node is MASTER adds the VIP as its own configuration says
 * (vrrp_ipaddress.c `alloc_ipaddress` reads `dev` and `label`; `netlink_ipaddress` adds the address
 * on that interface with that label), so after a failover the address is on another card, or
 * under another name, than on the node it came from. Interface names may differ between hosts:
 * a `dev` is only compared when both nodes' instances use the same interface name, or when one
 * node puts the VIP on the instance's own interface and the other on a different one.
 */
export const vipInterfaceMismatch: Rule = {
  meta: {
    id: 'vip-interface-mismatch',
    description: 'A virtual IP that HA peers add on different interfaces (dev) or under different labels, so it moves to another card or name at failover',
    defaultSeverity: 'error',
    fixable: false,
    scope: 'project',
  },
  cluster(cluster, { project, report }) {
    for (const instance of cluster.members) {
      for (const vip of instance.vips) {
        for (const peer of cluster.peers.get(instance) ?? []) {
          const theirs = peer.vips.find((v) => v.address === vip.address);
          if (!theirs) continue;
          const mine = vipInterface(instance, vip);
          const other = vipInterface(peer, theirs);
          if (mine === undefined || other === undefined) continue;
          const ownHere = mine === instance.interface?.value;
          const ownThere = other === peer.interface?.value;
          const there = where(project, theirs.word);
          const text = vip.word.text;
          if (mine !== other && (ownHere !== ownThere || instance.interface?.value === peer.interface?.value)) {
            report({
              message:
                `vrrp_instance ${instance.name} adds virtual IP ${text} ${placeText(instance, vip)} here, but its peer in ${there} adds it ${placeText(peer, theirs)}: ` +
                `each MASTER adds the address as its own configuration says, so after a failover the VIP is on another interface than on this node`,
              at: vip.deviceWord ?? vip.word,
              related: [related(theirs.deviceWord ?? theirs.word, `virtual IP ${theirs.word.text} of ${peer.name} in ${project.fileName(peer.file)}`)],
            });
            break;
          }
          const labelHere = vip.label;
          const labelThere = theirs.label;
          if (labelRole(labelHere?.text, mine) !== labelRole(labelThere?.text, other)) {
            const say = (label: typeof labelHere) => (label ? `label ${label.text}` : 'no label');
            report({
              message:
                `vrrp_instance ${instance.name} adds virtual IP ${text} with ${say(labelHere)} here, but its peer in ${there} adds it with ${say(labelThere)}: ` +
                `after a failover the address carries another label, so tools and scripts that look for it by label (ifconfig aliases, ip addr show label) miss it on one node`,
              at: labelHere ?? vip.word,
              related: [related(labelThere ?? theirs.word, `virtual IP ${theirs.word.text} of ${peer.name} in ${project.fileName(peer.file)}`)],
              severity: 'warning',
            });
            break;
          }
        }
      }
    }
  },
};
