/**
 * Health checkers, quorum, sorry servers and persistence as keepalived's checker process runs them
 * (keepalived 2.2.7: check/check_api.c `queue_checker` and the connection option handlers,
 * check/check_http.c, check/check_parser.c, check/check_data.c `alloc_ssvr` and
 * `validate_check_config`).
 */
import type { Statement } from '@kalint/parser';
import { canonicalAddress, familyOf, isIPv4 } from './address.js';
import { ipvsPort, portNumber, type RealServer, type VirtualServer } from './lvs.js';
import { readUnsigned } from './numbers.js';
import { byDefault, derived, written, type Setting } from './origin.js';
import { anchor, childrenAt, knownChildren, lastChildAt } from './tree.js';

/** The checker blocks keepalived knows inside a `real_server`. */
export type CheckerKind =
  | 'HTTP_GET'
  | 'SSL_GET'
  | 'TCP_CHECK'
  | 'SMTP_CHECK'
  | 'DNS_CHECK'
  | 'MISC_CHECK'
  | 'BFD_CHECK'
  | 'UDP_CHECK'
  | 'PING_CHECK'
  | 'FILE_CHECK';

/**
 * How each checker reaches the real server: HTTP_GET/SSL_GET (check_http.c `http_connect_thread`),
 * TCP_CHECK and SMTP_CHECK open a TCP connection; DNS_CHECK and UDP_CHECK send UDP datagrams;
 * PING_CHECK sends ICMP echo; MISC_CHECK runs a script, FILE_CHECK reads a file and BFD_CHECK
 * follows a BFD session, none of them to the real server's port.
 */
export const CHECKER_TRANSPORT: Readonly<Record<CheckerKind, 'TCP' | 'UDP' | 'ICMP' | 'none'>> = {
  HTTP_GET: 'TCP',
  SSL_GET: 'TCP',
  TCP_CHECK: 'TCP',
  SMTP_CHECK: 'TCP',
  DNS_CHECK: 'UDP',
  UDP_CHECK: 'UDP',
  PING_CHECK: 'ICMP',
  MISC_CHECK: 'none',
  FILE_CHECK: 'none',
  BFD_CHECK: 'none',
};

/** The well-known port of plain HTTP. */
export const HTTP_PORT = 80;
/** The well-known port of HTTP over TLS. */
export const HTTPS_PORT = 443;

/** A checker block of a real server, with where its probe goes. */
export interface Checker {
  kind: CheckerKind;
  statement: Statement;
  realServer: RealServer;
  /** TCP, UDP, ICMP or none (a script, a file, a BFD session). */
  transport: 'TCP' | 'UDP' | 'ICMP' | 'none';
  /**
   * The address the probe goes to: the last valid `connect_ip`, else the real server's address
   * (`queue_checker` starts from the real server's address; `co_ip_handler` replaces the address
   * and keeps the port).
   */
  connectIp: Setting<string>;
  /**
   * The port the probe goes to: the last valid `connect_port` (1..65535, `co_port_handler`), else
   * the real server's port; undefined for a real server written without a port.
   */
  connectPort: Setting<number> | undefined;
}

function isCheckerKind(word: string): word is CheckerKind {
  return Object.prototype.hasOwnProperty.call(CHECKER_TRANSPORT, word);
}

/** The checkers of a real server, in order. */
export function checkersOf(real: RealServer): Checker[] {
  const found: Checker[] = [];
  for (const statement of real.checkers) {
    const kind = statement.keyword.text;
    if (!isCheckerKind(kind)) continue;
    const path = `virtual_server/real_server/${kind}`;
    let connectIp: Setting<string> = derived(real.address, anchor(real.statement), 'no connect_ip: the checker connects to the real server');
    let connectPort: Setting<number> | undefined;
    const rsPort = portNumber(real.port);
    if (rsPort !== undefined) connectPort = derived(rsPort, real.statement.args[1] ?? anchor(real.statement), 'no connect_port: the checker connects to the real server\'s port');
    for (const child of knownChildren(statement)) {
      if (child.path === `${path}/connect_ip`) {
        const word = child.args[0]?.text;
        if (word !== undefined && familyOf(word) !== null) connectIp = written(word, child);
      } else if (child.path === `${path}/connect_port`) {
        const port = portNumber(child.args[0]?.text);
        if (port !== undefined) connectPort = written(port, child);
      }
    }
    found.push({ kind, statement, realServer: real, transport: CHECKER_TRANSPORT[kind], connectIp, connectPort });
  }
  return found;
}

/** The status codes an HTTP_GET/SSL_GET `url` block accepts (`status_code`; 200-299 when none is written). */
export function acceptedStatusCodes(url: Statement, kind: 'HTTP_GET' | 'SSL_GET'): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  for (const line of childrenAt(url, `virtual_server/real_server/${kind}/url/status_code`)) {
    for (const word of line.args) {
      const m = /^(\d+)(?:-(\d+))?$/.exec(word.text);
      if (m) ranges.push([Number(m[1]), Number(m[2] ?? m[1])]);
    }
  }
  return ranges.length > 0 ? ranges : [[200, 299]];
}

/** The `url` blocks of an HTTP_GET/SSL_GET checker. */
export function urlsOf(checker: Checker): Statement[] {
  if (checker.kind !== 'HTTP_GET' && checker.kind !== 'SSL_GET') return [];
  return childrenAt(checker.statement, `virtual_server/real_server/${checker.kind}/url`);
}

/** A virtual server's quorum without a `quorum` line (check_data.c `alloc_vs`). */
export const DEFAULT_QUORUM = 1;

/**
 * The quorum a virtual server's configuration asks for, before keepalived's lowering: the last
 * `quorum` line; a value outside 1..4294967295 is set to 1 (check_parser.c `quorum_handler`).
 */
export function quorumOf(server: VirtualServer): Setting<number> {
  const line = lastChildAt(server.statement, 'virtual_server/quorum');
  if (!line) return byDefault(DEFAULT_QUORUM, 'no quorum line: keepalived needs a live weight of 1');
  const value = readUnsigned(line.args[0]?.text, 1, 4294967295);
  return value === undefined ? derived(DEFAULT_QUORUM, anchor(line), 'keepalived sets an invalid quorum to 1') : written(value, line);
}

/**
 * The real servers keepalived sets up for a virtual server: those whose address it reads (it
 * skips the others).
 */
export function liveRealServers(server: VirtualServer): RealServer[] {
  return server.realServers.filter((real) => familyOf(real.address) !== null);
}

/** Whether keepalived sets up the virtual server: a firewall mark, a group, or an address it reads (it skips the block otherwise). */
export function isVirtualServerRead(server: VirtualServer): boolean {
  const first = server.statement.args[0]?.text;
  return first === 'fwmark' || first === 'group' || (first !== undefined && familyOf(first) !== null);
}

/**
 * The total weight of a virtual server's real servers, which keepalived compares with the quorum
 * (`validate_check_config`: "quorum ... exceeds total weight of real servers", and it lowers the
 * quorum to that total).
 */
export function totalWeight(server: VirtualServer): number {
  return liveRealServers(server).reduce((sum, real) => sum + real.weight.value, 0);
}

/** The quorum keepalived runs with: the configured one, lowered to the real servers' total weight. */
export function effectiveQuorum(server: VirtualServer): Setting<number> {
  const asked = quorumOf(server);
  const total = totalWeight(server);
  if (asked.value <= total) return asked;
  return derived(total, asked.origin.kind === 'default' ? anchor(server.statement) : asked.origin.at, `keepalived lowers a quorum above the real servers' total weight (${total}) to that total`);
}

/** A virtual server's `sorry_server`. */
export interface SorryServer {
  address: string;
  /** The port, when one other than 0 is written. */
  port?: number;
  statement: Statement;
}

/**
 * The sorry server keepalived keeps: the last `sorry_server` line whose address it reads
 * (check_data.c `alloc_ssvr` replaces the previous one, and skips an invalid address).
 */
export function sorryServerOf(server: VirtualServer): SorryServer | undefined {
  let found: SorryServer | undefined;
  for (const line of childrenAt(server.statement, 'virtual_server/sorry_server')) {
    const address = line.args[0]?.text;
    if (address === undefined || familyOf(address) === null) continue;
    const portWord = line.args[1]?.text;
    // A port of zeros is no port (`alloc_ssvr`); any other invalid port makes the line invalid.
    if (portWord !== undefined && !/^0+$/.test(portWord) && portNumber(portWord) === undefined) continue;
    const port = portNumber(portWord);
    found = { address, statement: line, ...(port !== undefined ? { port } : {}) };
  }
  return found;
}

/**
 * Whether a real server is the sorry server: the same address, and the same port once keepalived
 * has filled in or reset the ports (`validate_check_config`), so both reach one IPVS destination.
 */
export function isSorryServer(sorry: SorryServer, real: RealServer, server: VirtualServer): boolean {
  if (familyOf(real.address) === null) return false;
  if (canonicalAddress(sorry.address) !== canonicalAddress(real.address)) return false;
  const sorryMethod = sorryForwardingOf(server);
  return ipvsPort(sorry.port, sorryMethod, server) === ipvsPort(portNumber(real.port), real.forwarding.value, server);
}

/** The sorry server's forwarding method: `sorry_server_lvs_method` (NAT, DR or TUN), else the virtual server's. */
function sorryForwardingOf(server: VirtualServer): string {
  const line = lastChildAt(server.statement, 'virtual_server/sorry_server_lvs_method');
  const word = line?.args[0]?.text;
  return word === 'NAT' || word === 'DR' || word === 'TUN' ? word : server.forwarding.value;
}

/** The persistence timeout without a value (libipvs.h `IPVS_SVC_PERSISTENT_TIMEOUT`: 6 minutes). */
export const DEFAULT_PERSISTENCE_TIMEOUT = 360;
/** The longest persistence timeout keepalived takes (global_data.h `LVS_MAX_TIMEOUT`: 31 days). */
export const MAX_PERSISTENCE_TIMEOUT = 86400 * 31;

/**
 * The persistence timeout of a virtual server, or undefined when it is not persistent. A
 * `persistence_timeout` line without a value gives 360 s; a value outside 1..2678400 is ignored
 * (check_parser.c `pto_handler`); a valid `persistence_granularity` without a timeout makes the
 * service persistent for 360 s (`pgr_handler`).
 */
export function persistenceOf(server: VirtualServer): Setting<number> | undefined {
  let timeout: Setting<number> | undefined;
  let granularity: Statement | undefined;
  for (const child of knownChildren(server.statement)) {
    if (child.path === 'virtual_server/persistence_timeout') {
      const word = child.args[0]?.text;
      if (word === undefined) timeout = derived(DEFAULT_PERSISTENCE_TIMEOUT, child.keyword, 'persistence_timeout without a value: 6 minutes');
      else {
        const value = readUnsigned(word, 1, MAX_PERSISTENCE_TIMEOUT);
        if (value !== undefined) timeout = written(value, child);
      }
    } else if (child.path === 'virtual_server/persistence_granularity') {
      const word = child.args[0]?.text ?? '';
      if (isIPv4(word) || readUnsigned(word, 1, 128) !== undefined) granularity = child;
    }
  }
  if (timeout) return timeout;
  if (granularity) return derived(DEFAULT_PERSISTENCE_TIMEOUT, anchor(granularity), 'persistence_granularity without persistence_timeout: 6 minutes');
  return undefined;
}

/**
 * A virtual server's hysteresis: the last valid `hysteresis` line (check_parser.c
 * `hysteresis_handler` ignores a value it cannot read), 0 without one.
 */
export function hysteresisOf(server: VirtualServer): Setting<number> {
  let found: Setting<number> = byDefault(0, 'no hysteresis line: keepalived uses 0');
  for (const line of childrenAt(server.statement, 'virtual_server/hysteresis')) {
    const value = readUnsigned(line.args[0]?.text, 0, 4294967295);
    if (value !== undefined) found = written(value, line);
  }
  return found;
}
