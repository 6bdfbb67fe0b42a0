import { duplicateRealServer } from '../../src/rules/duplicate-real-server.js';
import { testRule } from '../rule-tester.js';

const server = (reals: string) => `virtual_server 10.1.8.100 80 {
    lb_algo rr
    lb_kind DR
    protocol TCP
${reals}}
`;
const real = (address: string, port: string, weight = 1) => `    real_server ${address} ${port} {
        weight ${weight}
        TCP_CHECK {
            connect_timeout 3
        }
    }
`;

testRule(duplicateRealServer, {
  valid: [
    { name: 'distinct real servers', code: server(real('10.1.8.11', '80') + real('10.1.8.12', '80')) },
    { name: 'one host on two ports', code: server(real('10.1.8.11', '80') + real('10.1.8.11', '8080')) },
    {
      name: 'the same real server in two virtual servers',
      code: server(real('10.1.8.11', '80')) + server(real('10.1.8.11', '80')).replace('10.1.8.100', '10.1.8.101'),
    },
  ],
  invalid: [
    {
      name: 'the same address and port twice',
      code: server(real('10.1.8.11', '80') + real('10.1.8.12', '80', 2) + real('10.1.8.11', '80', 2)),
      errors: [
        {
          line: 17,
          column: 17,
          severity: 'error',
          message:
            'real_server 10.1.8.11 80 appears twice in virtual_server 10.1.8.100 80 (first at line 5): keepalived reports "real server is duplicated" and removes this one, with its weight and health checks. Merge the two blocks.',
        },
      ],
    },
    {
      name: 'IPv6 addresses written differently',
      code: server(real('2001:db8::11', '80') + real('2001:DB8:0::11', '80')),
      errors: [{ line: 11, column: 17, message: /^real_server 2001:DB8:0::11 80 appears twice/ }],
    },
  ],
});
