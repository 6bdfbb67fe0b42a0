import type { VrrpInstance } from '../model.js';
import { anchor, child, fileName, instancePeers, list, related, unicastPeers, unicastSource, where } from '../peers-util.js';
import type { Related, Rule } from '../types.js';

/**
 * Unicast VRRP only works when every node sends to every other: keepalived sends adverts to the
 * addresses of `unicast_peer` and nowhere else, and drops unicast adverts on a multicast instance
 * and the other way round.
 */
export const unicastPeerAsymmetry: Rule = {
  meta: {
    id: 'unicast-peer-asymmetry',
    description: "HA peers whose unicast_peer lists miss another node's unicast_src_ip, or where one node uses unicast and another multicast",
    defaultSeverity: 'error',
    fixable: false,
    scope: 'project',
  },
  check({ project, report }) {
    for (const { instance, peers } of instancePeers(project)) {
      const mine = unicastPeers(instance);
      const peerBlock = child(instance.statement, 'unicast_peer');
      const at = mine.length > 0 && peerBlock ? peerBlock.keyword : anchor(instance.statement);
      const name = `vrrp_instance ${instance.name}`;
      const placeOf = (p: VrrpInstance) => {
        const block = child(p.statement, 'unicast_peer');
        return unicastPeers(p).length > 0 && block ? block.keyword : anchor(p.statement);
      };

      const otherMode = peers.filter((p) => (unicastPeers(p).length > 0) !== (mine.length > 0));
      if (otherMode.length > 0) {
        const there = list(otherMode.map((p) => where(project, placeOf(p))));
        const message =
          mine.length > 0
            ? `${name} sends its adverts by unicast to ${mine.join(', ')} here, but its peer in ${there} has no unicast_peer and uses multicast: ` +
              `keepalived drops adverts of the other kind, so neither node hears the other and both become MASTER (split brain)`
            : `${name} uses multicast here (no unicast_peer), but its peer in ${there} sends unicast adverts: ` +
              `keepalived drops adverts of the other kind, so neither node hears the other and both become MASTER (split brain)`;
        report({
          message,
          at,
          related: otherMode.map((p) => related(placeOf(p), `${p.name} in ${fileName(project, p.file)} uses ${unicastPeers(p).length > 0 ? 'unicast' : 'multicast'}`)),
        });
      }
      if (mine.length === 0) continue;

      const unicastPeersOfGroup = peers.filter((p) => unicastPeers(p).length > 0);
      const missing = unicastPeersOfGroup.filter((p) => { const source = unicastSource(p); return source !== undefined && !mine.includes(source); });
      if (missing.length === 0) continue;
      const known = new Set([instance, ...peers].flatMap((p) => unicastSource(p) ?? []));
      const strays = mine.filter((address) => !known.has(address));
      const relatedPlaces: Related[] = missing.map((p) =>
        related(p.unicastSrcIp!.at, `unicast_src_ip ${p.unicastSrcIp!.value} of ${p.name} in ${fileName(project, p.file)}`),
      );
      const addresses = list(missing.map((p) => `${p.unicastSrcIp!.value}, the unicast_src_ip of its peer in ${where(project, p.unicastSrcIp!.at)}`));
      const stray = strays.length > 0 ? ` (it lists ${strays.join(', ')}, which no node of this run sends from)` : '';
      report({
        message:
          `${name}: unicast_peer here does not list ${addresses}${stray}: ` +
          `this node's adverts never reach that peer, so whenever this node is MASTER the peer becomes MASTER as well (split brain)`,
        at,
        related: relatedPlaces,
      });
    }
  },
};
