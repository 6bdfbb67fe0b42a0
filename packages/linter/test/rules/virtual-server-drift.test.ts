import { virtualServerDrift } from '../../src/rules/virtual-server-drift.js';
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
/** Starts at line 10 after `vrrp(...)`: lb_algo on line 12, the real server on 15, TCP_CHECK on 16. */
const service = (settings: string, check = 'connect_timeout 3') => `virtual_server 10.1.8.100 80 {
    delay_loop 6
${settings}    protocol TCP
    real_server 10.1.8.11 80 {
        TCP_CHECK {
            ${check}
        }
    }
}
`;
const rr = '    lb_algo rr\n    lb_kind DR\n';

testRule(virtualServerDrift, {
  valid: [
    { name: 'identical services', code: { 'ha1.conf': vrrp('MASTER', 110) + service(rr), 'ha2.conf': vrrp('BACKUP', 100) + service(rr) } },
    {
      name: 'an absent lb_algo is wlc, an absent lb_kind NAT',
      code: { 'ha1.conf': vrrp('MASTER', 110) + service('    lb_algo wlc\n    lb_kind NAT\n'), 'ha2.conf': vrrp('BACKUP', 100) + service('') },
    },
    {
      name: 'a checker timeout set to the default on one side only',
      code: { 'ha1.conf': vrrp('MASTER', 110) + service(rr, 'connect_timeout 5'), 'ha2.conf': vrrp('BACKUP', 100) + service(rr, 'connect_port 80') },
    },
    {
      name: 'a service on a non-VIP address of one node is not expected on the other',
      code: { 'ha1.conf': vrrp('MASTER', 110) + service(rr).replace('10.1.8.100 80', '10.1.8.1 80'), 'ha2.conf': vrrp('BACKUP', 100) },
    },
    {
      name: 'files that are not VRRP peers are not compared',
      code: { 'a.conf': vrrp('MASTER', 110) + service(rr), 'b.conf': vrrp('MASTER', 110).replace(/10\.1\.8\.100/, '10.2.0.1').replace('web', 'other').replace('51', '60') + service('') },
    },
  ],
  invalid: [
    {
      name: 'different scheduler',
      code: { 'ha1.conf': vrrp('MASTER', 110) + service(rr), 'ha2.conf': vrrp('BACKUP', 100) + service('    lb_algo wrr\n    lb_kind DR\n') },
      errors: [
        {
          file: 'ha1.conf',
          line: 12,
          column: 13,
          message: 'virtual_server 10.1.8.100 80 has lb_algo rr here but lb_algo wrr in ha2.conf (line 12): after a failover the service is balanced differently',
          severity: 'error',
        },
        { file: 'ha2.conf', line: 12, column: 13, message: /lb_algo wrr here but lb_algo rr in ha1\.conf \(line 12\)/ },
      ],
    },
    {
      name: 'lb_kind written on one side, the default on the other',
      code: { 'ha1.conf': vrrp('MASTER', 110) + service('    lb_kind DR\n'), 'ha2.conf': vrrp('BACKUP', 100) + service('') },
      errors: [
        { file: 'ha1.conf', line: 12, column: 13, message: /lb_kind DR here but lb_kind NAT \(no lb_kind line: keepalived's default\) in ha2\.conf \(line 10\)/ },
        { file: 'ha2.conf', line: 10, column: 16, message: /lb_kind NAT \(no lb_kind line: keepalived's default\) here but lb_kind DR in ha1\.conf \(line 12\)/ },
      ],
    },
    {
      name: 'a checker setting differs',
      code: { 'ha1.conf': vrrp('MASTER', 110) + service(rr), 'ha2.conf': vrrp('BACKUP', 100) + service(rr, 'connect_timeout 10') },
      errors: [
        { file: 'ha1.conf', line: 17, column: 29, message: /TCP_CHECK of real_server 10\.1\.8\.11 80 \(virtual_server 10\.1\.8\.100 80\) has connect_timeout 3 here but 10 in ha2\.conf \(line 17\)/ },
        { file: 'ha2.conf', line: 17, column: 29, message: /connect_timeout 10 here but 3 in ha1\.conf/ },
      ],
    },
    {
      name: 'a different checker kind',
      code: { 'ha1.conf': vrrp('MASTER', 110) + service(rr), 'ha2.conf': vrrp('BACKUP', 100) + service(rr).replace('TCP_CHECK', 'MISC_CHECK').replace('connect_timeout 3', 'misc_path /bin/true') },
      errors: [
        { file: 'ha1.conf', line: 16, column: 9, message: /is checked by TCP_CHECK here but by MISC_CHECK in ha2\.conf \(line 16\)/ },
        { file: 'ha2.conf', line: 16, column: 9, message: /is checked by MISC_CHECK here but by TCP_CHECK in ha1\.conf/ },
      ],
    },
    {
      name: 'a service on the shared VIP exists on one node only',
      code: { 'ha1.conf': vrrp('MASTER', 110) + service(rr), 'ha2.conf': vrrp('BACKUP', 100) },
      errors: [
        {
          file: 'ha1.conf',
          line: 10,
          column: 16,
          message:
            'virtual_server 10.1.8.100 80 (DR) exists here only: 10.1.8.100 is a virtual IP of vrrp_instance web, which fails over to ha2.conf, but ha2.conf has no such virtual_server. After a failover the service is not balanced any more',
        },
      ],
    },
  ],
});
