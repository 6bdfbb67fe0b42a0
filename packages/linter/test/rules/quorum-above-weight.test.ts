import { quorumAboveWeight } from '../../src/rules/quorum-above-weight.js';
import { testRule } from '../rule-tester.js';

const real = (n: number, weight = 1) => `  real_server 10.0.0.${n} 8080 {
    weight ${weight}
    TCP_CHECK {
      connect_port    80
      connect_timeout 3
    }
  }
`;

// After keepalived's doc/samples/keepalived.conf.quorum (2.2.7): quorum 7 over ten real servers of weight 1.
const sample = (quorum: string, servers: number, head = '') => `virtual_server 10.0.1.1 80 {
  delay_loop 6
  lb_algo wrr
  lb_kind NAT
  persistence_timeout 900
  protocol TCP
  alpha
  omega
${head}  quorum ${quorum}
  hysteresis 2
  quorum_up /usr/local/sbin/quorum-up.sh
  quorum_down /usr/local/sbin/quorum-down.sh

${Array.from({ length: servers }, (_, i) => real(i + 1)).join('')}}
`;

const small = (lines: string, reals: string) => `virtual_server 10.0.0.1 80 {
  lb_kind NAT
  protocol TCP
${lines}${reals}}
`;

testRule(quorumAboveWeight, {
  valid: [
    { name: "keepalived's quorum sample (quorum 7, ten servers)", code: sample('7', 10) },
    { name: 'quorum equal to the total weight', code: small('  quorum 3\n', real(1) + real(2, 2)) },
    { name: 'corrected: quorum within the weight', code: small('  quorum 2\n', real(1) + real(2)) },
    { name: 'no quorum line (1)', code: small('', real(1)) },
    { name: 'weights count, not servers', code: small('  quorum 5\n', real(1, 3) + real(2, 2)) },
    { name: 'an invalid quorum is set to 1 (quorum_handler)', code: small('  quorum 0\n', real(1)) },
    { name: 'no real servers: nothing to weigh', code: small('  quorum 2\n', '') },
    { name: 'a virtual_server keepalived skips (its address does not parse)', code: small('  quorum 3\n', real(1)).replace('virtual_server 10.0.0.1 80', 'virtual_server VIP 80') },
  ],
  invalid: [
    {
      name: "keepalived's quorum sample with three servers left",
      code: sample('7', 3),
      errors: [
        {
          line: 9,
          column: 10,
          severity: 'warning',
          message:
            'quorum 7 is above the total weight of the real servers of virtual_server 10.0.1.1 80 (3): keepalived warns "quorum 7 ... exceeds total weight of real servers 3, reducing quorum to 3", so quorum now asks for the whole weight of the pool, less the hysteresis; when quorum is lost, keepalived declares quorum lost (it runs quorum_down and sends alerts) although the other real servers still serve. Lower quorum to the live weight the service needs (at most 3), or add real servers or weight.',
        },
      ],
    },
    {
      // The message keepalived's own test configuration triggers (the oracle's "quorum 2 ... exceeds total weight of real servers 1").
      name: 'quorum 2 over one real server',
      code: small('  quorum 2\n', real(1)),
      errors: [
        {
          line: 4,
          column: 10,
          message:
            'quorum 2 is above the total weight of the real servers of virtual_server 10.0.0.1 80 (1): keepalived warns "quorum 2 ... exceeds total weight of real servers 1, reducing quorum to 1", so the service keeps quorum only while every real server with a weight is up: when any one fails, keepalived declares quorum lost (it runs quorum_down and sends alerts) although the other real servers still serve. Lower quorum to the live weight the service needs (at most 1), or add real servers or weight.',
        },
      ],
    },
    {
      name: 'with a sorry server, one failure sends all traffic there',
      code: small('  quorum 3\n  sorry_server 10.0.0.99 8080\n', real(1) + real(2)),
      errors: [{ line: 4, column: 10, message: /when any one fails, all traffic goes to sorry_server 10\.0\.0\.99 8080\./ }],
    },
    {
      name: 'weight 0 servers add nothing',
      code: small('  quorum 2\n', real(1) + real(2, 0)),
      errors: [{ line: 4, column: 10, message: /\(1\): keepalived warns/ }],
    },
    {
      name: 'the last quorum line counts',
      code: small('  quorum 1\n  quorum 4\n', real(1) + real(2)),
      errors: [{ line: 5, column: 10, message: /^quorum 4 is above/ }],
    },
  ],
});
