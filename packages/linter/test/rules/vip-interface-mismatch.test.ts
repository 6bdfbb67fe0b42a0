import { vipInterfaceMismatch } from '../../src/rules/vip-interface-mismatch.js';
import { testRule } from '../rule-tester.js';

/** The VIP line is line 7. */
const node = (iface: string, vip: string, priority = 100) => `vrrp_instance web {
    state BACKUP
    interface ${iface}
    priority ${priority}
    virtual_router_id 51
    virtual_ipaddress {
        ${vip}
    }
}
`;

testRule(vipInterfaceMismatch, {
  valid: [
    { name: 'same dev on both', code: { 'ha1.conf': node('eth0', '10.1.8.100/24 dev eth1'), 'ha2.conf': node('eth0', '10.1.8.100/24 dev eth1', 90) } },
    { name: 'no dev on either', code: { 'ha1.conf': node('eth0', '10.1.8.100/24'), 'ha2.conf': node('eth0', '10.1.8.100/24', 90) } },
    { name: 'dev naming the own interface equals no dev', code: { 'ha1.conf': node('eth0', '10.1.8.100/24 dev eth0'), 'ha2.conf': node('eth0', '10.1.8.100/24', 90) } },
    {
      name: 'hosts with other interface names, both on a second card: names cannot be compared',
      code: { 'ha1.conf': node('eth0', '10.1.8.100/24 dev eth1'), 'ha2.conf': node('ens192', '10.1.8.100/24 dev ens224', 90) },
    },
    {
      // keepalived.conf(5), virtual_ipaddress: "192.168.200.18/24 dev eth2 label eth2:1".
      name: "the manual's line on both nodes",
      code: { 'ha1.conf': node('eth0', '192.168.200.18/24 dev eth2 label eth2:1'), 'ha2.conf': node('eth0', '192.168.200.18/24 dev eth2 label eth2:1', 90) },
    },
    { name: 'labels of the same role on differently named interfaces', code: { 'ha1.conf': node('eth0', '10.1.8.100/24 label eth0:vip'), 'ha2.conf': node('ens192', '10.1.8.100/24 label ens192:vip', 90) } },
  ],
  invalid: [
    {
      name: 'dev on one node only',
      code: { 'ha1.conf': node('eth0', '10.1.8.100/24 dev eth1'), 'ha2.conf': node('eth0', '10.1.8.100/24', 90) },
      errors: [
        {
          file: 'ha1.conf',
          line: 7,
          column: 27,
          severity: 'error',
          message:
            "vrrp_instance web adds virtual IP 10.1.8.100/24 on eth1 (dev eth1) here, but its peer in ha2.conf (line 7) adds it on eth0, the instance's interface: each MASTER adds the address as its own configuration says, so after a failover the VIP is on another interface than on this node",
        },
        { file: 'ha2.conf', line: 7, column: 9, message: /adds virtual IP 10\.1\.8\.100\/24 on eth0, the instance's interface here, but its peer in ha1\.conf \(line 7\) adds it on eth1 \(dev eth1\)/ },
      ],
    },
    {
      name: 'two different cards with the same interface naming',
      code: { 'ha1.conf': node('eth0', '10.1.8.100/24 dev eth1'), 'ha2.conf': node('eth0', '10.1.8.100/24 dev eth2', 90) },
      errors: [
        { file: 'ha1.conf', line: 7, column: 27, message: /on eth1 \(dev eth1\) here, but its peer in ha2\.conf \(line 7\) adds it on eth2 \(dev eth2\)/ },
        { file: 'ha2.conf', line: 7, column: 27, message: /on eth2 \(dev eth2\) here/ },
      ],
    },
    {
      // The manual's example line on one node, the label left out on the other.
      name: 'a label on one node only',
      code: { 'ha1.conf': node('eth0', '192.168.200.18/24 dev eth2 label eth2:1'), 'ha2.conf': node('eth0', '192.168.200.18/24 dev eth2', 90) },
      errors: [
        {
          file: 'ha1.conf',
          line: 7,
          column: 42,
          severity: 'warning',
          message:
            'vrrp_instance web adds virtual IP 192.168.200.18/24 with label eth2:1 here, but its peer in ha2.conf (line 7) adds it with no label: after a failover the address carries another label, so tools and scripts that look for it by label (ifconfig aliases, ip addr show label) miss it on one node',
        },
        { file: 'ha2.conf', line: 7, column: 9, message: /with no label here, but its peer in ha1\.conf \(line 7\) adds it with label eth2:1/ },
      ],
    },
    {
      name: 'different labels',
      code: { 'ha1.conf': node('eth0', '10.1.8.100/24 label eth0:1'), 'ha2.conf': node('eth0', '10.1.8.100/24 label eth0:2', 90) },
      errors: [
        { file: 'ha1.conf', line: 7, column: 29, message: /with label eth0:1 here, but its peer in ha2\.conf \(line 7\) adds it with label eth0:2/ },
        { file: 'ha2.conf', line: 7, column: 29, message: /with label eth0:2 here/ },
      ],
    },
  ],
});
