import { vridMismatch } from '../../src/rules/vrid-mismatch.js';
import { testRule } from '../rule-tester.js';

const node = (name: string, vrid: number, state: string, priority: number, vip = '10.1.8.100/24') => `vrrp_instance ${name} {
    state ${state}
    interface eth0
    virtual_router_id ${vrid}
    priority ${priority}
    virtual_ipaddress {
        ${vip}
    }
}
`;

testRule(vridMismatch, {
  valid: [
    { name: 'same VRID on both peers', code: { 'ha1.conf': node('web', 51, 'MASTER', 110), 'ha2.conf': node('web', 51, 'BACKUP', 100) } },
    { name: 'a single node', code: node('web', 51, 'MASTER', 110) },
    {
      name: 'the same name with other VRIDs and other VIPs: two routers that both kept the sample name',
      code: { 'ha1.conf': node('VI_1', 51, 'MASTER', 110), 'ha2.conf': node('VI_1', 52, 'BACKUP', 100, '10.1.8.200/24') },
    },
    {
      name: 'two clusters named VI_1 on VRIDs 51 and 52 with their own VIPs',
      code: {
        'a1.conf': node('VI_1', 51, 'MASTER', 110),
        'a2.conf': node('VI_1', 51, 'BACKUP', 100),
        'b1.conf': node('VI_1', 52, 'MASTER', 110, '10.1.8.200/24'),
        'b2.conf': node('VI_1', 52, 'BACKUP', 100, '10.1.8.200/24'),
      },
    },
    {
      name: 'unrelated instances (other name, other VIP) may use other VRIDs',
      code: { 'ha1.conf': node('web', 51, 'MASTER', 110), 'ha2.conf': node('db', 52, 'BACKUP', 100, '10.1.8.200/24') },
    },
  ],
  invalid: [
    {
      name: 'same name, different VRID: reported in both files',
      code: { 'ha1.conf': node('web', 51, 'MASTER', 110), 'ha2.conf': node('web', 52, 'BACKUP', 100) },
      errors: [
        {
          file: 'ha1.conf',
          line: 4,
          column: 23,
          message:
            'vrrp_instance web has virtual_router_id 51 here but 52 in ha2.conf (line 4) with the same virtual IP 10.1.8.100: the nodes run separate virtual routers that never hear each other, so each becomes MASTER and holds the virtual IPs at the same time (split brain)',
          severity: 'error',
        },
        { file: 'ha2.conf', line: 4, column: 23, message: /virtual_router_id 52 here but 51 in ha1\.conf \(line 4\)/ },
      ],
    },
    {
      name: 'different names but the same VIP',
      code: { 'a/keepalived.conf': node('VI_1', 10, 'MASTER', 110), 'b/keepalived.conf': node('VI_2', 11, 'BACKUP', 100) },
      errors: [
        { file: 'a/keepalived.conf', line: 4, column: 23, message: /virtual_router_id 10 here but 11 in b\/keepalived\.conf \(line 4\)/ },
        { file: 'b/keepalived.conf', line: 4, column: 23, message: /11 here but 10 in a\/keepalived\.conf/ },
      ],
    },
  ],
});
