import type { Located } from '@kalint/parser';
import { addressOf, anchor, childrenAt, reception, type InstanceAddress, type VrrpInstance } from '@kalint/model';
import { related, releaseLabel, where } from '../messages.js';
import type { Related, Rule } from '../types.js';

/** The virtual IPs keepalived brings up, by address (the first line of each). */
function byAddress(instance: VrrpInstance): Map<string, InstanceAddress> {
  const map = new Map<string, InstanceAddress>();
  for (const vip of instance.vips) if (!map.has(vip.address)) map.set(vip.address, vip);
  return map;
}

/** The prefix length keepalived gives a virtual IP: as written, else a host address (/32, /128). */
function prefixLength(vip: InstanceAddress): number {
  return vip.prefix ?? (vip.family === 6 ? 128 : 32);
}

/** `10.1.8.100/24`, the address as written. */
function shown(vip: InstanceAddress): string {
  return `${addressOf(vip.word.text)}/${prefixLength(vip)}`;
}

/** The first `virtual_ipaddress` block of an instance. */
function block(instance: VrrpInstance): Located {
  const line = childrenAt(instance.statement, 'vrrp_instance/virtual_ipaddress')[0];
  return line ? line.keyword : anchor(instance.statement);
}

/** HA peers of one VRRP instance whose `virtual_ipaddress` sets differ (address or prefix length). */
export const vipMismatch: Rule = {
  meta: {
    id: 'vip-mismatch',
    description: 'HA peers of one VRRP instance hold different virtual_ipaddress sets (addresses or prefix lengths)',
    defaultSeverity: 'error',
    fixable: false,
    scope: 'project',
  },
  cluster(cluster, { project, report }) {
    for (const instance of cluster.members) {
      const mine = byAddress(instance);
      const parts: string[] = [];
      const relatedPlaces: Related[] = [];
      let at: Located | undefined;
      /** What keepalived here logs for a peer's advert it drops because the addresses differ. */
      let dropped: string | undefined;
      for (const peer of cluster.peers.get(instance) ?? []) {
        const theirs = byAddress(peer);
        const relatedBefore = relatedPlaces.length;
        const peerName = project.fileName(peer.file);
        const onlyHere: string[] = [];
        const onlyThere: string[] = [];
        const prefixes: string[] = [];
        for (const [address, vip] of mine) {
          const other = theirs.get(address);
          if (!other) {
            onlyHere.push(shown(vip));
            at ??= vip.word;
          } else if (prefixLength(other) !== prefixLength(vip)) {
            prefixes.push(`${shown(vip)} here but ${shown(other)} in ${where(project, other.word)}`);
            at ??= vip.word;
            relatedPlaces.push(related(other.word, `${shown(other)} in ${peerName}`));
          }
        }
        for (const [address, vip] of theirs) {
          if (!mine.has(address)) {
            onlyThere.push(shown(vip));
            relatedPlaces.push(related(vip.word, `${shown(vip)}, only in ${peerName}`));
          }
        }
        if (onlyHere.length + onlyThere.length + prefixes.length === 0) continue;
        const received = reception(instance, peer);
        if (!received.accepted && received.because === 'vips') dropped ??= received.logged;
        const details: string[] = [...prefixes];
        if (onlyHere.length > 0) details.push(`${onlyHere.join(', ')} only here`);
        if (onlyThere.length > 0) details.push(`${onlyThere.join(', ')} only in ${peerName}`);
        const peerAt = block(peer);
        if (relatedPlaces.length === relatedBefore) relatedPlaces.push(related(peerAt, `virtual_ipaddress of ${peer.name} in ${peerName}`));
        parts.push(`compared with ${where(project, peerAt)}: ${details.join('; ')}`);
      }
      if (parts.length === 0) continue;
      // Before 2.3.3 keepalived drops an advert whose addresses are not its own (vrrp.c `vrrp_check_packet`).
      const consequence = dropped
        ? `keepalived ${releaseLabel(instance.node.release)} drops every advert whose addresses differ from its own (it logs "${dropped}"), so the nodes never hear each other and each becomes MASTER with its own set (split brain)`
        : `After a failover the new MASTER brings up a different set of addresses: the ones it lacks stop answering, a different prefix changes the subnet route`;
      report({
        message: `vrrp_instance ${instance.name}: virtual_ipaddress differs from its peer's, ${parts.join('; ')}. ${consequence}`,
        at: at ?? block(instance),
        related: relatedPlaces,
      });
    }
  },
};
