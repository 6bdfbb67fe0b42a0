import { deprecatedKeyword } from '../../src/rules/deprecated-keyword.js';
import { testRule } from '../rule-tester.js';

const tcpCheck = (line: string) =>
  `virtual_server 10.1.8.100 80 {\n    lb_kind DR\n    real_server 10.1.8.11 80 {\n        TCP_CHECK {\n            connect_timeout 3\n            ${line}\n        }\n    }\n}\n`;

/** Issue 11, X1: a `{` on the line after a keyword that opens no block. */
const X1 =
  'vrrp_instance VI_1 {\n    lvs_sync_daemon_interface eth0\n{\n    # primary node\n    state MASTER\n    interface eth0\n' +
  '    virtual_router_id 51\n    priority 100\n    virtual_ipaddress {\n        10.0.0.1/24\n    }\n}\n';

testRule(deprecatedKeyword, {
  valid: [
    'global_defs {\n    lvs_flush_on_stop\n}\n',
    tcpCheck('retry 3'),
    'global_defs {\n    lvs_sync_daemon eth0 VI_1\n}\nvrrp_instance VI_1 {\n    interface eth0\n}\n',
    { name: 'unknown keywords are for unknown-keyword', code: 'global_defs {\n    lvs_flush_onstopp\n}\n' },
    { name: 'routes with via and nexthop', code: 'static_routes {\n    192.168.2.0/24 via 192.168.1.1 dev eth0\n    0.0.0.0/0 nexthop via 10.1.8.1 nexthop via 10.1.8.2\n}\n' },
    { name: 'an interface or a table that happens to be called gw or or', code: 'static_routes {\n    192.168.2.0/24 dev gw\n    192.168.3.0/24 via 10.1.8.1 table or\n}\n' },
  ],
  invalid: [
    {
      // keepalived 2.2.7: '"gw" for routes is deprecated. Please use "via"' and '"or" for routes is deprecated. Please use "nexthop"'.
      name: 'the route words gw and or; gw is fixed to via',
      code: 'vrrp_instance VI_1 {\n    virtual_routes {\n        192.168.113.0/24 via 192.168.200.254 or 192.168.100.254\n        0.0.0.0/0 gw 192.168.0.1 table 100\n    }\n}\n',
      errors: [
        {
          line: 3,
          column: 46,
          message:
            '`or` in `virtual_routes` is deprecated: keepalived says so and makes the two gateways next hops of one route. Write `nexthop via ADDRESS nexthop via ADDRESS`.',
          severity: 'warning',
        },
        { line: 4, column: 19, message: '`gw` in `virtual_routes` is deprecated: keepalived says so and reads it as `via`. Write `via`.', severity: 'warning' },
      ],
      output: 'vrrp_instance VI_1 {\n    virtual_routes {\n        192.168.113.0/24 via 192.168.200.254 or 192.168.100.254\n        0.0.0.0/0 via 192.168.0.1 table 100\n    }\n}\n',
    },
    {
      name: 'nb_get_retry in TCP_CHECK never worked: an error, fixed to retry',
      code: tcpCheck('nb_get_retry 3'),
      errors: [
        {
          line: 6,
          column: 13,
          message:
            '`nb_get_retry` is not a keyword in `TCP_CHECK` and never was: keepalived reports it as unknown and ignores the line, so its value does not apply. Use `retry` instead.',
          severity: 'error',
        },
      ],
      output: tcpCheck('retry 3'),
    },
    {
      name: 'nb_get_retry where retry is already set: no fix',
      code: tcpCheck('retry 2\n            nb_get_retry 3'),
      errors: [{ line: 7, column: 13, message: /The block already has `retry`: delete this line\.\)$/, severity: 'error' }],
      output: tcpCheck('retry 2\n            nb_get_retry 3'),
    },
    {
      name: 'nb_get_retry in FILE_CHECK has no replacement',
      code: 'virtual_server 10.1.8.100 80 {\n    real_server 10.1.8.11 80 {\n        FILE_CHECK {\n            track_file tf\n            nb_get_retry 3\n        }\n    }\n}\n',
      errors: [{ line: 5, column: 13, message: /never was: .* Delete the line\.$/, severity: 'error' }],
    },
    {
      name: 'nb_get_retry in HTTP_GET is deprecated but still read: a warning with a fix',
      code: 'virtual_server 10.1.8.100 80 {\n    real_server 10.1.8.11 80 {\n        HTTP_GET {\n            url {\n                path /\n            }\n            nb_get_retry 3\n        }\n    }\n}\n',
      errors: [{ line: 7, column: 13, message: '`nb_get_retry` is deprecated (keepalived -t reports it); use `retry` instead.', severity: 'warning' }],
      output: 'virtual_server 10.1.8.100 80 {\n    real_server 10.1.8.11 80 {\n        HTTP_GET {\n            url {\n                path /\n            }\n            retry 3\n        }\n    }\n}\n',
    },
    {
      name: 'an old spelling is renamed',
      code: 'global_defs {\n    lvs_flush_onstop VS\n}\n',
      errors: [{ line: 2, column: 5, message: '`lvs_flush_onstop` is deprecated; use `lvs_flush_on_stop` instead.', severity: 'warning' }],
      output: 'global_defs {\n    lvs_flush_on_stop VS\n}\n',
    },
    {
      name: 'a removed keyword with a successor',
      code: 'global_defs {\n    lvs_id LVS_01\n}\n',
      errors: [{ line: 2, column: 5, message: /^`lvs_id` was removed from keepalived after v1\.1\.7: .*Use `router_id` instead\.$/, severity: 'error' }],
      output: 'global_defs {\n    router_id LVS_01\n}\n',
    },
    {
      name: 'a removed keyword without a successor',
      code: 'virtual_server 10.1.8.100 80 {\n    nat_mask 255.255.255.0\n}\n',
      errors: [{ line: 2, column: 5, message: /^`nat_mask` was removed from keepalived after v1\.2\.19: keepalived now reports it as unknown and ignores the line\. Delete the line\.$/, severity: 'error' }],
    },
    {
      name: 'a replacement that is not a plain keyword: no fix',
      code: 'vrrp_instance web {\n    preempt\n}\n',
      errors: [{ line: 2, column: 5, message: '`preempt` is deprecated; replacement: default behaviour; use nopreempt to disable.' }],
    },
    {
      name: 'lvs_sync_daemon_interface moves into the existing global_defs',
      code: 'global_defs {\n    router_id lb1\n}\n\nvrrp_instance VI_1 {\n    interface eth0\n    lvs_sync_daemon_interface eth1\n    virtual_router_id 51\n}\n',
      errors: [
        {
          line: 7,
          column: 5,
          message: '`lvs_sync_daemon_interface` inside a vrrp_instance is deprecated (keepalived -t reports it): use `lvs_sync_daemon eth1 VI_1` in global_defs.',
          severity: 'warning',
        },
      ],
      output: 'global_defs {\n    router_id lb1\n    lvs_sync_daemon eth1 VI_1\n}\n\nvrrp_instance VI_1 {\n    interface eth0\n    virtual_router_id 51\n}\n',
    },
    {
      name: 'lvs_sync_daemon_interface with no global_defs creates one',
      code: '! LB pair\nvrrp_instance VI_1 {\n    interface eth0\n    lvs_sync_daemon_interface eth1\n}\n',
      errors: [{ line: 4, column: 5 }],
      output: '! LB pair\nglobal_defs {\n    lvs_sync_daemon eth1 VI_1\n}\n\nvrrp_instance VI_1 {\n    interface eth0\n}\n',
    },
    {
      // Issue 11, X1: the fix removed the `{ ... }` after the keyword, comments and all. The
      // keyword opens no block: keepalived reads those lines as the instance's own.
      name: 'lvs_sync_daemon_interface followed by a block it does not own: only its own line moves',
      code: X1,
      errors: [{ line: 2, column: 5, message: /use `lvs_sync_daemon eth0 VI_1` in global_defs/ }],
      output: 'global_defs {\n    lvs_sync_daemon eth0 VI_1\n}\n\n' + X1.replace('    lvs_sync_daemon_interface eth0\n', ''),
    },
    {
      name: 'two instances with lvs_sync_daemon_interface: only one can win, so no fix',
      code: 'vrrp_instance A {\n    lvs_sync_daemon_interface eth1\n}\nvrrp_instance B {\n    lvs_sync_daemon_interface eth1\n}\n',
      errors: [
        { line: 2, column: 5, message: /use `lvs_sync_daemon eth1 A` in global_defs/ },
        { line: 5, column: 5, message: /use `lvs_sync_daemon eth1 B` in global_defs/ },
      ],
      output: 'vrrp_instance A {\n    lvs_sync_daemon_interface eth1\n}\nvrrp_instance B {\n    lvs_sync_daemon_interface eth1\n}\n',
    },
    {
      name: 'a deprecated block keyword is renamed when its body carries over',
      code: 'vrrp_track_file tf1 {\n    file /run/tf1\n}\n',
      errors: [{ line: 1, column: 1, message: '`vrrp_track_file` is deprecated; use `track_file` instead.' }],
      output: 'track_file tf1 {\n    file /run/tf1\n}\n',
    },
    {
      name: 'a keyword keepalived 2.2.7 does not know yet',
      code: 'vrrp_instance web {\n    thread_timer_expired\n}\n',
      errors: [{ line: 2, column: 5, message: /use `timer_expired_backup` instead\. keepalived 2\.2\.7 and older do not know `thread_timer_expired` at all\.$/ }],
      output: 'vrrp_instance web {\n    timer_expired_backup\n}\n',
    },
  ],
});
