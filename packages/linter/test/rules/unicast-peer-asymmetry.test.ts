import { unicastPeerAsymmetry } from '../../src/rules/unicast-peer-asymmetry.js';
import { testRule } from '../rule-tester.js';

const node = (state: string, priority: number, source?: string, peers: string[] = []) => `vrrp_instance web {
    state ${state}
    interface eth0
    virtual_router_id 51
    priority ${priority}
${source ? `    unicast_src_ip ${source}\n` : ''}${peers.length > 0 ? `    unicast_peer {\n${peers.map((p) => `        ${p}\n`).join('')}    }\n` : ''}    virtual_ipaddress {
        10.1.8.100/24
    }
}
`;

/** A node of one of two clusters that both kept the sample's name VI_1, on one VRID. */
const vi1 = (vip: string, source: string, peer: string) => `vrrp_instance VI_1 {
    interface eth0
    virtual_router_id 51
    unicast_src_ip ${source}
    unicast_peer {
        ${peer}
    }
    virtual_ipaddress {
        ${vip}
    }
}
`;

testRule(unicastPeerAsymmetry, {
  valid: [
    {
      name: 'two clusters named VI_1 on one VRID with disjoint unicast peers never meet, they are not peers',
      code: {
        'a1.conf': vi1('10.0.0.100/24', '10.0.0.1', '10.0.0.2'),
        'a2.conf': vi1('10.0.0.100/24', '10.0.0.2', '10.0.0.1'),
        'b1.conf': vi1('10.0.0.200/24', '10.0.0.3', '10.0.0.4'),
        'b2.conf': vi1('10.0.0.200/24', '10.0.0.4', '10.0.0.3'),
      },
    },
    { name: 'each lists the other', code: { 'ha1.conf': node('MASTER', 110, '10.1.8.1', ['10.1.8.2']), 'ha2.conf': node('BACKUP', 100, '10.1.8.2', ['10.1.8.1']) } },
    { name: 'both multicast', code: { 'ha1.conf': node('MASTER', 110), 'ha2.conf': node('BACKUP', 100) } },
    {
      name: 'three nodes, each listing the two others',
      code: {
        'n1.conf': node('MASTER', 110, '10.1.8.1', ['10.1.8.2', '10.1.8.3']),
        'n2.conf': node('BACKUP', 100, '10.1.8.2', ['10.1.8.1', '10.1.8.3']),
        'n3.conf': node('BACKUP', 90, '10.1.8.3', ['10.1.8.2', '10.1.8.1']),
      },
    },
    { name: 'without unicast_src_ip the source is not known', code: { 'ha1.conf': node('MASTER', 110, undefined, ['10.1.8.2']), 'ha2.conf': node('BACKUP', 100, undefined, ['10.1.8.1']) } },
    {
      name: 'an extra address alone may be a node outside this run',
      code: { 'ha1.conf': node('MASTER', 110, '10.1.8.1', ['10.1.8.2', '10.1.8.3']), 'ha2.conf': node('BACKUP', 100, '10.1.8.2', ['10.1.8.1']) },
    },
    {
      name: 'placeholders are not addresses',
      code: { 'ha1.conf': node('MASTER', 110, '[main_ip]', ['[backup_ip]']), 'ha2.conf': node('BACKUP', 100, '[main_ip]', ['[backup_ip]']) },
    },
  ],
  invalid: [
    {
      name: "a peer list without the other node's source",
      code: { 'ha1.conf': node('MASTER', 110, '10.1.8.1', ['10.1.8.3']), 'ha2.conf': node('BACKUP', 100, '10.1.8.2', ['10.1.8.1']) },
      errors: [
        {
          file: 'ha1.conf',
          line: 7,
          column: 5,
          message:
            "vrrp_instance web: unicast_peer here does not list 10.1.8.2, the unicast_src_ip of its peer in ha2.conf (line 6) (it lists 10.1.8.3, which no node of this run sends from): this node's adverts never reach that peer, so whenever this node is MASTER the peer becomes MASTER as well (split brain)",
          severity: 'error',
        },
      ],
    },
    {
      name: 'unicast on one node, multicast on the other',
      code: { 'ha1.conf': node('MASTER', 110, '10.1.8.1', ['10.1.8.2']), 'ha2.conf': node('BACKUP', 100) },
      errors: [
        { file: 'ha1.conf', line: 7, column: 5, message: /sends its adverts by unicast to 10\.1\.8\.2 here, but its peer in ha2\.conf \(line 1\) has no unicast_peer and uses multicast/ },
        { file: 'ha2.conf', line: 1, column: 15, message: /uses multicast here \(no unicast_peer\), but its peer in ha1\.conf \(line 7\) sends unicast adverts/ },
      ],
    },
    {
      name: 'a third node missing from one list',
      code: {
        'n1.conf': node('MASTER', 110, '10.1.8.1', ['10.1.8.2']),
        'n2.conf': node('BACKUP', 100, '10.1.8.2', ['10.1.8.1', '10.1.8.3']),
        'n3.conf': node('BACKUP', 90, '10.1.8.3', ['10.1.8.2', '10.1.8.1']),
      },
      errors: [{ file: 'n1.conf', line: 7, column: 5, message: /does not list 10\.1\.8\.3, the unicast_src_ip of its peer in n3\.conf \(line 6\):/ }],
    },
  ],
});
