import { anchor, placeOf, STRICT_UNICAST_REFUSED_SINCE as ENFORCED_SINCE, strictUnicastOf } from '@kalint/model';
import { lineOf } from '../messages.js';
import type { Rule } from '../types.js';

/** Strict mode with unicast peers: keepalived refuses the instance. */
export const strictUnicast: Rule = {
  meta: {
    id: 'strict-unicast',
    description: 'Strict mode with unicast_peer: from 2.4.0 keepalived reports "Unicast peers are not supported in strict mode" and its VRRP process does not start (earlier releases do not check)',
    defaultSeverity: 'error',
    fixable: false,
    scope: 'file',
  },
  instance(instance, { report }) {
    if (instance.duplicateOf) return;
    const outcome = strictUnicastOf(instance);
    const peer = instance.unicastPeers[0];
    if (!outcome || !peer) return;
    const origin = instance.strict.origin;
    const source = origin.kind === 'written' || origin.kind === 'global' ? `${origin.statement.keyword.text} (line ${lineOf(origin.statement)})` : 'strict mode';
    const strictAt = placeOf(instance.strict, anchor(instance.statement));
    const fix = 'Remove strict mode (strict_mode off in the instance), or use multicast instead of unicast_peer.';
    if (outcome === 'unchecked') {
      report({
        message:
          `${instance.name} has unicast peers but runs in strict mode (${source}), which does not allow them. keepalived ${instance.node.release} does not check it and runs the instance, ` +
          `but from ${ENFORCED_SINCE} keepalived reports "Unicast peers are not supported in strict mode" and its VRRP process does not start: after an upgrade this node holds no VIP. ${fix}`,
        at: peer.statement.keyword,
        related: [{ file: strictAt.file, range: strictAt.range, message: 'strict mode' }],
        severity: 'warning',
      });
      return;
    }
    report({
      message:
        `${instance.name} has unicast peers but runs in strict mode (${source}): keepalived reports "Unicast peers are not supported in strict mode" ` +
        `and its VRRP process stops at start-up: no instance of this configuration runs, so this node holds no VIP. ${fix}`,
      at: peer.statement.keyword,
      related: [{ file: strictAt.file, range: strictAt.range, message: 'strict mode' }],
    });
  },
};
