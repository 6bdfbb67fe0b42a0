import { anchor, placeOf } from '@kalint/model';
import { lineOf } from '../messages.js';
import type { Rule } from '../types.js';

/** Strict mode with unicast peers: keepalived refuses the instance. */
export const strictUnicast: Rule = {
  meta: {
    id: 'strict-unicast',
    description: 'Strict mode with unicast_peer: keepalived reports "Unicast peers are not supported in strict mode" and its VRRP process does not start',
    defaultSeverity: 'error',
    fixable: false,
    scope: 'file',
  },
  instance(instance, { report }) {
    if (instance.duplicateOf || !instance.strict.value) return;
    // vrrp_complete_instance refuses it when the instance is unicast (it has peers) and has an
    // interface that does multicast; without an interface other checks decide.
    const peer = instance.unicastPeers[0];
    if (!peer || !instance.interface) return;
    const origin = instance.strict.origin;
    const source = origin.kind === 'written' || origin.kind === 'global' ? `${origin.statement.keyword.text} (line ${lineOf(origin.statement)})` : 'strict mode';
    const strictAt = placeOf(instance.strict, anchor(instance.statement));
    report({
      message:
        `${instance.name} has unicast peers but runs in strict mode (${source}): keepalived reports "Unicast peers are not supported in strict mode" ` +
        `and its VRRP process stops at start-up: no instance of this configuration runs, so this node holds no VIP. Remove strict mode (strict_mode off in the instance), or use multicast instead of unicast_peer.`,
      at: peer.statement.keyword,
      related: [{ file: strictAt.file, range: strictAt.range, message: 'strict mode' }],
    });
  },
};
