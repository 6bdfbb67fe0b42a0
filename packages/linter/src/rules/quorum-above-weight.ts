import { argsText, effectiveQuorum, hysteresisOf, isVirtualServerRead, liveRealServers, quorumOf, sorryServerOf, totalWeight } from '@kalint/model';
import type { Rule } from '../types.js';

/**
 * A `quorum` above the total weight of the virtual server's real servers: keepalived lowers it to
 * that total (check_data.c `validate_check_config`), so the service keeps its quorum only while
 * every weighted real server is up.
 */
export const quorumAboveWeight: Rule = {
  meta: {
    id: 'quorum-above-weight',
    description: "A virtual_server quorum above its real servers' total weight: keepalived lowers it, and quorum then needs every real server up",
    defaultSeverity: 'warn',
    fixable: false,
    scope: 'file',
  },
  virtualServer(server, { report }) {
    if (!isVirtualServerRead(server)) return;
    const quorum = quorumOf(server);
    if (quorum.origin.kind !== 'written') return;
    if (liveRealServers(server).length === 0) return;
    const total = totalWeight(server);
    // With no weight at all the quorum falls to 0, a different mistake (every real server has weight 0).
    if (total === 0 || effectiveQuorum(server).value === quorum.value) return;
    const sorry = sorryServerOf(server);
    const lost = sorry
      ? `all traffic goes to sorry_server ${argsText(sorry.statement)}`
      : 'keepalived declares quorum lost (it runs quorum_down and sends alerts) although the other real servers still serve';
    // With hysteresis the first failure may stay within the margin: say only what is sure.
    const then =
      hysteresisOf(server).value === 0
        ? `so the service keeps quorum only while every real server with a weight is up: when any one fails, ${lost}`
        : `so quorum now asks for the whole weight of the pool, less the hysteresis; when quorum is lost, ${lost}`;
    report({
      message:
        `quorum ${quorum.value} is above the total weight of the real servers of virtual_server ${argsText(server.statement)} (${total}): ` +
        `keepalived warns "quorum ${quorum.value} ... exceeds total weight of real servers ${total}, reducing quorum to ${total}", ${then}. ` +
        `Lower quorum to the live weight the service needs (at most ${total}), or add real servers or weight.`,
      at: quorum.origin.at,
    });
  },
};
