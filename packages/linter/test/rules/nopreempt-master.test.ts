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
    // Issue 13 (b): the last strict_mode line wins, so strict mode starts it as BACKUP.
    { name: 'strict_mode false then true', code: instance('    strict_mode false\n    strict_mode true\n    state MASTER\n    priority 100\n    nopreempt\n') },
    // check_true_false is case-sensitive: FALSE leaves global strict mode on, which starts the instance as BACKUP.
    { name: 'strict_mode FALSE leaves vrrp_strict on', code: 'global_defs {\n    vrrp_strict\n}\n' + instance('    strict_mode FALSE\n    state MASTER\n    priority 100\n    nopreempt\n') },
    { name: 'AH authentication starts it as BACKUP first', code: instance('    state MASTER\n    priority 100\n    nopreempt\n    authentication {\n        auth_type AH\n        auth_pass secret\n    }\n') },
    { name: 'preempt_delay 0', code: instance('    state MASTER\n    priority 100\n    preempt_delay 0\n') },
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
      // Issue 13 (c): vrrp_strict false is strict mode off from 2.3.0, so state MASTER stands.
      name: 'vrrp_strict false from 2.3.0: not strict',
      code: 'global_defs {\n    vrrp_strict false\n}\n' + instance('    state MASTER\n    priority 100\n    nopreempt\n'),
      errors: [{ line: 9, column: 5, message: /^nopreempt has no effect in VI_1, which has state MASTER/ }],
    },
    {
      // vrrp_complete_instance derives state MASTER from priority 255 before it clears preempt_delay.
      name: 'preempt_delay with priority 255 and no state line',
      code: instance('    priority 255\n    preempt_delay 30\n'),
      errors: [
        {
          line: 5,
          column: 5,
          message:
            'preempt_delay has no effect in VI_1, which starts as MASTER (priority 255 without a state line): keepalived reports "preempt delay will not work with initial state MASTER" and clears it, so this node preempts at once. Use state BACKUP for a delayed takeover.',
        },
      ],
    },
    {
      // Strict mode keeps state MASTER of an address owner; the MASTER check then clears preempt_delay.
      name: 'preempt_delay with state MASTER and priority 255 in strict mode',
      code: 'global_defs {\n    vrrp_strict\n}\n' + instance('    state MASTER\n    priority 255\n    preempt_delay 30\n'),
      errors: [{ line: 9, column: 5, message: /^preempt_delay has no effect in VI_1, which has state MASTER/ }],
    },
    {
      name: 'preempt_delay with state MASTER',
      code: instance('    state MASTER\n    priority 100\n    preempt_delay 30\n'),
      errors: [{ line: 6, column: 5, message: /^preempt_delay has no effect in VI_1, which has state MASTER/ }],
    },
  ],
});
