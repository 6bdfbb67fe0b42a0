import type { Statement } from '@kalint/parser';
import type { RealServer, VirtualServer } from '../model.js';
import { anchor, child, describeRealServer, globalSetting, list, projectFile } from '../peers-util.js';
import type { Project } from '../project.js';
import type { SysctlFacts } from '../sysctl.js';
import type { Rule, RuleContext } from '../types.js';

/**
 * Interfaces whose own setting does not protect the client-facing NIC: the loopback and dummy
 * devices that hold the VIP, tunnels, and the `all`/`default` pseudo-interfaces.
 */
const NOT_A_NIC = /^(all|default|lo|dummy\d*|tunl\d*|gre\d*|gretap\d*|ip6tnl\d*|sit\d*)$/;

/** How a real server (or the whole service) forwards: DR, TUN or NAT, with the tunnel type. */
function methodOf(server: VirtualServer, real: RealServer): { kind: string; tunnel: string } {
  const own = child(real.statement, 'lvs_method', 'lb_kind');
  const words = own ? own.args.map((w) => w.text) : (server.lbKind?.value.split(/\s+/) ?? ['NAT']);
  const kind = (words[0] ?? 'NAT').toUpperCase();
  const typeIndex = words.indexOf('type');
  const type = typeIndex >= 0 ? words[typeIndex + 1] : undefined;
  return { kind, tunnel: type === 'gre' ? 'gre0' : 'tunl0' };
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

/** The director's facts: host `director`, or the file's router_id, or one of its unicast_src_ip addresses. */
function directorFacts(project: Project, path: string): SysctlFacts | undefined {
  const names = ['director'];
  const routerId = globalSetting(project, path, 'router_id')?.args[0]?.text;
  if (routerId) names.push(routerId);
  for (const instance of projectFile(project, path)?.model.instances ?? []) if (instance.unicastSrcIp) names.push(instance.unicastSrcIp.value);
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

function whereMethod(server: VirtualServer, real?: RealServer): Statement | undefined {
  return real ? child(real.statement, 'lvs_method', 'lb_kind') : undefined;
}

function checkServer(project: Project, report: RuleContext['report'], server: VirtualServer): void {
  const vip = vipOf(server);
  const it = server.address !== undefined ? 'it' : 'them';
  const at = server.lbKind?.at ?? anchor(server.statement);
  const needs: Record<'DR' | 'TUN', Array<{ real: RealServer; tunnel: string }>> = { DR: [], TUN: [] };
  for (const real of server.realServers) {
    const { kind, tunnel } = methodOf(server, real);
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
          `${describeRealServer(real)} (lb_kind ${kind}): ${s.key} is ${s.found} in ${facts.source}${s.note ? ` (${s.note})` : ''}; ${kind} needs ${s.required}: ${consequence}`,
        at: whereMethod(server, real)?.args[0] ?? anchor(real.statement),
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
  check({ project, report }) {
    for (const file of project.files) {
      let natReported = false;
      for (const server of file.model.virtualServers) {
        if (server.realServers.length === 0 || isIpv6(server)) continue;
        checkServer(project, report, server);
        const nat = server.realServers.some((r) => methodOf(server, r).kind === 'NAT');
        if (!nat || natReported) continue;
        natReported = true;
        const at = server.lbKind?.at ?? anchor(server.statement);
        const method = server.lbKind ? 'lb_kind NAT' : 'lb_kind NAT (no lb_kind line: keepalived\'s default)';
        const facts = directorFacts(project, file.path);
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
    }
  },
};
