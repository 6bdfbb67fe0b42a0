import { anchor, isLinkLocal } from '@kalint/model';
import type { Rule } from '../types.js';

/** IPv6 unicast without unicast_src_ip: keepalived sends from, and listens on, the link-local address only. */
export const ipv6UnicastSource: Rule = {
  meta: {
    id: 'ipv6-unicast-source',
    description: 'IPv6 unicast peers that are not link-local without unicast_src_ip: keepalived sends and listens on the link-local address, so adverts never arrive and every node becomes MASTER',
    defaultSeverity: 'error',
    fixable: false,
    scope: 'file',
  },
  instance(instance, { report }) {
    if (instance.duplicateOf || instance.family.value !== 6 || instance.unicastSrcIp || !instance.interface) return;
    const peer = instance.unicastPeers.find((p) => !isLinkLocal(p.address));
    if (!peer) return;
    const iface = instance.interface.value;
    report({
      message:
        `${instance.name} is an IPv6 unicast instance without unicast_src_ip: keepalived takes ${iface}'s link-local address as its source, ` +
        `sends its adverts from it and listens for adverts on it alone. Its peers send theirs to the address they list for this node, ` +
        `which is not link-local when the peers are listed that way (${peer.word.text} here), so they never arrive: each node hears no MASTER and every node becomes MASTER. ` +
        `Add unicast_src_ip with this node's address on ${iface}, the one its peers list.`,
      at: peer.statement.keyword,
      related: [{ file: instance.statement.file, range: anchor(instance.statement).range, message: `vrrp_instance ${instance.name}` }],
    });
  },
};
