import { routeAddress } from '../../src/rules/route-address.js';
import { testRule } from '../rule-tester.js';

const instance = (routes: string) => `vrrp_instance VI_1 {
    interface ens33
    virtual_router_id 51
    priority 100
    virtual_ipaddress {
        10.1.8.100/24
    }
    virtual_routes {
${routes}    }
}
`;

testRule(routeAddress, {
  valid: [
    // The corrected variants.
    { name: 'a network and a plain gateway', code: instance('        10.0.0.0/24 via 10.1.8.1\n') },
    { name: 'a host route', code: instance('        10.0.0.5/32 via 10.1.8.1 dev ens33\n') },
    { name: 'a host route without prefix', code: instance('        10.0.0.5 via 10.1.8.1\n') },
    // keepalived.conf(5), virtual_routes examples.
    {
      name: "keepalived.conf(5)'s examples",
      code: instance(
        '        src 192.168.100.1 to 192.168.109.0/24 via 192.168.200.254 dev eth1\n        192.168.110.0/24 via 192.168.200.254 dev eth1\n        blackhole 192.168.114.0/24\n        0.0.0.0/0 gw 192.168.0.1 table 100\n',
      ),
    },
    { name: 'IPv6 with inet6 via', code: instance('        2001:db8:1::/64 via inet6 fe80::1 dev ens33\n') },
  ],
  invalid: [
    {
      // vrrp_iproute.c alloc_route reads the via address with parse_ipaddress, which takes no prefix.
      name: 'a gateway with a prefix',
      code: instance('        10.0.0.0/24 gw 10.1.8.1/24\n'),
      errors: [
        {
          line: 9,
          column: 24,
          severity: 'error',
          message:
            'keepalived reads the gw address of a route without a prefix: 10.1.8.1/24 is not an address to it ("invalid route via address 10.1.8.1/24"), so it drops this whole route, which is never added when the instance becomes MASTER. Write via 10.1.8.1.',
        },
      ],
    },
    {
      name: 'host bits in the destination',
      code: instance('        10.0.0.5/24 via 10.1.8.1\n'),
      errors: [{ line: 9, column: 9, severity: 'error', message: /^The route destination 10\.0\.0\.5\/24 has host bits set: its network is 10\.0\.0\.0\/24\. .* Write 10\.0\.0\.0\/24, or 10\.0\.0\.5\/32 for a host route\.$/ }],
    },
    {
      name: 'static_routes, after src and to',
      code: 'static_routes {\n    src 10.1.8.11 to 192.168.1.1/16 via 10.1.8.1/24\n}\n',
      errors: [
        { line: 2, column: 22, message: /its network is 192\.168\.0\.0\/16/ },
        { line: 2, column: 41, message: /drops this whole route, which is never added at start-up/ },
      ],
    },
  ],
});
