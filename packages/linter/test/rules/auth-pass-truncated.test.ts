import { authPassTruncated } from '../../src/rules/auth-pass-truncated.js';
import { testRule } from '../rule-tester.js';

const instance = (pass: string) => `vrrp_instance web {
    state MASTER
    interface ens33
    virtual_router_id 51
    priority 110
    authentication {
        auth_type PASS
        auth_pass ${pass}
    }
    virtual_ipaddress {
        10.1.8.100/24
    }
}
`;

testRule(authPassTruncated, {
  valid: [
    { name: 'eight characters fit', code: instance('laoma123') },
    { name: 'a short password', code: instance('1111') },
    { name: 'no authentication block', code: 'vrrp_instance web {\n    interface ens33\n    virtual_router_id 51\n}\n' },
  ],
  invalid: [
    {
      name: "the tutorial's nine-character password",
      code: instance('laoma@123'),
      errors: [
        {
          line: 8,
          column: 19,
          severity: 'warning',
          message: /^auth_pass 'laoma@123' is 9 characters long; keepalived uses only the first 8 \('laoma@12'\)/,
        },
      ],
      output: instance('laoma@12'),
    },
    {
      name: 'a quoted password keeps its quotes',
      code: instance('"secretpassword"'),
      errors: [{ line: 8, column: 19, message: /'secretpassword' is 14 characters long; keepalived uses only the first 8 \('secretpa'\)/ }],
      output: instance('"secretpa"'),
    },
    {
      name: 'no fix when the kept part would start a comment',
      code: instance('"abcdefg#xyz"'),
      errors: [{ line: 8, column: 19, message: /uses only the first 8 \('abcdefg#'\)/ }],
      output: instance('"abcdefg#xyz"'),
    },
  ],
});
