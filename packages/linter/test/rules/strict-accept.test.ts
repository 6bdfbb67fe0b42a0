import { strictAccept } from '../../src/rules/strict-accept.js';
import { testRule } from '../rule-tester.js';

const STRICT = 'global_defs {\n    vrrp_strict\n}\n';
const instance = (lines: string) => `vrrp_instance VI_1 {
    interface ens33
    virtual_router_id 51
${lines}    virtual_ipaddress {
        10.1.8.100/24
    }
}
`;

testRule(strictAccept, {
  valid: [
    { name: 'no strict mode', code: instance('    state BACKUP\n    priority 100\n') },
    // The corrected variant: accept with VRRP version 3 keeps accept on in strict mode.
    { name: 'strict mode with accept and version 3', code: STRICT + instance('    state BACKUP\n    priority 100\n    version 3\n    accept\n') },
    { name: 'strict mode with global vrrp_version 3 and accept', code: 'global_defs {\n    vrrp_strict\n    vrrp_version 3\n}\n' + instance('    priority 100\n    accept\n') },
    // vrrp.c vrrp_complete_instance: the address owner accepts by default and gets no drop rule.
    { name: 'the address owner', code: STRICT + instance('    state MASTER\n    priority 255\n') },
    { name: 'an explicit no_accept is intended', code: STRICT + instance('    priority 100\n    no_accept\n') },
    { name: 'strict_mode off in the instance', code: STRICT + instance('    strict_mode off\n    priority 100\n') },
    { name: 'IPv6 in strict mode runs VRRPv3: accept holds', code: STRICT + instance('    priority 100\n    accept\n').replace('10.1.8.100/24', 'fe80::1\n        2001:db8::100/64') },
  ],
  invalid: [
    {
      // keepalived.conf(5), vrrp_strict: "If accept/no accept is not specified, accept is set if priority is 255 and cleared otherwise".
      name: 'strict mode without accept',
      code: STRICT + instance('    state BACKUP\n    priority 100\n'),
      errors: [
        {
          line: 4,
          column: 15,
          severity: 'warning',
          message:
            'VI_1 runs in strict mode (vrrp_strict (line 2)) with priority 100 and no accept line: keepalived runs it with no_accept, so while it is MASTER a firewall rule drops every packet addressed to its VIPs (10.1.8.100); clients cannot reach them (they only route). Add accept and version 3 (keepalived resets accept with VRRP version 2 in strict mode), or remove strict mode; write no_accept if this is intended.',
        },
      ],
    },
    {
      name: 'strict_mode in the instance, version 3',
      code: instance('    strict_mode on\n    version 3\n    priority 90\n'),
      errors: [{ line: 1, column: 15, message: /^VI_1 runs in strict mode \(strict_mode \(line 4\)\) with priority 90 .* Add accept, or remove strict mode/ }],
    },
    {
      // vrrp.c vrrp_complete_instance: "accept mode for VRRP version 2 does not comply with RFC3768 - resetting".
      name: 'accept reset by VRRP version 2',
      code: STRICT + instance('    state BACKUP\n    priority 100\n    accept\n'),
      errors: [{ line: 9, column: 5, severity: 'error', message: /^accept has no effect in VI_1: .*"accept mode for VRRP version 2 does not comply with RFC3768 - resetting".* Add version 3 to keep accept/ }],
    },
    {
      name: 'no_accept then accept: the last wins, and is reset',
      code: STRICT + instance('    priority 100\n    no_accept\n    accept\n'),
      errors: [{ line: 9, column: 5, severity: 'error', message: /^accept has no effect in VI_1/ }],
    },
  ],
});
