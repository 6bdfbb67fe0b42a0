import { httpCheckOnUdp } from '../../src/rules/http-check-on-udp.js';
import { testRule } from '../rule-tester.js';

const service = (protocol: string, port: string, checker: string, extra = '') => `virtual_server 10.1.8.100 ${port} {
    delay_loop 6
    lb_algo rr
    lb_kind DR
${protocol}    real_server 10.1.8.11 ${port} {
        weight 1
        ${checker} {
${extra}            url {
                path /health
            }
            connect_timeout 3
        }
    }
}
`;
const UDP = '    protocol UDP\n';

testRule(httpCheckOnUdp, {
  valid: [
    { name: 'a real_server keepalived skips is not judged', code: service(UDP, '53', 'HTTP_GET').replace('real_server 10.1.8.11 53', 'real_server fakeIP1 53') },
    { name: 'HTTP_GET on a TCP service', code: service('    protocol TCP\n', '80', 'HTTP_GET') },
    { name: 'corrected: connect_port names the web port that tells the health of the UDP service', code: service(UDP, '53', 'HTTP_GET', '            connect_port 8080\n') },
    { name: 'connect_ip sends the check to another host on purpose', code: service(UDP, '53', 'HTTP_GET', '            connect_ip 10.1.8.50\n') },
    {
      name: 'corrected: the UDP service checked with UDP_CHECK',
      code: service(UDP, '53', 'UDP_CHECK').replace('            url {\n                path /health\n            }\n', ''),
    },
    { name: 'SSL_GET on UDP 443 (HTTP/3 checked through the same server\'s TLS port)', code: service(UDP, '443', 'SSL_GET') },
    // No protocol line: virtual-server-protocol reports keepalived's UDP default.
    { name: 'no protocol line is left to virtual-server-protocol', code: service('', '80', 'HTTP_GET') },
    {
      name: 'a fwmark service has no protocol',
      code: service(UDP, '80', 'HTTP_GET').replace('virtual_server 10.1.8.100 80', 'virtual_server fwmark 5').replace('real_server 10.1.8.11 80', 'real_server 10.1.8.11 80'),
    },
    // keepalived's doc/samples/keepalived.conf.UDP_CHECK (2.2.7): a UDP service checked by UDP_CHECK.
    {
      name: "keepalived's UDP_CHECK sample",
      code: `virtual_server 10.10.10.2 1358 {
    delay_loop 6
    lb_algo rr
    lb_kind NAT
    persistence_timeout 50
    protocol UDP

    real_server 192.168.200.6 1358 {
        weight 1
        UDP_CHECK {
            connect_timeout 3
            retry 3
            delay_before_retry 3
        }
    }
}
`,
    },
  ],
  invalid: [
    {
      // The same sample with its UDP_CHECK swapped for HTTP_GET (check_http.c opens a SOCK_STREAM socket).
      name: "keepalived's UDP_CHECK sample checked by HTTP_GET",
      code: `virtual_server 10.10.10.2 1358 {
    delay_loop 6
    lb_algo rr
    lb_kind NAT
    persistence_timeout 50
    protocol UDP

    real_server 192.168.200.6 1358 {
        weight 1
        HTTP_GET {
            url {
                path /
            }
            connect_timeout 3
        }
    }
}
`,
      errors: [{ line: 10, column: 9, message: /^HTTP_GET on real_server 192\.168\.200\.6 1358 connects by TCP to 192\.168\.200\.6 port 1358, but virtual_server 10\.10\.10\.2 1358 balances UDP/ }],
    },
    {
      name: 'HTTP_GET on a UDP service without connect_port',
      code: service(UDP, '53', 'HTTP_GET'),
      errors: [
        {
          line: 8,
          column: 9,
          severity: 'warning',
          message:
            "HTTP_GET on real_server 10.1.8.11 53 connects by TCP to 10.1.8.11 port 53, but virtual_server 10.1.8.100 53 balances UDP: the check asks a web server on TCP port 53, not the UDP service, so keepalived can mark the real server down while its UDP service works, or keep it in the pool after the UDP service died. Check the UDP service itself (UDP_CHECK, DNS_CHECK or MISC_CHECK), or write connect_port for the web port that tells the service's health.",
        },
      ],
    },
    {
      name: 'SSL_GET on a UDP service on another port',
      code: service(UDP, '1812', 'SSL_GET'),
      errors: [{ line: 8, column: 9, message: /^SSL_GET on real_server 10\.1\.8\.11 1812 connects by TCP to 10\.1\.8\.11 port 1812, but virtual_server 10\.1\.8\.100 1812 balances UDP/ }],
    },
    {
      name: 'a connect_port keepalived rejects (0) leaves the real server port (co_port_handler)',
      code: service(UDP, '53', 'HTTP_GET', '            connect_port 0\n'),
      errors: [{ line: 8, column: 9, message: /connects by TCP to 10\.1\.8\.11 port 53/ }],
    },
    {
      name: 'protocol udp in lower case is UDP (proto_handler)',
      code: service('    protocol udp\n', '514', 'HTTP_GET'),
      errors: [{ line: 8, column: 9, message: /port 514, but virtual_server 10\.1\.8\.100 514 balances UDP/ }],
    },
  ],
});
