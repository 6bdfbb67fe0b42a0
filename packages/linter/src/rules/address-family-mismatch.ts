import type { Rule } from '../types.js';

const WHAT = {
  vip: { label: 'virtual_ipaddress', effect: 'keepalived reports "address family must match VRRP instance" and never adds this address' },
  unicast_peer: { label: 'unicast_peer', effect: 'keepalived reports "MUST be of the same family" and never sends adverts to this peer' },
  unicast_src_ip: { label: 'unicast_src_ip', effect: 'keepalived reports "MUST be of the same family" and ignores it, and any source address set before it' },
  mcast_src_ip: { label: 'mcast_src_ip', effect: 'keepalived reports "MUST be of the same family" and ignores it, and any source address set before it' },
} as const;

/** An instance address of the other family than the instance's first VIP, peer or source address. */
export const addressFamilyMismatch: Rule = {
  meta: {
    id: 'address-family-mismatch',
    description: "A VIP, unicast peer or source address whose family (IPv4/IPv6) differs from the instance's",
    defaultSeverity: 'error',
    fixable: false,
    scope: 'file',
  },
  instance(instance, { report }) {
    // keepalived skips a repeated instance name's whole block (duplicate-vrid reports it).
    if (instance.duplicateOf) return;
    const family = instance.family.value;
    const setBy = instance.nativeIpv6 ? 'set by native_ipv6' : 'set by its first address';
    for (const address of instance.dropped) {
      const what = WHAT[address.kind];
      report({
        message:
          `${what.label} ${address.word.text} is IPv${address.family}, but ${instance.name} is an IPv${family} instance (${setBy}): ` +
          `${what.effect}. A VRRP instance carries one family; put IPv${address.family} addresses in a separate instance ` +
          `(or, for VIPs, in virtual_ipaddress_excluded).`,
        at: address.word,
      });
    }
  },
};
