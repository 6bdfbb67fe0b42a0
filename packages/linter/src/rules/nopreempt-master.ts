import { anchor, placeOf, PRIORITY_OWNER, type VrrpInstance } from '@kalint/model';
import type { Related, Rule } from '../types.js';

/** How the instance comes to start as MASTER, for messages: its state line, or priority 255. */
function startsAsMaster(instance: VrrpInstance): { what: string; related: Related[] } {
  const place = placeOf(instance.state, anchor(instance.statement));
  const written = instance.stateRead?.value === 'MASTER';
  return {
    what: written ? 'which has state MASTER' : `which starts as MASTER (priority ${PRIORITY_OWNER} without a state line)`,
    related: [{ file: place.file, range: place.range, message: `${instance.name} starts as MASTER here` }],
  };
}

/** `nopreempt` or `preempt_delay` on an instance that starts as MASTER: keepalived clears them. */
export const nopreemptMaster: Rule = {
  meta: {
    id: 'nopreempt-master',
    description: 'nopreempt or preempt_delay with state MASTER: keepalived clears them, so the node preempts',
    defaultSeverity: 'warn',
    fixable: false,
    scope: 'file',
  },
  instance(instance, { report }) {
    if (instance.duplicateOf) return;
    // The initial state after strict mode and AH authentication had their say (vrrp_complete_instance).
    if (instance.state.value !== 'MASTER') return;
    // With priority 255 keepalived clears nopreempt for that reason first (priority-owner reports it).
    if (instance.nopreempt.origin.kind === 'derived' && instance.priority.value !== PRIORITY_OWNER) {
      const { what, related } = startsAsMaster(instance);
      report({
        message:
          `nopreempt has no effect in ${instance.name}, ${what}: keepalived reports "nopreempt will not work with initial state MASTER" ` +
          `and clears it, so this node takes the VIPs back whenever it has the higher priority. Use state BACKUP on every node that should not preempt.`,
        at: instance.nopreempt.origin.at,
        related,
      });
    }
    const delay = instance.preemptDelayRead;
    if (delay && delay.value > 0 && delay.origin.kind === 'written') {
      const { what, related } = startsAsMaster(instance);
      report({
        message:
          `preempt_delay has no effect in ${instance.name}, ${what}: keepalived reports "preempt delay will not work with initial state MASTER" ` +
          `and clears it, so this node preempts at once. Use state BACKUP for a delayed takeover.`,
        at: delay.origin.statement.keyword,
        related,
      });
    }
  },
};
