/**
 * A VRRP instance as keepalived runs it: every value the instance runs with, each with its origin.
 * Derivations follow keepalived 2.2.7's `vrrp_complete_instance` (keepalived/vrrp/vrrp.c) and the
 * keyword handlers of keepalived/vrrp/vrrp_parser.c; the constants are those of include/vrrp.h.
 */
import type { Statement, Word } from '@kalint/parser';
import { addressOf, canonicalAddress, familyOf, prefixOf } from './address.js';
import { byDefault, derived, written, type Setting } from './origin.js';
import { childValues, knownChildren } from './tree.js';
import { flagValue } from './version.js';
import type { NodeModel, SyncGroup } from './node.js';

/** Priority of the address owner (include/vrrp.h `VRRP_PRIO_OWNER`). */
export const PRIORITY_OWNER = 255;
/** Priority of an instance that sets none and does not start as MASTER (`VRRP_PRIO_DFL`). */
export const PRIORITY_DEFAULT = 100;
/** Advertisement interval in seconds when none is set (`VRRP_ADVER_DFL`). */
export const ADVERT_INT_DEFAULT = 1;
/** The VRRP multicast groups (`INADDR_VRRP_GROUP`, `INADDR6_VRRP_GROUP`; RFC 5798 5.1.1.2, 5.1.2.2). */
export const MULTICAST_GROUP = { 4: '224.0.0.18', 6: 'ff02::12' } as const;

/** An address of an instance's address lists, as keepalived keeps it. */
export interface InstanceAddress {
  /** Canonical address without prefix (`10.1.8.100`, `2001:db8::1`). */
  address: string;
  family: 4 | 6;
  /** The prefix length as written, if any. */
  prefix?: number;
  word: Word;
  statement: Statement;
}

/** An address keepalived reads into an instance but drops because its family is not the instance's. */
export interface DroppedAddress {
  word: Word;
  kind: 'vip' | 'unicast_peer' | 'unicast_src_ip' | 'mcast_src_ip';
  family: 4 | 6;
}

/** Something an instance tracks: its state or result moves the instance's priority or faults it. */
export interface Track {
  kind: 'script' | 'interface' | 'file' | 'process' | 'bfd';
  /** The name as written (the definition's name, or the interface). */
  name: string;
  word: Word;
  /** The tracking line (`track_script { ... }` block or item). */
  statement: Statement;
  /** 0: the instance goes to FAULT when it fails; otherwise added to (or taken from) the priority. */
  weight: Setting<number>;
  /** `reverse`: the weight applies the other way round. */
  reverse: boolean;
}

export type Authentication = 'NONE' | 'PASS' | 'AH';

export interface VrrpInstance {
  name: string;
  /** The file of the instance's line (an included file, for instances read through an include). */
  file: string;
  statement: Statement;
  /** The configuration (keepalived process) the instance belongs to. */
  node: NodeModel;
  /** Undefined when no valid `virtual_router_id` is written: keepalived refuses such an instance. */
  vrid: Setting<number> | undefined;
  /** Undefined without a usable `interface` line (keepalived then uses the default interface, if any). */
  interface: Setting<string> | undefined;
  family: Setting<4 | 6>;
  strict: Setting<boolean>;
  version: Setting<2 | 3>;
  state: Setting<'MASTER' | 'BACKUP'>;
  priority: Setting<number>;
  /** Seconds (centisecond precision). */
  advertInt: Setting<number>;
  nopreempt: Setting<boolean>;
  /** Seconds. */
  preemptDelay: Setting<number>;
  /** What keepalived authenticates with (strict mode and VRRPv3 clear it). */
  authentication: Setting<Authentication>;
  /** The password keepalived uses: the first 8 bytes of `auth_pass` (the VRRPv2 authentication field). */
  authPass: Setting<string> | undefined;
  vips: InstanceAddress[];
  excludedVips: InstanceAddress[];
  unicastSrcIp: Setting<string> | undefined;
  unicastPeers: InstanceAddress[];
  /** Multicast: the group adverts are sent to. Unicast instances send to their peers instead. */
  multicastGroup: Setting<string>;
  /** Addresses keepalived drops because their family differs from the instance's. */
  dropped: DroppedAddress[];
  /** `native_ipv6` made the instance IPv6 before any address did. */
  nativeIpv6: boolean;
  tracks: Track[];
  /** The sync group keepalived puts the instance in (the first that lists it). */
  syncGroup: SyncGroup | undefined;
  /** The last line of each keyword written in the instance's block, by keyword as written. */
  lines: ReadonlyMap<string, Statement>;
}

/** The VRRPv2 authentication field holds 8 bytes (`auth_data[8]`); keepalived copies no more. */
export const AUTH_PASS_BYTES = 8;

/** `text` cut to at most `bytes` UTF-8 bytes, keeping whole characters, as keepalived's byte copy would. */
export function firstBytes(text: string, bytes: number): string {
  const encoded = new TextEncoder().encode(text).slice(0, bytes);
  return new TextDecoder('utf-8', { fatal: false }).decode(encoded).replace(/\uFFFD$/, '');
}

function isDigits(text: string): boolean {
  return /^\d+$/.test(text);
}

/** keepalived's `read_decimal_unsigned` with 2 decimal digits (a timer in seconds), or undefined. */
function seconds(text: string | undefined, min: number, max: number): number | undefined {
  if (text === undefined || !/^\d+(\.\d{1,2})?$/.test(text)) return undefined;
  const value = Number(text);
  return value >= min && value <= max ? value : undefined;
}

/** Build the instance of a `vrrp_instance` block of `node`. */
export function buildInstance(statement: Statement, node: NodeModel): VrrpInstance {
  const release = node.release;
  const name = statement.args[0]?.text ?? '';
  const lines = new Map<string, Statement>();
  const at = statement.args[0] ?? statement.keyword;

  let vrid: Setting<number> | undefined;
  let iface: Setting<string> | undefined;
  let strictOwn: Setting<boolean> | undefined;
  let versionOwn: Setting<2 | 3> | undefined;
  let stateOwn: Setting<'MASTER' | 'BACKUP'> | undefined;
  let priorityOwn: Setting<number> | undefined;
  let advertInt: Setting<number> = byDefault(ADVERT_INT_DEFAULT, 'keepalived advertises every second when no advert_int is set');
  let nopreemptLine: Statement | undefined;
  let nopreemptOn = false;
  let preemptDelay: Setting<number> = byDefault(0, 'no preempt_delay: a higher priority takes over at once');
  let authType: Setting<Authentication> | undefined;
  let authPass: Setting<string> | undefined;
  let unicastSrcIp: Setting<string> | undefined;
  let mcastGroup: Setting<string> | undefined;
  let family: Setting<4 | 6> | undefined;
  let nativeIpv6 = false;
  const vips: InstanceAddress[] = [];
  const excludedVips: InstanceAddress[] = [];
  const unicastPeers: InstanceAddress[] = [];
  const dropped: DroppedAddress[] = [];
  const tracks: Track[] = [];

  // An address read into the instance: the first one decides the family (vrrp_parser.c), later
  // ones of the other family are dropped ("address family must match VRRP instance").
  const take = (word: Word | undefined, owner: Statement, kind: DroppedAddress['kind']): InstanceAddress | undefined => {
    if (!word) return undefined;
    const f = familyOf(word.text);
    if (f === null) return undefined;
    if (family === undefined) family = derived(f, word, `the first address of the instance (${word.text}) is IPv${f}`);
    else if (f !== family.value) {
      dropped.push({ word, kind, family: f });
      return undefined;
    }
    const address: InstanceAddress = { address: canonicalAddress(word.text), family: f, word, statement: owner };
    const prefix = prefixOf(word.text);
    if (prefix !== undefined) address.prefix = prefix;
    return address;
  };

  for (const child of knownChildren(statement)) {
    lines.set(child.keyword.text, child);
    const word = child.args[0]?.text;
    switch (child.path) {
      case 'vrrp_instance/virtual_router_id':
        // vrrp_vrid_handler: 1..255, else the instance is refused.
        if (word !== undefined && isDigits(word) && Number(word) >= 1 && Number(word) <= 255) vrid = written(Number(word), child);
        break;
      case 'vrrp_instance/interface':
        if (word !== undefined) iface = written(word, child);
        break;
      case 'vrrp_instance/strict_mode': {
        // vrrp_strict_mode_handler: a word check_true_false does not know leaves the setting as it was.
        const value = flagValue(child, release);
        if (value !== undefined) strictOwn = written(value, child);
        break;
      }
      case 'vrrp_instance/version':
        // vrrp_version_handler: 2 or 3; a second, different version and version 2 after an IPv6
        // address are ignored.
        if (word === '2' || word === '3') {
          const v = Number(word) as 2 | 3;
          if (versionOwn !== undefined && versionOwn.value !== v) break;
          if (v === 2 && family?.value === 6) break;
          versionOwn = written(v, child);
        }
        break;
      case 'vrrp_instance/native_ipv6':
        // vrrp_native_ipv6_handler: refused once the instance is IPv4.
        if (family?.value !== 4) {
          family = derived(6, child.keyword, 'native_ipv6 makes the instance IPv6');
          versionOwn = derived(3, child.keyword, 'native_ipv6 makes the instance VRRP version 3');
          nativeIpv6 = true;
        }
        break;
      case 'vrrp_instance/state':
        // vrrp_state_handler: MASTER sticks (a later BACKUP is ignored); anything else is BACKUP.
        if (word === 'MASTER') stateOwn = written('MASTER', child);
        else if (stateOwn?.value !== 'MASTER') stateOwn = written('BACKUP', child);
        break;
      case 'vrrp_instance/priority':
        // vrrp_prio_handler: 1..255, else the default 100.
        priorityOwn =
          word !== undefined && isDigits(word) && Number(word) >= 1 && Number(word) <= PRIORITY_OWNER
            ? written(Number(word), child)
            : derived(PRIORITY_DEFAULT, child.args[0] ?? child.keyword, `priority '${word ?? ''}' is not 1 to 255, so keepalived uses ${PRIORITY_DEFAULT}`);
        break;
      case 'vrrp_instance/advert_int': {
        // vrrp_adv_handler: 0.01 to 255 seconds, else ignored.
        const value = seconds(word, 0.01, 255);
        if (value !== undefined && value > 0) advertInt = written(value, child);
        break;
      }
      case 'vrrp_instance/nopreempt':
        nopreemptLine = child;
        nopreemptOn = true;
        break;
      case 'vrrp_instance/preempt':
        nopreemptLine = child;
        nopreemptOn = false;
        break;
      case 'vrrp_instance/preempt_delay': {
        const value = seconds(word, 0, 1000);
        preemptDelay = value !== undefined ? written(value, child) : derived(0, child.args[0] ?? child.keyword, `preempt_delay '${word ?? ''}' is not valid, so keepalived uses 0`);
        break;
      }
      case 'vrrp_instance/authentication':
        for (const auth of knownChildren(child)) {
          const value = auth.args[0]?.text;
          if (auth.path === 'vrrp_instance/authentication/auth_type' && (value === 'PASS' || value === 'AH')) authType = written(value, auth);
          if (auth.path === 'vrrp_instance/authentication/auth_pass' && value !== undefined) authPass = written(firstBytes(value, AUTH_PASS_BYTES), auth);
        }
        break;
      case 'vrrp_instance/virtual_ipaddress':
        for (const item of childValues(child)) {
          const a = take(item.words[0], child, 'vip');
          if (a) vips.push(a);
        }
        break;
      case 'vrrp_instance/virtual_ipaddress_excluded':
        for (const item of childValues(child)) {
          const a = take(item.words[0], child, 'vip');
          if (a) excludedVips.push(a);
        }
        break;
      case 'vrrp_instance/unicast_peer':
        for (const item of childValues(child)) {
          const a = take(item.words[0], child, 'unicast_peer');
          if (a) unicastPeers.push(a);
        }
        break;
      case 'vrrp_instance/unicast_src_ip': {
        const a = take(child.args[0], child, 'unicast_src_ip');
        if (a) unicastSrcIp = written(a.address, child);
        break;
      }
      case 'vrrp_instance/mcast_src_ip':
        take(child.args[0], child, 'mcast_src_ip');
        break;
      case 'vrrp_instance/mcast_dst_ip': {
        const f = word !== undefined ? familyOf(word) : null;
        // `mcast_dst_ip` sets the family of an instance without addresses yet (keepalived then
        // refuses a later `native_ipv6` on an IPv4 one; observed with keepalived -t).
        if (f !== null && family === undefined) family = derived(f, child.args[0]!, `mcast_dst_ip ${word} is IPv${f}`);
        if (f !== null) mcastGroup = written(addressOf(word!), child);
        break;
      }
      case 'vrrp_instance/track_script':
      case 'vrrp_instance/track_interface':
      case 'vrrp_instance/track_file':
      case 'vrrp_instance/track_process':
      case 'vrrp_instance/track_bfd':
        tracks.push(...tracksOf(child, node));
        break;
    }
  }

  // vrrp_complete_instance, in its order.
  const strict: Setting<boolean> = strictOwn ?? node.vrrpStrict;
  const familySetting: Setting<4 | 6> = family ?? byDefault(4, 'no address decides the family, so keepalived runs the instance as IPv4');
  let version: Setting<2 | 3>;
  if (familySetting.value === 6 && versionOwn?.value === 2 && strict.value) {
    version = derived(3, versionOwn.origin.kind === 'default' ? at : versionOwn.origin.at, 'strict mode runs an IPv6 instance as VRRP version 3 ("cannot use IPv6 with VRRP version 2")');
  } else if (versionOwn) {
    version = versionOwn;
  } else if (familySetting.value === 6) {
    version = derived(3, at, 'an IPv6 instance runs VRRP version 3');
  } else {
    version = node.vrrpVersion;
  }
  let priority: Setting<number>;
  if (priorityOwn) priority = priorityOwn;
  else if (stateOwn?.value === 'MASTER') priority = derived(PRIORITY_OWNER, stateOwn.origin.kind === 'written' ? stateOwn.origin.at : at, `no priority line: keepalived uses ${PRIORITY_OWNER} for state MASTER`);
  else priority = byDefault(PRIORITY_DEFAULT, `no priority line: keepalived uses ${PRIORITY_DEFAULT}`);
  let state: Setting<'MASTER' | 'BACKUP'>;
  if (!stateOwn) {
    state = priority.value === PRIORITY_OWNER ? derived('MASTER', at, `no state line: priority ${PRIORITY_OWNER} starts as MASTER`) : byDefault('BACKUP', 'no state line: keepalived starts as BACKUP');
  } else if (strict.value && (stateOwn.value === 'MASTER') !== (priority.value === PRIORITY_OWNER)) {
    const value = priority.value === PRIORITY_OWNER ? 'MASTER' : 'BACKUP';
    state = derived(value, stateOwn.origin.kind === 'written' ? stateOwn.origin.at : at, 'strict mode: "State MASTER must match being address owner"');
  } else {
    state = stateOwn;
  }
  let authentication: Setting<Authentication> = byDefault('NONE', 'no authentication block');
  if (authType) {
    const place = authType.origin.kind === 'written' ? authType.origin.at : at;
    if (strict.value) authentication = derived('NONE', place, 'strict mode does not support authentication: keepalived ignores it');
    else if (version.value === 3) authentication = derived('NONE', place, 'VRRP version 3 does not support authentication: keepalived ignores it');
    else if (!authPass || authPass.value === '') authentication = derived('NONE', place, 'authentication without auth_pass is ignored');
    else if (familySetting.value === 6 && authType.value === 'AH') authentication = derived('NONE', place, 'AH authentication cannot be used with IPv6: keepalived ignores it');
    else authentication = authType;
    if (authType.value === 'AH' && authentication.value === 'AH' && state.value === 'MASTER' && priority.value !== PRIORITY_OWNER) {
      state = derived('BACKUP', place, 'AH authentication: "Initial state master is incompatible with AH authentication"');
    }
  }
  let nopreempt: Setting<boolean> = nopreemptLine ? written(nopreemptOn, nopreemptLine, nopreemptLine.keyword) : byDefault(false, 'keepalived preempts unless nopreempt is set');
  if (nopreempt.value && priority.value === PRIORITY_OWNER) nopreempt = derived(false, nopreemptLine!.keyword, `nopreempt is incompatible with priority ${PRIORITY_OWNER}: keepalived clears it`);
  else if (nopreempt.value && state.value === 'MASTER') nopreempt = derived(false, nopreemptLine!.keyword, 'nopreempt does not work with initial state MASTER: keepalived clears it');
  if (preemptDelay.value > 0 && state.value === 'MASTER') preemptDelay = derived(0, preemptDelay.origin.kind === 'written' ? preemptDelay.origin.at : at, 'preempt_delay does not work with initial state MASTER: keepalived clears it');
  const multicastGroup = mcastGroup ?? node.multicastGroup(familySetting.value);

  return {
    name,
    file: statement.file,
    statement,
    node,
    vrid,
    interface: iface,
    family: familySetting,
    strict,
    version,
    state,
    priority,
    advertInt,
    nopreempt,
    preemptDelay,
    authentication,
    authPass,
    vips,
    excludedVips,
    unicastSrcIp,
    unicastPeers,
    multicastGroup,
    dropped,
    nativeIpv6,
    tracks,
    syncGroup: node.syncGroupOf(name),
    lines,
  };
}

const TRACK_KIND: Record<string, Track['kind']> = {
  track_script: 'script',
  track_interface: 'interface',
  track_file: 'file',
  track_process: 'process',
  track_bfd: 'bfd',
};

/**
 * The items of a `track_*` block: `NAME [weight N [reverse]]`. An item's own weight wins; else the
 * definition's `weight` (vrrp_script, vrrp_track_process, track_file); else keepalived's default:
 * 0 for scripts, interfaces, processes and BFD (vrrp_track.c `alloc_track_*`), 1 for a track file
 * (trackers/track_file.c).
 */
export function tracksOf(statement: Statement, node: NodeModel): Track[] {
  const keyword = statement.path!.slice(statement.path!.lastIndexOf('/') + 1);
  const kind = TRACK_KIND[keyword];
  if (kind === undefined) return [];
  const found: Track[] = [];
  for (const item of childValues(statement)) {
    const word = item.words[0];
    if (!word) continue;
    let weight: Setting<number> | undefined;
    let reverse = false;
    const w = item.words.findIndex((x) => x.text === 'weight');
    if (w > 0 && item.words[w + 1] && /^-?\d+$/.test(item.words[w + 1]!.text)) {
      const n = Number(item.words[w + 1]!.text);
      if (n >= -254 && n <= 254) weight = written(n === 254 ? 253 : n === -254 ? -253 : n, statement, item.words[w + 1]!);
      reverse = item.words[w + 2]?.text === 'reverse';
    }
    if (!weight && kind !== 'interface') {
      const definition = node.names.definition(kind === 'script' ? 'vrrp_script' : kind === 'file' ? 'track_file' : kind === 'process' ? 'vrrp_track_process' : 'bfd_instance', word.text);
      const line = definition ? [...knownChildren(definition.statement)].reverse().find((s) => s.keyword.text === 'weight') : undefined;
      const value = line?.args[0]?.text;
      if (line && value !== undefined && /^-?\d+$/.test(value)) {
        weight = derived(Number(value), line.args[0]!, `the weight of ${definition!.statement.keyword.text} ${word.text}`);
        if (line.args[1]?.text === 'reverse') reverse = true;
      }
    }
    weight ??= byDefault(kind === 'file' ? 1 : 0, kind === 'file' ? 'a track_file without weight counts with weight 1' : `no weight: a failing ${keyword.replace('track_', '')} puts the instance in FAULT`);
    found.push({ kind, name: word.text, word, statement, weight, reverse });
  }
  return found;
}
