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
const service = (weight?: number, scheduler = 'wrr') => `virtual_server 10.1.8.100 80 {
    lb_algo ${scheduler}
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
    {
      name: 'under rr (which ignores weights other than 0) the split does not change today: the message says what would make it',
      code: { 'ha1.conf': vrrp('MASTER', 110) + service(2, 'rr'), 'ha2.conf': vrrp('BACKUP', 100) + service(1, 'rr') },
      errors: [
        {
          file: 'ha1.conf',
          line: 15,
          column: 16,
          message:
            'real_server 10.1.8.12 80 weighs 2 here but 1 in ha2.conf (line 15): lb_algo rr ignores weights other than 0, so today a failover does not change the traffic split; the drift bites once the scheduler is a weighted one (wrr, wlc, ...) or one of the weights becomes 0',
          severity: 'error',
        },
        { file: 'ha2.conf', line: 15, column: 16, message: /weighs 1 here but 2 in ha1\.conf \(line 15\): lb_algo rr ignores weights other than 0/ },
      ],
    },
    {
      name: 'rr here and lc there: neither uses weights other than 0',
      code: { 'ha1.conf': vrrp('MASTER', 110) + service(2, 'rr'), 'ha2.conf': vrrp('BACKUP', 100) + service(1, 'lc') },
      errors: [
        { file: 'ha1.conf', line: 15, column: 16, message: /: lb_algo rr here and lc in ha2\.conf both ignore weights other than 0, so today a failover does not change the traffic split/ },
        { file: 'ha2.conf', line: 15, column: 16, message: /: lb_algo lc here and rr in ha1\.conf both ignore weights other than 0/ },
      ],
    },
    {
      name: 'under lc, weight 0 on one director only takes the server out of rotation there',
      code: { 'ha1.conf': vrrp('MASTER', 110) + service(0, 'lc'), 'ha2.conf': vrrp('BACKUP', 100) + service(1, 'lc') },
      errors: [
        {
          file: 'ha1.conf',
          line: 15,
          column: 16,
          message:
            'real_server 10.1.8.12 80 weighs 0 here but 1 in ha2.conf (line 15): under lb_algo lc weight 0 takes a real server out of rotation (it keeps its connections but gets no new ones): it gets new connections only while the other director is MASTER, not while this director is',
        },
        { file: 'ha2.conf', line: 15, column: 16, message: /weighs 1 here but 0 in ha1\.conf \(line 15\): under lb_algo lc weight 0 takes a real server out of rotation .*not while ha1\.conf is/ },
      ],
    },
    {
      name: 'under dh, weight 0 leaves the destinations hashed to the server without one',
      code: { 'ha1.conf': vrrp('MASTER', 110) + service(0, 'dh'), 'ha2.conf': vrrp('BACKUP', 100) + service(1, 'dh') },
      errors: [
        { file: 'ha1.conf', line: 15, column: 16, message: /: under lb_algo dh weight 0 leaves the destinations hashed to this real server without a server: while this director is MASTER their connections fail/ },
        { file: 'ha2.conf', line: 15, column: 16, message: /while ha1\.conf is MASTER their connections fail/ },
      ],
    },
  ],
});
