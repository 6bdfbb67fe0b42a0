import type { Rule } from '../types.js';
import { childrenAt, effectivePriority, isStrict, wantsMaster } from '../semantic-util.js';

/** `nopreempt` or `preempt_delay` on an instance that starts as MASTER: keepalived clears them. */
export const nopreemptMaster: Rule = {
  meta: {
    id: 'nopreempt-master',
    description: 'nopreempt or preempt_delay with state MASTER: keepalived clears them, so the node preempts',
    defaultSeverity: 'warn',
    fixable: false,
    scope: 'file',
  },
  check({ project, targetVersion, report }) {
    for (const file of project.files) {
      for (const instance of file.model.instances) {
        if (!wantsMaster(instance)) continue;
        const priority = effectivePriority(instance);
        // With priority 255 keepalived drops nopreempt for another reason (priority-owner reports it).
        // Strict mode and AH authentication turn the initial state into BACKUP before this check.
        if (priority === undefined || isStrict(file, instance, targetVersion)) continue;
        if (instance.authType?.value === 'AH') continue;
        const state = childrenAt(instance.statement, 'vrrp_instance/state').find((s) => s.args[0]?.text === 'MASTER')!;
        const related = [{ file: state.file, range: state.args[0]!.range, message: `${instance.name} starts as MASTER here` }];
        if (instance.nopreempt && priority !== 255) {
          report({
            message:
              `nopreempt has no effect in ${instance.name}, which has state MASTER: keepalived reports "nopreempt will not work with initial state MASTER" ` +
              `and clears it, so this node takes the VIPs back whenever it has the higher priority. Use state BACKUP on every node that should not preempt.`,
            at: instance.nopreempt.keyword,
            related,
          });
        }
        for (const delay of childrenAt(instance.statement, 'vrrp_instance/preempt_delay')) {
          if (Number(delay.args[0]?.text ?? '1') === 0) continue;
          report({
            message:
              `preempt_delay has no effect in ${instance.name}, which has state MASTER: keepalived reports "preempt delay will not work with initial state MASTER" ` +
              `and clears it, so this node preempts at once. Use state BACKUP for a delayed takeover.`,
            at: delay.keyword,
            related,
          });
        }
      }
    }
  },
};
