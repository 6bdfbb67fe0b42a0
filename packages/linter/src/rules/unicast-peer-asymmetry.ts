import type { Located } from '@kalint/parser';
import { addressOf, anchor, childrenAt, placeOf, type VrrpInstance } from '@kalint/model';
import { list, related, where } from '../messages.js';
import type { Related, Rule } from '../types.js';

/** Whether keepalived runs the instance as unicast: it has unicast peers. */
function unicast(instance: VrrpInstance): boolean {
  return instance.unicastPeers.length > 0;
}

/** Where to point at an instance's unicast peers: its `unicast_peer` block, else the instance. */
function peersAt(instance: VrrpInstance): Located {
  const block = childrenAt(instance.statement, 'vrrp_instance/unicast_peer')[0];
  return unicast(instance) && block ? block.keyword : anchor(instance.statement);
}

/** The source address an instance sends from, as written, and where. */
function source(instance: VrrpInstance): { address: string; text: string; at: Located } | undefined {
  const src = instance.unicastSrcIp;
  if (!src) return undefined;
  const at = placeOf(src, anchor(instance.statement));
  const text = src.origin.kind === 'written' ? addressOf(src.origin.statement.args[0]!.text) : src.value;
  return { address: src.value, text, at };
}

/**
 * Unicast VRRP only works when every node sends to every other: keepalived sends adverts to the
 * addresses of `unicast_peer` and nowhere else, and drops unicast adverts on a multicast instance
 * and the other way round (vrrp.c `vrrp_check_packet`: "Expected multicast packet but received
 * unicast packet").
 */
export const unicastPeerAsymmetry: Rule = {
  meta: {
    id: 'unicast-peer-asymmetry',
    description: "HA peers whose unicast_peer lists miss another node's unicast_src_ip, or where one node uses unicast and another multicast",
    defaultSeverity: 'error',
    fixable: false,
    scope: 'project',
  },
  cluster(cluster, { project, report }) {
    for (const instance of cluster.members) {
      const peers = cluster.peers.get(instance) ?? [];
      const mine = new Set(instance.unicastPeers.map((p) => p.address));
      const shown = instance.unicastPeers.map((p) => addressOf(p.word.text));
      const at = peersAt(instance);
      const name = `vrrp_instance ${instance.name}`;

      const otherMode = peers.filter((p) => unicast(p) !== unicast(instance));
      if (otherMode.length > 0) {
        const there = list(otherMode.map((p) => where(project, peersAt(p))));
        const message = unicast(instance)
          ? `${name} sends its adverts by unicast to ${shown.join(', ')} here, but its peer in ${there} has no unicast_peer and uses multicast: ` +
            `keepalived drops adverts of the other kind, so neither node hears the other and both become MASTER (split brain)`
          : `${name} uses multicast here (no unicast_peer), but its peer in ${there} sends unicast adverts: ` +
            `keepalived drops adverts of the other kind, so neither node hears the other and both become MASTER (split brain)`;
        report({
          message,
          at,
          related: otherMode.map((p) => related(peersAt(p), `${p.name} in ${project.fileName(p.file)} uses ${unicast(p) ? 'unicast' : 'multicast'}`)),
        });
      }
      if (!unicast(instance)) continue;

      const missing = peers.flatMap((p) => {
        const src = unicast(p) ? source(p) : undefined;
        return src && !mine.has(src.address) ? [{ peer: p, src }] : [];
      });
      if (missing.length === 0) continue;
      const known = new Set([instance, ...peers].flatMap((p) => p.unicastSrcIp?.value ?? []));
      const strays = instance.unicastPeers.filter((p) => !known.has(p.address)).map((p) => addressOf(p.word.text));
      const relatedPlaces: Related[] = missing.map(({ peer, src }) => related(src.at, `unicast_src_ip ${src.text} of ${peer.name} in ${project.fileName(peer.file)}`));
      const addresses = list(missing.map(({ src }) => `${src.text}, the unicast_src_ip of its peer in ${where(project, src.at)}`));
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
