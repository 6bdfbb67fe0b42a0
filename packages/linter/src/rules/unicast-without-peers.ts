import { childrenAt, childValues } from '@kalint/model';
import type { Rule } from '../types.js';

/** Unicast settings on an instance with no unicast peers: keepalived falls back to multicast. */
export const unicastWithoutPeers: Rule = {
  meta: {
    id: 'unicast-without-peers',
    description: 'unicast_src_ip, unicast_ttl or another unicast keyword on an instance without unicast peers: keepalived uses multicast',
    defaultSeverity: 'warn',
    fixable: false,
    scope: 'file',
  },
  instance(instance, { report }) {
    // keepalived skips a repeated instance name's whole block (duplicate-vrid reports it).
    if (instance.duplicateOf) return;
    // The peers keepalived keeps: valid addresses of the instance's family.
    if (instance.unicastPeers.length > 0) return;
    // vrrp_parser.c `vrrp_end_handler` resets a unicast_ttl it read on an instance without peers.
    if (instance.unicastTtl?.origin.kind === 'written') {
      report({
        message: `unicast_ttl in ${instance.name}, which has no unicast peers: keepalived reports "Cannot use unicast_ttl without unicast peers" and ignores it.`,
        at: instance.unicastTtl.origin.statement.keyword,
      });
    }
    // With unicast_fault_no_peer the instance deliberately goes to FAULT instead.
    const first = instance.unicastLine;
    if (!first || instance.unicastFaultNoPeer) return;
    // Peer lines that keepalived could not use (not an address, or of the other family).
    const written = childrenAt(instance.statement, 'vrrp_instance/unicast_peer').some((block) => childValues(block).length > 0);
    report({
      message:
        `${first.keyword.text} makes ${instance.name} a unicast instance, but it has no ${written ? 'valid ' : ''}unicast peers: keepalived reports ` +
        `"A unicast keyword has been specified without any unicast peers" and sends multicast adverts instead (a deprecated fallback). ` +
        `Add unicast_peer { <peer address> }, or remove the unicast keywords.`,
      at: first.keyword,
    });
  },
};
