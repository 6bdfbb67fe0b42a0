import { vrrpInstanceIncomplete } from '../../src/rules/vrrp-instance-incomplete.js';
import { testRule } from '../rule-tester.js';

testRule(vrrpInstanceIncomplete, {
  valid: [
    'vrrp_instance VI_1 {\n    interface ens33\n    virtual_router_id 51\n    virtual_ipaddress {\n        10.1.8.100/24\n    }\n}\n',
    { name: 'an include may hold the rest', code: 'vrrp_instance VI_1 {\n    include /etc/keepalived/vi_1.conf\n}\n' },
  ],
  invalid: [
    {
      name: 'no virtual_router_id',
      code: 'vrrp_instance VI_1 {\n    interface ens33\n    virtual_ipaddress {\n        10.1.8.100/24\n    }\n}\n',
      errors: [
        {
          line: 1,
          column: 15,
          severity: 'error',
          message:
            'vrrp_instance VI_1 has no virtual_router_id: keepalived reports "the virtual router id must be set" and the VRRP process does not start, for any instance of this file. Add virtual_router_id <1-255>, the same on every peer.',
        },
      ],
    },
    {
      name: 'no interface',
      code: 'vrrp_instance VI_1 {\n    virtual_router_id 51\n    unicast_src_ip 10.1.8.11\n    unicast_peer {\n        10.1.8.12\n    }\n    virtual_ipaddress {\n        10.1.8.100/24\n    }\n}\n',
      errors: [{ line: 1, column: 15, message: /^vrrp_instance VI_1 has no interface: keepalived 2\.2\.7 reports "Unknown interface!" .*later releases accept a unicast instance/ }],
    },
    {
      name: 'no VIP is a warning with VRRPv2',
      code: 'vrrp_instance VI_1 {\n    interface ens33\n    virtual_router_id 51\n}\n',
      errors: [{ line: 1, column: 15, severity: 'warning', message: /has no virtual_ipaddress: keepalived reports "No VIP specified; at least one is sensible"/ }],
    },
    {
      name: 'only placeholder VIPs with VRRPv3 is an error',
      code: 'vrrp_instance VI_1 {\n    interface ens33\n    virtual_router_id 51\n    version 3\n    virtual_ipaddress {\n        <virtual_ip>\n    }\n}\n',
      errors: [{ line: 5, column: 5, severity: 'error', message: /has no usable virtual IP address .*"No VIP specified; at least one is required"/ }],
    },
  ],
});
