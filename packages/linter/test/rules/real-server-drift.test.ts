import { realServerDrift } from '../../src/rules/real-server-drift.js';
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
/** Starts at line 10: real servers from line 14, three lines each. */
const service = (kind: string, reals: string[]) => `virtual_server 10.1.8.100 80 {
    lb_algo rr
    lb_kind ${kind}
    protocol TCP
${reals.map((r) => `    real_server ${r} {\n        weight 1\n    }\n`).join('')}}
`;

testRule(realServerDrift, {
  valid: [
    { name: 'same real servers', code: { 'ha1.conf': vrrp('MASTER', 110) + service('DR', ['10.1.8.11 80', '10.1.8.12 80']), 'ha2.conf': vrrp('BACKUP', 100) + service('DR', ['10.1.8.12 80', '10.1.8.11 80']) } },
    { name: 'DR uses the service port whatever the real server says', code: { 'ha1.conf': vrrp('MASTER', 110) + service('DR', ['10.1.8.11 80']), 'ha2.conf': vrrp('BACKUP', 100) + service('DR', ['10.1.8.11']) } },
    {
      name: 'LVS-only directors without VRRP compared through the service',
      code: { 'lvs1.conf': service('NAT', ['10.1.8.11 8080']), 'lvs2.conf': service('NAT', ['10.1.8.11 8080']) },
    },
  ],
  invalid: [
    {
      name: 'a real server on one node only',
      code: { 'ha1.conf': vrrp('MASTER', 110) + service('DR', ['10.1.8.11 80', '10.1.8.12 80']), 'ha2.conf': vrrp('BACKUP', 100) + service('DR', ['10.1.8.11 80']) },
      errors: [
        {
          file: 'ha1.conf',
          line: 17,
          column: 17,
          message:
            'real_server 10.1.8.12 80 is in virtual_server 10.1.8.100 80 here but not in the same virtual_server of ha2.conf (line 10): while ha2.conf is MASTER this real server gets no traffic, and the others carry its share',
          severity: 'error',
        },
      ],
    },
    {
      name: 'NAT real servers on other ports are other servers',
      code: { 'lvs1.conf': service('NAT', ['10.1.8.11 8080']), 'lvs2.conf': service('NAT', ['10.1.8.11 8081']) },
      errors: [
        { file: 'lvs1.conf', line: 5, column: 17, message: /real_server 10\.1\.8\.11 8080 is in virtual_server 10\.1\.8\.100 80 here but not in the same virtual_server of lvs2\.conf \(line 1\)/ },
        { file: 'lvs2.conf', line: 5, column: 17, message: /real_server 10\.1\.8\.11 8081/ },
      ],
    },
  ],
});
