import type { Located, Statement } from '@kalint/parser';
import type { RealServer, VirtualServer } from '../model.js';
import {
  anchor,
  bareAddress,
  knownStatements,
  describeRealServer,
  describeVirtualServer,
  fileName,
  forwarding,
  instancePeers,
  projectFile,
  realServerPairs,
  related,
  virtualServerPeers,
  vrrpPeerFiles,
  where,
} from '../peers-util.js';
import type { Project } from '../project.js';
import type { Rule, RuleContext } from '../types.js';

interface Setting {
  /** The keyword and its aliases. */
  keywords: string[];
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
  { keywords: ['lb_algo', 'lvs_sched'], fallback: () => 'wlc' },
  { keywords: ['lb_kind', 'lvs_method'], fallback: () => 'NAT' },
  // keepalived sets UDP when an address-based service has no protocol; fwmark services ignore it.
  { keywords: ['protocol'], fallback: (s) => (s.address !== undefined ? 'UDP' : undefined), normalise: (v) => v.toUpperCase() },
  { keywords: ['persistence_timeout'], fallback: () => 'none (no persistence)', normalise: (v) => (v === '' ? '360' : numeric(v)) },
  { keywords: ['persistence_granularity'] },
  { keywords: ['persistence_engine'] },
  { keywords: ['delay_loop'], fallback: () => '60', normalise: numeric },
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
}

function settingOf(server: VirtualServer, setting: Setting): Seen | undefined {
  const line = knownStatements(server.statement).find((s) => setting.keywords.includes(s.keyword.text));
  if (line) {
    if (setting.flag) return { value: 'set', written: true, at: line.keyword };
    const text = line.args.map((w) => w.text).join(' ');
    return { value: setting.normalise ? setting.normalise(text) : text, written: true, at: anchor(line) };
  }
  if (setting.flag) return { value: 'not set', written: false, at: anchor(server.statement) };
  const fallback = setting.fallback?.(server);
  return { value: fallback ?? 'not set', written: false, at: anchor(server.statement) };
}

function describeSetting(keyword: string, seen: Seen, flag = false): string {
  if (flag) return seen.written ? `${keyword} set` : `${keyword} not set`;
  if (seen.written) return `${keyword} ${seen.value}`;
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
  for (const s of knownStatements(statement)) {
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
    const line = knownStatements(owner).find((s) => (s.keyword.text === 'nb_get_retry' ? 'retry' : s.keyword.text) === keyword);
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
  const peerName = fileName(project, peer.file);
  if (mine.join(' ') !== theirs.join(' ')) {
    const at = real.checkers[0]?.keyword ?? anchor(real.statement);
    const peerAt = peerReal.checkers[0]?.keyword ?? anchor(peerReal.statement);
    const say = (k: string[]) => (k.length === 0 ? 'no checker' : k.join(' and '));
    report({
      message:
        `${describeRealServer(real)} of ${describeVirtualServer(server)} is checked by ${say(mine)} here but by ${say(theirs)} in ${where(project, peerAt)}: ` +
        `after a failover its health is judged differently, so it may be taken out of (or kept in) service on one node only`,
      at,
      related: [related(peerAt, `${describeRealServer(peerReal)} in ${peerName}: ${say(theirs)}`)],
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
          `${kind} of ${describeRealServer(real)} (${describeVirtualServer(server)}) has ${label} ${show(here, a.has(key))} here but ${show(there, b.has(key))} in ${where(project, peerAt)}: ` +
          `after a failover the real server is checked differently and may be marked down (or up) on one node only`,
        at,
        related: [related(peerAt, `${kind} ${label} in ${peerName}`)],
      });
    }
  }
}

// ----- virtual servers on one peer only -----------------------------------------------------------

function effectiveKey(server: VirtualServer): string {
  const [first, second] = server.statement.args.map((w) => w.text);
  if (first === 'fwmark') return `fwmark ${second ?? ''}`;
  const protocol = (server.protocol?.value ?? (first === 'group' ? 'TCP' : 'UDP')).toUpperCase();
  return `${[first, second].filter((w) => w !== undefined).join(' ')} ${protocol}`;
}

function checkMissing(project: Project, report: RuleContext['report']): void {
  for (const [path, peers] of vrrpPeerFiles(project)) {
    const file = projectFile(project, path);
    if (!file) continue;
    for (const [peerPath, shared] of peers) {
      const peerFile = projectFile(project, peerPath);
      if (!peerFile) continue;
      const theirKeys = new Set(peerFile.model.virtualServers.flatMap((s) => [s.key, effectiveKey(s)]));
      const sharedVips = new Map(shared.flatMap((instance) => instance.vips.map((v) => [bareAddress(v.value), instance] as const)));
      for (const server of file.model.virtualServers) {
        if (theirKeys.has(server.key) || theirKeys.has(effectiveKey(server))) continue;
        if (server.realServers.length === 0) continue;
        const instance = server.address !== undefined ? sharedVips.get(bareAddress(server.address)) : shared[0];
        if (!instance) continue;
        const peerName = fileName(project, peerPath);
        const how =
          server.address !== undefined
            ? `${server.address} is a virtual IP of vrrp_instance ${instance.name}, which fails over to ${peerName}`
            : `this node shares vrrp_instance ${instance.name} with ${peerName}`;
        const peerInstance = instancePeers(project).find((e) => e.instance === instance)?.peers.find((p) => p.file === peerPath);
        report({
          message:
            `${describeVirtualServer(server)} (${forwarding(server)}) exists here only: ${how}, but ${peerName} has no such virtual_server. ` +
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
  check({ project, report }) {
    for (const { server, peers } of virtualServerPeers(project)) {
      for (const peer of peers) {
        const peerName = fileName(project, peer.file);
        for (const setting of SETTINGS) {
          if (setting.keywords[0] === 'protocol' && server.address === undefined) continue;
          const here = settingOf(server, setting);
          const there = settingOf(peer, setting);
          if (!here || !there || here.value === there.value) continue;
          const keyword = setting.keywords[0]!;
          report({
            message:
              `${describeVirtualServer(server)} has ${describeSetting(keyword, here, setting.flag)} here but ${describeSetting(keyword, there, setting.flag)} in ${where(project, there.at)}: ` +
              `after a failover the service is balanced differently`,
            at: here.at,
            related: [related(there.at, `${describeSetting(keyword, there, setting.flag)} in ${peerName}`)],
          });
        }
        for (const [real, peerReal] of realServerPairs(server, peer)) compareCheckers(project, report, server, real, peer, peerReal);
      }
    }
    checkMissing(project, report);
  },
};
