import { drPortMapping } from '../../src/rules/dr-port-mapping.js';
import { testRule } from '../rule-tester.js';

const server = (head: string, kind: string, port: string) => `virtual_server ${head} {
    delay_loop 6
    lb_algo rr
    lb_kind ${kind}
    protocol TCP
    real_server 10.1.8.11 ${port} {
        weight 1
        TCP_CHECK {
            connect_timeout 3
        }
    }
}
`;

testRule(drPortMapping, {
  valid: [
    { name: 'DR with matching ports', code: server('10.1.8.100 80', 'DR', '80') },
    { name: 'NAT may map ports', code: server('10.1.8.100 80', 'NAT', '8080') },
    { name: 'lowercase dr is not DR (keepalived falls back to NAT)', code: server('10.1.8.100 80', 'dr', '8080') },
    { name: 'a real server may set NAT for itself', code: server('10.1.8.100 80', 'DR', '8080').replace('weight 1', 'weight 1\n        lvs_method NAT') },
  ],
  invalid: [
    {
      name: 'DR with a different real server port',
      code: server('10.1.8.100 80', 'DR', '8080'),
      errors: [
        {
          line: 6,
          column: 27,
          severity: 'error',
          message:
            'real_server 10.1.8.11 8080 uses port 8080, but virtual_server 10.1.8.100 80 forwards with DR, which sends packets on unchanged and cannot map ports: keepalived reports "virtual server and real server ports don\'t match - resetting" and uses port 80. Use port 80, or lb_kind NAT to map ports.',
        },
      ],
      output: server('10.1.8.100 80', 'DR', '80'),
    },
    {
      name: 'TUN too',
      code: server('10.1.8.100 443', 'TUN', '8443'),
      errors: [{ line: 6, column: 27, message: /forwards with TUN/ }],
      output: server('10.1.8.100 443', 'TUN', '443'),
    },
    {
      name: 'a port on a fwmark DR real server is ignored (warning)',
      code: server('fwmark 5', 'DR', '80'),
      errors: [{ line: 6, column: 27, severity: 'warning', message: /matches by firewall mark and forwards with DR: keepalived reports "real server has port specified - clearing"/ }],
    },
    {
      name: 'a virtual_server_group entry on another port',
      code: 'virtual_server_group WEB {\n    10.1.8.100 80\n}\n' + server('group WEB', 'DR', '8080'),
      errors: [{ line: 9, column: 27, message: /but virtual_server_group entry 10\.1\.8\.100 80 \(line 2\) is port 80/ }],
    },
    {
      name: 'a word keepalived does not know after lb_kind DR leaves DR (svr_forwarding_handler ignores it)',
      code: server('10.1.8.100 80', 'DR\n    lb_kind dr', '8080'),
      errors: [{ line: 7, column: 27, message: /forwards with DR/ }],
    },
    {
      name: 'a real server read while the method was DR keeps DR when lb_kind changes after it (alloc_rs)',
      code: server('10.1.8.100 80', 'DR', '8080').replace('    }\n}\n', '    }\n    lb_kind NAT\n}\n'),
      errors: [{ line: 6, column: 27, message: /forwards with DR/ }],
    },
    {
      name: 'lb_kind written after the real servers applies to them (none was set when they were read)',
      code: server('10.1.8.100 80', 'DR', '8080').replace('    lb_kind DR\n', '').replace('    }\n}\n', '    }\n    lb_kind DR\n}\n'),
      errors: [{ line: 5, column: 27, message: /forwards with DR/ }],
    },
  ],
});
