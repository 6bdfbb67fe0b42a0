import type { Located, Statement } from '@kalint/parser';
import { anchor, argsText, canonicalAddress, knownChildren, placeOf, realServerPairs, type RealServer, type Setting as ModelSetting, type VirtualServer } from '@kalint/model';
import { describeLine, related, where } from '../messages.js';
import type { Project } from '../project.js';
import type { Rule, RuleContext } from '../types.js';

interface Setting {
  /** The keyword and its aliases. */
  keywords: string[];
  /** The value keepalived runs with, from the model (for the settings it knows). */
  model?: (server: VirtualServer) => ModelSetting<string | number> | undefined;
  /** What keepalived uses when the keyword is absent, if known. */
  fallback?: (server: VirtualServer) => string | undefined;
  /** Keywords that take no value: present or not. */
  flag?: boolean;
  /** Normalise a written value. */
  normalise?: (value: string) => string;
}

const numeric = (value: string) => (/^\d+(\.\d+)?$/.test(value) ? String(Number(value)) : value);

/** The virtual server settings that change how traffic is balanced or checked after a failover. */
const SETTINGS: Setting[] = [
  { keywords: ['lb_algo', 'lvs_sched'], model: (s) => s.scheduler },
  { keywords: ['lb_kind', 'lvs_method'], model: (s) => s.forwarding },
  // keepalived sets UDP when an address-based service has no protocol; fwmark services ignore it.
  { keywords: ['protocol'], model: (s) => s.protocol },
  { keywords: ['persistence_timeout'], fallback: () => 'none (no persistence)', normalise: (v) => (v === '' ? '360' : numeric(v)) },
  { keywords: ['persistence_granularity'] },
  { keywords: ['persistence_engine'] },
  { keywords: ['delay_loop'], model: (s) => s.delayLoop },
  { keywords: ['quorum'], fallback: () => '1', normalise: numeric },
  { keywords: ['hysteresis'], fallback: () => '0', normalise: numeric },
  { keywords: ['ha_suspend'], flag: true },
  { keywords: ['ops'], flag: true },
  { keywords: ['alpha'], flag: true },
  { keywords: ['omega'], flag: true },
  { keywords: ['inhibit_on_failure'], flag: true },
  { keywords: ['sorry_server'] },
  { keywords: ['sorry_server_inhibit'], flag: true },
  { keywords: ['sorry_server_lvs_method'] },
  { keywords: ['virtualhost'] },
];

interface Seen {
  value: string;
  written: boolean;
  at: Located;
  /** Why keepalived runs this value when it is not written. */
  note?: string;
}

/** The last line of a setting written directly in the virtual server (keepalived keeps the last). */
function lineOf(server: VirtualServer, keywords: readonly string[]): Statement | undefined {
  let found: Statement | undefined;
  for (const line of knownChildren(server.statement)) if (keywords.includes(line.keyword.text)) found = line;
  return found;
}

function settingOf(server: VirtualServer, setting: Setting): Seen | undefined {
  const line = lineOf(server, setting.keywords);
  if (setting.model) {
    const value = setting.model(server);
    if (!value) return undefined;
    const at = placeOf(value, anchor(server.statement));
    if (value.origin.kind === 'written' || value.origin.kind === 'global') return { value: String(value.value), written: true, at };
    // A line keepalived does not take leaves the default, or what it derives.
    const note = line ? `keepalived ignores '${argsText(line)}'` : value.origin.kind === 'derived' ? value.origin.because : undefined;
    return { value: String(value.value), written: false, at: line ? anchor(line) : at, ...(note ? { note } : {}) };
  }
  if (line) {
    if (setting.flag) return { value: 'set', written: true, at: line.keyword };
    const text = argsText(line);
    return { value: setting.normalise ? setting.normalise(text) : text, written: true, at: anchor(line) };
  }
  if (setting.flag) return { value: 'not set', written: false, at: anchor(server.statement) };
  const fallback = setting.fallback?.(server);
  return { value: fallback ?? 'not set', written: false, at: anchor(server.statement) };
}

function describeSetting(keyword: string, seen: Seen, flag = false): string {
  if (flag) return seen.written ? `${keyword} set` : `${keyword} not set`;
  if (seen.written) return `${keyword} ${seen.value}`;
  if (seen.note) return `${keyword} ${seen.value} (${seen.note})`;
  return seen.value === 'not set' ? `no ${keyword}` : `${keyword} ${seen.value} (no ${keyword} line: keepalived's default)`;
}

// ----- checkers ---------------------------------------------------------------------------------

/** Checker keywords a checker inherits from its real server, then its virtual server. */
const INHERITED = new Set(['connect_timeout', 'retry', 'delay_before_retry', 'delay_loop', 'warmup']);

/** keepalived's own defaults where they are the same for every checker kind, or per kind. */
function builtinDefault(kind: string, keyword: string): string | undefined {
  if (keyword === 'connect_timeout') return '5';
  if (keyword === 'delay_loop') return '60';
  if (keyword === 'retry') return kind === 'TCP_CHECK' || kind === 'HTTP_GET' || kind === 'SSL_GET' ? '1' : kind === 'MISC_CHECK' ? '0' : undefined;
  if (keyword === 'delay_before_retry') return kind === 'TCP_CHECK' ? '1' : kind === 'HTTP_GET' || kind === 'SSL_GET' ? '3' : undefined;
  return undefined;
}

interface Flat {
  value: string;
  at: Located;
}

/** Settings of a checker block, nested blocks flattened as `url#1/path`. */
function flatten(statement: Statement, prefix = '', out = new Map<string, Flat>()): Map<string, Flat> {
  const counts = new Map<string, number>();
  for (const s of knownChildren(statement)) {
    // nb_get_retry is the old name of retry (HTTP_GET and SSL_GET only: elsewhere it is unknown).
    const keyword = s.keyword.text === 'nb_get_retry' ? 'retry' : s.keyword.text;
    if (s.block !== null && s.block.kind === 'keywords') {
      const n = (counts.get(keyword) ?? 0) + 1;
      counts.set(keyword, n);
      flatten(s, `${prefix}${keyword}#${n}/`, out);
    } else {
      out.set(prefix + keyword, { value: numeric(s.args.map((w) => w.text).join(' ')), at: anchor(s) });
    }
  }
  return out;
}

function inherited(server: VirtualServer, real: RealServer, kind: string, keyword: string): string | undefined {
  for (const owner of [real.statement, server.statement]) {
    const line = knownChildren(owner).find((s) => (s.keyword.text === 'nb_get_retry' ? 'retry' : s.keyword.text) === keyword);
    if (line) return numeric(line.args.map((w) => w.text).join(' '));
  }
  return builtinDefault(kind, keyword);
}

function effective(server: VirtualServer, real: RealServer, kind: string, key: string, own: Map<string, Flat>): string | undefined {
  const flat = own.get(key);
  if (flat) return flat.value;
  if (INHERITED.has(key)) return inherited(server, real, kind, key);
  if (key === 'connect_port') return real.port ?? server.port;
  return undefined;
}

function compareCheckers(project: Project, report: RuleContext['report'], server: VirtualServer, real: RealServer, peer: VirtualServer, peerReal: RealServer): void {
  const kinds = (r: RealServer) => r.checkers.map((c) => c.keyword.text).sort();
  const mine = kinds(real);
  const theirs = kinds(peerReal);
  const peerName = project.fileName(peer.file);
  if (mine.join(' ') !== theirs.join(' ')) {
    const at = real.checkers[0]?.keyword ?? anchor(real.statement);
    const peerAt = peerReal.checkers[0]?.keyword ?? anchor(peerReal.statement);
    const say = (k: string[]) => (k.length === 0 ? 'no checker' : k.join(' and '));
    report({
      message:
        `${describeLine(real.statement)} of ${describeLine(server.statement)} is checked by ${say(mine)} here but by ${say(theirs)} in ${where(project, peerAt)}: ` +
        `after a failover its health is judged differently, so it may be taken out of (or kept in) service on one node only`,
      at,
      related: [related(peerAt, `${describeLine(peerReal.statement)} in ${peerName}: ${say(theirs)}`)],
    });
    return;
  }
  const used = new Map<string, number>();
  for (const checker of real.checkers) {
    const kind = checker.keyword.text;
    const index = used.get(kind) ?? 0;
    used.set(kind, index + 1);
    const other = peerReal.checkers.filter((c) => c.keyword.text === kind)[index];
    if (!other) continue;
    const a = flatten(checker);
    const b = flatten(other);
    for (const key of new Set([...a.keys(), ...b.keys()])) {
      const here = effective(server, real, kind, key, a);
      const there = effective(peer, peerReal, kind, key, b);
      if (here === there) continue;
      // A keyword set on one side with an unknown default on the other: say nothing rather than guess.
      if ((here === undefined || there === undefined) && INHERITED.has(key)) continue;
      const at = a.get(key)?.at ?? checker.keyword;
      const peerAt = b.get(key)?.at ?? other.keyword;
      const label = key.replace(/#1\//g, '/');
      const show = (v: string | undefined, own: boolean) => (v === undefined ? 'not set' : own ? v : `${v} (inherited or default)`);
      report({
        message:
          `${kind} of ${describeLine(real.statement)} (${describeLine(server.statement)}) has ${label} ${show(here, a.has(key))} here but ${show(there, b.has(key))} in ${where(project, peerAt)}: ` +
          `after a failover the real server is checked differently and may be marked down (or up) on one node only`,
        at,
        related: [related(peerAt, `${kind} ${label} in ${peerName}`)],
      });
    }
  }
}

// ----- virtual servers on one peer only -----------------------------------------------------------

function checkMissing(project: Project, report: RuleContext['report']): void {
  const model = project.model;
  for (const [path, peers] of model.vrrpPeerFiles) {
    const node = model.node(path);
    if (!node) continue;
    for (const [peerPath, shared] of peers) {
      const peerNode = model.node(peerPath);
      if (!peerNode) continue;
      const theirKeys = new Set(peerNode.virtualServers.map((s) => s.key));
      const sharedVips = new Map(shared.flatMap((instance) => instance.vips.map((v) => [v.address, instance] as const)));
      for (const server of node.virtualServers) {
        if (theirKeys.has(server.key)) continue;
        if (server.realServers.length === 0) continue;
        const instance = server.address !== undefined ? sharedVips.get(canonicalAddress(server.address)) : shared[0];
        if (!instance) continue;
        const peerName = project.fileName(peerPath);
        const how =
          server.address !== undefined
            ? `${server.address} is a virtual IP of vrrp_instance ${instance.name}, which fails over to ${peerName}`
            : `this node shares vrrp_instance ${instance.name} with ${peerName}`;
        const peerInstance = model.clusterOf(instance)?.peers.get(instance)?.find((p) => p.file === peerPath);
        report({
          message:
            `${describeLine(server.statement)} (${server.forwarding.value}) exists here only: ${how}, but ${peerName} has no such virtual_server. ` +
            `After a failover the service is not balanced any more`,
          at: anchor(server.statement),
          ...(peerInstance ? { related: [related(anchor(peerInstance.statement), `vrrp_instance ${peerInstance.name} in ${peerName}`)] } : {}),
        });
      }
    }
  }
}

/** Virtual servers that HA peers run differently, or that only one of two VRRP peers runs. */
export const virtualServerDrift: Rule = {
  meta: {
    id: 'virtual-server-drift',
    description: 'A virtual server differs between HA peers (scheduler, forwarding, protocol, persistence, delay_loop, checkers) or exists on one VRRP peer only',
    defaultSeverity: 'error',
    fixable: false,
    scope: 'project',
  },
  service({ server, peers }, { project, report }) {
    for (const peer of peers) {
      const peerName = project.fileName(peer.file);
      for (const setting of SETTINGS) {
        if (setting.keywords[0] === 'protocol' && server.address === undefined) continue;
        const here = settingOf(server, setting);
        const there = settingOf(peer, setting);
        if (!here || !there || here.value === there.value) continue;
        const keyword = setting.keywords[0]!;
        report({
          message:
            `${describeLine(server.statement)} has ${describeSetting(keyword, here, setting.flag)} here but ${describeSetting(keyword, there, setting.flag)} in ${where(project, there.at)}: ` +
            `after a failover the service is balanced differently`,
          at: here.at,
          related: [related(there.at, `${describeSetting(keyword, there, setting.flag)} in ${peerName}`)],
        });
      }
      for (const [real, peerReal] of realServerPairs(server, peer)) compareCheckers(project, report, server, real, peer, peerReal);
    }
  },
  project({ project, report }) {
    checkMissing(project, report);
  },
};
