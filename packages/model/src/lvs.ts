/**
 * Virtual servers, real servers and checkers as keepalived's checker process runs them. Defaults
 * and derivations follow keepalived 2.2.7's keepalived/check/check_data.c (`alloc_vs`, `alloc_rs`,
 * `validate_check_config`) and check_parser.c.
 */
import type { Statement } from '@kalint/parser';
import { canonicalAddress, familyOf } from './address.js';
import { readTimer, readUnsigned, toSeconds } from './numbers.js';
import { byDefault, derived, written, type Setting } from './origin.js';
import { anchor, knownChildren } from './tree.js';

/** The scheduler of a virtual server without `lb_algo`/`lvs_sched` (include/ipvswrapper.h `IPVS_DEF_SCHED`). */
export const DEFAULT_SCHEDULER = 'wlc';
/** Seconds between checks without `delay_loop` (`KEEPALIVED_DEFAULT_DELAY`). */
export const DEFAULT_DELAY_LOOP = 60;
/** The scheduler names `lb_algo`/`lvs_sched` take (check_parser.c `lbalgo_handler`: exactly these, case sensitive; another word is ignored). */
export const SCHEDULERS: readonly string[] = ['rr', 'wrr', 'lc', 'wlc', 'lblc', 'sh', 'mh', 'dh', 'fo', 'ovf', 'lblcr', 'sed', 'nq', 'twos'];
/**
 * IPVS schedulers that ignore a real server's weight unless it is 0: the kernel's ip_vs_rr and
 * ip_vs_lc skip a server of weight 0 and treat the others alike; ip_vs_dh hashes destinations over
 * the servers whatever their weights, and finds no server for those hashed to one of weight 0.
 * Every other scheduler shares connections by weight.
 */
export const WEIGHT_BLIND_SCHEDULERS: ReadonlySet<string> = new Set(['rr', 'lc', 'dh']);
/** The largest real server weight keepalived takes (include/ip_vs.h `IPVS_WEIGHT_LIMIT`). */
export const WEIGHT_LIMIT = 2147483647;

export type Forwarding = 'NAT' | 'DR' | 'TUN';

export interface RealServer {
  /** `ADDRESS:PORT` (or just the address). */
  key: string;
  address: string;
  port?: string;
  statement: Statement;
  /** The weight keepalived gives the server in IPVS (1 unless `weight` says otherwise). */
  weight: Setting<number>;
  forwarding: Setting<Forwarding>;
  /** Checker blocks: TCP_CHECK, HTTP_GET, ... */
  checkers: Statement[];
}

export interface VirtualServer {
  /** What identifies the service across peers: `10.1.8.100 80 TCP`, `fwmark 1`, `group NAME`. */
  key: string;
  file: string;
  statement: Statement;
  /** Address and port for `virtual_server IP PORT`. */
  address?: string;
  port?: string;
  scheduler: Setting<string>;
  forwarding: Setting<Forwarding>;
  /** TCP, UDP or SCTP; a fwmark or group service says none. */
  protocol: Setting<string> | undefined;
  delayLoop: Setting<number>;
  /** Every keyword line directly inside the block except real servers: keyword -> the last line. */
  settings: Map<string, Statement>;
  realServers: RealServer[];
}

/**
 * The method a `lb_kind`/`lvs_method` line sets: check_parser.c `svr_forwarding_handler` compares
 * the word case-sensitively and leaves the method as it was for any other word (`dr` is no DR).
 */
function forwardingOf(statement: Statement | undefined): Forwarding | undefined {
  const word = statement?.args[0]?.text;
  return word === 'NAT' || word === 'DR' || word === 'TUN' ? word : undefined;
}

/** Build the model of a `virtual_server` block. */
export function buildVirtualServer(statement: Statement): VirtualServer {
  const first = statement.args[0]?.text;
  const second = statement.args[1]?.text;
  const settings = new Map<string, Statement>();
  /** Real server lines, with the method the virtual server had written when each was read. */
  const realLines: Array<{ line: Statement; forwarding: Setting<Forwarding> | undefined }> = [];
  let scheduler: Setting<string> = byDefault(DEFAULT_SCHEDULER, `no lb_algo: keepalived uses ${DEFAULT_SCHEDULER}`);
  let forwarding: Setting<Forwarding> = byDefault('NAT', 'no lb_kind: keepalived forwards by NAT');
  let protocol: Setting<string> | undefined;
  let delayLoop: Setting<number> = byDefault(DEFAULT_DELAY_LOOP, `no delay_loop: keepalived checks every ${DEFAULT_DELAY_LOOP} seconds`);
  for (const child of knownChildren(statement)) {
    if (child.path === 'virtual_server/real_server') {
      realLines.push({ line: child, forwarding: forwarding.origin.kind === 'written' ? forwarding : undefined });
      continue;
    }
    if (child.spec && child.spec.block === null) settings.set(child.keyword.text, child);
    const word = child.args[0]?.text;
    switch (child.path) {
      case 'virtual_server/lb_algo':
      case 'virtual_server/lvs_sched':
        if (word !== undefined && SCHEDULERS.includes(word)) scheduler = written(word, child);
        break;
      case 'virtual_server/lb_kind':
      case 'virtual_server/lvs_method': {
        const kind = forwardingOf(child);
        if (kind) forwarding = written(kind, child);
        break;
      }
      case 'virtual_server/protocol': {
        // check_parser.c `proto_handler`: TCP, UDP or SCTP in any case; another word is ignored.
        const name = word?.toUpperCase();
        if (name === 'TCP' || name === 'UDP' || name === 'SCTP') protocol = written(name, child);
        break;
      }
      case 'virtual_server/delay_loop': {
        // check_parser.c `vs_delay_handler` reads a timer of at least a microsecond; another value is ignored.
        const micro = readTimer(word, 1, Number.MAX_SAFE_INTEGER);
        if (micro !== undefined) delayLoop = written(toSeconds(micro), child);
        break;
      }
    }
  }
  const server: VirtualServer = { key: '', file: statement.file, statement, scheduler, forwarding, protocol, delayLoop, settings, realServers: [] };
  if (first === 'fwmark' || first === 'group') {
    // keepalived ignores `protocol` for a firewall mark ("protocol specified for fwmark - protocol
    // will be ignored", check_data.c `validate_check_config`); a group is named by its name.
    if (first === 'fwmark') server.protocol = undefined;
    server.key = `${first} ${second ?? ''}`;
  } else {
    if (first !== undefined) server.address = first;
    if (second !== undefined) server.port = second;
    // validate_check_config: "no protocol set - defaulting to UDP" (the kernel's default).
    server.protocol ??= derived('UDP', anchor(statement), 'no protocol line: keepalived sets up the service as UDP');
    server.key = `${first ?? ''} ${second ?? ''} ${server.protocol.value}`;
  }
  server.realServers = realLines.map(({ line, forwarding: before }) => buildRealServer(line, server, before));
  return server;
}

/**
 * A real server takes the method its virtual server has when its block is read (check_data.c
 * `alloc_rs`); with none written by then, the virtual server's final one, NAT by default
 * (`validate_check_config`). Its own `lvs_method` overrides either.
 */
function buildRealServer(statement: Statement, server: VirtualServer, before: Setting<Forwarding> | undefined): RealServer {
  const address = statement.args[0]?.text ?? '';
  const port = statement.args[1]?.text;
  let weight: Setting<number> = byDefault(1, 'no weight: keepalived gives a real server weight 1');
  let forwarding: Setting<Forwarding> = before ?? server.forwarding;
  const checkers: Statement[] = [];
  for (const child of knownChildren(statement)) {
    if (child.path === 'virtual_server/real_server/weight') {
      const word = child.args[0]?.text;
      // check_parser.c `rs_weight_handler`: an unsigned number up to IPVS_WEIGHT_LIMIT, else ignored.
      const value = readUnsigned(word, 0, WEIGHT_LIMIT);
      if (value !== undefined) weight = written(value, child);
    } else if (child.path === 'virtual_server/real_server/lvs_method' || child.path === 'virtual_server/real_server/lb_kind') {
      const kind = forwardingOf(child);
      if (kind) forwarding = written(kind, child);
    } else if (child.block !== null && child.spec?.block === 'keywords') checkers.push(child);
  }
  const real: RealServer = { key: port === undefined ? address : `${address}:${port}`, address, statement, weight, forwarding, checkers };
  if (port !== undefined) real.port = port;
  return real;
}

/** Whether the scheduler shares connections by weight (`rr` does not: only weight 0 matters there). */
export function weighted(server: VirtualServer): boolean {
  return !WEIGHT_BLIND_SCHEDULERS.has(server.scheduler.value);
}

/** A port word as keepalived reads it (`inet_stosockaddr`: 1..65535); `0`s mean none. */
export function portNumber(text: string | undefined): number | undefined {
  return readUnsigned(text, 1, 65535);
}

/**
 * The port keepalived gives a real or sorry server in IPVS (check_data.c `validate_check_config`):
 * for an address-based service, the virtual server's port when none is written or when the server
 * is forwarded by DR or TUN (which cannot map ports); for a firewall mark or a group, the written
 * port under NAT and none otherwise.
 */
export function ipvsPort(written: number | undefined, forwarding: string, server: VirtualServer): number | undefined {
  const addressBased = server.address !== undefined && familyOf(server.address) !== null;
  if (addressBased) return forwarding !== 'NAT' ? (portNumber(server.port) ?? written) : (written ?? portNumber(server.port));
  return forwarding === 'NAT' ? written : undefined;
}

/**
 * The IPVS destination keepalived sets up for a real server: its address and the port `ipvsPort`
 * gives it (what identifies the real server within its virtual server on every node).
 */
export function realServerDestination(server: VirtualServer, real: RealServer): string {
  const port = ipvsPort(portNumber(real.port), real.forwarding.value, server);
  return port === undefined ? canonicalAddress(real.address) : `${canonicalAddress(real.address)} ${port}`;
}
