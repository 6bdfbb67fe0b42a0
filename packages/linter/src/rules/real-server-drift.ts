import { anchor, realServerDestination } from '@kalint/model';
import { describeLine, related, where } from '../messages.js';
import type { Rule } from '../types.js';

/** A real server that one HA peer balances to and another does not. */
export const realServerDrift: Rule = {
  meta: {
    id: 'real-server-drift',
    description: "A real server is in one HA peer's virtual server but not in the peer's",
    defaultSeverity: 'error',
    fixable: false,
    scope: 'project',
  },
  service({ server, peers }, { project, report }) {
    for (const peer of peers) {
      const theirs = new Set(peer.realServers.map((r) => realServerDestination(peer, r)));
      const peerAt = anchor(peer.statement);
      const peerName = project.fileName(peer.file);
      for (const real of server.realServers) {
        if (theirs.has(realServerDestination(server, real))) continue;
        report({
          message:
            `${describeLine(real.statement)} is in ${describeLine(server.statement)} here but not in the same virtual_server of ${where(project, peerAt)}: ` +
            `while ${peerName} is MASTER this real server gets no traffic, and the others carry its share`,
          at: anchor(real.statement),
          related: [related(peerAt, `${describeLine(peer.statement)} in ${peerName}, without ${real.address}`)],
        });
      }
    }
  },
};
