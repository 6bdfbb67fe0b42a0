import type { Located } from '@kalint/parser';
import type { Valued, VrrpInstance } from '../model.js';
import { anchor, bareAddress, child, fileName, instancePeers, related, vips, where, withPrefix } from '../peers-util.js';
import type { Related, Rule } from '../types.js';

function byAddress(instance: VrrpInstance): Map<string, Valued<string>> {
  const map = new Map<string, Valued<string>>();
  for (const vip of vips(instance)) if (!map.has(bareAddress(vip.value))) map.set(bareAddress(vip.value), vip);
  return map;
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
  check({ project, report }) {
    for (const { instance, peers } of instancePeers(project)) {
      const mine = byAddress(instance);
      const block = child(instance.statement, 'virtual_ipaddress');
      const parts: string[] = [];
      const relatedPlaces: Related[] = [];
      let at: Located | undefined;
      for (const peer of peers) {
        const theirs = byAddress(peer);
        const relatedBefore = relatedPlaces.length;
        const peerName = fileName(project, peer.file);
        const onlyHere: string[] = [];
        const onlyThere: string[] = [];
        const prefixes: string[] = [];
        for (const [address, vip] of mine) {
          const other = theirs.get(address);
          if (!other) {
            onlyHere.push(withPrefix(vip.value));
            at ??= vip.at;
          } else if (withPrefix(other.value) !== withPrefix(vip.value)) {
            prefixes.push(`${withPrefix(vip.value)} here but ${withPrefix(other.value)} in ${where(project, other.at)}`);
            at ??= vip.at;
            relatedPlaces.push(related(other.at, `${withPrefix(other.value)} in ${peerName}`));
          }
        }
        for (const [address, vip] of theirs) {
          if (!mine.has(address)) {
            onlyThere.push(withPrefix(vip.value));
            relatedPlaces.push(related(vip.at, `${withPrefix(vip.value)}, only in ${peerName}`));
          }
        }
        if (onlyHere.length + onlyThere.length + prefixes.length === 0) continue;
        const peerBlock = child(peer.statement, 'virtual_ipaddress');
        const details: string[] = [...prefixes];
        if (onlyHere.length > 0) details.push(`${onlyHere.join(', ')} only here`);
        if (onlyThere.length > 0) details.push(`${onlyThere.join(', ')} only in ${peerName}`);
        const peerAt = peerBlock ? peerBlock.keyword : anchor(peer.statement);
        if (relatedPlaces.length === relatedBefore) relatedPlaces.push(related(peerAt, `virtual_ipaddress of ${peer.name} in ${peerName}`));
        parts.push(`compared with ${where(project, peerAt)}: ${details.join('; ')}`);
      }
      if (parts.length === 0) continue;
      report({
        message:
          `vrrp_instance ${instance.name}: virtual_ipaddress differs from its peer's, ${parts.join('; ')}. ` +
          `After a failover the new MASTER brings up a different set of addresses: the ones it lacks stop answering, a different prefix changes the subnet route`,
        at: at ?? (block ? block.keyword : anchor(instance.statement)),
        related: relatedPlaces,
      });
    }
  },
};
