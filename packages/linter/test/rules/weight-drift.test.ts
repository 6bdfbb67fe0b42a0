import { weightDrift } from '../../src/rules/weight-drift.js';
import { testRule } from '../rule-tester.js';

const vrrp = (state: string, priority: number) => `vrrp_instance web {
    state ${state}
    interface eth0
    virtual_router_id 51
    priority ${priority}
    virtual_ipaddress {
        10.1.8.100/24
    }
}
`;
/** Starts at line 10; the real server is on line 14 and its weight (if any) on line 15. */
const service = (weight?: number) => `virtual_server 10.1.8.100 80 {
    lb_algo wrr
    lb_kind DR
    protocol TCP
    real_server 10.1.8.12 80 {
${weight === undefined ? '' : `        weight ${weight}\n`}    }
}
`;

testRule(weightDrift, {
  valid: [
    { name: 'same weight', code: { 'ha1.conf': vrrp('MASTER', 110) + service(2), 'ha2.conf': vrrp('BACKUP', 100) + service(2) } },
    { name: 'weight 1 is the default', code: { 'ha1.conf': vrrp('MASTER', 110) + service(1), 'ha2.conf': vrrp('BACKUP', 100) + service() } },
  ],
  invalid: [
    {
      name: 'different weights, reported at each weight line',
      code: { 'ha1.conf': vrrp('MASTER', 110) + service(2), 'ha2.conf': vrrp('BACKUP', 100) + service(1) },
      errors: [
        {
          file: 'ha1.conf',
          line: 15,
          column: 16,
          message: 'real_server 10.1.8.12 80 weighs 2 here but 1 in ha2.conf (line 15): after a failover the traffic split changes',
          severity: 'error',
        },
        { file: 'ha2.conf', line: 15, column: 16, message: 'real_server 10.1.8.12 80 weighs 1 here but 2 in ha1.conf (line 15): after a failover the traffic split changes' },
      ],
    },
    {
      name: 'a weight against the default',
      code: { 'ha1.conf': vrrp('MASTER', 110) + service(3), 'ha2.conf': vrrp('BACKUP', 100) + service() },
      errors: [
        { file: 'ha1.conf', line: 15, column: 16, message: /weighs 3 here but 1 \(the default: no weight line\) in ha2\.conf \(line 14\)/ },
        { file: 'ha2.conf', line: 14, column: 17, message: /weighs 1 \(the default: no weight line\) here but 3 in ha1\.conf \(line 15\)/ },
      ],
    },
  ],
});
