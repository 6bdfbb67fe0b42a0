import { unknownKeyword } from '../../src/rules/unknown-keyword.js';
import { testRule } from '../rule-tester.js';

testRule(unknownKeyword, {
  valid: [
    'global_defs {\n    router_id ha1\n}\n',
    'vrrp_instance web {\n    state MASTER\n    interface eth0\n    virtual_router_id 51\n    priority 110\n}\n',
    { name: 'a keyword valid elsewhere is for misplaced-keyword', code: 'global_defs {\n    garp_master_delay 5\n}\n' },
    {
      name: 'a keyword the schema lists as removed here is for deprecated-keyword',
      code: 'virtual_server 10.1.8.100 80 {\n    real_server 10.1.8.11 80 {\n        TCP_CHECK {\n            nb_get_retry 3\n        }\n    }\n}\n',
    },
    { name: 'value-block items are values, not keywords', code: 'vrrp_instance web {\n    virtual_ipaddress {\n        10.1.8.100/24\n    }\n}\n' },
  ],
  invalid: [
    {
      name: 'wrong case: a safe fix',
      code: 'vrrp_instance web {\n    State MASTER\n}\n',
      errors: [{ line: 2, column: 5, message: /^Unknown keyword `State` in `vrrp_instance`: .*Did you mean `state`\? keepalived compares keywords case-sensitively\.$/, severity: 'error' }],
      output: 'vrrp_instance web {\n    state MASTER\n}\n',
    },
    {
      name: 'a typo gets a suggestion but no fix',
      code: 'virtual_server 10.1.8.100 80 {\n    real_server 10.1.8.11 80 {\n        weitht 2\n    }\n}\n',
      errors: [{ line: 3, column: 9, message: /Unknown keyword `weitht` in `real_server`.*Did you mean `weight`\?/ }],
      output: 'virtual_server 10.1.8.100 80 {\n    real_server 10.1.8.11 80 {\n        weitht 2\n    }\n}\n',
    },
    {
      name: 'a transposition in a block keyword, with what keepalived does with the block',
      code: 'virtual_server 10.1.8.100 25 {\n    real_server 10.1.8.11 25 {\n        SMTP_CHEKC {\n            connect_timeout 3\n        }\n    }\n}\n',
      errors: [
        {
          line: 3,
          column: 9,
          message: /reads the lines of the block as keywords of `real_server`, and the block's '\}' then closes `real_server` early\. Did you mean `SMTP_CHECK`\?/,
        },
      ],
    },
    {
      name: 'a lower-case checker block is fixed to its keyword',
      code: 'virtual_server 10.1.8.100 80 {\n    real_server 10.1.8.11 80 {\n        tcp_check {\n            connect_timeout 3\n        }\n    }\n}\n',
      errors: [{ line: 3, column: 9, message: /Did you mean `TCP_CHECK`\?/ }],
      output: 'virtual_server 10.1.8.100 80 {\n    real_server 10.1.8.11 80 {\n        TCP_CHECK {\n            connect_timeout 3\n        }\n    }\n}\n',
    },
    {
      name: 'a keyword of a keepalived fork with a block, at the top level',
      code: 'local_address_group laddr_g1 {\n    192.168.88.240-241\n}\n',
      errors: [{ line: 1, column: 1, message: /^Unknown keyword `local_address_group` at the top level: .*reads the lines of the block as top-level keywords\.$/ }],
    },
    {
      name: 'the contents of an unknown block are not reported again',
      code: 'frobnicate {\n    foo bar\n}\n',
      errors: [{ line: 1, column: 1, message: /^Unknown keyword `frobnicate`/ }],
    },
    {
      name: 'a fork keyword inside a virtual server',
      code: 'virtual_server 10.1.8.100 80 {\n    lb_kind DR\n    laddr_group_name laddr_g1\n}\n',
      errors: [{ line: 3, column: 5, message: 'Unknown keyword `laddr_group_name` in `virtual_server`: keepalived does not know it, reports it and ignores the line.' }],
    },
    {
      name: 'wrong case of a keyword of another block',
      code: 'global_defs {\n    Priority 100\n}\n',
      errors: [{ line: 2, column: 5, message: /\(`priority` is a keyword of `vrrp_instance`/ }],
    },
    {
      name: 'a pasted shell prompt',
      code: 'user@lb1:/etc/keepalived$\nglobal_defs {\n    router_id lb1\n}\n',
      errors: [{ line: 1, column: 1, message: /^Unknown keyword `user@lb1:\/etc\/keepalived\$` at the top level/ }],
    },
    {
      // Renamed, it would read the lines after it, up to the next `}`, as addresses.
      name: 'wrong case of a value-block keyword written without a block: no fix',
      code: 'vrrp_instance web {\n    Virtual_ipaddress 10.1.8.100/24\n    priority 100\n}\n',
      errors: [{ line: 2, column: 5, message: /Did you mean `virtual_ipaddress`\?/ }],
      output: 'vrrp_instance web {\n    Virtual_ipaddress 10.1.8.100/24\n    priority 100\n}\n',
    },
    {
      name: 'wrong case of a value-block keyword over a block with braces inside: no fix',
      code: 'vrrp_instance web {\n    Virtual_ipaddress {\n        10.1.8.100/24\n        x {\n        }\n    }\n}\n',
      errors: [{ line: 2, column: 5, message: /Did you mean `virtual_ipaddress`\?/ }],
      output: 'vrrp_instance web {\n    Virtual_ipaddress {\n        10.1.8.100/24\n        x {\n        }\n    }\n}\n',
    },
    {
      name: 'wrong case of a value-block keyword written with its block: fixed',
      code: 'vrrp_instance web {\n    Virtual_ipaddress {\n        10.1.8.100/24\n    }\n}\n',
      errors: [{ line: 2, column: 5, message: /Did you mean `virtual_ipaddress`\?/ }],
      output: 'vrrp_instance web {\n    virtual_ipaddress {\n        10.1.8.100/24\n    }\n}\n',
    },
    {
      // keepalived 2.2.7: "Unknown keyword '\xef\xbb\xbfglobal_defs'", "Unexpected '{' - ignoring", then router_id as an unknown top-level keyword.
      name: 'a byte-order mark before the first keyword: named without the mark, and removed by the fix',
      code: '\uFEFFglobal_defs {\n    router_id a\n}\n',
      errors: [
        {
          line: 1,
          column: 1,
          message:
            "This file starts with a UTF-8 byte-order mark (bytes EF BB BF, invisible in most editors), which keepalived reads as part of the first keyword: it does not know `global_defs` with the mark in front, reports it and ignores the line. keepalived also ignores the '{' after it and reads the lines of the block as top-level keywords. Save the file as UTF-8 without a byte-order mark.",
        },
      ],
      output: 'global_defs {\n    router_id a\n}\n',
    },
    {
      name: 'a byte-order mark before a comment line is a keyword of its own',
      code: '\uFEFF# lb1\nglobal_defs {\n    router_id a\n}\n',
      errors: [{ line: 1, column: 1, message: /^This file starts with a UTF-8 byte-order mark .*which keepalived reads as an unknown keyword of its own: it reports it and ignores the line\. Save the file/ }],
      output: '# lb1\nglobal_defs {\n    router_id a\n}\n',
    },
    {
      name: 'a byte-order mark and blanks before the first keyword: the whole line is lost',
      code: '\uFEFF  global_defs {\n    router_id a\n}\n',
      errors: [{ line: 1, column: 1, message: /an unknown keyword of its own: it reports it and ignores the line \(with `global_defs` after it\)\. keepalived also ignores the '\{' after it/ }],
      output: '  global_defs {\n    router_id a\n}\n',
    },
    {
      name: 'a byte-order mark before a misspelt keyword',
      code: '\uFEFFglobal_defz {\n    router_id a\n}\n',
      errors: [{ line: 1, column: 1, message: /it does not know `global_defz` with the mark in front.* Without the mark, `global_defz` is not a keyword at the top level either\./ }],
      output: 'global_defz {\n    router_id a\n}\n',
    },
    {
      name: 'a byte-order mark at the start of an included file',
      code: { 'keepalived.conf': 'vrrp_instance web {\n    include web.inc\n}\n', 'web.inc': '\uFEFFstate MASTER\n' },
      errors: [{ file: 'web.inc', line: 1, column: 1, message: /part of the first keyword: it does not know `state` with the mark in front/ }],
      output: { 'web.inc': 'state MASTER\n' },
    },
    {
      name: 'a top-level block keyword in the wrong case',
      code: 'Global_Defs {\n    router_id a\n}\n',
      errors: [{ line: 1, column: 1, message: /Did you mean `global_defs`\?/ }],
      output: 'global_defs {\n    router_id a\n}\n',
    },
  ],
});
