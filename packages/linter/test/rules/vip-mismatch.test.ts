import { vipMismatch } from '../../src/rules/vip-mismatch.js';
import { testRule } from '../rule-tester.js';

const node = (state: string, priority: number, vips: string[]) => `vrrp_instance web {
    state ${state}
    interface eth0
    virtual_router_id 51
    priority ${priority}
    virtual_ipaddress {
${vips.map((v) => `        ${v}\n`).join('')}    }
}
`;

/** A node of one of two clusters that both kept the sample's name VI_1. */
const vi1 = (vrid: number, vip: string, extra = '') => `vrrp_instance VI_1 {
    interface eth0
    virtual_router_id ${vrid}
${extra}    virtual_ipaddress {
        ${vip}
    }
}
`;

testRule(vipMismatch, {
  valid: [
    {
      name: 'two clusters named VI_1 on VRIDs 51 and 52 with their own VIPs are not peers',
      code: { 'a1.conf': vi1(51, '10.0.0.100/24'), 'a2.conf': vi1(51, '10.0.0.100/24'), 'b1.conf': vi1(52, '10.0.0.200/24'), 'b2.conf': vi1(52, '10.0.0.200/24') },
    },
    {
      name: 'the same two clusters on one VRID and one network collide (vrid-collision), they are not peers',
      code: { 'a1.conf': vi1(51, '10.0.0.100/24'), 'a2.conf': vi1(51, '10.0.0.100/24'), 'b1.conf': vi1(51, '10.0.0.200/24'), 'b2.conf': vi1(51, '10.0.0.200/24') },
    },
    {
      name: 'the same two clusters on one VRID with disjoint unicast peers never meet',
      code: {
        'a1.conf': vi1(51, '10.0.0.100/24', '    unicast_src_ip 10.0.0.1\n    unicast_peer {\n        10.0.0.2\n    }\n'),
        'a2.conf': vi1(51, '10.0.0.100/24', '    unicast_src_ip 10.0.0.2\n    unicast_peer {\n        10.0.0.1\n    }\n'),
        'b1.conf': vi1(51, '10.0.0.200/24', '    unicast_src_ip 10.0.0.3\n    unicast_peer {\n        10.0.0.4\n    }\n'),
        'b2.conf': vi1(51, '10.0.0.200/24', '    unicast_src_ip 10.0.0.4\n    unicast_peer {\n        10.0.0.3\n    }\n'),
      },
    },
    { name: 'one IPv6 address written two ways', code: { 'ha1.conf': node('MASTER', 110, ['2001:db8::100/64']), 'ha2.conf': node('BACKUP', 100, ['2001:DB8:0::100/64']) } },
    { name: 'same set, other order', code: { 'ha1.conf': node('MASTER', 110, ['10.1.8.100/24', '10.1.8.101/24']), 'ha2.conf': node('BACKUP', 100, ['10.1.8.101/24', '10.1.8.100/24']) } },
    { name: 'no prefix is /32', code: { 'ha1.conf': node('MASTER', 110, ['10.1.8.100']), 'ha2.conf': node('BACKUP', 100, ['10.1.8.100/32 dev eth0']) } },
    {
      name: 'a stray word keepalived skips is left to the single-file rules',
      code: { 'ha1.conf': node('MASTER', 110, ['10.1.8.100']), 'ha2.conf': node('BACKUP', 100, ['Indicamos la ip virtual', '10.1.8.100']) },
    },
  ],
  invalid: [
    {
      name: 'an address on one node only',
      code: { 'ha1.conf': node('MASTER', 110, ['10.1.8.100/24', '10.1.8.101/24']), 'ha2.conf': node('BACKUP', 100, ['10.1.8.100/24']) },
      errors: [
        {
          file: 'ha1.conf',
          line: 8,
          column: 9,
          message:
            "vrrp_instance web: virtual_ipaddress differs from its peer's, compared with ha2.conf (line 6): 10.1.8.101/24 only here. After a failover the new MASTER brings up a different set of addresses: the ones it lacks stop answering, a different prefix changes the subnet route",
          severity: 'error',
        },
        { file: 'ha2.conf', line: 6, column: 5, message: /compared with ha1\.conf \(line 6\): 10\.1\.8\.101\/24 only in ha1\.conf/ },
      ],
    },
    {
      name: 'keepalived before 2.3.3 drops adverts whose addresses differ: split brain',
      code: { 'ha1.conf': node('MASTER', 110, ['10.1.8.100/24', '10.1.8.101/24']), 'ha2.conf': node('BACKUP', 100, ['10.1.8.100/24']) },
      options: { targetVersion: '2.2.7' },
      errors: [
        {
          file: 'ha1.conf',
          line: 8,
          column: 9,
          message:
            'vrrp_instance web: virtual_ipaddress differs from its peer\'s, compared with ha2.conf (line 6): 10.1.8.101/24 only here. keepalived 2.2.7 drops every advert whose addresses differ from its own (it logs "(web) expected 2 VIPs but received 1"), so the nodes never hear each other and each becomes MASTER with its own set (split brain)',
        },
        { file: 'ha2.conf', line: 6, column: 5, message: /only in ha1\.conf\. keepalived 2\.2\.7 drops every advert whose addresses differ from its own \(it logs "\(web\) expected 1 VIPs but received 2"\)/ },
      ],
    },
    {
      name: 'a different prefix is not in the advert: keepalived 2.2.7 takes it',
      code: { 'ha1.conf': node('MASTER', 110, ['10.1.8.100/24']), 'ha2.conf': node('BACKUP', 100, ['10.1.8.100']) },
      options: { targetVersion: '2.2.7' },
      errors: [
        { file: 'ha1.conf', line: 7, column: 9, message: /After a failover the new MASTER brings up a different set of addresses/ },
        { file: 'ha2.conf', line: 7, column: 9, message: /After a failover/ },
      ],
    },
    {
      name: 'same address, different prefix',
      code: { 'ha1.conf': node('MASTER', 110, ['10.1.8.100/24']), 'ha2.conf': node('BACKUP', 100, ['10.1.8.100']) },
      errors: [
        { file: 'ha1.conf', line: 7, column: 9, message: /10\.1\.8\.100\/24 here but 10\.1\.8\.100\/32 in ha2\.conf \(line 7\)/ },
        { file: 'ha2.conf', line: 7, column: 9, message: /10\.1\.8\.100\/32 here but 10\.1\.8\.100\/24 in ha1\.conf \(line 7\)/ },
      ],
    },
  ],
});
