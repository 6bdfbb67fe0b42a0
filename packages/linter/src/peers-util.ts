/**
 * Shared helpers of the cross-peer rules: which instances of a peer group are the same virtual
 * router on different nodes, which files are peers, how a file and a line are named in messages,
 * and the values keepalived falls back to when a keyword is absent.
 */
import type { ConfigFile, Located, Statement, Value, Word } from '@kalint/parser';
import type { RealServer, VirtualServer, VrrpInstance } from './model.js';
import type { Project, ProjectFile } from './project.js';
import type { Related } from './types.js';

/** keepalived's priority of an address owner and its default priority (include/vrrp.h). */
export const PRIORITY_OWNER = 255;
export const PRIORITY_DEFAULT = 100;

// ---------------------------------------------------------------------------------------------
// Naming files and lines in messages

/** Display names by naming list: the chunks of a parallel run share one list, and so one table. */
const displayNames = new WeakMap<readonly string[], Map<string, string>>();

/**
 * The shortest trailing part of each path that still tells the run's files apart: `ha2.conf` for
 * `/etc/ha/ha2.conf` next to `/etc/ha/ha1.conf`, `node2/keepalived.conf` when both are called
 * `keepalived.conf`. The run's files are its inputs and the files they include
 * (`Project.namingPaths`), so a name depends on the run, never on which message asked first; a
 * path outside them keeps its full name.
 */
export function fileName(project: Project, file: string): string {
  let names = displayNames.get(project.namingPaths);
  if (!names) {
    names = new Map();
    const paths = [...new Set(project.namingPaths)];
    const parts = paths.map((p) => p.split(/[\\/]+/).filter((s) => s !== ''));
    // How many paths end in each suffix of n parts (a path shorter than n counts as a whole), by n, worked out
    // only for the n some path needs: a suffix clashes when another path ends the same way.
    const suffixCounts: Array<Map<string, number>> = [];
    const countsFor = (n: number): Map<string, number> => {
      let counts = suffixCounts[n];
      if (!counts) {
        counts = new Map();
        for (const other of parts) {
          const suffix = other.slice(-n).join('/');
          counts.set(suffix, (counts.get(suffix) ?? 0) + 1);
        }
        suffixCounts[n] = counts;
      }
      return counts;
    };
    paths.forEach((path, i) => {
      const own = parts[i]!;
      for (let n = 1; n <= own.length; n++) {
        const suffix = own.slice(-n).join('/');
        const clash = countsFor(n).get(suffix)! > 1;
        if (!clash || n === own.length) {
          names!.set(path, n === own.length ? path : suffix);
          break;
        }
      }
    });
    displayNames.set(project.namingPaths, names);
  }
  return names.get(file) ?? file;
}

/** 1-based line of a place. */
export function lineOf(at: Located): number {
  return at.range.start.line + 1;
}

/** `ha2.conf (line 37)`. */
export function where(project: Project, at: Located): string {
  return `${fileName(project, at.file)} (line ${lineOf(at)})`;
}

/** A `related` entry pointing at a peer's line. */
export function related(at: Located, message: string): Related {
  return { file: at.file, range: at.range, message };
}

/** `a`, `a and b`, `a, b and c`. */
export function list(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

// ---------------------------------------------------------------------------------------------
// Statements of a block

function body(statement: Statement): Array<Statement | Value> {
  return (statement.block?.body ?? []).filter((n): n is Statement | Value => n.type === 'Statement' || n.type === 'Value');
}

/** Keyword statements directly inside a block. */
export function childStatements(statement: Statement): Statement[] {
  return body(statement).filter((n): n is Statement => n.type === 'Statement');
}

/** Keyword statements directly inside a block that keepalived knows at that place (it ignores the others). */
export function knownStatements(statement: Statement): Statement[] {
  return childStatements(statement).filter((s) => s.path !== null);
}

/** Item lines directly inside a value block. */
export function childValues(statement: Statement): Value[] {
  return body(statement).filter((n): n is Value => n.type === 'Value');
}

/** The first child statement whose keyword is one of `keywords`. */
export function child(statement: Statement, ...keywords: string[]): Statement | undefined {
  for (const n of statement.block?.body ?? []) if (n.type === 'Statement' && keywords.includes(n.keyword.text)) return n;
  return undefined;
}

/** Where to point at a statement: its first argument, or the keyword. */
export function anchor(statement: Statement): Word {
  return statement.args[0] ?? statement.keyword;
}

// ---------------------------------------------------------------------------------------------
// Files and global settings

const filesByPath = new WeakMap<Project, Map<string, ProjectFile>>();

export function projectFile(project: Project, path: string): ProjectFile | undefined {
  let byPath = filesByPath.get(project);
  if (!byPath) {
    byPath = new Map();
    // The first file of a path, as a search in file order finds it.
    for (const f of project.files) if (!byPath.has(f.path)) byPath.set(f.path, f);
    filesByPath.set(project, byPath);
  }
  return byPath.get(path);
}

const globalSettings = new WeakMap<ConfigFile, Map<string, Statement>>();

/** A `global_defs` setting of a file (the last one wins, as in keepalived). */
export function globalSetting(project: Project, path: string, keyword: string): Statement | undefined {
  const file = projectFile(project, path);
  if (!file) return undefined;
  let settings = globalSettings.get(file.ast);
  if (!settings) {
    settings = new Map();
    for (const node of file.ast.body) {
      if (node.type !== 'Statement' || node.keyword.text !== 'global_defs') continue;
      for (const s of childStatements(node)) settings.set(s.keyword.text, s);
    }
    globalSettings.set(file.ast, settings);
  }
  return settings.get(keyword);
}

// ---------------------------------------------------------------------------------------------
// VRRP: defaults keepalived applies

/** An address without its prefix length, lower-cased. */
export function bareAddress(address: string): string {
  return address.split('/')[0]!.toLowerCase();
}

/**
 * Whether a word is an IP address (with an optional prefix length). keepalived skips anything else
 * in an address list, so the peer rules leave placeholders and stray words to the single-file rules.
 */
export function isAddress(text: string): boolean {
  const [ip = '', prefix, extra] = text.split('/');
  if (extra !== undefined || (prefix !== undefined && !/^\d{1,3}$/.test(prefix))) return false;
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(ip)) return ip.split('.').every((o) => Number(o) <= 255);
  return ip.includes(':') && /^[0-9a-fA-F:.]+$/.test(ip);
}

/** `10.1.8.100` -> `10.1.8.100/32`; `fe80::1` -> `fe80::1/128`. */
export function withPrefix(address: string): string {
  const [ip = '', prefix] = address.toLowerCase().split('/');
  return `${ip}/${prefix ?? (ip.includes(':') ? '128' : '32')}`;
}

/** The VRRP version an instance runs: its own `version`, else `global_defs { vrrp_version }`, else 2. */
export function vrrpVersion(project: Project, instance: VrrpInstance): number {
  if (instance.version && (instance.version.value === 2 || instance.version.value === 3)) return instance.version.value;
  const global = globalSetting(project, instance.file, 'vrrp_version')?.args[0]?.text;
  if (global === '3') return 3;
  if (vips(instance).length > 0 && vips(instance).every((v) => v.value.includes(':'))) return 3;
  return 2;
}

/** `strict_mode` on the instance or `vrrp_strict` in `global_defs`. */
export function strictMode(project: Project, instance: VrrpInstance): boolean {
  const own = child(instance.statement, 'strict_mode');
  if (own) return !/^(off|false|no|0)$/i.test(own.args[0]?.text ?? 'on');
  return globalSetting(project, instance.file, 'vrrp_strict') !== undefined;
}

export interface Election {
  /** The priority keepalived runs with. */
  priority: number;
  /** Whether the priority comes from a `priority` line. */
  priorityWritten: boolean;
  /** The initial state keepalived runs with. */
  state: 'MASTER' | 'BACKUP';
  stateWritten: boolean;
  /** nopreempt as keepalived keeps it (it clears it with priority 255 or state MASTER). */
  nopreempt: boolean;
  /** Where to point when talking about the priority. */
  at: Located;
}

/**
 * Priority and initial state as keepalived resolves them (vrrp.c `vrrp_complete_instance`): an
 * invalid priority becomes 100; no priority gives 255 with `state MASTER` and 100 otherwise; no
 * state gives MASTER for priority 255 and BACKUP otherwise; a state other than `MASTER` is BACKUP.
 */
export function election(instance: VrrpInstance): Election {
  const priorityLine = child(instance.statement, 'priority');
  const stateLine = child(instance.statement, 'state');
  const writtenState = stateLine ? (stateLine.args[0]?.text === 'MASTER' ? 'MASTER' : 'BACKUP') : undefined;
  let priority: number;
  if (priorityLine) {
    const n = instance.priority?.value;
    priority = n !== undefined && Number.isInteger(n) && n >= 1 && n <= PRIORITY_OWNER ? n : PRIORITY_DEFAULT;
  } else {
    priority = writtenState === 'MASTER' ? PRIORITY_OWNER : PRIORITY_DEFAULT;
  }
  const state = writtenState ?? (priority === PRIORITY_OWNER ? 'MASTER' : 'BACKUP');
  const nopreempt = instance.nopreempt !== undefined && priority !== PRIORITY_OWNER && state !== 'MASTER';
  const at: Located = priorityLine ? anchor(priorityLine) : stateLine ? anchor(stateLine) : anchor(instance.statement);
  return { priority, priorityWritten: priorityLine !== undefined, state, stateWritten: stateLine !== undefined, nopreempt, at };
}

/** `priority 100` or `priority 100 (the default: no priority line)`. */
export function describePriority(e: Election): string {
  if (e.priorityWritten) return `priority ${e.priority}`;
  return `priority ${e.priority} (no priority line: keepalived uses ${e.priority} for state ${e.state})`;
}

/** Unicast peers keepalived uses; an instance without any sends multicast. */
export function unicastPeers(instance: VrrpInstance): string[] {
  return instance.unicastPeers.filter((p) => isAddress(p.value)).map((p) => bareAddress(p.value));
}

/** The `unicast_src_ip` of an instance when it is an address. */
export function unicastSource(instance: VrrpInstance): string | undefined {
  const source = instance.unicastSrcIp?.value;
  return source !== undefined && isAddress(source) ? bareAddress(source) : undefined;
}

/** The virtual IPs keepalived accepts (the address words of `virtual_ipaddress`). */
export function vips(instance: VrrpInstance) {
  return instance.vips.filter((v) => isAddress(v.value));
}

// ---------------------------------------------------------------------------------------------
// Which instances are the same virtual router on different nodes

/** An instance and, in each other file of its group, the instance it pairs with. */
export interface InstancePeers {
  instance: VrrpInstance;
  peers: VrrpInstance[];
  /** Peers paired by name or by a shared virtual IP (not only by VRID). */
  namedPeers: VrrpInstance[];
}

const instancePeerCache = new WeakMap<Project, InstancePeers[]>();

function sharesVip(a: VrrpInstance, b: VrrpInstance): boolean {
  const mine = new Set(vips(a).map((v) => bareAddress(v.value)));
  return vips(b).some((v) => mine.has(bareAddress(v.value)));
}

function sameVrid(a: VrrpInstance, b: VrrpInstance): boolean {
  return a.vrid !== undefined && b.vrid !== undefined && a.vrid.value === b.vrid.value && (a.interface?.value ?? '') === (b.interface?.value ?? '');
}

/**
 * Pairs the instances of each peer group across files, one counterpart per other file: the same
 * name counts most, then a shared virtual IP, then the same VRID on the same interface (what the
 * protocol itself goes by). A group can hold several instances of one file (chained by different
 * keys); pairing keeps the comparison between the instances that are really the same router.
 */
export function instancePeers(project: Project): InstancePeers[] {
  const cached = instancePeerCache.get(project);
  if (cached) return cached;
  const result: InstancePeers[] = [];
  for (const group of project.instanceGroups) {
    const peers = new Map<VrrpInstance, Set<VrrpInstance>>(group.members.map((m) => [m, new Set()]));
    const files = [...new Set(group.members.map((m) => m.file))];
    for (let i = 0; i < files.length; i++) {
      for (let j = i + 1; j < files.length; j++) {
        const left = group.members.filter((m) => m.file === files[i]);
        const right = group.members.filter((m) => m.file === files[j]);
        const candidates: Array<{ a: VrrpInstance; b: VrrpInstance; score: number }> = [];
        for (const a of left) {
          for (const b of right) {
            const score = (a.name === b.name ? 4 : 0) + (sharesVip(a, b) ? 2 : 0) + (sameVrid(a, b) ? 1 : 0);
            if (score > 0) candidates.push({ a, b, score });
          }
        }
        candidates.sort((x, y) => y.score - x.score);
        const taken = new Set<VrrpInstance>();
        for (const { a, b } of candidates) {
          if (taken.has(a) || taken.has(b)) continue;
          taken.add(a);
          taken.add(b);
          peers.get(a)!.add(b);
          peers.get(b)!.add(a);
        }
      }
    }
    for (const [instance, set] of peers) {
      if (set.size === 0) continue;
      const all = [...set];
      result.push({ instance, peers: all, namedPeers: all.filter((p) => p.name === instance.name || sharesVip(p, instance)) });
    }
  }
  instancePeerCache.set(project, result);
  return result;
}

// ---------------------------------------------------------------------------------------------
// Which files are peers, and which virtual servers are the same service on peers

/** Files that share a VRRP instance group, by file. */
const peerFileCache = new WeakMap<Project, ReadonlyMap<string, ReadonlyMap<string, readonly VrrpInstance[]>>>();

export function vrrpPeerFiles(project: Project): ReadonlyMap<string, ReadonlyMap<string, readonly VrrpInstance[]>> {
  const cached = peerFileCache.get(project);
  if (cached) return cached;
  const result = new Map<string, Map<string, VrrpInstance[]>>();
  for (const { instance, peers } of instancePeers(project)) {
    let byFile = result.get(instance.file);
    if (!byFile) result.set(instance.file, (byFile = new Map()));
    for (const peer of peers) {
      const shared = byFile.get(peer.file) ?? [];
      shared.push(instance);
      byFile.set(peer.file, shared);
    }
  }
  peerFileCache.set(project, result);
  return result;
}

/**
 * Whether two files' virtual servers should be compared: they share a VRRP instance group, or one
 * of them has no VRRP at all (an LVS-only director, compared through the services it shares).
 */
export function serversComparable(project: Project, a: string, b: string): boolean {
  if (a === b) return false;
  if (vrrpPeerFiles(project).get(a)?.has(b)) return true;
  const hasVrrp = (path: string) => (projectFile(project, path)?.model.instances.length ?? 0) > 0;
  return !hasVrrp(a) || !hasVrrp(b);
}

/** A virtual server and the same service on each comparable peer. */
export interface ServerPeers {
  server: VirtualServer;
  peers: VirtualServer[];
}

export function virtualServerPeers(project: Project): ServerPeers[] {
  const result: ServerPeers[] = [];
  for (const group of project.virtualServerGroups) {
    for (const server of group.members) {
      // One counterpart per file: the first with the same key.
      const seen = new Set<string>();
      const peers: VirtualServer[] = [];
      for (const other of group.members) {
        if (other.file === server.file || seen.has(other.file)) continue;
        if (!serversComparable(project, server.file, other.file)) continue;
        seen.add(other.file);
        peers.push(other);
      }
      if (peers.length > 0) result.push({ server, peers });
    }
  }
  return result;
}

/** The forwarding method keepalived uses: `lb_kind`/`lvs_method`, else NAT. */
export function forwarding(server: VirtualServer): string {
  return (server.lbKind?.value.split(/\s+/)[0] ?? 'NAT').toUpperCase();
}

/**
 * What identifies a real server within its virtual server as keepalived runs it: with DR and TUN
 * keepalived forces the virtual server's port, and a fwmark service ignores the port.
 */
export function realServerKey(server: VirtualServer, real: RealServer): string {
  const kind = forwarding(server);
  const address = real.address.toLowerCase();
  if (server.port === undefined) return kind === 'NAT' && real.port !== undefined ? `${address} ${real.port}` : address;
  const port = kind === 'NAT' ? (real.port ?? server.port) : server.port;
  return `${address} ${port}`;
}

/** `real_server 10.1.8.12 80`. */
export function describeRealServer(real: RealServer): string {
  return ['real_server', ...real.statement.args.map((w) => w.text)].join(' ');
}

/** `virtual_server 10.1.8.100 80`. */
export function describeVirtualServer(server: VirtualServer): string {
  return ['virtual_server', ...server.statement.args.map((w) => w.text)].join(' ');
}

/** Pairs the real servers of two peers' virtual servers. */
export function realServerPairs(a: VirtualServer, b: VirtualServer): Array<[RealServer, RealServer]> {
  const byKey = new Map<string, RealServer>();
  for (const real of b.realServers) if (!byKey.has(realServerKey(b, real))) byKey.set(realServerKey(b, real), real);
  const pairs: Array<[RealServer, RealServer]> = [];
  for (const real of a.realServers) {
    const other = byKey.get(realServerKey(a, real));
    if (other) pairs.push([real, other]);
  }
  return pairs;
}
