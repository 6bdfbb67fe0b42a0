import { nopreemptMaster } from '../../src/rules/nopreempt-master.js';
import { testRule } from '../rule-tester.js';

const instance = (lines: string) => `vrrp_instance VI_1 {
    interface ens33
    virtual_router_id 51
${lines}    virtual_ipaddress {
        10.1.8.100/24
    }
}
`;

testRule(nopreemptMaster, {
  valid: [
    { name: 'nopreempt with state BACKUP', code: instance('    state BACKUP\n    priority 150\n    nopreempt\n') },
    { name: 'state MASTER without nopreempt', code: instance('    state MASTER\n    priority 150\n') },
    { name: 'priority 255 is priority-owner’s case', code: instance('    state MASTER\n    priority 255\n    nopreempt\n') },
    { name: 'strict mode starts it as BACKUP first', code: 'global_defs {\n    vrrp_strict\n}\n' + instance('    state MASTER\n    priority 100\n    nopreempt\n') },
  ],
  invalid: [
    {
      name: 'nopreempt with state MASTER',
      code: instance('    state MASTER\n    priority 100\n    nopreempt\n'),
      errors: [
        {
          line: 6,
          column: 5,
          severity: 'warning',
          message:
            'nopreempt has no effect in VI_1, which has state MASTER: keepalived reports "nopreempt will not work with initial state MASTER" and clears it, so this node takes the VIPs back whenever it has the higher priority. Use state BACKUP on every node that should not preempt.',
        },
      ],
    },
    {
      name: 'a later state BACKUP does not undo MASTER',
      code: instance('    state MASTER\n    state BACKUP\n    priority 100\n    nopreempt\n'),
      errors: [{ line: 7, column: 5, message: /^nopreempt has no effect in VI_1/ }],
    },
    {
      name: 'preempt_delay with state MASTER',
      code: instance('    state MASTER\n    priority 100\n    preempt_delay 30\n'),
      errors: [{ line: 6, column: 5, message: /^preempt_delay has no effect in VI_1, which has state MASTER/ }],
    },
  ],
});
