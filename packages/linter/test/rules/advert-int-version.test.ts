import { advertIntVersion } from '../../src/rules/advert-int-version.js';
import { testRule } from '../rule-tester.js';

const instance = (advert: string, extra = '') => `vrrp_instance VI_1 {
    interface ens33
    virtual_router_id 51
    advert_int ${advert}
${extra}    virtual_ipaddress {
        10.1.8.100/24
    }
}
`;

testRule(advertIntVersion, {
  valid: [
    { name: 'whole seconds with VRRPv2', code: instance('1') },
    { name: 'fractions with VRRPv3', code: instance('0.5', '    version 3\n') },
    { name: 'out of range is invalid-argument’s', code: instance('300') },
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
