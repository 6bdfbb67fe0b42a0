import type { Rule } from '../types.js';
import { childValues, childrenAt, familyOf } from '../semantic-util.js';

/** Keywords that make keepalived treat an instance as unicast. */
const UNICAST_KEYWORDS = ['unicast_src_ip', 'unicast_peer', 'check_unicast_src', 'old_unicast_checksum'];

/** Unicast settings on an instance with no unicast peers: keepalived falls back to multicast. */
export const unicastWithoutPeers: Rule = {
  meta: {
    id: 'unicast-without-peers',
    description: 'unicast_src_ip, unicast_ttl or another unicast keyword on an instance without unicast peers: keepalived uses multicast',
    defaultSeverity: 'warn',
    fixable: false,
    scope: 'file',
  },
  check({ project, report }) {
    for (const file of project.files) {
      for (const instance of file.model.instances) {
        const peers = childrenAt(instance.statement, 'vrrp_instance/unicast_peer').flatMap(childValues);
        if (peers.some((p) => p.words[0] && familyOf(p.words[0].text) !== null)) continue;
        const ttl = childrenAt(instance.statement, 'vrrp_instance/unicast_ttl')[0];
        if (ttl) {
          report({
            message: `unicast_ttl in ${instance.name}, which has no unicast peers: keepalived reports "Cannot use unicast_ttl without unicast peers" and ignores it.`,
            at: ttl.keyword,
          });
        }
        // With unicast_fault_no_peer the instance deliberately goes to FAULT instead.
        if (childrenAt(instance.statement, 'vrrp_instance/unicast_fault_no_peer').length > 0) continue;
        const first = UNICAST_KEYWORDS.flatMap((k) => childrenAt(instance.statement, `vrrp_instance/${k}`)).sort(
          (a, b) => a.range.start.offset - b.range.start.offset,
        )[0];
        if (!first) continue;
        report({
          message:
            `${first.keyword.text} makes ${instance.name} a unicast instance, but it has no ${peers.length > 0 ? 'valid ' : ''}unicast peers: keepalived reports ` +
            `"A unicast keyword has been specified without any unicast peers" and sends multicast adverts instead (a deprecated fallback). ` +
            `Add unicast_peer { <peer address> }, or remove the unicast keywords.`,
          at: first.keyword,
        });
      }
    }
  },
};
