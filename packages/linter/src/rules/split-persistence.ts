import { argsText, canonicalAddress, familyOf, HTTP_PORT, HTTPS_PORT, liveRealServers, persistenceOf, portNumber, type VirtualServer } from '@kalint/model';
import type { Rule } from '../types.js';

/**
 * Port 80 and port 443 of one address as two persistent services over the same real servers:
 * IPVS keeps persistence per service, so a client's HTTP and HTTPS connections can land on
 * different real servers. One firewall-mark service (or a port 0 service) shares persistence.
 */
export const splitPersistence: Rule = {
  meta: {
    id: 'split-persistence',
    description: 'Persistent virtual_servers for ports 80 and 443 of one address: persistence is per service, so a client can reach different real servers on the two ports',
    defaultSeverity: 'warn',
    fixable: false,
    scope: 'file',
  },
  file(file, { report }) {
    const web: VirtualServer[] = [];
    const tls: VirtualServer[] = [];
    for (const server of file.node.virtualServers) {
      if (server.address === undefined || familyOf(server.address) === null) continue;
      if (server.protocol?.value !== 'TCP' || !persistenceOf(server)) continue;
      const port = portNumber(server.port);
      if (port === HTTP_PORT) web.push(server);
      else if (port === HTTPS_PORT) tls.push(server);
    }
    for (const a of web) {
      for (const b of tls) {
        if (canonicalAddress(a.address!) !== canonicalAddress(b.address!)) continue;
        const shared = sharedAddresses(a, b);
        // With a single real server in common both ports reach it anyway.
        if (shared.length < 2) continue;
        const [first, second] = a.statement.keyword.range.start.line <= b.statement.keyword.range.start.line || a.file !== b.file ? [a, b] : [b, a];
        const timeout = persistenceOf(second)!;
        const at = timeout.origin.kind === 'default' ? second.statement.keyword : timeout.origin.at;
        const firstTimeout = persistenceOf(first)!;
        report({
          message:
            `virtual_server ${argsText(second.statement)} and virtual_server ${argsText(first.statement)} (line ${first.statement.keyword.range.start.line + 1}) ` +
            `are persistent each on its own, over the same real servers (${shared.join(', ')}): IPVS keeps persistence per service, ` +
            `so a client that port ${portNumber(first.port)} sent to one real server can be sent to another on port ${portNumber(second.port)}, ` +
            `where a session kept on the first server is unknown. To keep each client on one real server across both ports, ` +
            `mark both ports with one firewall mark and balance them as one virtual_server fwmark with persistence_timeout.`,
          at,
          related: [
            {
              file: first.statement.file,
              range: (firstTimeout.origin.kind === 'default' ? first.statement.keyword : firstTimeout.origin.at).range,
              message: `persistence of virtual_server ${argsText(first.statement)}`,
            },
          ],
        });
      }
    }
  },
};

/** The real server addresses two services share, as written in the first. */
function sharedAddresses(a: VirtualServer, b: VirtualServer): string[] {
  const theirs = new Set(liveRealServers(b).map((r) => canonicalAddress(r.address)));
  const found: string[] = [];
  for (const real of liveRealServers(a)) {
    const key = canonicalAddress(real.address);
    if (theirs.has(key) && !found.some((f) => canonicalAddress(f) === key)) found.push(real.address);
  }
  return found;
}
