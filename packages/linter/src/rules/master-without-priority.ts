import { placeOf, PRIORITY_OWNER } from '@kalint/model';
import type { Rule } from '../types.js';

/** `state MASTER` without a `priority`: keepalived makes the instance the address owner. */
export const masterWithoutPriority: Rule = {
  meta: {
    id: 'master-without-priority',
    description: 'state MASTER without a priority line: keepalived runs the instance with priority 255, the address owner, which always takes the VIPs back',
    defaultSeverity: 'warn',
    fixable: false,
    scope: 'file',
  },
  instance(instance, { report }) {
    if (instance.duplicateOf) return;
    const read = instance.stateRead;
    if (read?.value !== 'MASTER' || read.origin.kind !== 'written') return;
    if (instance.priority.value !== PRIORITY_OWNER || instance.priority.origin.kind !== 'derived') return;
    // In strict mode state MASTER must mean the address owner: there it says what it means.
    if (instance.strict.value) return;
    const lost: string[] = [];
    if (instance.lines.has('nopreempt')) lost.push('its nopreempt is reset');
    if (instance.lines.has('preempt_delay')) lost.push('its preempt_delay is reset');
    if (instance.tracks.some((t) => t.dropped?.value === 'address-owner')) lost.push('its weighted tracked checks are dropped');
    const extra = lost.length > 0 ? ` Here ${lost.join(', ')}.` : '';
    report({
      message:
        `${instance.name} has state MASTER and no priority line: keepalived runs it with priority ${PRIORITY_OWNER}, the address owner, ` +
        `so whenever this node is up it takes the VIPs back at once, whatever the other nodes' priorities, nopreempt or preempt_delay, ` +
        `and no tracked check can lower its priority.${extra} Add a priority below ${PRIORITY_OWNER} (e.g. priority 150), or priority ${PRIORITY_OWNER} if this node owns the addresses.`,
      at: placeOf(read, instance.statement.keyword),
    });
  },
};
