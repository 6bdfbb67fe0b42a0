import { argsText, isSorryServer, isVirtualServerRead, liveRealServers, sorryServerOf } from '@kalint/model';
import type { Rule } from '../types.js';

/**
 * A `sorry_server` that is also a real server of the same virtual server: when the service loses
 * quorum keepalived puts the sorry server in the pool unchecked, and here that is a real server
 * whose checks may just have failed.
 */
export const sorryServerIsRealServer: Rule = {
  meta: {
    id: 'sorry-server-is-real-server',
    description: 'A sorry_server that is also a real_server of the same virtual_server: the fallback is one of the servers that failed',
    defaultSeverity: 'warn',
    fixable: false,
    scope: 'file',
  },
  virtualServer(server, { report }) {
    if (!isVirtualServerRead(server)) return;
    const sorry = sorryServerOf(server);
    if (!sorry) return;
    const real = liveRealServers(server).find((r) => isSorryServer(sorry, r, server));
    if (!real) return;
    report({
      message:
        `sorry_server ${argsText(sorry.statement)} is also real_server ${argsText(real.statement)} (line ${real.statement.keyword.range.start.line + 1}) ` +
        `of virtual_server ${argsText(server.statement)}: when every real server fails its checks the service loses quorum and keepalived ` +
        `adds the sorry server to the pool without checking it, so clients are sent to ${real.address}, a server whose checks just failed, ` +
        `instead of to a fallback. Point sorry_server at a server outside the pool.`,
      at: sorry.statement.args[0] ?? sorry.statement.keyword,
      related: [{ file: real.statement.file, range: real.statement.keyword.range, message: `real_server ${argsText(real.statement)}` }],
    });
  },
};
