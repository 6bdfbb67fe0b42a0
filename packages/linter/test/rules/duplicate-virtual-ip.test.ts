import { duplicateVirtualIp } from '../../src/rules/duplicate-virtual-ip.js';
import { testRule } from '../rule-tester.js';

const instance = (name: string, vrid: number, vips: string[]) => `vrrp_instance ${name} {
    interface eth0
    virtual_router_id ${vrid}
    virtual_ipaddress {
${vips.map((v) => `        ${v}\n`).join('')}    }
}
`;

testRule(duplicateVirtualIp, {
  valid: [
    { name: 'distinct VIPs', code: instance('VI_1', 51, ['192.168.1.10/24', '192.168.1.11/24']) + instance('VI_2', 52, ['192.168.1.12/24']) },
    { name: 'excluded addresses are not compared', code: instance('VI_1', 51, ['192.168.1.10/24']) },
    // keepalived never adds an address of the other family (address-family-mismatch reports it).
    { name: 'dropped addresses of the other family are not compared', code: instance('VI_1', 51, ['192.168.1.10/24', '2001:db8::1/64', '2001:db8::1/64']) },
    // keepalived skips the second VI_1 block whole (duplicate-vrid reports it).
    { name: 'a repeated instance name', code: instance('VI_1', 51, ['192.168.1.10/24']) + instance('VI_1', 52, ['192.168.1.10/24']) },
  ],
  invalid: [
    {
      name: 'the same VIP in two instances',
      code: instance('VI_1', 51, ['192.168.1.10/24']) + instance('VI_2', 52, ['192.168.1.10/32']),
      errors: [
        {
          line: 12,
          column: 9,
          severity: 'error',
          message: /^virtual_ipaddress 192\.168\.1\.10\/32 is also a VIP of VI_1 \(line 5\): both instances add and remove the same address/,
        },
      ],
    },
    {
      name: 'the same VIP twice in one instance is a warning',
      code: instance('VI_1', 51, ['192.168.1.10/24', '192.168.1.10/24 label eth0:1']),
      errors: [
        {
          line: 6,
          column: 9,
          severity: 'warning',
          message:
            'virtual_ipaddress 192.168.1.10/24 is listed twice in VI_1 (first at line 5): the address is added once; keepalived reports "VIP duplicates a VIP" and ignores the line. Remove one.',
        },
      ],
    },
    {
      name: 'the same VIP twice in one instance, for 2.2.7',
      code: instance('VI_1', 51, ['192.168.1.10/24', '192.168.1.10/24']),
      options: { targetVersion: '2.2.7' },
      errors: [{ line: 6, column: 9, message: /the address is added once; keepalived 2\.2\.7 is silent about it \(from 2\.3\.3 it reports "VIP duplicates a VIP" and ignores the line\)/ }],
    },
    {
      name: 'IPv6 addresses are compared as addresses',
      code: instance('VI_1', 51, ['2001:DB8::1/64']) + instance('VI_2', 52, ['2001:db8:0::1/64']),
      errors: [{ line: 12, column: 9, message: /^virtual_ipaddress 2001:db8:0::1\/64 is also a VIP of VI_1/ }],
    },
  ],
});
