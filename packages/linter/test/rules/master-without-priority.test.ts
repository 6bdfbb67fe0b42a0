import { masterWithoutPriority } from '../../src/rules/master-without-priority.js';
import { testRule } from '../rule-tester.js';

const instance = (lines: string) => `vrrp_instance VI_1 {
    interface ens33
    virtual_router_id 51
${lines}    virtual_ipaddress {
        10.1.8.100/24
    }
}
`;

testRule(masterWithoutPriority, {
  valid: [
    // The corrected variant: a priority below 255.
    { name: 'state MASTER with a priority', code: instance('    state MASTER\n    priority 150\n') },
    { name: 'state MASTER with priority 255 written', code: instance('    state MASTER\n    priority 255\n') },
    { name: 'state BACKUP without priority (100)', code: instance('    state BACKUP\n') },
    { name: 'no state line', code: instance('') },
    // In strict mode state MASTER must mean the owner (keepalived.conf(5), vrrp_strict).
    { name: 'strict mode', code: 'global_defs {\n    vrrp_strict\n}\n' + instance('    state MASTER\n') },
    { name: 'an invalid priority gives 100', code: instance('    state MASTER\n    priority 300\n') },
  ],
  invalid: [
    {
      // vrrp.c vrrp_complete_instance: with no priority, an instance whose state is MASTER gets VRRP_PRIO_OWNER.
      name: 'state MASTER without priority',
      code: instance('    state MASTER\n'),
      errors: [
        {
          line: 4,
          column: 11,
          severity: 'warning',
          message:
            "VI_1 has state MASTER and no priority line: keepalived runs it with priority 255, the address owner, so whenever this node is up it takes the VIPs back at once, whatever the other nodes' priorities, nopreempt or preempt_delay, and no tracked check can lower its priority. Add a priority below 255 (e.g. priority 150), or priority 255 if this node owns the addresses.",
        },
      ],
    },
    {
      name: 'with nopreempt and a weighted script',
      code: 'vrrp_script chk {\n    script "/usr/bin/true"\n    weight -20\n}\n' + instance('    state MASTER\n    nopreempt\n    track_script {\n        chk\n    }\n'),
      errors: [{ line: 8, column: 11, message: /Here its nopreempt is reset, its weighted tracked checks are dropped\./ }],
    },
  ],
});
