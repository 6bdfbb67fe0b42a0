import { advertIntVersion } from '../../src/rules/advert-int-version.js';
import { testRule } from '../rule-tester.js';

const instance = (advert: string, extra = '', vip = '10.1.8.100/24') => `vrrp_instance VI_1 {
    interface ens33
    virtual_router_id 51
    advert_int ${advert}
${extra}    virtual_ipaddress {
        ${vip}
    }
}
`;
const STRICT = 'global_defs {\n    vrrp_strict\n}\n';
const V6 = '2001:db8::10/64';

testRule(advertIntVersion, {
  valid: [
    { name: 'whole seconds with VRRPv2', code: instance('1') },
    { name: 'fractions with VRRPv3', code: instance('0.5', '    version 3\n') },
    { name: 'out of range is invalid-argument’s', code: instance('300') },
    // Issue 13 (a): keepalived runs IPv6 + vrrp_strict + version 2 as VRRPv3, which carries 0.5 s.
    { name: 'IPv6 + vrrp_strict + version 2 runs VRRPv3', code: STRICT + instance('0.5', '    version 2\n', V6) },
    // Issue 13 (b): the last strict_mode line wins.
    { name: 'strict_mode false then true: VRRPv3 for IPv6', code: instance('0.5', '    version 2\n    strict_mode false\n    strict_mode true\n', V6) },
    // Issue 13 (c): vrrp_strict false is strict mode for 2.2.7, which reads no word after it.
    { name: 'vrrp_strict false for 2.2.7: strict, so VRRPv3', code: 'global_defs {\n    vrrp_strict false\n}\n' + instance('0.5', '    version 2\n', V6), options: { targetVersion: '2.2.7' } },
    { name: 'whole seconds written with a fraction', code: instance('1.0') },
    // keepalived skips the second VI_1 block whole.
    { name: 'a repeated instance name', code: instance('1') + instance('0.5') },
  ],
  invalid: [
    {
      name: 'a fraction with VRRPv2',
      code: instance('0.5'),
      errors: [
        {
          line: 4,
          column: 16,
          severity: 'warning',
          message:
            'advert_int 0.5 in VI_1: VRRPv2 adverts carry whole seconds, so keepalived reports "VRRPv2 advertisement interval must be an integer" and uses 1s. Write 1, or use version 3 on every peer for sub-second adverts.',
        },
      ],
      output: instance('1'),
    },
    { name: 'rounded half up', code: instance('2.5'), errors: [{ line: 4, column: 16, message: /uses 3s/ }], output: instance('3') },
    {
      // Without strict mode an IPv6 instance keeps the version 2 written before its addresses.
      name: 'IPv6 + version 2 without strict mode is VRRPv2',
      code: instance('0.5', '    version 2\n', V6),
      errors: [{ line: 4, column: 16, message: /^advert_int 0\.5 in VI_1: VRRPv2 adverts carry whole seconds/ }],
      output: instance('1', '    version 2\n', V6),
    },
    {
      // Issue 13 (c): from 2.3.0 vrrp_strict false turns strict mode off, so version 2 stands.
      name: 'vrrp_strict false from 2.3.0: not strict, so VRRPv2',
      code: 'global_defs {\n    vrrp_strict false\n}\n' + instance('0.5', '    version 2\n', V6),
      options: { targetVersion: '2.3.0' },
      errors: [{ line: 7, column: 16, message: /VRRPv2 adverts carry whole seconds/ }],
    },
    {
      name: 'IPv6 + vrrp_strict + version 2: VRRPv3 rounds to 10 ms and says why',
      code: STRICT + instance('0.015', '    version 2\n', V6),
      errors: [
        {
          line: 7,
          column: 16,
          message:
            'advert_int 0.015 in VI_1: VRRPv3 (strict mode runs an IPv6 instance as VRRPv3, whatever its version line says) counts in units of 10 ms, so keepalived reports "must be in units of 10ms - rounding" and uses 0.02s.',
        },
      ],
      output: STRICT + instance('0.02', '    version 2\n', V6),
    },
    {
      // keepalived reads `.5` as 0.5 s (read_decimal_unsigned); the old check did not read it at all.
      name: 'a fraction without a leading digit',
      code: instance('.5'),
      errors: [{ line: 4, column: 16, message: /^advert_int \.5 in VI_1: VRRPv2 adverts carry whole seconds.* uses 1s/ }],
      output: instance('1'),
    },
    {
      name: 'global vrrp_version 3 caps at 40.95 s',
      code: 'global_defs {\n    vrrp_version 3\n}\n' + instance('41'),
      errors: [{ line: 7, column: 16, message: /^advert_int 41 in VI_1: VRRPv3 \(global vrrp_version 3\) adverts carry at most 40\.95 s/ }],
    },
    {
      name: 'VRRPv3 caps at 40.95 s',
      code: instance('50', '    version 3\n'),
      errors: [{ line: 4, column: 16, message: /VRRPv3 adverts carry at most 40\.95 s/ }],
      output: instance('40.95', '    version 3\n'),
    },
    {
      name: 'VRRPv3 counts in 10 ms',
      code: instance('0.015', '    version 3\n'),
      errors: [{ line: 4, column: 16, message: /units of 10 ms.* uses 0\.02s/ }],
      output: instance('0.02', '    version 3\n'),
    },
  ],
});
