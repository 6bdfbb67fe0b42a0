import { equalPriorityElection } from '../../src/rules/equal-priority-election.js';
import { testRule } from '../rule-tester.js';

/** `lines` go after the interface line; the first of them is line 3. */
const node = (...lines: string[]) => `vrrp_instance web {
    interface eth0
${lines.map((l) => `    ${l}\n`).join('')}    virtual_router_id 51
    virtual_ipaddress {
        10.1.8.100/24
    }
}
`;
const unicast = (src: string, peer: string) => [`unicast_src_ip ${src}`, 'unicast_peer {', `    ${peer}`, '}'];
const strict = 'global_defs {\n    vrrp_strict\n}\n';

testRule(equalPriorityElection, {
  valid: [
    {
      name: 'a node named primary is no preference keepalived reads (only the configuration counts)',
      code: { 'lb1.conf': 'global_defs {\n    router_id lb-primary\n}\n' + node('state BACKUP', 'priority 100'), 'lb2.conf': 'global_defs {\n    router_id lb-standby\n}\n' + node('state BACKUP', 'priority 100') },
    },
    {
      name: 'equal priorities with nopreempt on both nodes: no fail-back, by design',
      code: {
        'lb1.conf': node('state BACKUP', 'priority 100', 'nopreempt', 'unicast_src_ip 10.0.0.1', 'unicast_peer {\n        10.0.0.2\n    }'),
        'lb2.conf': node('state BACKUP', 'priority 100', 'nopreempt', 'unicast_src_ip 10.0.0.2', 'unicast_peer {\n        10.0.0.1\n    }'),
      },
    },
    { name: 'equal BACKUPs on multicast: the addresses are not in the configurations', code: { 'ha1.conf': node('state BACKUP', 'priority 100'), 'ha2.conf': node('state BACKUP', 'priority 100') } },
    {
      name: 'different priorities with unicast sources (the corrected variant)',
      code: { 'ha1.conf': node('state BACKUP', 'priority 110', ...unicast('10.1.8.11', '10.1.8.12')), 'ha2.conf': node('state BACKUP', 'priority 100', ...unicast('10.1.8.12', '10.1.8.11')) },
    },
    { name: 'MASTER and BACKUP at equal priority is priority-conflict’s', code: { 'ha1.conf': node('state MASTER', 'priority 100'), 'ha2.conf': node('state BACKUP', 'priority 100') } },
    {
      name: 'strict mode with state MASTER at a higher priority',
      code: { 'ha1.conf': strict + node('state MASTER', 'priority 110'), 'ha2.conf': strict + node('state BACKUP', 'priority 100') },
    },
    {
      name: 'the node named primary has the higher priority (the corrected variant)',
      code: { 'lb-primary.conf': node('state BACKUP', 'priority 110', 'nopreempt'), 'lb-secondary.conf': node('state BACKUP', 'priority 100', 'nopreempt') },
    },
    { name: 'both nodes named alike', code: { 'lb-master-a.conf': node('state BACKUP', 'priority 100'), 'lb-master-b.conf': node('state BACKUP', 'priority 100') } },
  ],
  invalid: [
    {
      // vrrp.c vrrp_state_master_rx: "Master received advert from %s with same priority %d but
      // higher IP address than ours" — the higher source address wins between equal priorities.
      name: 'equal BACKUPs with unicast sources: the higher source address wins a simultaneous start',
      code: { 'ha1.conf': node('state BACKUP', 'priority 100', ...unicast('10.1.8.11', '10.1.8.12')), 'ha2.conf': node('state BACKUP', 'priority 100', ...unicast('10.1.8.12', '10.1.8.11')) },
      errors: [
        {
          file: 'ha1.conf',
          line: 4,
          column: 14,
          severity: 'warning',
          message:
            'vrrp_instance web has priority 100 here, the same as its peer in ha2.conf (line 4), and both start as BACKUP: the first node to start becomes MASTER and keeps the virtual IPs (an equal priority does not take over); when both start together the higher source address wins, 10.1.8.12 in ha2.conf against this node\'s 10.1.8.11. Give the node that should be MASTER the higher priority',
        },
        { file: 'ha2.conf', line: 4, column: 14, message: /the higher source address wins, this node's 10\.1\.8\.12 against 10\.1\.8\.11 in ha1\.conf/ },
      ],
    },
    {
      name: 'IPv6 sources compare as numbers',
      code: {
        'ha1.conf': node('state BACKUP', 'priority 100', ...unicast('2001:db8::a', '2001:db8::9')),
        'ha2.conf': node('state BACKUP', 'priority 100', ...unicast('2001:db8::9', '2001:db8::a')),
      },
      errors: [
        { file: 'ha1.conf', line: 4, column: 14, message: /this node's 2001:db8::a against 2001:db8::9 in ha2\.conf/ },
        { file: 'ha2.conf', line: 4, column: 14, message: /2001:db8::a in ha1\.conf against this node's 2001:db8::9/ },
      ],
    },
    {
      name: 'state MASTER that strict mode runs as BACKUP, at the same priority',
      code: { 'ha1.conf': strict + node('state MASTER', 'priority 100'), 'ha2.conf': strict + node('state BACKUP', 'priority 100') },
      errors: [
        {
          file: 'ha1.conf',
          line: 7,
          column: 14,
          message:
            'vrrp_instance web has priority 100 here, the same as its peer in ha2.conf (line 7), and both start as BACKUP: the first node to start becomes MASTER and keeps the virtual IPs (an equal priority does not take over); when both start together the node with the higher primary address on the segment wins. state MASTER here does not prefer this node: strict mode: "State MASTER must match being address owner". Give the node that should be MASTER the higher priority',
        },
        { file: 'ha2.conf', line: 7, column: 14, message: /state MASTER in ha1\.conf does not prefer that node: strict mode/ },
      ],
    },
  ],
});
