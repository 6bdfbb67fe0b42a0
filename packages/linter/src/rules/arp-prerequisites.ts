import type { Located, Statement } from '@kalint/parser';
import { anchor, knownChildren, type NodeModel, type RealServer, type VirtualServer } from '@kalint/model';
import { describeLine, list } from '../messages.js';
import type { Project } from '../project.js';
import type { SysctlFacts } from '../sysctl.js';
import type { Rule, RuleContext } from '../types.js';

/**
 * Interfaces whose own setting does not protect the client-facing NIC: the loopback and dummy
 * devices that hold the VIP, tunnels, and the `all`/`default` pseudo-interfaces.
 */
const NOT_A_NIC = /^(all|default|lo|dummy\d*|tunl\d*|gre\d*|gretap\d*|ip6tnl\d*|sit\d*)$/;

/**
 * How a real server forwards (the model's: its own lvs_method, else its virtual server's), with the
 * tunnel device of TUN: `type gre` on the line that sets the method uses gre0, else tunl0.
 */
function methodOf(real: RealServer): { kind: string; tunnel: string } {
  const origin = real.forwarding.origin;
  const words = origin.kind === 'written' ? origin.statement.args.map((w) => w.text) : [];
  const typeIndex = words.indexOf('type');
  const type = typeIndex >= 0 ? words[typeIndex + 1] : undefined;
  return { kind: real.forwarding.value, tunnel: type === 'gre' ? 'gre0' : 'tunl0' };
}

const number = (value: string | undefined) => (value !== undefined && /^\s*-?\d+\s*$/.test(value) ? Number(value) : undefined);

interface Shortfall {
  key: string;
  found: string;
  required: string;
  note?: string;
}

/**
 * For arp_ignore and arp_announce the kernel applies the larger of `conf.all` and the receiving
 * interface's value. The client-facing interface is not known, so any NIC set high enough counts.
 */
function arpShortfall(facts: SysctlFacts, name: 'arp_ignore' | 'arp_announce', required: number): Shortfall | undefined {
  const allKey = `net.ipv4.conf.all.${name}`;
  const all = number(facts.values.get(allKey));
  if (all !== undefined && all >= required) return undefined;
  for (const [key, value] of facts.values) {
    const match = /^net\.ipv4\.conf\.([^.]+)\.(arp_ignore|arp_announce)$/.exec(key);
    if (!match || match[2] !== name || NOT_A_NIC.test(match[1]!)) continue;
    if ((number(value) ?? 0) >= required) return undefined;
  }
  const found = all === undefined ? 'not set (kernel default 0)' : `${all}`;
  return { key: allKey, found, required: `${required}`, note: 'no network interface sets it higher' };
}

/** rp_filter on the tunnel: the kernel applies the larger of `conf.all` and the tunnel's value; 1 drops decapsulated packets. */
function rpFilterShortfall(facts: SysctlFacts, tunnel: string): Shortfall | undefined {
  const all = number(facts.values.get('net.ipv4.conf.all.rp_filter')) ?? 0;
  const ownKey = `net.ipv4.conf.${tunnel}.rp_filter`;
  const own = number(facts.values.get(ownKey)) ?? number(facts.values.get('net.ipv4.conf.default.rp_filter')) ?? 0;
  if (Math.max(all, own) !== 1) return undefined;
  const key = all === 1 ? 'net.ipv4.conf.all.rp_filter' : facts.values.has(ownKey) ? ownKey : 'net.ipv4.conf.default.rp_filter';
  return { key, found: '1 (strict)', required: `0 or 2 for both net.ipv4.conf.all.rp_filter and ${ownKey}` };
}

/** The director's facts: host `director`, or the node's router_id, or one of its unicast_src_ip addresses. */
function directorFacts(project: Project, node: NodeModel): SysctlFacts | undefined {
  const names = ['director'];
  const routerId = node.global('router_id')?.args[0]?.text;
  if (routerId) names.push(routerId);
  for (const instance of node.instances) {
    const source = instance.unicastSrcIp;
    if (source) names.push(source.origin.kind === 'written' ? source.origin.statement.args[0]!.text : source.value);
  }
  for (const name of names) {
    const facts = project.hosts.get(name);
    if (facts) return facts;
  }
  return undefined;
}

/**
 * How to hand kalint a host's sysctl settings, naming the command-line option and the
 * configuration key: `--host NAME=FILE`, or `"hosts": { "NAME": "FILE" }` in `.kalintrc.json`.
 */
function hostFactsHint(names: readonly string[]): string {
  const option = names.length === 1 ? `\`--host ${names[0]}=FILE\`` : `\`--host ADDRESS=FILE\`, once per server (\`--host ${names[0]}=FILE\`)`;
  return `pass them as ${option}, or in the "hosts" key of .kalintrc.json, with FILE in sysctl.conf syntax or \`sysctl -a\` output`;
}

function vipOf(server: VirtualServer): string {
  if (server.address !== undefined) return server.address;
  return `the addresses marked for ${server.statement.args.map((w) => w.text).join(' ')}`;
}

function isIpv6(server: VirtualServer): boolean {
  return server.address?.includes(':') ?? false;
}

/** The last `lb_kind`/`lvs_method` line written in a virtual server. */
function methodLine(server: VirtualServer): Statement | undefined {
  let found: Statement | undefined;
  for (const line of knownChildren(server.statement)) if (line.path === 'virtual_server/lb_kind' || line.path === 'virtual_server/lvs_method') found = line;
  return found;
}

/** Where to point at the method of a service: the line that sets it, else the last one written, else the virtual server. */
function methodAt(server: VirtualServer): Located {
  if (server.forwarding.origin.kind !== 'default') return server.forwarding.origin.at;
  const line = methodLine(server);
  return line ? anchor(line) : anchor(server.statement);
}

/** `lb_kind NAT`, with why when no line sets it (none written, or a word keepalived does not know). */
function natLabel(server: VirtualServer): string {
  if (server.forwarding.origin.kind !== 'default') return 'lb_kind NAT';
  const line = methodLine(server);
  return line
    ? `lb_kind NAT (keepalived does not know the method of '${describeLine(line)}' and forwards by NAT, its default)`
    : "lb_kind NAT (no lb_kind line: keepalived's default)";
}

/** Where to point at the method of a real server: its own lvs_method line, else the real server. */
function realMethodAt(real: RealServer): Located {
  const own = knownChildren(real.statement).find((s) => s.path === 'virtual_server/real_server/lvs_method' || s.path === 'virtual_server/real_server/lb_kind');
  return anchor(own ?? real.statement);
}

function checkServer(project: Project, report: RuleContext['report'], server: VirtualServer): void {
  const vip = vipOf(server);
  const it = server.address !== undefined ? 'it' : 'them';
  const at = methodAt(server);
  const needs: Record<'DR' | 'TUN', Array<{ real: RealServer; tunnel: string }>> = { DR: [], TUN: [] };
  for (const real of server.realServers) {
    const { kind, tunnel } = methodOf(real);
    if (kind !== 'DR' && kind !== 'TUN') continue;
    if (/^127\./.test(real.address)) continue;
    const facts = project.hosts.get(real.address);
    if (!facts) {
      needs[kind].push({ real, tunnel });
      continue;
    }
    const shortfalls =
      kind === 'DR'
        ? [arpShortfall(facts, 'arp_ignore', 1), arpShortfall(facts, 'arp_announce', 2)].filter((s): s is Shortfall => s !== undefined)
        : [rpFilterShortfall(facts, tunnel)].filter((s): s is Shortfall => s !== undefined);
    const consequence =
      kind === 'DR'
        ? `the real server answers ARP requests for ${vip} and takes traffic meant for the director`
        : `the real server drops the packets the director tunnels to it`;
    for (const s of shortfalls) {
      report({
        message:
          `${describeLine(real.statement)} (lb_kind ${kind}): ${s.key} is ${s.found} in ${facts.source}${s.note ? ` (${s.note})` : ''}; ${kind} needs ${s.required}: ${consequence}`,
        at: realMethodAt(real),
        severity: 'error',
      });
    }
  }
  if (needs.DR.length > 0) {
    const names = needs.DR.map((n) => n.real.address);
    const one = names.length === 1;
    report({
      message:
        `lb_kind DR: the real server${one ? '' : 's'} ${list(names)} receive${one ? 's' : ''} packets addressed to ${vip} and must not answer ARP for ${it}. ` +
        `${one ? 'It' : 'Each'} must hold ${vip} on lo or a dummy interface and set net.ipv4.conf.all.arp_ignore = 1 and net.ipv4.conf.all.arp_announce = 2; ` +
        `otherwise it answers ARP for ${vip} and takes traffic meant for the director. ` +
        `kalint can check the two settings only from ${one ? 'its' : 'their'} sysctl values: ${hostFactsHint(names)} (the address on lo or dummy cannot be seen from sysctl)`,
      at,
    });
  }
  if (needs.TUN.length > 0) {
    const names = needs.TUN.map((n) => n.real.address);
    const one = names.length === 1;
    const tunnels = [...new Set(needs.TUN.map((n) => n.tunnel))];
    const tunnelKeys = tunnels.map((t) => `net.ipv4.conf.${t}.rp_filter`).join(' and ');
    report({
      message:
        `lb_kind TUN: the real server${one ? '' : 's'} ${list(names)} receive${one ? 's' : ''} ${vip} through an IP tunnel. ` +
        `${one ? 'It' : 'Each'} must hold ${vip} on the tunnel interface (${tunnels.join(', ')}) and relax reverse-path filtering: net.ipv4.conf.all.rp_filter and ${tunnelKeys} 0 or 2, not 1; ` +
        `otherwise it drops the tunnelled packets. kalint cannot see this without ${one ? 'its' : 'their'} sysctl settings: ${hostFactsHint(names)}`,
      at,
    });
  }
}

/** Host settings that LVS forwarding needs and keepalived cannot set: ARP on DR real servers, rp_filter on TUN, ip_forward on a NAT director. */
export const arpPrerequisites: Rule = {
  meta: {
    id: 'arp-prerequisites',
    description: 'LVS-DR/TUN real servers and NAT directors need kernel settings keepalived cannot make (arp_ignore/arp_announce, rp_filter, ip_forward)',
    defaultSeverity: 'warn',
    fixable: false,
    scope: 'project',
  },
  file(file, { project, report }) {
    let natReported = false;
    for (const server of file.node.virtualServers) {
      if (server.realServers.length === 0 || isIpv6(server)) continue;
      checkServer(project, report, server);
      const nat = server.realServers.some((r) => methodOf(r).kind === 'NAT');
      if (!nat || natReported) continue;
      natReported = true;
      const at = methodAt(server);
      const method = natLabel(server);
      const facts = directorFacts(project, file.node);
      if (!facts) {
        report({
          message:
            `${method}: the director (the node running this keepalived) must forward packets: net.ipv4.ip_forward = 1, ` +
            `and the real servers must route their replies back through it (default gateway on the director's side). ` +
            `kalint cannot see this without the director's sysctl settings: pass them as \`--host director=FILE\` (or under this node's router_id instead of director), ` +
            `or in the "hosts" key of .kalintrc.json, with FILE in sysctl.conf syntax or \`sysctl -a\` output`,
          at,
        });
        continue;
      }
      const value = facts.values.get('net.ipv4.ip_forward') ?? facts.values.get('net.ipv4.conf.all.forwarding');
      if (number(value) === 1) continue;
      report({
        message:
          `${method}: net.ipv4.ip_forward is ${value === undefined ? 'not set (kernel default 0)' : value} in ${facts.source}; NAT needs 1: ` +
          `the director does not forward, so no request reaches the real servers`,
        at,
        severity: 'error',
      });
    }
  },
};
