import { misplacedKeyword } from '../../src/rules/misplaced-keyword.js';
import { testRule } from '../rule-tester.js';

testRule(misplacedKeyword, {
  valid: [
    'vrrp_instance web {\n    garp_master_delay 5\n}\n',
    'global_defs {\n    vrrp_garp_master_delay 5\n}\n',
    { name: 'unknown keywords are for unknown-keyword', code: 'global_defs {\n    frobnicate 1\n}\n' },
    {
      name: 'removed keywords are for deprecated-keyword',
      code: 'virtual_server 10.1.8.100 80 {\n    real_server 10.1.8.11 80 {\n        TCP_CHECK {\n            nb_get_retry 3\n        }\n    }\n}\n',
    },
  ],
  invalid: [
    {
      name: 'an instance setting in global_defs, with the global keyword the schema has',
      code: 'global_defs {\n    router_id lb1\n    garp_master_delay 5\n}\n',
      errors: [
        {
          line: 3,
          column: 5,
          message:
            '`garp_master_delay` is not a keyword in `global_defs`: keepalived reports it as unknown and ignores the line. It belongs in `vrrp_instance`. In `global_defs` the keyword is `vrrp_garp_master_delay`.',
          severity: 'error',
        },
      ],
    },
    {
      name: 'no look-alike is offered when the arguments differ (priority is not vrrp_priority)',
      code: 'global_defs {\n    priority 100\n}\n',
      errors: [{ line: 2, column: 5, message: '`priority` is not a keyword in `global_defs`: keepalived reports it as unknown and ignores the line. It belongs in `vrrp_instance`.' }],
    },
    {
      name: 'a block keyword at the top level',
      code: 'track_script {\n    chk_nginx\n}\n',
      errors: [{ line: 1, column: 1, message: /^`track_script` is not a keyword at the top level: .*It belongs in `vrrp_sync_group` or `vrrp_instance`\. keepalived also ignores the '\{' after it/ }],
    },
    {
      name: 'a missing brace puts virtual_ipaddress inside authentication',
      code: 'vrrp_instance web {\n    authentication {\n        auth_type PASS\n        auth_pass secret\n    virtual_ipaddress {\n        10.1.8.100/24\n    }\n}\n',
      errors: [{ line: 5, column: 5, message: /^`virtual_ipaddress` is not a keyword in `authentication`: .*the block's '\}' then closes `authentication` early\.$/ }],
    },
    {
      name: 'a url block directly in the real server',
      code: 'virtual_server 10.1.8.100 80 {\n    real_server 10.1.8.11 80 {\n        url {\n            path /\n        }\n    }\n}\n',
      errors: [{ line: 3, column: 9, message: /It belongs in `virtual_server\/real_server\/HTTP_GET` or `virtual_server\/real_server\/SSL_GET`\./ }],
    },
  ],
});
