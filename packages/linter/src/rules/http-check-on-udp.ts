import { argsText, checkersOf, HTTPS_PORT, isVirtualServerRead, liveRealServers, type VirtualServer } from '@kalint/model';
import type { Rule } from '../types.js';

/**
 * An HTTP_GET or SSL_GET checker under a UDP virtual server that keeps the real server's address
 * and port: keepalived's web checker always connects by TCP, so it tests a TCP port, not the
 * UDP service.
 */
export const httpCheckOnUdp: Rule = {
  meta: {
    id: 'http-check-on-udp',
    description: 'An HTTP_GET/SSL_GET checker on a UDP virtual_server without connect_port or connect_ip: it tests TCP, not the UDP service',
    defaultSeverity: 'warn',
    fixable: false,
    scope: 'file',
  },
  virtualServer(server, { report }) {
    // Only a written `protocol UDP`: without a protocol line virtual-server-protocol reports the UDP default.
    if (server.protocol?.value !== 'UDP' || server.protocol.origin.kind !== 'written') return;
    if (!isVirtualServerRead(server)) return;
    for (const real of liveRealServers(server)) {
      for (const checker of checkersOf(real)) {
        if (checker.kind !== 'HTTP_GET' && checker.kind !== 'SSL_GET') continue;
        // The operator pointed the check elsewhere on purpose.
        if (checker.connectIp.origin.kind === 'written' || checker.connectPort?.origin.kind === 'written') continue;
        const port = checker.connectPort?.value ?? server.port;
        // An HTTP/3 (QUIC) service on UDP 443 checked through the same server's TLS port is a fair proxy.
        if (checker.kind === 'SSL_GET' && Number(port) === HTTPS_PORT) continue;
        report({
          message:
            `${checker.kind} on real_server ${argsText(real.statement)} connects by TCP to ${real.address} port ${port ?? '0'}, ` +
            `but ${serviceName(server)} balances UDP: the check asks a web server on TCP port ${port ?? '0'}, not the UDP service, ` +
            `so keepalived can mark the real server down while its UDP service works, or keep it in the pool after the UDP service died. ` +
            `Check the UDP service itself (UDP_CHECK, DNS_CHECK or MISC_CHECK), or write connect_port for the web port that tells the service's health.`,
          at: checker.statement.keyword,
        });
      }
    }
  },
};

function serviceName(server: VirtualServer): string {
  return `virtual_server ${argsText(server.statement)}`;
}
