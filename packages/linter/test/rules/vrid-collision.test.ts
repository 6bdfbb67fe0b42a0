import { vridCollision } from '../../src/rules/vrid-collision.js';
import { testRule } from '../rule-tester.js';

/** A node of a cluster: the VRID is on line 3. */
const node = (vrid: number, vip: string, extra = '', name = 'VI_1') => `vrrp_instance ${name} {
    interface eth0
    virtual_router_id ${vrid}
${extra}    virtual_ipaddress {
        ${vip}
    }
}
`;
const unicast = (source: string, ...peers: string[]) => `    unicast_src_ip ${source}\n    unicast_peer {\n${peers.map((p) => `        ${p}\n`).join('')}    }\n`;
const pass = (word: string) => `    authentication {\n        auth_type PASS\n        auth_pass ${word}\n    }\n`;

/** Two clusters that both kept the sample's name VI_1. */
const twoClusters = (a: number, b: number, extra: [string, string, string, string] = ['', '', '', '']) => ({
  'a1.conf': node(a, '10.0.0.100/24', extra[0]),
  'a2.conf': node(a, '10.0.0.100/24', extra[1]),
  'b1.conf': node(b, '10.0.0.200/24', extra[2]),
  'b2.conf': node(b, '10.0.0.200/24', extra[3]),
});

const merged =
  'VRRP has one virtual router per VRID on a segment, and keepalived 2.4.3 only logs "(VI_1) ip address associated with VRID 51 not present in advert from its address: 10.0.0.100" and takes their adverts as this virtual router\'s: ' +
  "the nodes of both clusters elect one MASTER for VRID 51 between them, so only the winner's virtual IPs are up and the other cluster's stop answering. Give one of the clusters another virtual_router_id";

testRule(vridCollision, {
  valid: [
    { name: 'two clusters named VI_1 on VRIDs 51 and 52', code: twoClusters(51, 52) },
    {
      name: 'the same two clusters on one VRID with disjoint unicast peers never meet',
      code: twoClusters(51, 51, [unicast('10.0.0.1', '10.0.0.2'), unicast('10.0.0.2', '10.0.0.1'), unicast('10.0.0.3', '10.0.0.4'), unicast('10.0.0.4', '10.0.0.3')]),
    },
    {
      name: 'one VRID on two networks',
      code: { 'a1.conf': node(51, '10.0.0.100/24'), 'a2.conf': node(51, '10.0.0.100/24'), 'b1.conf': node(51, '10.9.0.200/24'), 'b2.conf': node(51, '10.9.0.200/24') },
    },
    {
      name: 'nothing says the clusters share a segment (host addresses, no configured segment)',
      code: { 'a1.conf': node(51, '10.0.0.100'), 'a2.conf': node(51, '10.0.0.100'), 'b1.conf': node(51, '10.0.0.200'), 'b2.conf': node(51, '10.0.0.200') },
    },
    { name: 'the two nodes of one cluster', code: { 'ha1.conf': node(51, '10.0.0.100/24'), 'ha2.conf': node(51, '10.0.0.100/24') } },
  ],
  invalid: [
    {
      name: 'the same two clusters on one VRID, multicast on one network',
      code: twoClusters(51, 51),
      errors: [
        {
          file: 'a1.conf',
          line: 3,
          column: 23,
          message:
            'vrrp_instance VI_1 (virtual_router_id 51) hears the adverts of vrrp_instance VI_1 in b1.conf (line 3) and b2.conf (line 3), of another cluster on the same VRID ' +
            `(10.0.0.100/24 here and 10.0.0.200/24 in b1.conf and b2.conf are on 10.0.0.0/24): ${merged}`,
          severity: 'error',
        },
        { file: 'a2.conf', line: 3, column: 23, message: /hears the adverts of vrrp_instance VI_1 in b1\.conf \(line 3\) and b2\.conf \(line 3\)/ },
        { file: 'b1.conf', line: 3, column: 23, message: /hears the adverts of vrrp_instance VI_1 in a1\.conf \(line 3\) and a2\.conf \(line 3\), of another cluster/ },
        { file: 'b2.conf', line: 3, column: 23, message: /not present in advert from its address: 10\.0\.0\.200"/ },
      ],
    },
    {
      name: 'keepalived 2.2.7 drops adverts whose virtual IPs differ: each cluster keeps its MASTER (a warning)',
      code: twoClusters(51, 51),
      options: { targetVersion: '2.2.7' },
      errors: [
        {
          file: 'a1.conf',
          line: 3,
          column: 23,
          message:
            /VRRP has one virtual router per VRID on a segment, and keepalived 2\.2\.7 drops each of their adverts because their virtual IPs differ, logging "\(VI_1\) ip address associated with VRID 51 not present in MASTER advert: 10\.0\.0\.100" every advert interval, so each cluster still elects its own MASTER; from 2\.3\.3 keepalived only logs that and takes the advert, and the two clusters elect one MASTER between them\. Give one/,
          severity: 'warning',
        },
        { file: 'a2.conf', line: 3, column: 23, severity: 'warning' },
        { file: 'b1.conf', line: 3, column: 23, severity: 'warning' },
        { file: 'b2.conf', line: 3, column: 23, severity: 'warning' },
      ],
    },
    {
      name: 'different passwords make them drop each other in any release',
      code: twoClusters(51, 51, [pass('secret12'), pass('secret12'), pass('other123'), pass('other123')]),
      errors: [
        { file: 'a1.conf', line: 3, column: 23, message: /drops each of their adverts because their authentication differs, logging "\(VI_1\) received an invalid passwd!"/, severity: 'warning' },
        { file: 'a2.conf', line: 3, column: 23 },
        { file: 'b1.conf', line: 3, column: 23 },
        { file: 'b2.conf', line: 3, column: 23 },
      ],
    },
    {
      name: 'a unicast peer list that reaches into the other cluster',
      code: twoClusters(51, 51, [unicast('10.0.0.1', '10.0.0.2', '10.0.0.3'), unicast('10.0.0.2', '10.0.0.1'), unicast('10.0.0.3', '10.0.0.4'), unicast('10.0.0.4', '10.0.0.3')]),
      errors: [
        {
          file: 'a1.conf',
          line: 3,
          column: 23,
          message: /hears the adverts of vrrp_instance VI_1 in b1\.conf \(line 3\), of another cluster on the same VRID \(this node sends its adverts to 10\.0\.0\.3, the unicast_src_ip of b1\.conf\): .*not present in advert from 10\.0\.0\.3: 10\.0\.0\.100/,
        },
        { file: 'b1.conf', line: 3, column: 23, message: /\(a1\.conf sends its adverts to 10\.0\.0\.3, the unicast_src_ip here\)/ },
      ],
    },
    {
      name: 'a lone instance on the network of a pair',
      code: { 'ha1.conf': node(51, '10.1.8.100/24', '', 'web'), 'ha2.conf': node(51, '10.1.8.100/24', '', 'web'), 'db.conf': node(51, '10.1.8.200/24', '', 'db') },
      errors: [
        { file: 'ha1.conf', line: 3, column: 23, message: /^vrrp_instance web \(virtual_router_id 51\) hears the adverts of vrrp_instance db in db\.conf \(line 3\), of another virtual router on the same VRID/ },
        { file: 'ha2.conf', line: 3, column: 23 },
        { file: 'db.conf', line: 3, column: 23, message: /^vrrp_instance db \(virtual_router_id 51\) hears the adverts of vrrp_instance web in ha1\.conf \(line 3\) and ha2\.conf \(line 3\), of another cluster/ },
      ],
    },
    {
      name: 'host addresses, but the kalint configuration puts the four nodes on one segment',
      code: { 'a1.conf': node(51, '10.0.0.100'), 'a2.conf': node(51, '10.0.0.100'), 'b1.conf': node(51, '10.0.0.200'), 'b2.conf': node(51, '10.0.0.200') },
      options: { segments: { lan: { networks: ['10.0.0.0/24'] } } },
      errors: [
        { file: 'a1.conf', line: 3, column: 23, message: /\(this node and .* are on segment lan of the kalint configuration\)/ },
        { file: 'a2.conf', line: 3, column: 23 },
        { file: 'b1.conf', line: 3, column: 23 },
        { file: 'b2.conf', line: 3, column: 23 },
      ],
    },
  ],
});
