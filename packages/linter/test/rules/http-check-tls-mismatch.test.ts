import { httpCheckTlsMismatch } from '../../src/rules/http-check-tls-mismatch.js';
import { testRule } from '../rule-tester.js';

const service = (port: string, checker: string, extra = '', url = '                path /\n') => `virtual_server 192.168.200.100 ${port} {
    delay_loop 6
    lb_algo rr
    lb_kind NAT
    protocol TCP
    real_server 192.168.201.100 ${port} {
        weight 1
        ${checker} {
            url {
${url}            }
${extra}            connect_timeout 3
        }
    }
}
`;

// keepalived's doc/samples/keepalived.conf.SSL_GET (2.2.7): SSL_GET for 443, HTTP_GET for 80.
const SAMPLE = `virtual_server 192.168.200.100 443 {
    delay_loop 6
    lb_algo rr
    lb_kind NAT
    persistence_timeout 50
    protocol TCP

    real_server 192.168.201.100 443 {
        weight 1
        SSL_GET {
            url {
              path /
              digest ff20ad2481f97b1754ef3e12ecd3a9cc
            }
            connect_timeout 3
            retry 3
            delay_before_retry 3
        }
    }
}

virtual_server 192.168.200.100 80 {
    delay_loop 6
    lb_algo rr
    lb_kind NAT
    persistence_timeout 50
    protocol TCP

    real_server 192.168.201.100 80 {
        weight 1
        HTTP_GET {
            url {
              path /
              digest ff20ad2481f97b1754ef3e12ecd3a9cc
            }
            connect_timeout 3
            retry 3
            delay_before_retry 3
        }
    }
}
`;

testRule(httpCheckTlsMismatch, {
  valid: [
    { name: "keepalived's SSL_GET sample", code: SAMPLE },
    { name: 'corrected: HTTP_GET on port 80', code: service('80', 'HTTP_GET') },
    { name: 'corrected: SSL_GET on port 443', code: service('443', 'SSL_GET') },
    { name: 'corrected: SSL_GET on port 80 sent to 443 by connect_port', code: service('80', 'SSL_GET', '            connect_port 443\n') },
    // keepalived's doc/samples/keepalived.conf.HTTP_GET.port: SSL_GET with connect_port 444.
    { name: "keepalived's HTTP_GET.port sample (SSL_GET to connect_port 444)", code: service('443', 'SSL_GET', '            connect_port    444\n') },
    { name: 'HTTP_GET on 443 written to expect the 400 a TLS server returns', code: service('443', 'HTTP_GET', '', '                path /\n                status_code 400\n') },
    { name: 'a checker without url connects to nothing (http_connect_thread)', code: service('80', 'SSL_GET').replace('            url {\n                path /\n            }\n', '') },
    { name: 'HTTP_GET on 8443 is not judged', code: service('8443', 'HTTP_GET') },
    { name: 'a real_server keepalived skips (its address does not parse) is not judged', code: service('80', 'SSL_GET').replace('real_server 192.168.201.100 80', 'real_server fakeIP1 80') },
  ],
  invalid: [
    {
      // keepalived's doc/samples/keepalived.conf.virtualhost (2.2.7) shows `virtualhost` with an SSL_GET
      // checker on port 80: keepalived accepts it (`keepalived -t` is silent), and every check fails at run time.
      name: "keepalived's virtualhost sample: SSL_GET on port 80",
      code: `virtual_server 192.168.200.100 80 {
    delay_loop 6
    lb_algo rr
    lb_kind NAT
    persistence_timeout 50
    protocol TCP
    virtualhost www.firewall.loc

    real_server 192.168.201.100 80 {
        weight 1
        SSL_GET {
            url {
              path /
              digest ff20ad2481f97b1754ef3e12ecd3a9cc
            }
            url {
              path /mrtg/
              digest 9b3a0c85a887a256d6939da88aabd8cd
            }
            connect_timeout 3
            retry 3
            delay_before_retry 3
        }
    }
}
`,
      errors: [{ line: 11, column: 9, severity: 'warning', message: /^SSL_GET on real_server 192\.168\.201\.100 80 starts a TLS handshake with 192\.168\.201\.100 port 80/ }],
    },
    {
      name: 'SSL_GET against port 80',
      code: service('80', 'SSL_GET'),
      errors: [
        {
          line: 8,
          column: 9,
          severity: 'warning',
          message:
            "SSL_GET on real_server 192.168.201.100 80 starts a TLS handshake with 192.168.201.100 port 80 (the real server's port), where web servers speak plain HTTP: the handshake fails on every check, so keepalived marks the real server down and never brings it back. Use HTTP_GET for port 80, or connect_port 443 if the server serves TLS there.",
        },
      ],
    },
    {
      name: 'HTTP_GET against port 443',
      code: service('443', 'HTTP_GET'),
      errors: [
        {
          line: 8,
          column: 9,
          message:
            "HTTP_GET on real_server 192.168.201.100 443 sends a plain HTTP request to 192.168.201.100 port 443 (the real server's port), where web servers expect a TLS handshake: they answer with an error or close the connection, so the check fails on every round and keepalived marks the real server down. Use SSL_GET for port 443, or connect_port 80 if the server serves plain HTTP there.",
        },
      ],
    },
    {
      name: 'connect_port 80 on an SSL_GET points at the written port',
      code: service('443', 'SSL_GET', '            connect_port 80\n'),
      errors: [{ line: 12, column: 26, message: /^SSL_GET on real_server 192\.168\.201\.100 443 starts a TLS handshake with 192\.168\.201\.100 port 80 \(its connect_port\)/ }],
    },
    {
      name: 'connect_ip keeps the real server port (co_ip_handler replaces the address only)',
      code: service('80', 'SSL_GET', '            connect_ip 10.9.9.9\n'),
      errors: [{ line: 8, column: 9, message: /TLS handshake with 10\.9\.9\.9 port 80 \(the real server's port\)/ }],
    },
    {
      name: "keepalived's SSL_GET sample with the checkers swapped",
      code: SAMPLE.replace('SSL_GET {', 'XX {').replace('HTTP_GET {', 'SSL_GET {').replace('XX {', 'HTTP_GET {'),
      errors: [
        { line: 10, column: 9, message: /^HTTP_GET on real_server 192\.168\.201\.100 443 sends a plain HTTP request/ },
        { line: 31, column: 9, message: /^SSL_GET on real_server 192\.168\.201\.100 80 starts a TLS handshake/ },
      ],
    },
    {
      name: 'a status_code list without 400 still fails',
      code: service('443', 'HTTP_GET', '', '                path /\n                status_code 200-302\n'),
      errors: [{ line: 8, column: 9, message: /^HTTP_GET on real_server/ }],
    },
  ],
});
