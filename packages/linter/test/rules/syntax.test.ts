import { syntax } from '../../src/rules/syntax.js';
import { testRule } from '../rule-tester.js';

testRule(syntax, {
  valid: [
    'global_defs {\n    router_id ha1\n}\n',
    'vrrp_instance A { virtual_ipaddress { 10.0.0.1/24 } }\n',
    { name: 'unknown keywords are for another rule', code: 'vrrp_instanc A {\n    state MASTER\n}\n' },
  ],
  invalid: [
    {
      name: 'an extra closing brace',
      code: 'global_defs {\n}\n}\n',
      errors: [{ line: 3, column: 1, message: /no block is open/, severity: 'error' }],
    },
    {
      name: 'a block that is never closed',
      code: 'vrrp_instance web {\n    state MASTER\n',
      errors: [{ line: 1, column: 1, message: /never closed/ }],
    },
    {
      name: 'an unterminated quote',
      code: 'global_defs {\n    smtp_helo_name "mail\n}\n',
      errors: [{ line: 2, column: 20, message: /missing closing '"'/ }],
    },
    {
      name: 'an over-long line is a warning',
      code: `global_defs {\n    router_id ${'a'.repeat(1100)}\n}\n`,
      errors: [{ line: 2, column: 1, severity: 'warning' }],
    },
  ],
});
