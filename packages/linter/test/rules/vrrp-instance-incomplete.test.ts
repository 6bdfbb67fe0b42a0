import { vrrpInstanceIncomplete } from '../../src/rules/vrrp-instance-incomplete.js';
import { testRule } from '../rule-tester.js';

testRule(vrrpInstanceIncomplete, {
  valid: [
    'vrrp_instance VI_1 {\n    interface ens33\n    virtual_router_id 51\n    virtual_ipaddress {\n        10.1.8.100/24\n    }\n}\n',
    { name: 'an include may hold the rest', code: 'vrrp_instance VI_1 {\n    include /etc/keepalived/vi_1.conf\n}\n' },
    {
      // keepalived 2.2.8 and later run a unicast instance with a source address and no interface.
      name: 'a unicast instance with unicast_src_ip and no interface, from 2.2.8',
      code: 'vrrp_instance VI_1 {\n    virtual_router_id 51\n    unicast_src_ip 10.1.8.11\n    unicast_peer {\n        10.1.8.12\n    }\n    virtual_ipaddress {\n        10.1.8.100/24\n    }\n}\n',
    },
    { name: 'no_virtual_ipaddress from 2.2.8', code: 'vrrp_instance VI_1 {\n    interface ens33\n    virtual_router_id 51\n    no_virtual_ipaddress\n}\n' },
    { name: 'a vrrp_script with its script', code: 'vrrp_script chk {\n    script "/usr/bin/pgrep nginx"\n    interval 2\n}\n' },
    { name: 'bfd_instances with a neighbour, in either spelling', code: 'bfd_instance b1 {\n    neighbor_ip 10.1.8.12\n}\nbfd_instance b2 {\n    neighbour_ip 10.1.8.13\n}\n' },
  ],
  invalid: [
    {
      // keepalived 2.2.7: "No script set for vrrp_script chk - removing".
      name: 'a vrrp_script without script, and one with script but no command',
      code: 'vrrp_script chk {\n    interval 2\n}\nvrrp_script chk2 {\n    script\n}\n',
      errors: [
        {
          line: 1,
          column: 13,
          severity: 'warning',
          message:
            'vrrp_script chk has no script to run: keepalived reports "No script set for vrrp_script chk - removing" and drops the definition, so an instance that tracks it tracks nothing. Add script <command>.',
        },
        { line: 4, column: 13, severity: 'warning', message: /^vrrp_script chk2 has no script to run:/ },
      ],
    },
    {
      // keepalived 2.2.7: "Configuration error: BFD instance b1 has no neighbor address set, disabling instance".
      name: 'a bfd_instance without neighbor_ip',
      code: 'bfd_instance b1 {\n    min_rx 100\n}\n',
      errors: [
        {
          line: 1,
          column: 14,
          severity: 'warning',
          message:
            'bfd_instance b1 has no neighbor_ip: keepalived reports "BFD instance b1 has no neighbor address set, disabling instance", so no BFD session runs and whatever tracks it tracks nothing. Add neighbor_ip <address>.',
        },
      ],
    },
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
      // keepalived 2.2.7's chk_min_cfg asks for the unicast flag before vrrp_complete_instance sets it.
      name: 'no interface, for 2.2.7 even with unicast_src_ip',
      code: 'vrrp_instance VI_1 {\n    virtual_router_id 51\n    unicast_src_ip 10.1.8.11\n    unicast_peer {\n        10.1.8.12\n    }\n    virtual_ipaddress {\n        10.1.8.100/24\n    }\n}\n',
      options: { targetVersion: '2.2.7' },
      errors: [{ line: 1, column: 15, message: /^vrrp_instance VI_1 has no interface: keepalived 2\.2\.7 reports "Unknown interface!" .*later releases accept a unicast instance/ }],
    },
    {
      name: 'no interface on a multicast instance',
      code: 'vrrp_instance VI_1 {\n    virtual_router_id 51\n    virtual_ipaddress {\n        10.1.8.100/24\n    }\n}\n',
      errors: [
        {
          line: 1,
          column: 15,
          severity: 'error',
          message: 'vrrp_instance VI_1 has no interface: keepalived reports "Unknown interface!" and the VRRP process does not start. Add interface <name>.',
        },
      ],
    },
    {
      // From 2.2.8 a unicast keyword passes chk_min_cfg; vrrp_complete_instance then wants a source address.
      name: 'no interface and no unicast_src_ip on a unicast instance',
      code: 'vrrp_instance VI_1 {\n    virtual_router_id 51\n    unicast_peer {\n        10.1.8.12\n    }\n    virtual_ipaddress {\n        10.1.8.100/24\n    }\n}\n',
      errors: [{ line: 1, column: 15, message: /^vrrp_instance VI_1 has no interface and no unicast_src_ip: keepalived reports "Unicast instances must have unicast_src_ip or interface"/ }],
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
    {
      name: 'no VIP in strict mode is an error',
      code: 'global_defs {\n    vrrp_strict\n}\nvrrp_instance VI_1 {\n    interface ens33\n    virtual_router_id 51\n}\n',
      errors: [{ line: 4, column: 15, severity: 'error', message: /has no virtual_ipaddress: in strict mode keepalived requires one \("No VIP specified; at least one is required"\)/ }],
    },
    {
      // vrrp_strict false is strict mode for 2.2.7, which does not read the word.
      name: 'vrrp_strict false for 2.2.7: no VIP is an error',
      code: 'global_defs {\n    vrrp_strict false\n}\nvrrp_instance VI_1 {\n    interface ens33\n    virtual_router_id 51\n}\n',
      options: { targetVersion: '2.2.7' },
      errors: [{ line: 4, column: 15, severity: 'error', message: /in strict mode keepalived requires one/ }],
    },
    {
      name: 'no_virtual_ipaddress is unknown to 2.2.7',
      code: 'vrrp_instance VI_1 {\n    interface ens33\n    virtual_router_id 51\n    no_virtual_ipaddress\n}\n',
      options: { targetVersion: '2.2.7' },
      errors: [{ line: 1, column: 15, severity: 'warning', message: /"No VIP specified; at least one is sensible"/ }],
    },
  ],
});
