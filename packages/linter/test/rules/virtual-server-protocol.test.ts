import { virtualServerProtocol } from '../../src/rules/virtual-server-protocol.js';
import { testRule } from '../rule-tester.js';

const server = (head: string, protocol: string) => `virtual_server ${head} {
    lb_algo rr
    lb_kind DR
${protocol}    real_server 10.1.8.11 80 {
        TCP_CHECK {
            connect_timeout 3
        }
    }
}
`;

testRule(virtualServerProtocol, {
  valid: [
    { name: 'protocol TCP', code: server('10.1.8.100 80', '    protocol TCP\n') },
    { name: 'lowercase is accepted', code: server('10.1.8.100 80', '    protocol tcp\n') },
    { name: 'a protocol keepalived does not know is invalid-argument\'s (it then sets up UDP)', code: server('10.1.8.100 80', '    protocol HTTP\n') },
    { name: 'fwmark services have no protocol', code: server('fwmark 1', '') },
  ],
  invalid: [
    {
      name: 'no protocol',
      code: server('10.1.8.100 80', ''),
      errors: [
        {
          line: 1,
          column: 16,
          severity: 'error',
          message:
            'virtual_server 10.1.8.100 80 has no protocol: keepalived reports "no protocol set - defaulting to UDP" and sets up a UDP service, so TCP connections to it are not balanced. Add protocol TCP (or UDP, SCTP).',
        },
      ],
    },
  ],
});
