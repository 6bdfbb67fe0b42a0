import { anchor, placeOf, PRIORITY_OWNER } from '@kalint/model';
import type { Rule } from '../types.js';

/** The priority 255 (address owner) rules keepalived enforces after reading the file. */
export const priorityOwner: Rule = {
  meta: {
    id: 'priority-owner',
    description: 'Settings that do not work with the address-owner priority 255: nopreempt, weighted track scripts, strict-mode state',
    defaultSeverity: 'warn',
    fixable: false,
    scope: 'file',
  },
  instance(instance, { report }) {
    if (instance.duplicateOf) return;
    const { priority } = instance;
    const owner = priority.value === PRIORITY_OWNER;
    const priorityAt = placeOf(priority, anchor(instance.statement));
    const implied = priority.origin.kind === 'derived' ? ' (implied by state MASTER without a priority)' : '';
    // vrrp_complete_instance clears nopreempt of an address owner before anything else looks at it.
    if (owner && instance.nopreempt.origin.kind === 'derived') {
      report({
        message:
          `nopreempt has no effect in ${instance.name}: its priority is ${PRIORITY_OWNER}${implied}, the address owner, which always takes over; ` +
          `keepalived reports "nopreempt is incompatible with priority ${PRIORITY_OWNER}" and resets it. Use a priority below ${PRIORITY_OWNER} with nopreempt.`,
        at: instance.nopreempt.origin.at,
        related: [{ file: priorityAt.file, range: priorityAt.range, message: `priority ${PRIORITY_OWNER}` }],
      });
    }
    // In a sync group without tracking weight keepalived drops weighted scripts for that reason (sync-group reports it).
    for (const track of instance.tracks) {
      if (track.kind !== 'script' || track.dropped?.value !== 'address-owner') continue;
      report({
        message:
          `track_script ${track.name} has a weight, but ${instance.name} has priority ${PRIORITY_OWNER}${implied}: an address owner's priority never changes, ` +
          `so keepalived reports "ignoring tracked script with weights due to address_owner" (a configuration error) and drops the script from this instance: ` +
          `when ${track.name} fails, nothing happens and the VIP never moves. Use weight 0 (the check then sets FAULT), or a priority below ${PRIORITY_OWNER}.`,
        at: track.word,
        severity: 'error',
      });
    }
    const read = instance.stateRead;
    if (instance.strict.value && read && (read.value === 'MASTER') !== owner) {
      const master = read.value === 'MASTER';
      report({
        message:
          `In strict mode the initial state must match being the address owner: ${instance.name} has state ${read.value} ` +
          `and priority ${priority.value}; keepalived reports "State MASTER must match being address owner" and starts it as ` +
          `${owner ? 'MASTER' : 'BACKUP'}. Use state ${owner ? 'MASTER' : 'BACKUP'}${master ? ` or priority ${PRIORITY_OWNER}` : ''}.`,
        at: placeOf(read, anchor(instance.statement)),
      });
    }
  },
};
