import { authenticationIgnored } from '../../src/rules/authentication-ignored.js';
import { testRule } from '../rule-tester.js';

const instance = (lines: string, auth = '        auth_type PASS\n        auth_pass secret\n', vip = '10.1.8.100/24') => `vrrp_instance VI_1 {
    interface ens33
    virtual_router_id 51
${lines}    authentication {
${auth}    }
    virtual_ipaddress {
        ${vip}
    }
}
`;

testRule(authenticationIgnored, {
  valid: [
    { name: 'PASS with VRRPv2', code: instance('') },
    { name: 'AH with state BACKUP', code: instance('    state BACKUP\n', '        auth_type AH\n        auth_pass secret\n') },
    { name: 'an IPv6 instance forced to version 2 keeps it', code: instance('    version 2\n', undefined, '2001:db8::10/64') },
    { name: 'vrrp_strict off: no strict mode from 2.3.0 on', code: 'global_defs {\n    vrrp_strict off\n}\n' + instance(''), options: { targetVersion: '2.3.0' } },
    // Issue 13 (c): the old peers-util took any vrrp_strict line as strict mode, for every release.
    { name: 'vrrp_strict false: no strict mode for the newest release', code: 'global_defs {\n    vrrp_strict false\n}\n' + instance('') },
    // check_true_false knows no other word: `strict_mode maybe` leaves the earlier `off` in force
    // (the old check read the last line's word, and any word but false/off/no/0 as on).
    { name: 'an unknown strict_mode word leaves the earlier setting', code: instance('    strict_mode off\n    strict_mode maybe\n') },
    // keepalived skips the second VI_1 block whole: nothing in it is ignored, it is never read (duplicate-vrid reports it).
    { name: 'a repeated instance name', code: instance('') + instance('    version 3\n') },
  ],
  invalid: [
    {
      name: 'version 3',
      code: instance('    version 3\n'),
      errors: [
        {
          line: 6,
          column: 19,
          severity: 'warning',
          message:
            'VI_1 uses VRRPv3 (version 3), which has no authentication: keepalived reports "VRRP version 3 does not support authentication" and ignores the block. Remove it, or use VRRPv2 on every peer.',
        },
      ],
    },
    {
      name: 'global vrrp_version 3',
      code: 'global_defs {\n    vrrp_version 3\n}\n' + instance(''),
      errors: [{ line: 8, column: 19, message: /uses VRRPv3 \(global vrrp_version 3\)/ }],
    },
    { name: 'strict mode', code: 'global_defs {\n    vrrp_strict\n}\n' + instance(''), errors: [{ line: 8, column: 19, message: /"Strict mode does not support authentication"/ }] },
    {
      // keepalived 2.2.7 with `vrrp_strict off`: "(VI_1) Strict mode does not support authentication. Ignoring."
      name: 'vrrp_strict off for 2.2.7 is strict mode',
      code: 'global_defs {\n    vrrp_strict off\n}\n' + instance(''),
      options: { targetVersion: '2.2.7' },
      errors: [{ line: 8, column: 19, message: /^VI_1 runs in strict mode .*"Strict mode does not support authentication"/ }],
    },
    {
      // Issue 13 (a): keepalived runs this instance as VRRPv3 in strict mode ("cannot use IPv6 with VRRP version 2; setting version 3").
      name: 'IPv6 + vrrp_strict + version 2: strict mode',
      code: 'global_defs {\n    vrrp_strict\n}\n' + instance('    version 2\n', undefined, '2001:db8::10/64'),
      errors: [{ line: 9, column: 19, message: /^VI_1 runs in strict mode \(vrrp_strict\), which follows RFC 5798 and has no authentication/ }],
    },
    {
      // Issue 13 (b): the last strict_mode line wins (the old peers-util took the first, false).
      name: 'strict_mode false then strict_mode true: strict mode',
      code: instance('    strict_mode false\n    strict_mode true\n'),
      errors: [{ line: 7, column: 19, message: /^VI_1 runs in strict mode \(strict_mode\), .*"Strict mode does not support authentication"/ }],
    },
    {
      // check_true_false is case-sensitive: `strict_mode FALSE` is an invalid word, so global vrrp_strict stays in force.
      name: 'strict_mode FALSE does not turn global strict mode off',
      code: 'global_defs {\n    vrrp_strict\n}\n' + instance('    strict_mode FALSE\n'),
      errors: [{ line: 9, column: 19, message: /^VI_1 runs in strict mode \(vrrp_strict\)/ }],
    },
    {
      name: 'an IPv6 instance runs VRRPv3',
      code: instance('', undefined, '2001:db8::10/64'),
      errors: [{ line: 5, column: 19, message: /^VI_1 uses VRRPv3 \(an IPv6 instance, which keepalived runs as VRRPv3\)/ }],
    },
    {
      name: 'AH with IPv6',
      code: instance('    version 2\n', '        auth_type AH\n        auth_pass secret\n', '2001:db8::10/64'),
      errors: [{ line: 6, column: 19, message: /^VI_1 is an IPv6 instance: keepalived cannot use AH authentication with IPv6/ }],
    },
    {
      name: 'no auth_pass',
      code: instance('', '        auth_type PASS\n'),
      errors: [{ line: 5, column: 19, message: /^auth_type PASS without auth_pass: keepalived reports "Authentication specified but no password given"/ }],
    },
    { name: 'no auth_type', code: instance('', '        auth_pass secret\n'), errors: [{ line: 4, column: 5, message: /^VI_1 has auth_pass but no auth_type/ }] },
    {
      name: 'AH with state MASTER',
      code: instance('    state MASTER\n    priority 100\n', '        auth_type AH\n        auth_pass secret\n'),
      errors: [{ line: 7, column: 19, message: /"Initial state master is incompatible with AH authentication" and starts it as BACKUP/ }],
    },
  ],
});
