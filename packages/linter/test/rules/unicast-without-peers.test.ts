import { unicastWithoutPeers } from '../../src/rules/unicast-without-peers.js';
import { testRule } from '../rule-tester.js';

const instance = (lines: string) => `vrrp_instance VI_1 {
    interface ens33
    virtual_router_id 51
${lines}    virtual_ipaddress {
        10.1.8.100/24
    }
}
`;

testRule(unicastWithoutPeers, {
  valid: [
    { name: 'source address and peers', code: instance('    unicast_src_ip 10.1.8.11\n    unicast_peer {\n        10.1.8.12\n    }\n') },
    { name: 'plain multicast', code: instance('') },
    { name: 'unicast_fault_no_peer asks for FAULT instead', code: instance('    unicast_src_ip 10.1.8.11\n    unicast_fault_no_peer\n') },
    // mcast_src_ip is a multicast instance's source address.
    { name: 'mcast_src_ip only', code: instance('    mcast_src_ip 10.1.8.11\n') },
  ],
  invalid: [
    {
      name: 'unicast_src_ip without peers',
      code: instance('    unicast_src_ip 10.1.8.11\n'),
      errors: [
        {
          line: 4,
          column: 5,
          severity: 'warning',
          message:
            'unicast_src_ip makes VI_1 a unicast instance, but it has no unicast peers: keepalived reports "A unicast keyword has been specified without any unicast peers" and sends multicast adverts instead (a deprecated fallback). Add unicast_peer { <peer address> }, or remove the unicast keywords.',
        },
      ],
    },
    {
      name: 'only placeholder peers',
      code: instance('    unicast_peer {\n        <peer_ip>\n    }\n'),
      errors: [{ line: 4, column: 5, message: /but it has no valid unicast peers/ }],
    },
    {
      // keepalived drops a peer of the other family, so the instance has none and multicasts.
      name: 'only peers of the other family',
      code: instance('    unicast_src_ip 10.1.8.11\n    unicast_peer {\n        fe80::2\n    }\n'),
      errors: [{ line: 4, column: 5, message: /^unicast_src_ip makes VI_1 a unicast instance, but it has no valid unicast peers/ }],
    },
    {
      name: 'check_unicast_src without peers',
      code: instance('    check_unicast_src\n'),
      errors: [{ line: 4, column: 5, message: /^check_unicast_src makes VI_1 a unicast instance, but it has no unicast peers/ }],
    },
    {
      name: 'unicast_ttl without peers',
      code: instance('    unicast_ttl 5\n'),
      errors: [{ line: 4, column: 5, message: /^unicast_ttl in VI_1, which has no unicast peers: keepalived reports "Cannot use unicast_ttl without unicast peers"/ }],
    },
  ],
});
