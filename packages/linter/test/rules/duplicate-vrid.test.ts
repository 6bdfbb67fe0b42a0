import { duplicateVrid } from '../../src/rules/duplicate-vrid.js';
import { testRule } from '../rule-tester.js';

const instance = (name: string, vrid: number, iface = 'ens33', extra = '', vip = '10.1.8.100/24') => `vrrp_instance ${name} {
    interface ${iface}
    virtual_router_id ${vrid}
${extra}    virtual_ipaddress {
        ${vip}
    }
}
`;

testRule(duplicateVrid, {
  valid: [
    { name: 'different VRIDs on one interface', code: instance('VI_1', 51) + instance('VI_2', 52, 'ens33', '', '10.1.8.101/24') },
    { name: 'the same VRID on two interfaces', code: instance('VI_1', 51) + instance('VI_2', 51, 'ens34', '', '10.1.9.100/24') },
    { name: 'the same VRID for IPv4 and IPv6', code: instance('VI_1', 51) + instance('VI_6', 51, 'ens33', '', '2001:db8::10/64') },
    {
      name: 'unicast and multicast use separate VRID spaces',
      code: instance('VI_1', 51) + instance('VI_2', 51, 'ens33', '    unicast_peer {\n        10.1.8.12\n    }\n', '10.1.8.101/24'),
    },
    {
      // check_vrid_conflicts compares the multicast groups adverts go to.
      name: 'the same VRID on one interface, to different multicast groups',
      code: instance('VI_1', 51) + instance('VI_2', 51, 'ens33', '    mcast_dst_ip 224.0.0.19\n', '10.1.8.101/24'),
    },
    {
      name: 'two unicast instances with different peers',
      code:
        instance('VI_1', 51, 'ens33', '    unicast_peer {\n        10.1.8.12\n    }\n') +
        instance('VI_2', 51, 'ens33', '    unicast_peer {\n        10.1.8.13\n    }\n', '10.1.8.101/24'),
    },
  ],
  invalid: [
    {
      name: 'the same VRID twice on one interface',
      code: instance('VI_1', 51) + instance('VI_2', 51, 'ens33', '', '10.1.8.101/24'),
      errors: [
        {
          line: 10,
          column: 23,
          severity: 'error',
          message: /^VI_1 and VI_2 both use virtual_router_id 51 for IPv4 on interface ens33: .*keepalived reports "both use VRID 51" and does not start VRRP/,
        },
      ],
    },
    {
      // mcast_dst_ip 224.0.0.18 is the group the other instance uses by default: keepalived compares addresses.
      name: 'the same VRID on one interface, one naming the default multicast group',
      code: instance('VI_1', 51) + instance('VI_2', 51, 'ens33', '    mcast_dst_ip 224.0.0.18\n', '10.1.8.101/24'),
      errors: [{ line: 10, column: 23, message: /^VI_1 and VI_2 both use virtual_router_id 51 for IPv4 on interface ens33/ }],
    },
    {
      // A peer of the other family is dropped, so the second instance multicasts like the first.
      name: 'a unicast peer of the other family leaves a multicast instance',
      code: instance('VI_1', 51) + instance('VI_2', 51, 'ens33', '    mcast_src_ip 10.1.8.11\n    unicast_peer {\n        fe80::2\n    }\n', '10.1.8.101/24'),
      errors: [{ line: 10, column: 23, message: /^VI_1 and VI_2 both use virtual_router_id 51/ }],
    },
    {
      name: 'the same name twice',
      code: instance('VI_1', 51) + instance('VI_1', 52, 'ens33', '', '10.1.8.101/24'),
      errors: [{ line: 8, column: 15, message: /^vrrp_instance VI_1 is already defined \(line 1\): keepalived reports "vrrp instance VI_1 already defined" and skips this whole block/ }],
    },
    {
      name: 'unicast instances sharing a peer',
      code:
        instance('VI_1', 51, 'ens33', '    unicast_peer {\n        10.1.8.12\n    }\n') +
        instance('VI_2', 51, 'ens33', '    unicast_peer {\n        10.1.8.12\n    }\n', '10.1.8.101/24'),
      errors: [{ line: 13, column: 23, message: /^VI_2 uses virtual_router_id 51 like VI_1, with the same local address and a unicast peer in common/ }],
    },
  ],
});
