import { argsText, childValues, familyOf, type VirtualServer } from '@kalint/model';
import type { Word } from '@kalint/parser';
import type { ProjectFile } from '../project.js';
import type { Report, Rule } from '../types.js';

function portNumber(text: string | undefined): number | undefined {
  return text !== undefined && /^\d+$/.test(text) ? Number(text) : undefined;
}

/** A DR or TUN real server whose port differs from the virtual server's: DR/TUN cannot map ports. */
export const drPortMapping: Rule = {
  meta: {
    id: 'dr-port-mapping',
    description: "With lb_kind DR or TUN, a real_server port that differs from the virtual_server's port",
    defaultSeverity: 'error',
    fixable: true,
    scope: 'file',
  },
  // The file hook rather than virtualServer: a group service's entries are the node's virtual_server_group.
  file(file, { report }) {
    for (const server of file.node.virtualServers) checkServer(file, server, report);
  },
};

function checkServer(file: ProjectFile, server: VirtualServer, report: (r: Report) => void): void {
  const first = server.statement.args[0]?.text;
  // keepalived skips a virtual_server whose address does not parse.
  if (first === undefined || (first !== 'fwmark' && first !== 'group' && familyOf(first) === null)) return;
  for (const real of server.realServers) {
    if (familyOf(real.address) === null) continue;
    const method = real.forwarding.value;
    if (method === 'NAT') continue;
    const portWord: Word | undefined = real.statement.args[1];
    const realPort = portNumber(portWord?.text);
    if (!portWord || realPort === undefined || realPort === 0) continue;
    const name = `real_server ${argsText(real.statement)}`;
    if (first === 'fwmark') {
      report({
        message:
          `${name} has a port, but virtual_server ${argsText(server.statement)} matches by firewall mark and forwards with ${method}: ` +
          `keepalived reports "real server has port specified - clearing" and ignores ${realPort}; packets keep their original port.`,
        at: portWord,
        severity: 'warning',
      });
      continue;
    }
    if (first === 'group') {
      for (const entry of groupEntries(file, server.statement.args[1]?.text)) {
        const entryPort = portNumber(entry.words[1]?.text);
        if (entryPort === undefined || entryPort === realPort) continue;
        report({
          message:
            `${name} uses port ${realPort}, but virtual_server_group entry ${entry.words.map((w) => w.text).join(' ')} (line ${entry.range.start.line + 1}) ` +
            `is port ${entryPort} and the method is ${method}: ${method} forwards packets unchanged, so the real server must listen on the virtual port; ` +
            `keepalived reports "ports don't match".`,
          at: portWord,
          related: [{ file: entry.file, range: entry.range, message: `virtual_server_group entry with port ${entryPort}` }],
        });
      }
      continue;
    }
    const virtualPort = portNumber(server.port);
    if (virtualPort === undefined || virtualPort === realPort) continue;
    report({
      message:
        `${name} uses port ${realPort}, but virtual_server ${argsText(server.statement)} forwards with ${method}, which sends packets on unchanged ` +
        `and cannot map ports: keepalived reports "virtual server and real server ports don't match - resetting" and uses port ${virtualPort}. ` +
        `Use port ${virtualPort}, or lb_kind NAT to map ports.`,
      at: portWord,
      related: [{ file: server.statement.file, range: (server.statement.args[1] ?? server.statement.keyword).range, message: `virtual port ${virtualPort}` }],
      ...(portWord.expansion === undefined
        ? { fix: { description: `Use port ${virtualPort}, the port keepalived uses`, edits: [{ file: portWord.file, range: portWord.range, text: String(virtualPort) }] } }
        : {}),
    });
  }
}

/** Address entries (`IP PORT`, `IP-RANGE PORT`) of the virtual_server_group `name`. */
function groupEntries(file: ProjectFile, name: string | undefined) {
  if (name === undefined) return [];
  return file.node.names
    .definitionsOf('virtual_server_group', name)
    .flatMap((group) => childValues(group.statement))
    .filter((entry) => entry.words[0]?.text !== 'fwmark' && entry.words.length >= 2);
}
