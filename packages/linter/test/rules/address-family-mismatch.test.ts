import { addressFamilyMismatch } from '../../src/rules/address-family-mismatch.js';
import { testRule } from '../rule-tester.js';

const instance = (lines: string) => `vrrp_instance VI_1 {
    interface ens33
    virtual_router_id 51
${lines}}
`;

testRule(addressFamilyMismatch, {
  valid: [
    { name: 'IPv4 only', code: instance('    virtual_ipaddress {\n        10.1.8.100/24\n    }\n') },
    { name: 'native_ipv6 with IPv6 VIPs', code: instance('    native_ipv6\n    virtual_ipaddress {\n        2001:db8::10/64\n    }\n') },
    { name: 'an IPv6 excluded address on an IPv4 instance', code: instance('    virtual_ipaddress {\n        10.1.8.100/24\n    }\n    virtual_ipaddress_excluded {\n        2001:db8::10/64\n    }\n') },
  ],
  invalid: [
    {
      // Found by the oracle (test/oracle): keepalived 2.2.7 says "(VI_1): address family must match VRRP instance
      // [192.168.200.16/24] - ignoring" and then "No VIP specified".
      name: 'an IPv4 VIP after native_ipv6',
      code: instance('    native_ipv6\n    virtual_ipaddress {\n        10.1.8.100/24\n    }\n'),
      errors: [{ line: 6, column: 9, message: /^virtual_ipaddress 10\.1\.8\.100\/24 is IPv4, but VI_1 is an IPv6 instance \(set by native_ipv6\)/ }],
    },
    {
      name: 'an IPv6 VIP on an IPv4 instance',
      code: instance('    virtual_ipaddress {\n        10.1.8.100/24\n        2001:db8::10/64\n    }\n'),
      errors: [
        {
          line: 6,
          column: 9,
          severity: 'error',
          message:
            'virtual_ipaddress 2001:db8::10/64 is IPv6, but VI_1 is an IPv4 instance (set by its first address): keepalived reports "address family must match VRRP instance" and never adds this address. A VRRP instance carries one family; put IPv6 addresses in a separate instance (or, for VIPs, in virtual_ipaddress_excluded).',
        },
      ],
    },
    {
      // The first address of any kind decides: here the source address.
      name: 'a VIP of the other family than unicast_src_ip',
      code: instance('    unicast_src_ip 2001:db8::11\n    virtual_ipaddress {\n        10.1.8.100/24\n    }\n'),
      errors: [{ line: 6, column: 9, message: /^virtual_ipaddress 10\.1\.8\.100\/24 is IPv4, but VI_1 is an IPv6 instance \(set by its first address\)/ }],
    },
    {
      // vrrp_srcip_handler clears the source address, including one set before.
      name: 'a source address of the other family',
      code: instance('    virtual_ipaddress {\n        10.1.8.100/24\n    }\n    unicast_src_ip fe80::1\n'),
      errors: [{ line: 7, column: 20, message: /^unicast_src_ip fe80::1 is IPv6, .*"MUST be of the same family" and ignores it, and any source address set before it/ }],
    },
    {
      name: 'a peer of the other family',
      code: instance('    unicast_peer {\n        10.1.8.12\n        fe80::2\n    }\n    virtual_ipaddress {\n        10.1.8.100/24\n    }\n'),
      errors: [{ line: 6, column: 9, message: /^unicast_peer fe80::2 is IPv6, .*never sends adverts to this peer/ }],
    },
  ],
});
