/**
 * A VRRP instance as keepalived runs it: every value the instance runs with, each with its origin.
 *
 * Reading follows the keyword handlers of keepalived/vrrp/vrrp_parser.c (and vrrp_data.c,
 * vrrp_track.c, trackers/track_file.c, which they call) line by line, in the order keepalived reads
 * them; completion follows `vrrp_complete_instance` (keepalived/vrrp/vrrp.c) in its order. Both are
 * those of keepalived 2.2.7, with the differences of later releases noted where they matter (the
 * model is built for one release: `NodeModel.release`). The constants are those of include/vrrp.h
 * and lib/timer.h.
 */
import { compareVersions, type KeywordSpec } from '@kalint/grammar';
import type { Located, Statement, Word } from '@kalint/parser';
import { canonicalAddress, isLinkLocal, isMulticast, multicastScope, prefixOf, readPrefixedAddress, socketAddressFamily } from './address.js';
import { readInt, readTimer, readUnsigned, TIMER_CENTI_HZ, TIMER_HZ, TIMER_MAX_SEC, toSeconds } from './numbers.js';
import { byDefault, derived, placeOf, written, type Setting } from './origin.js';
import { anchor, childValues, knownChildren } from './tree.js';
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
/** The longest VRRPv3 advertisement interval: its field holds 12 bits of centiseconds (40.95 s). */
export const ADVERT_INT_V3_MAX = 40.95;

/**
 * From this release keepalived ignores a VIP line that repeats an address of the instance ("VIP
 * duplicates a VIP"; vrrp_data.c `vip_is_duplicate`); earlier releases keep both lines, silently.
 */
export const REPEATED_VIP_REPORTED_SINCE = '2.3.3';

/** `IFNAMSIZ`: an interface name has at most 15 characters. */
const IFNAMSIZ = 16;

/** An address of an instance's address lists, as keepalived keeps it. */
export interface InstanceAddress {
  /** Canonical address without prefix (`10.1.8.100`, `2001:db8::1`). */
  address: string;
  family: 4 | 6;
  /** The prefix length as written, if any (and valid for the family). */
  prefix?: number;
  /** A virtual IP's `dev IFNAME` option: the interface it is added on (else the instance's). */
  device?: string;
  /** The word of that interface name. */
  deviceWord?: Word;
  /** A virtual IP's `label NAME` option, when keepalived keeps it (at most 15 characters). */
  label?: Word;
  word: Word;
  statement: Statement;
}

/** An address keepalived reads into an instance but drops because its family is not the instance's. */
export interface DroppedAddress {
  word: Word;
  kind: 'vip' | 'unicast_peer' | 'unicast_src_ip' | 'mcast_src_ip';
  family: 4 | 6;
}

/**
 * Why keepalived does not track an item of a `track_*` block:
 * - `undefined`: no definition of that name (for scripts, files and processes: none before the
 *   instance; keepalived looks them up while it reads);
 * - `duplicate`: the instance already tracks it;
 * - `option`: the item has a word other than `weight` after the name, or `weight` without a value;
 * - `own-interface`: `track_interface` of the instance's own interface;
 * - `sync-group`: a weighted item of an instance in a sync group without `sync_group_tracking_weight`;
 * - `address-owner`: a weighted item of an instance with priority 255.
 */
export type TrackDrop = 'undefined' | 'duplicate' | 'option' | 'own-interface' | 'sync-group' | 'address-owner';

/** Something an instance tracks: its state or result moves the instance's priority or faults it. */
export interface Track {
  kind: 'script' | 'interface' | 'file' | 'process' | 'bfd';
  /** The name as written (the definition's name, or the interface). */
  name: string;
  word: Word;
  /** The tracking line (`track_script { ... }` block). */
  statement: Statement;
  /**
   * The weight keepalived runs the item with. 0: the instance goes to FAULT when it fails;
   * otherwise added to (or taken from) the priority. The item's own weight, else its definition's,
   * else keepalived's default; a sync group without tracking weight makes it 0 for interfaces and
   * track files that keepalived keeps.
   */
  weight: Setting<number>;
  /** `reverse`: the weight applies the other way round. */
  reverse: boolean;
  /** Set when keepalived does not track the item at all. */
  dropped: Setting<TrackDrop> | undefined;
}

export type Authentication = 'NONE' | 'PASS' | 'AH';

/** What keepalived does with an instance that has no VIP: refuses the configuration, warns, or accepts it. */
export type WithoutVips = 'refused' | 'warned' | 'allowed';

/**
 * What keepalived does with an instance without a usable `interface`: refuses it ("Unknown
 * interface!"; a unicast one without a source address: "Unicast instances must have
 * unicast_src_ip or interface"; an IPv6 one with a link-local source: "Non link-local address
 * required if interface omitted"), or accepts it (from 2.2.8, a unicast instance with a source address).
 */
export type WithoutInterface = 'unknown-interface' | 'no-source-address' | 'link-local-source' | 'allowed';

export interface VrrpInstance {
  name: string;
  /** The file of the instance's line (an included file, for instances read through an include). */
  file: string;
  statement: Statement;
  /** The configuration (keepalived process) the instance belongs to. */
  node: NodeModel;
  /**
   * An earlier `vrrp_instance` of the same name: keepalived reports "already defined" and skips
   * this whole block (vrrp_parser.c `vrrp_handler`), so nothing of it runs.
   */
  duplicateOf: VrrpInstance | undefined;
  /** Undefined when no valid `virtual_router_id` is written: keepalived refuses such an instance. */
  vrid: Setting<number> | undefined;
  /** Undefined without a usable `interface` line (keepalived then uses the default interface, if any). */
  interface: Setting<string> | undefined;
  /** What keepalived does with the instance when it has no usable `interface`. */
  withoutInterface: Setting<WithoutInterface>;
  family: Setting<4 | 6>;
  strict: Setting<boolean>;
  version: Setting<2 | 3>;
  /** The initial state keepalived runs with, after `vrrp_complete_instance` (strict mode, AH) adjusts it. */
  state: Setting<'MASTER' | 'BACKUP'>;
  /** The initial state as keepalived reads the `state` lines (MASTER sticks), before any adjustment. */
  stateRead: Setting<'MASTER' | 'BACKUP'> | undefined;
  priority: Setting<number>;
  /** Seconds, as keepalived runs it (after the VRRP version's rounding). */
  advertInt: Setting<number>;
  /** Seconds, as keepalived reads the `advert_int` line, before the VRRP version's rounding. */
  advertIntRead: Setting<number> | undefined;
  nopreempt: Setting<boolean>;
  /** Seconds, as keepalived runs it (state MASTER, strict mode and nopreempt clear it). */
  preemptDelay: Setting<number>;
  /** Seconds, as keepalived reads the `preempt_delay` line. */
  preemptDelayRead: Setting<number> | undefined;
  /** What keepalived authenticates with (strict mode and VRRPv3 clear it). */
  authentication: Setting<Authentication>;
  /** The `auth_type` keepalived reads (PASS or AH), before `vrrp_complete_instance` decides whether it is used. */
  authType: Setting<'PASS' | 'AH'> | undefined;
  /** The password keepalived uses: the first 8 bytes of `auth_pass` (the VRRPv2 authentication field). */
  authPass: Setting<string> | undefined;
  vips: InstanceAddress[];
  /** `virtual_ipaddress_excluded`: of either family (they are not advertised). */
  excludedVips: InstanceAddress[];
  /** What keepalived does with the instance when it has no VIP. */
  withoutVips: Setting<WithoutVips>;
  /**
   * The source address keepalived sends adverts from, when the configuration sets one:
   * `unicast_src_ip` or `mcast_src_ip` (both set it; vrrp_parser.c `vrrp_srcip_handler`).
   */
  unicastSrcIp: Setting<string> | undefined;
  unicastPeers: InstanceAddress[];
  /**
   * The first line that makes keepalived treat the instance as unicast (`unicast_peer`,
   * `unicast_src_ip`, `check_unicast_src`, `old_unicast_checksum`, `unicast_fault_no_peer`). Without
   * unicast peers keepalived then sends multicast (or, with `unicast_fault_no_peer`, stays in FAULT).
   */
  unicastLine: Statement | undefined;
  /** `unicast_fault_no_peer`: a unicast instance without peers stays in FAULT instead of multicasting. */
  unicastFaultNoPeer: Statement | undefined;
  /** `unicast_ttl` as read; keepalived resets it when the instance has no unicast peer. */
  unicastTtl: Setting<number> | undefined;
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

/** Whether the release keepalived runs knows a keyword (others it reports as unknown and skips). */
export function knownIn(spec: Pick<KeywordSpec, 'since' | 'until'> | null, release: string): boolean {
  if (!spec) return false;
  if (compareVersions(release, spec.since) < 0) return false;
  return spec.until === undefined || compareVersions(release, spec.until) <= 0;
}

/**
 * A VIP word as vrrp_ipaddress.c `parse_ipaddress` reads it (address.ts `readPrefixedAddress`): a
 * `:` makes it IPv6; the address part must be one; a prefix length that is not a number in range
 * is replaced by the family's full length.
 */
function vipOf(word: Word): { family: 4 | 6; address: string; prefix?: number } | undefined {
  const read = readPrefixedAddress(word.text);
  if (!read.valid) return undefined;
  const slash = word.text.indexOf('/');
  const address = canonicalAddress(slash < 0 ? word.text : word.text.slice(0, slash));
  if (slash < 0 || read.badPrefix !== undefined) return { family: read.family, address };
  return { family: read.family, address, prefix: Number(word.text.slice(slash + 1).replace(/^\s*\+?/, '')) };
}

/**
 * Whether `text` (as `inet_stosockaddr` reads it) is a multicast group of `family` keepalived
 * accepts: IPv4 224.0.0.0/4; IPv6 ff00::/8, or only link-local ones (ffx2::/16) where keepalived
 * asks for `IN6_IS_ADDR_MC_LINKLOCAL`.
 */
export function isMulticastGroup(text: string, family: 4 | 6, linkLocal: boolean): boolean {
  if (socketAddressFamily(text) !== family || !isMulticast(text)) return false;
  return family === 4 || !linkLocal || multicastScope(text) === 2;
}

/** Build the instance of a `vrrp_instance` block of `node`. */
export function buildInstance(statement: Statement, node: NodeModel, duplicateOf?: VrrpInstance): VrrpInstance {
  const release = node.release;
  const name = statement.args[0]?.text ?? '';
  const lines = new Map<string, Statement>();
  const at: Located = statement.args[0] ?? statement.keyword;

  let vrid: Setting<number> | undefined;
  let iface: Setting<string> | undefined;
  let strictOwn: Setting<boolean> | undefined;
  let versionOwn: Setting<2 | 3> | undefined;
  let versionIgnored: Statement | undefined;
  let stateOwn: Setting<'MASTER' | 'BACKUP'> | undefined;
  let priorityOwn: Setting<number> | undefined;
  let advertRead: { micro: number; statement: Statement } | undefined;
  let nopreemptLine: Statement | undefined;
  let nopreemptOn = false;
  let preemptDelay: Setting<number> = byDefault(0, 'no preempt_delay: a higher priority takes over at once');
  let preemptDelayRead: Setting<number> | undefined;
  let authType: Setting<'PASS' | 'AH'> | undefined;
  let authPass: Setting<string> | undefined;
  let unicastSrcIp: Setting<string> | undefined;
  let unicastLine: Statement | undefined;
  let unicastFaultNoPeer: Statement | undefined;
  let unicastTtl: Setting<number> | undefined;
  let noVipsLine: Statement | undefined;
  let mcastGroup: Setting<string> | undefined;
  let family: Setting<4 | 6> | undefined;
  let nativeIpv6 = false;
  const vips: InstanceAddress[] = [];
  const excludedVips: InstanceAddress[] = [];
  const unicastPeers: InstanceAddress[] = [];
  const dropped: DroppedAddress[] = [];
  const tracks: Track[] = [];

  // The first address read decides the family; a later one of the other family is dropped
  // (vrrp_data.c `alloc_vrrp_vip`, `alloc_vrrp_unicast_peer`; vrrp_parser.c `vrrp_srcip_handler`).
  const decide = (f: 4 | 6, word: Word, kind: DroppedAddress['kind']): boolean => {
    if (family === undefined) family = derived(f, word, `the first address of the instance (${word.text}) is IPv${f}`);
    else if (f !== family.value) {
      dropped.push({ word, kind, family: f });
      return false;
    }
    return true;
  };
  const socketAddress = (word: Word, owner: Statement): InstanceAddress | undefined => {
    const f = socketAddressFamily(word.text);
    if (f === null) return undefined;
    const address: InstanceAddress = { address: canonicalAddress(word.text.split(/[-/]/)[0]!), family: f, word, statement: owner };
    const prefix = prefixOf(word.text);
    if (prefix !== undefined) address.prefix = prefix;
    return address;
  };
  const vipAddress = (words: readonly Word[], owner: Statement): InstanceAddress | undefined => {
    const word = words[0];
    const vip = word && vipOf(word);
    if (!word || !vip) return undefined;
    // vrrp_ipaddress.c `alloc_ipaddress`: `dev IFNAME` after the address names its interface;
    // `label NAME` names the address, refused (with the address) from 16 characters.
    const option = (name: string): Word | undefined => {
      const at = words.findIndex((w, i) => i > 0 && w.text === name);
      return at > 0 ? words[at + 1] : undefined;
    };
    const address: InstanceAddress = { address: vip.address, family: vip.family, word, statement: owner };
    if (vip.prefix !== undefined) address.prefix = vip.prefix;
    const device = option('dev');
    if (device) {
      address.device = device.text;
      address.deviceWord = device;
    }
    const label = option('label');
    if (label && label.text.length < IFNAMSIZ) address.label = label;
    return address;
  };

  for (const child of knownChildren(statement)) {
    // A keyword the release does not know is skipped by it ("unknown keyword").
    if (!knownIn(child.spec, release)) continue;
    lines.set(child.keyword.text, child);
    const word = child.args[0]?.text;
    switch (child.path) {
      case 'vrrp_instance/virtual_router_id': {
        // vrrp_vrid_handler: 1..255, else the line is ignored.
        const value = readUnsigned(word, 1, 255);
        if (value !== undefined) vrid = written(value, child);
        break;
      }
      case 'vrrp_instance/interface':
        // vrrp_int_handler: a name too long for the kernel is ignored.
        if (word !== undefined && word.length < IFNAMSIZ) iface = written(word, child);
        break;
      case 'vrrp_instance/strict_mode': {
        // vrrp_strict_mode_handler: a word check_true_false does not know leaves the setting as it was.
        const value = flagValue(child, release);
        if (value !== undefined) strictOwn = written(value, child);
        break;
      }
      case 'vrrp_instance/version': {
        // vrrp_version_handler: 2 or 3; a second, different version, and version 2 once the
        // instance is IPv6, are ignored.
        const v = readInt(word, 2, 3) as 2 | 3 | undefined;
        if (v === undefined) break;
        if ((versionOwn !== undefined && versionOwn.value !== v) || (v === 2 && family?.value === 6)) {
          versionIgnored = child;
          break;
        }
        versionOwn = written(v, child);
        break;
      }
      case 'vrrp_instance/native_ipv6':
        // vrrp_native_ipv6_handler: refused once the instance is IPv4; else IPv6 and version 3.
        if (family?.value !== 4) {
          family = derived(6, child.keyword, 'native_ipv6 makes the instance IPv6');
          versionOwn = derived(3, child.keyword, 'native_ipv6 makes the instance VRRP version 3');
          nativeIpv6 = true;
        }
        break;
      case 'vrrp_instance/state':
        // vrrp_state_handler: MASTER; BACKUP unless MASTER was set before ("ignoring BACKUP");
        // any other word is BACKUP ("defaulting to BACKUP"), even after MASTER.
        if (word === 'MASTER') stateOwn = written('MASTER', child);
        else if (word === 'BACKUP') {
          if (stateOwn?.value !== 'MASTER') stateOwn = written('BACKUP', child);
        } else stateOwn = derived('BACKUP', child.args[0] ?? child.keyword, `state '${word ?? ''}' is not MASTER or BACKUP, so keepalived uses BACKUP`);
        break;
      case 'vrrp_instance/priority': {
        // vrrp_prio_handler: 1..255, else the default 100.
        const value = readUnsigned(word, 1, PRIORITY_OWNER);
        priorityOwn =
          value !== undefined
            ? written(value, child)
            : derived(PRIORITY_DEFAULT, child.args[0] ?? child.keyword, `priority '${word ?? ''}' is not 1 to 255, so keepalived uses ${PRIORITY_DEFAULT}`);
        break;
      }
      case 'vrrp_instance/advert_int': {
        // vrrp_adv_handler: 0.01 to 255 seconds (microsecond precision), else ignored.
        const micro = readTimer(word, TIMER_HZ / 100, 255 * TIMER_HZ);
        if (micro !== undefined && micro > 0) advertRead = { micro, statement: child };
        break;
      }
      case 'vrrp_instance/nopreempt':
        // vrrp_nopreempt_handler, vrrp_preempt_handler: the last of the two wins.
        nopreemptLine = child;
        nopreemptOn = true;
        break;
      case 'vrrp_instance/preempt':
        nopreemptLine = child;
        nopreemptOn = false;
        break;
      case 'vrrp_instance/preempt_delay': {
        // vrrp_preempt_delay_handler: 0 to 1000 seconds, else 0.
        const micro = readTimer(word, 0, TIMER_MAX_SEC * TIMER_HZ);
        preemptDelay =
          micro !== undefined
            ? written(toSeconds(micro), child)
            : derived(0, child.args[0] ?? child.keyword, `preempt_delay '${word ?? ''}' is not 0 to ${TIMER_MAX_SEC} seconds, so keepalived uses 0`);
        preemptDelayRead = micro !== undefined ? preemptDelay : undefined;
        break;
      }
      case 'vrrp_instance/authentication':
        for (const auth of knownChildren(child)) {
          if (!knownIn(auth.spec, release)) continue;
          const value = auth.args[0]?.text;
          // vrrp_auth_type_handler: PASS or AH (exactly), else the line is ignored.
          if (auth.path === 'vrrp_instance/authentication/auth_type' && (value === 'PASS' || value === 'AH')) authType = written(value, auth);
          // vrrp_auth_pass_handler: the first 8 bytes; a later line replaces an earlier one.
          if (auth.path === 'vrrp_instance/authentication/auth_pass' && value !== undefined) authPass = written(firstBytes(value, AUTH_PASS_BYTES), auth);
        }
        break;
      case 'vrrp_instance/virtual_ipaddress':
        for (const item of childValues(child)) {
          const a = vipAddress(item.words, child);
          if (a && decide(a.family, a.word, 'vip')) vips.push(a);
        }
        break;
      case 'vrrp_instance/virtual_ipaddress_excluded':
        // vrrp_data.c `alloc_vrrp_evip`: eVIPs are not advertised, so they may be of either family.
        for (const item of childValues(child)) {
          const a = vipAddress(item.words, child);
          if (a) excludedVips.push(a);
        }
        break;
      case 'vrrp_instance/no_virtual_ipaddress':
        noVipsLine = child;
        break;
      case 'vrrp_instance/unicast_peer':
        unicastLine ??= child;
        for (const item of childValues(child)) {
          const a = item.words[0] && socketAddress(item.words[0], child);
          if (a && decide(a.family, a.word, 'unicast_peer')) unicastPeers.push(a);
        }
        break;
      case 'vrrp_instance/unicast_src_ip':
      case 'vrrp_instance/mcast_src_ip': {
        // vrrp_srcip_handler (both keywords): an address of the other family clears the source address.
        if (child.path === 'vrrp_instance/unicast_src_ip') unicastLine ??= child;
        const a = child.args[0] && socketAddress(child.args[0], child);
        if (!a) break;
        unicastSrcIp = decide(a.family, a.word, child.path === 'vrrp_instance/unicast_src_ip' ? 'unicast_src_ip' : 'mcast_src_ip') ? written(a.address, child) : undefined;
        break;
      }
      case 'vrrp_instance/check_unicast_src':
      case 'vrrp_instance/old_unicast_checksum':
        unicastLine ??= child;
        break;
      case 'vrrp_instance/unicast_fault_no_peer':
        unicastLine ??= child;
        unicastFaultNoPeer = child;
        break;
      case 'vrrp_instance/unicast_ttl': {
        // vrrp_ttl_handler: 0..255, else ignored.
        const value = readUnsigned(word, 0, 255);
        if (value !== undefined) unicastTtl = written(value, child);
        break;
      }
      case 'vrrp_instance/mcast_dst_ip': {
        // vrrp_mcast_dstip_handler: sets the family of an instance without one yet; ignored when of
        // the other family, or not a (link-local, for IPv6) multicast address.
        const f = word !== undefined ? socketAddressFamily(word) : null;
        if (f === null) break;
        if (family === undefined) family = derived(f, child.args[0]!, `mcast_dst_ip ${word} is IPv${f}`);
        if (f === family.value && isMulticastGroup(word!, f, true)) mcastGroup = written(canonicalAddress(word!.split(/[-/]/)[0]!), child);
        break;
      }
      case 'vrrp_instance/track_script':
      case 'vrrp_instance/track_interface':
      case 'vrrp_instance/track_file':
      case 'vrrp_instance/track_process':
      case 'vrrp_instance/track_bfd':
        tracks.push(...tracksOf(child, node, tracks));
        break;
    }
  }

  // vrrp_complete_instance, in its order.
  const strict: Setting<boolean> = strictOwn ?? node.vrrpStrict;
  const familySetting: Setting<4 | 6> = family ?? byDefault(4, 'no address decides the family, so keepalived runs the instance as IPv4');
  let version: Setting<2 | 3>;
  if (familySetting.value === 6 && versionOwn?.value === 2 && strict.value) {
    version = derived(3, versionOwn.origin.kind === 'written' ? versionOwn.origin.at : at, 'strict mode runs an IPv6 instance as VRRP version 3 ("cannot use IPv6 with VRRP version 2")');
  } else if (versionOwn) {
    version = versionOwn;
  } else if (familySetting.value === 6) {
    version = versionIgnored
      ? derived(3, versionIgnored.args[0] ?? versionIgnored.keyword, 'an IPv6 instance runs VRRP version 3: keepalived ignores version 2 after an IPv6 address')
      : derived(3, familySetting.origin.kind === 'default' ? at : familySetting.origin.at, 'an IPv6 instance runs VRRP version 3');
  } else {
    version = node.vrrpVersion;
  }

  // An instance without VIPs: 2.2.7 refuses it with VRRPv3 or strict mode, and again (after the
  // checks below) as IPv6; from 2.2.8 only with VRRPv3 or strict mode, and `no_virtual_ipaddress`
  // allows it, except in strict mode.
  const newReleases = compareVersions(release, '2.2.8') >= 0;
  let withoutVips: Setting<WithoutVips>;
  if (version.value === 3 || strict.value || (!newReleases && familySetting.value === 6)) {
    const why = strict.value ? 'strict mode' : version.value === 3 ? 'VRRP version 3' : 'an IPv6 instance';
    withoutVips = derived('refused', placeOf(strict.value ? strict : version.value === 3 ? version : familySetting, at), `${why}: keepalived requires at least one VIP`);
  } else if (noVipsLine && newReleases) {
    withoutVips = written('allowed', noVipsLine, noVipsLine.keyword);
  } else {
    withoutVips = byDefault('warned', 'keepalived warns that at least one VIP is sensible');
  }

  let priority: Setting<number>;
  if (priorityOwn) priority = priorityOwn;
  else if (stateOwn?.value === 'MASTER') priority = derived(PRIORITY_OWNER, placeOf(stateOwn, at), `no priority line: keepalived uses ${PRIORITY_OWNER} for state MASTER`);
  else priority = byDefault(PRIORITY_DEFAULT, `no priority line: keepalived uses ${PRIORITY_DEFAULT}`);
  let state: Setting<'MASTER' | 'BACKUP'>;
  if (!stateOwn) {
    state = priority.value === PRIORITY_OWNER ? derived('MASTER', placeOf(priority, at), `no state line: priority ${PRIORITY_OWNER} starts as MASTER`) : byDefault('BACKUP', 'no state line: keepalived starts as BACKUP');
  } else if (strict.value && (stateOwn.value === 'MASTER') !== (priority.value === PRIORITY_OWNER)) {
    const value = priority.value === PRIORITY_OWNER ? 'MASTER' : 'BACKUP';
    state = derived(value, placeOf(stateOwn, at), 'strict mode: "State MASTER must match being address owner"');
  } else {
    state = stateOwn;
  }
  let authentication: Setting<Authentication> = byDefault('NONE', 'no authentication block');
  if (authType) {
    const place = placeOf(authType, at);
    if (strict.value) authentication = derived('NONE', place, 'strict mode does not support authentication: keepalived ignores it');
    else if (version.value === 3) authentication = derived('NONE', place, 'VRRP version 3 does not support authentication: keepalived ignores it');
    else if (!authPass || authPass.value === '') authentication = derived('NONE', place, 'authentication without auth_pass is ignored');
    else if (familySetting.value === 6 && authType.value === 'AH') authentication = derived('NONE', place, 'AH authentication cannot be used with IPv6: keepalived ignores it');
    else {
      authentication = authType;
      if (authType.value === 'AH' && state.value === 'MASTER' && priority.value !== PRIORITY_OWNER) {
        state = derived('BACKUP', place, 'AH authentication: "Initial state master is incompatible with AH authentication"');
      }
    }
  }
  let nopreempt: Setting<boolean> = nopreemptLine ? written(nopreemptOn, nopreemptLine, nopreemptLine.keyword) : byDefault(false, 'keepalived preempts unless nopreempt is set');
  if (nopreempt.value && priority.value === PRIORITY_OWNER) nopreempt = derived(false, nopreemptLine!.keyword, `nopreempt is incompatible with priority ${PRIORITY_OWNER}: keepalived clears it`);
  if (state.value === 'MASTER') {
    if (nopreempt.value) nopreempt = derived(false, nopreemptLine!.keyword, 'nopreempt does not work with initial state MASTER: keepalived clears it');
    if (preemptDelay.value > 0) preemptDelay = derived(0, placeOf(preemptDelay, at), 'preempt_delay does not work with initial state MASTER: keepalived clears it');
  }
  if (preemptDelay.value > 0 && strict.value) preemptDelay = derived(0, placeOf(preemptDelay, at), 'preempt_delay is incompatible with strict mode: keepalived resets it');
  if (preemptDelay.value > 0 && nopreempt.value) preemptDelay = derived(0, placeOf(preemptDelay, at), 'preempt_delay is incompatible with nopreempt: keepalived resets it');

  // Without an interface (vrrp.c `chk_min_cfg`, then vrrp_complete_instance): 2.2.7 tests the
  // unicast flag before vrrp_complete_instance sets it, so it refuses every such instance; from
  // 2.2.8 a unicast keyword lets it through to the source address checks.
  let withoutInterface: Setting<WithoutInterface>;
  if (!unicastLine || compareVersions(release, '2.2.8') < 0) {
    withoutInterface = byDefault('unknown-interface', 'keepalived needs an interface for the instance ("Unknown interface!")');
  } else if (!unicastSrcIp) {
    withoutInterface = derived('no-source-address', anchor(unicastLine), 'a unicast instance without interface needs unicast_src_ip');
  } else if (familySetting.value === 6 && isLinkLocal(unicastSrcIp.value)) {
    withoutInterface = derived('link-local-source', placeOf(unicastSrcIp, at), 'a unicast instance without interface needs a source address that is not link-local');
  } else {
    withoutInterface = derived('allowed', placeOf(unicastSrcIp, at), 'a unicast instance with a source address runs without an interface');
  }

  // Unicast is on when a unicast keyword was read and there is a peer; a unicast instance ignores
  // mcast_dst_ip, a multicast one sends to the global group when it sets none.
  const unicast = unicastPeers.length > 0;
  const multicastGroup = !unicast && mcastGroup ? mcastGroup : node.multicastGroup(familySetting.value);

  const advertIntRead = advertRead ? written(toSeconds(advertRead.micro), advertRead.statement) : undefined;
  const advertInt = advertIntFor(advertRead, version.value, release);

  // A weighted tracked object of a sync group member (without sync_group_tracking_weight) or of
  // an address owner: keepalived zeroes or drops it.
  const syncGroup = node.syncGroupOf(name);
  const syncNoWeight = syncGroup !== undefined && !syncGroup.trackingWeight.value;
  if (syncNoWeight || priority.value === PRIORITY_OWNER) applyFixedPriority(tracks, syncNoWeight ? 'sync-group' : 'address-owner', syncGroup);
  for (const track of tracks) {
    // The instance's own interface is tracked anyway ("Ignoring track_interface since own interface").
    if (track.kind === 'interface' && !track.dropped && iface && track.name === iface.value) {
      track.dropped = derived('own-interface', track.word, `${track.name} is the instance's own interface, which keepalived always tracks`);
    }
  }

  return {
    name,
    file: statement.file,
    statement,
    node,
    duplicateOf,
    vrid,
    interface: iface,
    withoutInterface,
    family: familySetting,
    strict,
    version,
    state,
    stateRead: stateOwn,
    priority,
    advertInt,
    advertIntRead,
    nopreempt,
    preemptDelay,
    preemptDelayRead,
    authentication,
    authType,
    authPass,
    vips,
    excludedVips,
    withoutVips,
    unicastSrcIp,
    unicastPeers,
    unicastLine,
    unicastFaultNoPeer,
    unicastTtl,
    multicastGroup,
    dropped,
    nativeIpv6,
    tracks,
    syncGroup,
    lines,
  };
}

/**
 * The advertisement interval keepalived runs (vrrp_complete_instance): 1 s by default; VRRPv2
 * carries whole seconds (rounded half up, at least 1); VRRPv3 carries 10 ms steps up to 40.95 s
 * (rounded half up to 10 ms; from 2.3.2 a rounding to 40.96 s is capped at 40.95 s).
 */
function advertIntFor(read: { micro: number; statement: Statement } | undefined, version: 2 | 3, release: string): Setting<number> {
  if (!read) return byDefault(ADVERT_INT_DEFAULT, 'keepalived advertises every second when no advert_int is set');
  const word = read.statement.args[0]!;
  let micro = read.micro;
  let because: string | undefined;
  if (version === 2) {
    if (micro % TIMER_HZ !== 0) {
      micro = Math.max(TIMER_HZ, micro + TIMER_HZ / 2 - ((micro + TIMER_HZ / 2) % TIMER_HZ));
      because = `VRRPv2 adverts carry whole seconds: keepalived rounds advert_int ${word.text} to ${toSeconds(micro)}`;
    }
  } else if (micro >= 4096 * TIMER_CENTI_HZ) {
    micro = 4095 * TIMER_CENTI_HZ;
    because = `VRRPv3 adverts carry at most ${ADVERT_INT_V3_MAX} s: keepalived uses ${ADVERT_INT_V3_MAX} for advert_int ${word.text}`;
  } else if (micro % TIMER_CENTI_HZ !== 0) {
    micro = Math.max(TIMER_CENTI_HZ, micro + TIMER_CENTI_HZ / 2 - ((micro + TIMER_CENTI_HZ / 2) % TIMER_CENTI_HZ));
    if (micro === 4096 * TIMER_CENTI_HZ && compareVersions(release, '2.3.2') >= 0) micro = 4095 * TIMER_CENTI_HZ;
    because = `VRRPv3 counts in units of 10 ms: keepalived rounds advert_int ${word.text} to ${toSeconds(micro)}`;
  }
  return because ? derived(toSeconds(micro), word, because) : written(toSeconds(micro), read.statement);
}

/**
 * vrrp_complete_instance for a sync group member without `sync_group_tracking_weight`, or an
 * address owner: weighted interfaces get weight 0 (sync group) or are dropped (owner); weighted
 * scripts and BFDs are dropped; track files with the default weight 1 get weight 0, other weighted
 * ones are dropped. Tracked processes keep their weights.
 */
function applyFixedPriority(tracks: Track[], reason: 'sync-group' | 'address-owner', group: SyncGroup | undefined): void {
  const why = reason === 'sync-group' ? `the instance is in sync group ${group!.name}, which has no sync_group_tracking_weight` : `the instance has priority ${PRIORITY_OWNER}, the address owner`;
  for (const track of tracks) {
    if (track.dropped || track.weight.value === 0 || track.kind === 'process') continue;
    if ((track.kind === 'interface' && reason === 'sync-group') || (track.kind === 'file' && track.weight.value === 1)) {
      track.weight = derived(0, track.word, `${why}: keepalived tracks ${track.name} without its weight`);
    } else {
      track.dropped = derived(reason, track.word, `${why}: keepalived ignores the weighted ${track.kind} ${track.name}`);
    }
  }
}

const TRACK_KIND: Record<string, Track['kind']> = {
  track_script: 'script',
  track_interface: 'interface',
  track_file: 'file',
  track_process: 'process',
  track_bfd: 'bfd',
};

/**
 * The weight range of a `track_*` item's `weight` and whether ±254 becomes ±253
 * (vrrp_track.c `alloc_track_if`, `alloc_track_script`, `alloc_track_process`, `alloc_track_bfd`;
 * track_file.c `vrrp_alloc_track_file`).
 */
const ITEM_WEIGHT: Record<Track['kind'], { limit: number; clamp: boolean }> = {
  interface: { limit: 254, clamp: true },
  script: { limit: 254, clamp: true },
  file: { limit: 254, clamp: false },
  process: { limit: 254, clamp: false },
  bfd: { limit: 253, clamp: false },
};

/**
 * The `weight` of a definition: vrrp_script and bfd_instance keep the last valid line
 * (`vrrp_vscript_weight_handler`, `bfd_vrrp_weight_handler`: -253..253); vrrp_track_process keeps
 * the first non-zero one (`vrrp_tprocess_weight_handler`: -254..254) and track_file the first other
 * than 1 (`track_file_weight_handler`: -254..254, 1 when invalid). Defaults: 1 for a track file, else 0.
 */
function definitionWeight(kind: Exclude<Track['kind'], 'interface'>, definition: Statement, name: string): { weight: Setting<number>; reverse: boolean } {
  let weight: Setting<number> = byDefault(kind === 'file' ? 1 : 0, kind === 'file' ? `track_file ${name} has no weight: keepalived counts it with weight 1` : `${definition.keyword.text} ${name} has no weight: a failure puts the instance in FAULT`);
  let reverse = false;
  for (const line of knownChildren(definition)) {
    if (line.keyword.text !== 'weight') continue;
    const word = line.args[0];
    const limit = kind === 'script' || kind === 'bfd' ? 253 : 254;
    const value = readInt(word?.text, -limit, limit);
    if (kind === 'process' && (weight.value !== 0 || value === undefined)) continue;
    if (kind === 'file' && weight.value !== 1) continue;
    if (value !== undefined) weight = derived(value, word!, `the weight of ${definition.keyword.text} ${name}`);
    if (line.args[1]?.text === 'reverse') reverse = true;
  }
  return { weight, reverse };
}

/**
 * The items of a `track_*` block: `NAME [weight N [reverse|noreverse]]`. An item's own weight wins;
 * else the definition's `weight`; else keepalived's default. keepalived ignores an item whose
 * definition it does not find, that repeats an earlier one, or that has a word other than
 * `weight` after the name (checked in that order).
 */
export function tracksOf(statement: Statement, node: NodeModel, earlier: readonly Track[] = []): Track[] {
  const keyword = statement.path!.slice(statement.path!.lastIndexOf('/') + 1);
  const kind = TRACK_KIND[keyword];
  if (kind === undefined) return [];
  const items = statement.spec?.items;
  const found: Track[] = [];
  for (const item of childValues(statement)) {
    const word = item.words[0];
    if (!word) continue;
    let weight: Setting<number> = byDefault(0, `no weight: a failing ${word.text} puts the instance in FAULT`);
    let reverse = false;
    let dropped: Setting<TrackDrop> | undefined;
    if (kind !== 'interface' && items) {
      const definition = node.definitionFor(items.references, word, items.definedBefore);
      if (!definition) dropped = derived('undefined', word, `no ${items.references} ${word.text}${items.definedBefore ? ' before this instance' : ''}: keepalived ignores the item`);
      else ({ weight, reverse } = definitionWeight(kind, definition, word.text));
    }
    if (!dropped && [...earlier, ...found].some((t) => t.kind === kind && t.name === word.text && !t.dropped)) {
      dropped = derived('duplicate', word, `${word.text} is already tracked: keepalived ignores the repeat`);
    }
    const option = item.words[1];
    if (!dropped && option) {
      const value = item.words[2];
      if (option.text !== 'weight' || !value) {
        dropped = derived('option', option, option.text !== 'weight' ? `'${option.text}' is not weight: keepalived ignores the item` : 'weight without a value: keepalived ignores the item');
      } else {
        const { limit, clamp } = ITEM_WEIGHT[kind];
        const n = readInt(value.text, -limit, limit);
        if (n !== undefined) weight = written(clamp && Math.abs(n) === 254 ? Math.sign(n) * 253 : n, statement, value);
        else if (kind === 'interface') weight = derived(0, value, `weight ${value.text} is not ${-limit + 1} to ${limit - 1}: keepalived uses 0`);
        const flag = item.words[3]?.text;
        if (flag === 'reverse') reverse = true;
        else if (flag === 'noreverse' && kind !== 'interface') reverse = false;
        else if (flag !== undefined && kind === 'file') dropped = derived('option', item.words[3]!, `'${flag}' is not reverse or noreverse: keepalived ignores the item`);
      }
    }
    found.push({ kind, name: word.text, word, statement, weight, reverse, dropped });
  }
  return found;
}

/** The interface keepalived adds a virtual IP on: its `dev`, else the instance's interface. */
export function vipInterface(instance: VrrpInstance, vip: InstanceAddress): string | undefined {
  return vip.device ?? instance.interface?.value;
}
