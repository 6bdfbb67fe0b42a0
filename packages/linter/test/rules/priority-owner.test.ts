import { priorityOwner } from '../../src/rules/priority-owner.js';
import { testRule } from '../rule-tester.js';

const instance = (lines: string) => `vrrp_instance VI_1 {
    interface ens33
    virtual_router_id 51
${lines}    virtual_ipaddress {
        10.1.8.100/24
    }
}
`;
const SCRIPT = 'vrrp_script chk {\n    script "/usr/bin/true"\n    weight 10\n}\n';

testRule(priorityOwner, {
  valid: [
    { name: 'nopreempt below 255', code: instance('    state BACKUP\n    priority 200\n    nopreempt\n') },
    { name: 'an owner with an unweighted script', code: SCRIPT.replace('weight 10', 'weight 0') + instance('    priority 255\n    track_script {\n        chk\n    }\n') },
    { name: 'strict mode with matching state', code: 'global_defs {\n    vrrp_strict\n}\n' + instance('    state BACKUP\n    priority 100\n') },
    // Issue 13 (c): from 2.3.0 `vrrp_strict false` is strict mode off.
    { name: 'vrrp_strict false from 2.3.0', code: 'global_defs {\n    vrrp_strict false\n}\n' + instance('    state MASTER\n    priority 100\n'), options: { targetVersion: '2.3.0' } },
    // An unknown strict_mode word leaves the earlier `off` in force.
    { name: 'an unknown strict_mode word', code: instance('    strict_mode off\n    strict_mode maybe\n    state MASTER\n    priority 100\n') },
    // keepalived looks track_script names up while it reads: a script defined after the instance is not tracked.
    { name: 'a weighted script defined after the owner', code: instance('    priority 255\n    track_script {\n        chk\n    }\n') + SCRIPT },
    {
      name: 'a weighted script on an owner in a sync group is sync-group’s',
      code:
        SCRIPT +
        instance('    priority 255\n    track_script {\n        chk\n    }\n') +
        instance('    priority 100\n').replace('VI_1', 'VI_2').replace('51', '52') +
        'vrrp_sync_group SG {\n    group {\n        VI_1\n        VI_2\n    }\n}\n',
    },
  ],
  invalid: [
    {
      name: 'nopreempt with priority 255',
      code: instance('    state BACKUP\n    priority 255\n    nopreempt\n'),
      errors: [
        {
          line: 6,
          column: 5,
          severity: 'warning',
          message:
            'nopreempt has no effect in VI_1: its priority is 255, the address owner, which always takes over; keepalived reports "nopreempt is incompatible with priority 255" and resets it. Use a priority below 255 with nopreempt.',
        },
      ],
    },
    {
      name: 'state MASTER without priority means 255',
      code: instance('    state MASTER\n    nopreempt\n'),
      errors: [{ line: 5, column: 5, message: /its priority is 255 \(implied by state MASTER without a priority\)/ }],
    },
    {
      name: 'a weighted script on an address owner',
      code: SCRIPT + instance('    priority 255\n    track_script {\n        chk\n    }\n'),
      // vrrp.c vrrp_complete_instance reports it with report_config_error: an error, and the weight is gone.
      errors: [{ line: 10, column: 9, severity: 'error', message: /^track_script chk has a weight, but VI_1 has priority 255: .*"ignoring tracked script with weights due to address_owner" \(a configuration error\) .*when chk fails, nothing happens and the VIP never moves\./ }],
    },
    {
      // Issue 13 (c): 2.2.7 reads no word after vrrp_strict, so `vrrp_strict false` is strict mode.
      name: 'vrrp_strict false for 2.2.7 is strict mode',
      code: 'global_defs {\n    vrrp_strict false\n}\n' + instance('    state MASTER\n    priority 100\n'),
      options: { targetVersion: '2.2.7' },
      errors: [{ line: 7, column: 11, message: /^In strict mode the initial state must match being the address owner: VI_1 has state MASTER and priority 100/ }],
    },
    {
      // Issue 13 (b): the last strict_mode line wins.
      name: 'strict_mode false then true',
      code: instance('    strict_mode false\n    strict_mode true\n    state BACKUP\n    priority 255\n'),
      errors: [{ line: 6, column: 11, message: /^In strict mode .*VI_1 has state BACKUP and priority 255; .* starts it as MASTER\. Use state MASTER\.$/ }],
    },
    {
      // keepalived ignores BACKUP after MASTER: the finding points at the MASTER line that decides the state.
      name: 'strict mode: MASTER then BACKUP is MASTER',
      code: 'global_defs {\n    vrrp_strict\n}\n' + instance('    state MASTER\n    state BACKUP\n    priority 100\n'),
      errors: [{ line: 7, column: 11, message: /VI_1 has state MASTER and priority 100/ }],
    },
    {
      name: 'a weighted script item on an address owner',
      code: SCRIPT.replace('weight 10', 'weight 0') + instance('    priority 255\n    track_script {\n        chk weight -20\n    }\n'),
      errors: [{ line: 10, column: 9, message: /^track_script chk has a weight, but VI_1 has priority 255/ }],
    },
    {
      name: 'strict mode: state MASTER needs priority 255',
      code: 'global_defs {\n    vrrp_strict\n}\n' + instance('    state MASTER\n    priority 100\n'),
      errors: [{ line: 7, column: 11, message: /^In strict mode the initial state must match being the address owner: VI_1 has state MASTER and priority 100; .* starts it as BACKUP/ }],
    },
  ],
});
