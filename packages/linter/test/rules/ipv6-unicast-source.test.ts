import { ipv6UnicastSource } from '../../src/rules/ipv6-unicast-source.js';
import { testRule } from '../rule-tester.js';

const instance = (lines: string) => `vrrp_instance VI_6 {
    interface ens33
    virtual_router_id 61
    priority 100
${lines}    virtual_ipaddress {
        2001:db8::100/64
    }
}
`;
const PEERS = '    unicast_peer {\n        2001:db8::12\n    }\n';

testRule(ipv6UnicastSource, {
  valid: [
    // The corrected variant.
    { name: 'with unicast_src_ip', code: instance('    unicast_src_ip 2001:db8::11\n' + PEERS) },
    // Both ends on link-local addresses: what keepalived sends from is what the peer lists.
    { name: 'link-local peers', code: instance('    unicast_peer {\n        fe80::12\n    }\n') },
    { name: 'IPv6 multicast', code: instance('') },
    { name: 'IPv4 unicast without unicast_src_ip', code: instance('    unicast_peer {\n        10.1.8.12\n    }\n').replace('2001:db8::100/64', '10.1.8.100/24') },
  ],
  invalid: [
    {
      // keepalived_netlink.c keeps only link-local IPv6 addresses as the interface's address
      // ("We are only interested in link local for IPv6"); vrrp.c binds the unicast receive socket to it.
      name: 'IPv6 unicast peers without unicast_src_ip',
      code: instance(PEERS),
      errors: [
        {
          line: 5,
          column: 5,
          severity: 'error',
          message:
            "VI_6 is an IPv6 unicast instance without unicast_src_ip: keepalived takes ens33's link-local address as its source, sends its adverts from it and listens for adverts on it alone. Its peers send theirs to the address they list for this node, which is not link-local when the peers are listed that way (2001:db8::12 here), so they never arrive: each node hears no MASTER and every node becomes MASTER. Add unicast_src_ip with this node's address on ens33, the one its peers list.",
        },
      ],
    },
  ],
});
