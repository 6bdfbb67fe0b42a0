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
      errors: [{ line: 6, column: 9, severity: 'warning', message: /^virtual_ipaddress 192\.168\.1\.10\/24 is listed twice in VI_1 \(first at line 5\)/ }],
    },
  ],
});
