import { sorryServerIsRealServer } from '../../src/rules/sorry-server-is-real-server.js';
import { testRule } from '../rule-tester.js';

const service = (sorry: string, extra = '') => `virtual_server 10.1.8.100 80 {
    delay_loop 6
    lb_algo rr
    lb_kind NAT
    protocol TCP
${sorry}    real_server 10.1.8.11 80 {
        weight 1
${extra}        TCP_CHECK {
            connect_timeout 3
        }
    }
    real_server 10.1.8.12 80 {
        weight 1
        TCP_CHECK {
            connect_timeout 3
        }
    }
}
`;

testRule(sorryServerIsRealServer, {
  valid: [
    { name: 'corrected: a sorry server outside the pool', code: service('    sorry_server 10.1.8.99 80\n') },
    { name: 'no sorry server', code: service('') },
    { name: 'NAT: the same host on another port is another server (a sorry page on 8080)', code: service('    sorry_server 10.1.8.11 8080\n') },
    { name: 'an invalid sorry_server line is skipped (alloc_ssvr)', code: service('    sorry_server 10.1.8.11 99999\n') },
    { name: 'the last sorry_server line replaces the first', code: service('    sorry_server 10.1.8.11 80\n    sorry_server 10.1.8.99 80\n') },
  ],
  invalid: [
    {
      name: 'a sorry server that is a real server',
      code: service('    sorry_server 10.1.8.11 80\n'),
      errors: [
        {
          line: 6,
          column: 18,
          severity: 'warning',
          message:
            'sorry_server 10.1.8.11 80 is also real_server 10.1.8.11 80 (line 7) of virtual_server 10.1.8.100 80: when every real server fails its checks the service loses quorum and keepalived adds the sorry server to the pool without checking it, so clients are sent to 10.1.8.11, a server whose checks just failed, instead of to a fallback. Point sorry_server at a server outside the pool.',
        },
      ],
    },
    {
      // check_data.c validate_check_config: "real server ... matches sorry server, but inhibit setting differs".
      name: 'the case keepalived itself detects (inhibit settings differ)',
      code: service('    sorry_server 10.1.8.12 80\n    sorry_server_inhibit\n', '        inhibit_on_failure\n'),
      errors: [{ line: 6, column: 18, message: /^sorry_server 10\.1\.8\.12 80 is also real_server 10\.1\.8\.12 80 \(line 15\)/ }],
    },
    {
      name: 'a sorry server without port matches a real server without port',
      code: service('    sorry_server 10.1.8.12\n').replace('real_server 10.1.8.12 80', 'real_server 10.1.8.12'),
      errors: [{ line: 6, column: 18, message: /^sorry_server 10\.1\.8\.12 is also real_server 10\.1\.8\.12 \(line 13\)/ }],
    },
    {
      name: 'a sorry server without a port takes the virtual server\'s port (validate_check_config)',
      code: service('    sorry_server 10.1.8.11\n'),
      errors: [{ line: 6, column: 18, message: /^sorry_server 10\.1\.8\.11 is also real_server 10\.1\.8\.11 80 \(line 7\)/ }],
    },
    {
      name: 'DR resets the sorry server\'s port to the virtual server\'s ("sorry server ports don\'t match - resetting")',
      code: service('    sorry_server 10.1.8.11 8080\n').replace('lb_kind NAT', 'lb_kind DR'),
      errors: [{ line: 6, column: 18, message: /^sorry_server 10\.1\.8\.11 8080 is also real_server 10\.1\.8\.11 80/ }],
    },
    {
      name: 'IPv6 addresses compare as addresses',
      code: service('    sorry_server 2001:DB8::11 80\n')
        .replace('virtual_server 10.1.8.100 80', 'virtual_server 2001:db8::100 80')
        .replace('real_server 10.1.8.11 80', 'real_server 2001:db8:0::11 80'),
      errors: [{ line: 6, column: 18, message: /^sorry_server 2001:DB8::11 80 is also real_server 2001:db8:0::11 80/ }],
    },
  ],
});
