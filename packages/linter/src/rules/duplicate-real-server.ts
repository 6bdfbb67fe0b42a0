import { argsText, canonicalAddress, familyOf, type RealServer } from '@kalint/model';
import type { Rule } from '../types.js';

/** The same real_server address and port twice in one virtual_server. */
export const duplicateRealServer: Rule = {
  meta: {
    id: 'duplicate-real-server',
    description: 'The same real_server address and port twice in one virtual_server',
    defaultSeverity: 'error',
    fixable: false,
    scope: 'file',
  },
  virtualServer(server, { report }) {
    // keepalived skips a virtual_server whose address does not parse.
    if (server.address !== undefined && familyOf(server.address) === null) return;
    const seen = new Map<string, RealServer>();
    for (const real of server.realServers) {
      if (familyOf(real.address) === null) continue;
      const port = real.port === undefined ? '' : String(Number(real.port));
      const key = `${canonicalAddress(real.address)} ${port}`;
      const first = seen.get(key);
      if (!first) {
        seen.set(key, real);
        continue;
      }
      const name = argsText(real.statement);
      report({
        message:
          `real_server ${name} appears twice in virtual_server ${argsText(server.statement)} (first at line ${first.statement.range.start.line + 1}): ` +
          `keepalived reports "real server is duplicated" and removes this one, with its weight and health checks. Merge the two blocks.`,
        at: real.statement.args[0] ?? real.statement.keyword,
        related: [{ file: first.statement.file, range: first.statement.keyword.range, message: `real_server ${argsText(first.statement)} first defined here` }],
      });
    }
  },
};
