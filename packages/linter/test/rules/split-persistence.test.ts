import { splitPersistence } from '../../src/rules/split-persistence.js';
import { testRule } from '../rule-tester.js';

const real = (address: string, port: string) => `    real_server ${address} ${port} {
        weight 1
        TCP_CHECK {
            connect_timeout 3
        }
    }
`;
const service = (vip: string, port: string, persistence: string, reals = ['192.168.201.100', '192.168.201.101']) => `virtual_server ${vip} ${port} {
    delay_loop 6
    lb_algo rr
    lb_kind NAT
${persistence}    protocol TCP

${reals.map((r) => real(r, port)).join('')}}
`;
const P = '    persistence_timeout 50\n';

// keepalived's doc/samples/keepalived.conf.fwmark (2.2.7): one persistent fwmark service; the
// firewall marks ports 80 and 443 of the VIP with mark 1.
const FWMARK = `virtual_server fwmark 1 {
  delay_loop 6
  lb_algo rr
  lb_kind NAT
  persistence_timeout 900
  protocol TCP

  real_server 192.168.201.100 {
    weight 1
    TCP_CHECK {
      connect_port    80
      connect_timeout 3
    }
  }

  real_server 192.168.201.101 {
    weight 1
    TCP_CHECK {
      connect_port    80
      connect_timeout 3
    }
  }
}
`;

testRule(splitPersistence, {
  valid: [
    { name: "corrected: keepalived's fwmark sample, one persistent service for both ports", code: FWMARK },
    // keepalived's doc/samples/keepalived.conf.SSL_GET: 443 and 80 persistent, one real server each.
    { name: "keepalived's SSL_GET sample: one real server, both ports reach it", code: service('192.168.200.100', '443', P, ['192.168.201.100']) + '\n' + service('192.168.200.100', '80', P, ['192.168.201.100']) },
    { name: 'only one of the two is persistent', code: service('192.168.200.100', '443', P) + service('192.168.200.100', '80', '') },
    { name: 'different VIPs', code: service('192.168.200.100', '443', P) + service('192.168.200.101', '80', P) },
    { name: 'different real servers', code: service('192.168.200.100', '443', P) + service('192.168.200.100', '80', P, ['192.168.201.200', '192.168.201.201']) },
    { name: 'a persistence_timeout keepalived rejects is no persistence (pto_handler)', code: service('192.168.200.100', '443', P) + service('192.168.200.100', '80', '    persistence_timeout 0\n') },
    { name: 'other ports are not judged', code: service('192.168.200.100', '22', P) + service('192.168.200.100', '80', P) },
    { name: 'corrected: a port 0 service is persistent across every port', code: service('192.168.200.100', '0', P).replace(/ 0 \{\n        weight/g, ' {\n        weight') },
  ],
  invalid: [
    {
      name: 'ports 80 and 443 persistent each on its own over the same two real servers',
      code: service('192.168.200.100', '80', P) + service('192.168.200.100', '443', P),
      errors: [
        {
          line: 25,
          column: 25,
          severity: 'warning',
          message:
            'virtual_server 192.168.200.100 443 and virtual_server 192.168.200.100 80 (line 1) are persistent each on its own, over the same real servers (192.168.201.100, 192.168.201.101): IPVS keeps persistence per service, so a client that port 80 sent to one real server can be sent to another on port 443, where a session kept on the first server is unknown. To keep each client on one real server across both ports, mark both ports with one firewall mark and balance them as one virtual_server fwmark with persistence_timeout.',
        },
      ],
    },
    {
      name: "keepalived's SSL_GET sample with a second real server in each service",
      code: service('192.168.200.100', '443', P) + '\n' + service('192.168.200.100', '80', P),
      errors: [{ line: 26, column: 25, message: /^virtual_server 192\.168\.200\.100 80 and virtual_server 192\.168\.200\.100 443 \(line 1\) are persistent each on its own/ }],
    },
    {
      name: 'persistence_timeout without a value is 6 minutes (pto_handler)',
      code: service('192.168.200.100', '80', P) + service('192.168.200.100', '443', '    persistence_timeout\n'),
      errors: [{ line: 25, column: 5, message: /are persistent each on its own/ }],
    },
    {
      name: 'persistence_granularity makes a service persistent (pgr_handler)',
      code: service('192.168.200.100', '80', P) + service('192.168.200.100', '443', '    persistence_granularity 255.255.255.0\n'),
      errors: [{ line: 25, column: 29, message: /are persistent each on its own/ }],
    },
  ],
});
