import { argsText, familyOf } from '@kalint/model';
import type { Rule } from '../types.js';

/** An address-based virtual_server without `protocol`: keepalived sets up a UDP service. */
export const virtualServerProtocol: Rule = {
  meta: {
    id: 'virtual-server-protocol',
    description: 'A virtual_server for an address and port without protocol: keepalived balances UDP, not TCP',
    defaultSeverity: 'error',
    fixable: false,
    scope: 'file',
  },
  virtualServer(server, { report }) {
    const first = server.statement.args[0]?.text;
    // fwmark services have no protocol; group services are checked through their group.
    if (first === undefined || first === 'fwmark' || first === 'group' || familyOf(first) === null) return;
    // A protocol line keepalived cannot read is invalid-argument's.
    if (server.protocol?.origin.kind !== 'derived' || server.settings.has('protocol')) return;
    if (server.realServers.length === 0) return;
    report({
      message:
        `virtual_server ${argsText(server.statement)} has no protocol: keepalived reports "no protocol set - defaulting to UDP" and ` +
        `sets up a UDP service, so TCP connections to it are not balanced. Add protocol TCP (or UDP, SCTP).`,
      at: server.statement.args[0]!,
    });
  },
};
