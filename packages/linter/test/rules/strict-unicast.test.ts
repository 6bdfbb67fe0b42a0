import { strictUnicast } from '../../src/rules/strict-unicast.js';
import { testRule } from '../rule-tester.js';

const STRICT = 'global_defs {\n    vrrp_strict\n}\n';
const instance = (lines: string) => `vrrp_instance VI_1 {
    interface ens33
    virtual_router_id 51
    priority 100
${lines}    virtual_ipaddress {
        10.1.8.100/24
    }
}
`;
const UNICAST = '    unicast_src_ip 10.1.8.11\n    unicast_peer {\n        10.1.8.12\n    }\n';

testRule(strictUnicast, {
  valid: [
    { name: 'unicast without strict mode', code: instance(UNICAST) },
    // The corrected variant: strict mode with multicast.
    { name: 'strict mode with multicast', code: STRICT + instance('') },
    { name: 'strict_mode off in the unicast instance', code: STRICT + instance('    strict_mode off\n' + UNICAST) },
    // A unicast keyword without peers: keepalived multicasts (unicast-without-peers reports it).
    { name: 'unicast_src_ip without peers', code: STRICT + instance('    unicast_src_ip 10.1.8.11\n') },
  ],
  invalid: [
    {
      // vrrp.c vrrp_complete_instance: "Unicast peers are not supported in strict mode"; keepalived.conf(5), vrrp_strict: "unicast peers not allowed".
      name: 'vrrp_strict with unicast_peer',
      code: STRICT + instance(UNICAST),
      options: { targetVersion: '2.4.0' },
      errors: [
        {
          line: 9,
          column: 5,
          severity: 'error',
          message:
            'VI_1 has unicast peers but runs in strict mode (vrrp_strict (line 2)): keepalived reports "Unicast peers are not supported in strict mode" and its VRRP process stops at start-up: no instance of this configuration runs, so this node holds no VIP. Remove strict mode (strict_mode off in the instance), or use multicast instead of unicast_peer.',
        },
      ],
    },
    {
      // Run with keepalived 2.2.7: the check comes before the instance is marked unicast, so the
      // instance runs (it entered FAULT only for its missing source address); 2.4.0 refuses it.
      name: 'keepalived 2.2.7 does not check it yet',
      code: STRICT + instance(UNICAST),
      options: { targetVersion: '2.2.7' },
      errors: [
        {
          line: 9,
          column: 5,
          severity: 'warning',
          message:
            'VI_1 has unicast peers but runs in strict mode (vrrp_strict (line 2)), which does not allow them. keepalived 2.2.7 does not check it and runs the instance, but from 2.4.0 keepalived reports "Unicast peers are not supported in strict mode" and its VRRP process does not start: after an upgrade this node holds no VIP. Remove strict mode (strict_mode off in the instance), or use multicast instead of unicast_peer.',
        },
      ],
    },
    {
      name: 'strict_mode in the instance',
      code: instance('    strict_mode true\n' + UNICAST),
      options: { targetVersion: '2.4.3' },
      errors: [{ line: 7, column: 5, message: /runs in strict mode \(strict_mode \(line 5\)\)/ }],
    },
  ],
});
