/**
 * VRRP elections as keepalived plays them: the effective priority an instance advertises when some
 * of its tracked objects fail, the state it ends in, and which node of a cluster becomes master in
 * a scenario (all up, a node down, a tracked object failing on a node, a link down), with the time
 * the takeover takes.
 *
 * Sources: RFC 5798 (VRRPv3) and RFC 3768 (VRRPv2), section 6 (timers, the election), and
 * keepalived 2.2.7: vrrp_track.c (`vrrp_set_effective_priority`, `process_script_update_priority`,
 * `initialise_track_script_state`, the interface, file, process and BFD initialisers, `down_instance`),
 * vrrp.c (`vrrp_state_backup`, `vrrp_state_master_rx`, `vrrp_saddr_cmp`, `vrrp_state_leave_master`),
 * vrrp_scheduler.c (`vrrp_init_state`), vrrp_sync.c (a member in FAULT faults its group), and
 * include/vrrp.h (`VRRP_TIMER_SKEW`, `VRRP_MS_DOWN_TIMER`, `VRRP_DOWN_TIMER_ADVERTS`).
 *
 * Nothing here runs a script or looks at a machine: "fails" is a hypothesis the caller makes.
 */
import { canonicalAddress, compareAddresses } from './address.js';
import type { Cluster } from './clusters.js';
import { reception } from './clusters.js';
import type { NodeModel, SyncGroup } from './node.js';
import type { ProjectModel } from './project.js';
import { readUnsigned } from './numbers.js';
import { knownChildren } from './tree.js';
import { derived } from './origin.js';
import { knownIn, PRIORITY_OWNER, tracksOf, type Track, type VrrpInstance } from './vrrp.js';

/** Adverts a backup misses before it declares the master down (`VRRP_DOWN_TIMER_ADVERTS`; RFC 5798 6.1). */
export const DOWN_TIMER_ADVERTS = 3;

/** Which tracked objects fail: a set of an instance's `tracks`, or a test on each. */
export type Failing = ReadonlySet<Track> | ((track: Track) => boolean);

/** What one tracked object does to the instance in a scenario. */
export interface TrackEffect {
  track: Track;
  failing: boolean;
  /** What it adds to (or takes from) the instance's total priority. */
  delta: number;
  /** It puts the instance in FAULT (a weight-0 object in the state that faults, or a track file at -254 or below). */
  faults: boolean;
}

/** The priority an instance advertises in a scenario, and whether it is in FAULT. */
export interface EffectivePriority {
  /** The priority keepalived advertises: 1..254, or 255 for the address owner, whatever its tracked objects do. */
  priority: number;
  /** `priority` line (or keepalived's default) plus the deltas, before keepalived's clamping. */
  total: number;
  /** The instance is in FAULT: it neither advertises nor holds its VIPs. */
  fault: boolean;
  /** The effect of every tracked object keepalived keeps (dropped ones are left out). */
  effects: TrackEffect[];
  /** In the operator's words: where the priority comes from, and why the instance is in FAULT. */
  reasons: string[];
}

function isFailing(failing: Failing, track: Track): boolean {
  return typeof failing === 'function' ? failing(track) : failing.has(track);
}

/**
 * What one kept tracked object adds in its state (vrrp_track.c). With weight 0 the object faults
 * the instance when it fails (with `reverse`: when it is up). Otherwise a positive weight is added
 * while the object is up and a negative one while it is down; `reverse` flips the sign (a positive
 * weight is then taken away while up, a negative one given while down). A track file is read as a
 * number: a failing file is taken to hold 1 (its weight times 1 is added, capped at 253; at -254 or
 * below the instance goes to FAULT).
 */
export function trackEffect(track: Track, failing: boolean): TrackEffect {
  const weight = track.weight.value;
  const sign = track.reverse ? -1 : 1;
  if (weight === 0) return { track, failing, delta: 0, faults: failing !== track.reverse };
  if (track.kind === 'file') {
    const status = failing ? weight * sign : 0;
    return status <= -254 ? { track, failing, delta: 0, faults: true } : { track, failing, delta: Math.min(253, status), faults: false };
  }
  const delta = failing ? (weight < 0 ? weight * sign : 0) : weight > 0 ? weight * sign : 0;
  return { track, failing, delta, faults: false };
}

/** `track_script chk_nginx` as an operator reads it. */
export function trackLabel(track: Pick<Track, 'kind' | 'name'>): string {
  return track.kind === 'interface' ? `interface ${track.name}` : track.name;
}

const groupTracksCache = new WeakMap<SyncGroup, Track[]>();

/**
 * The tracked objects of a sync group (its `track_*` blocks), which keepalived adds to every member
 * (vrrp.c, the sync groups' part of `vrrp_complete_init`; vrrp_track.c
 * `initialise_vrrp_tracking_priorities`). A weight is cleared when a member is the address owner.
 */
export function syncGroupTracks(group: SyncGroup, node: NodeModel): Track[] {
  let tracks = groupTracksCache.get(group);
  if (tracks) return tracks;
  tracks = [];
  for (const line of knownChildren(group.statement)) {
    if (!line.path?.startsWith('vrrp_sync_group/track_') || !knownIn(line.spec, node.release)) continue;
    tracks.push(...tracksOf(line, node, tracks));
  }
  const owner = node.instances.some((i) => !i.duplicateOf && i.syncGroup === group && i.priority.value === PRIORITY_OWNER);
  if (owner) {
    for (const track of tracks) {
      if (!track.dropped && track.weight.value !== 0) track.weight = derived(0, track.word, `a member of sync group ${group.name} has priority ${PRIORITY_OWNER}: keepalived clears the weight of ${track.name}`);
    }
  }
  groupTracksCache.set(group, tracks);
  return tracks;
}

/**
 * Every object that moves an instance's priority or faults it: its own `track_*` items and its
 * sync group's. An object both track is counted once, with the group's weight unless the
 * instance's is 0 (vrrp.c `add_vrrp_to_interface` and its kin).
 */
export function trackedObjects(instance: VrrpInstance): Track[] {
  const group = instance.syncGroup;
  if (!group) return instance.tracks;
  const fromGroup = syncGroupTracks(group, instance.node).filter((t) => !t.dropped);
  if (fromGroup.length === 0) return instance.tracks;
  const result: Track[] = [];
  for (const track of instance.tracks) {
    const shared = !track.dropped && fromGroup.find((g) => g.kind === track.kind && g.name === track.name);
    if (shared && track.weight.value !== 0) continue;
    result.push(track);
  }
  for (const g of fromGroup) if (!result.some((t) => !t.dropped && t.kind === g.kind && t.name === g.name)) result.push(g);
  return result;
}

/**
 * The effective priority of `instance` when the tracked objects in `failing` fail and the others
 * are up (vrrp_track.c `vrrp_set_effective_priority`): the base priority plus each object's delta
 * (its own tracked objects and its sync group's, `trackedObjects`),
 * kept within 1..254; an address owner (priority 255) keeps 255. A weight-0 object in its failing
 * state puts the instance in FAULT. Dropped objects (`Track.dropped`) do nothing. Sync groups are
 * the caller's (`instanceState`).
 */
export function instancePriority(instance: VrrpInstance, failing: Failing = new Set()): EffectivePriority {
  const base = instance.priority.value;
  const reasons: string[] = [];
  const effects: TrackEffect[] = [];
  let total = base;
  let fault = false;
  for (const track of trackedObjects(instance)) {
    if (track.dropped) continue;
    const effect = trackEffect(track, isFailing(failing, track));
    effects.push(effect);
    const state = effect.failing ? 'fails' : 'is up';
    if (effect.faults) {
      fault = true;
      reasons.push(`${trackLabel(track)} ${state}: ${track.weight.value === 0 ? 'weight 0' : `weight ${track.weight.value}`}${track.reverse ? ' reverse' : ''} puts ${instance.name} in FAULT`);
    } else if (effect.delta !== 0) {
      total += effect.delta;
      reasons.push(`${trackLabel(track)} ${state}: ${effect.delta > 0 ? '+' : ''}${effect.delta}`);
    }
  }
  let priority: number;
  if (base === PRIORITY_OWNER) {
    priority = PRIORITY_OWNER;
    if (total !== base) reasons.push(`priority ${PRIORITY_OWNER} is the address owner's: keepalived never changes it`);
  } else {
    priority = Math.min(PRIORITY_OWNER - 1, Math.max(1, total));
    if (priority !== total) reasons.push(`${total} is kept within 1..254: ${priority}`);
  }
  return { priority, total, fault, effects, reasons };
}

/**
 * The skew a backup adds to its master-down timer, in seconds (include/vrrp.h `VRRP_TIMER_SKEW`):
 * VRRPv3 `(256 − priority) × Master_Adver_Interval / 256` (RFC 5798 6.1); VRRPv2
 * `(256 − priority) / 256` (RFC 3768 6.1). Computed in microseconds as keepalived does.
 */
export function skewTime(version: 2 | 3, priority: number, masterAdvertInt: number): number {
  const value = 256 - priority;
  const micro = version === 3 ? Math.floor((value * Math.round(masterAdvertInt * 100) * 625) / 16) : Math.floor((value * 1_000_000) / 256);
  return micro / 1_000_000;
}

/** `down_timer_adverts` of an instance (1..100, vrrp_parser.c), else 3. */
export function downTimerAdverts(instance: VrrpInstance): number {
  const line = instance.lines.get('down_timer_adverts');
  return readUnsigned(line?.args[0]?.text, 1, 100) ?? DOWN_TIMER_ADVERTS;
}

/**
 * The master-down interval of a backup, in seconds (`VRRP_MS_DOWN_TIMER`): `down_timer_adverts`
 * (3) × the master's advert interval + the skew of the backup's effective `priority`. A VRRPv3
 * backup uses the interval the master advertises; a VRRPv2 one its own (they must be equal).
 */
export function masterDownInterval(backup: VrrpInstance, priority: number, masterAdvertInt: number = backup.advertInt.value): number {
  const version = backup.version.value;
  const interval = version === 3 ? masterAdvertInt : backup.advertInt.value;
  return round6(downTimerAdverts(backup) * interval + skewTime(version, priority, interval));
}

/**
 * How long keepalived may take to see a tracked script fail: `fall` failed runs, one every
 * `interval` (vrrp_parser.c `vrrp_vscript_interval_handler`: 0 becomes 1, an invalid value is
 * ignored; `vrrp_vscript_fall_handler`: an invalid value is 1; include/vrrp_track.h: interval 1 s,
 * fall 1 by default). Undefined when the node defines no such script.
 */
export function scriptDetection(node: NodeModel, name: string): { seconds: number; because: string } | undefined {
  const definition = node.names.definition('vrrp_script', name)?.statement;
  if (!definition) return undefined;
  let interval = 1;
  let fall = 1;
  for (const line of knownChildren(definition)) {
    const word = line.args[0]?.text;
    if (line.keyword.text === 'interval') {
      const value = readUnsigned(word, 0, Math.floor(4294967295 / 1_000_000));
      if (value !== undefined) interval = Math.max(1, value);
    } else if (line.keyword.text === 'fall') {
      fall = readUnsigned(word, 1, 2147483647) ?? 1;
    }
  }
  return { seconds: fall * interval, because: `${name} is seen failing after ${fall} failed run${fall > 1 ? 's' : ''}, one every ${interval} s: within ${fall * interval} s` };
}

/** Seconds (vrrp_parser.c and global_parser.c `vrrp_garp_delay_handler`: 0..UINT_MAX/TIMER_HZ; `VRRP_GARP_DELAY` 5 s). */
export function garpMasterDelay(instance: VrrpInstance): number {
  const own = readUnsigned(instance.lines.get('garp_master_delay')?.args[0]?.text, 0, Math.floor(4294967295 / 1_000_000));
  if (own !== undefined) return own;
  const global = readUnsigned(instance.node.global('vrrp_garp_master_delay')?.args[0]?.text, 0, Math.floor(4294967295 / 1_000_000));
  return global ?? 5;
}

function round6(seconds: number): number {
  return Math.round(seconds * 1_000_000) / 1_000_000;
}

// ---------------------------------------------------------------------------------------------
// Scenarios and elections.

/** Something that happens on a node. */
export type ElectionEvent =
  /** The node (its keepalived) stops without a word: no priority-0 advert. (An instance keepalived refuses, `refusal`, is down in every scenario.) */
  | { kind: 'down'; node: NodeModel }
  /** A tracked object of the node fails: every instance of the node that tracks it sees it. */
  | { kind: 'fails'; node: NodeModel; track: Pick<Track, 'kind' | 'name'> }
  /** An interface of the node goes down: instances on it go to FAULT; tracked interfaces of that name fail. */
  | { kind: 'link-down'; node: NodeModel; interface: string };

/** Events applied together to the converged all-up state of a cluster. */
export interface Scenario {
  /** How the operator reads it: `ha1 down`, `chk_nginx fails on ha1`. */
  label: string;
  events: readonly ElectionEvent[];
}

export type InstanceState = 'MASTER' | 'BACKUP' | 'FAULT' | 'DOWN' | 'UNDECIDED';

/** An instance's priority and FAULT in a scenario, sync group and links included. */
export interface InstanceCondition extends EffectivePriority {
  down: boolean;
  /** The tracked objects that fail in the scenario (kept ones only). */
  failed: Track[];
  /**
   * Objects the configuration tracks and the scenario fails, but keepalived ignores (dropped for a
   * sync group without tracking weight, the address owner, or an unreadable option): their
   * failure changes nothing.
   */
  ignored: Track[];
  /** The instance's own interface is down: it is in FAULT and its priority-0 advert cannot leave. */
  linkDown: boolean;
}

/** Why keepalived drops a tracked object the operator still takes as tracked: its failure then moves nothing. */
const SILENTLY_IGNORED: ReadonlySet<string> = new Set(['sync-group', 'address-owner', 'option']);

/**
 * The tracked objects of an instance a scenario can fail: those keepalived keeps, and those it
 * drops although the configuration tracks them (a weighted object of a sync group member without
 * `sync_group_tracking_weight` or of the address owner, an item with a word keepalived does not
 * read): the operator expects them to move the VIP, and they do not.
 */
export function scenarioTracks(instance: VrrpInstance): Track[] {
  return trackedObjects(instance).filter((t) => !t.dropped || SILENTLY_IGNORED.has(t.dropped.value));
}

function eventsOn(node: NodeModel, events: readonly ElectionEvent[]): ElectionEvent[] {
  return events.filter((e) => e.node === node);
}

/** Whether a tracked object of an instance of `node` fails under `events`. */
function failsUnder(track: Track, events: readonly ElectionEvent[]): boolean {
  return events.some((e) => (e.kind === 'fails' && e.track.kind === track.kind && e.track.name === track.name) || (e.kind === 'link-down' && track.kind === 'interface' && track.name === e.interface));
}

/**
 * An instance's condition in a scenario: down when its node is; its effective priority with the
 * tracked objects the events fail; FAULT by a weight-0 object, by its own interface going down
 * (unless `dont_track_primary`), or by another member of its sync group on the node being in FAULT
 * (vrrp_sync.c: a group's members move to FAULT together).
 */
export function instanceCondition(instance: VrrpInstance, events: readonly ElectionEvent[]): InstanceCondition {
  const mine = eventsOn(instance.node, events);
  const refused = refusal(instance);
  const down = refused !== undefined || mine.some((e) => e.kind === 'down');
  const own = ownCondition(instance, mine);
  const result: InstanceCondition = { ...own, down };
  if (refused !== undefined) result.reasons = [...result.reasons, refused];
  const group = instance.syncGroup;
  if (!result.fault && group) {
    for (const other of instance.node.instances) {
      if (other === instance || other.duplicateOf || other.syncGroup !== group) continue;
      if (ownCondition(other, mine).fault) {
        result.fault = true;
        result.reasons = [...result.reasons, `${other.name} is in FAULT: sync group ${group.name} moves ${instance.name} to FAULT with it`];
        break;
      }
    }
  }
  return result;
}

/** Why keepalived does not run an instance at all, when the configuration tells. */
export function refusal(instance: VrrpInstance): string | undefined {
  if (instance.duplicateOf) return `keepalived skips a second vrrp_instance ${instance.name}`;
  if (instance.vrid === undefined) return 'keepalived refuses an instance without a valid virtual_router_id';
  if (instance.vips.length === 0 && instance.withoutVips.value === 'refused') return 'keepalived refuses the instance: it has no VIP';
  return undefined;
}

function ownCondition(instance: VrrpInstance, mine: readonly ElectionEvent[]): Omit<InstanceCondition, 'down'> {
  const failed = trackedObjects(instance).filter((t) => !t.dropped && failsUnder(t, mine));
  const ignored = scenarioTracks(instance).filter((t) => t.dropped && failsUnder(t, mine));
  const set = new Set(failed);
  const priority = instancePriority(instance, set);
  for (const t of ignored) {
    const origin = t.dropped!.origin;
    priority.reasons.push(`${trackLabel(t)} fails, but keepalived does not track it${origin.kind === 'derived' ? ` (${origin.because})` : ''}`);
  }
  const iface = instance.interface?.value;
  if (iface !== undefined && !instance.lines.has('dont_track_primary') && mine.some((e) => e.kind === 'link-down' && e.interface === iface)) {
    return { ...priority, fault: true, reasons: [...priority.reasons, `${iface} is down: ${instance.name} goes to FAULT`], failed, ignored, linkDown: true };
  }
  return { ...priority, failed, ignored, linkDown: false };
}

/** The source address of an instance's adverts when the configuration sets it (`unicast_src_ip`, `mcast_src_ip`). */
export function advertSource(instance: VrrpInstance): string | undefined {
  return instance.unicastSrcIp?.value;
}

/** -1, 0 or 1 as address `a` is lower than, equal to or higher than `b` (same family), as keepalived compares them. */
function addressOrder(a: string, b: string): number {
  return Math.sign(compareAddresses(a, b) ?? 0);
}

/**
 * Whether `receiver` takes `sender`'s adverts: keepalived accepts them (clusters.ts `reception`:
 * version, authentication, advert interval, unicast or multicast, VIPs), and a unicast sender
 * sends to the receiver's source address when the receiver names one.
 */
export function hears(receiver: VrrpInstance, sender: VrrpInstance): boolean {
  if (!reception(receiver, sender).accepted) return false;
  const source = advertSource(receiver);
  if (sender.unicastPeers.length > 0 && source !== undefined) {
    const canonical = canonicalAddress(source);
    if (!sender.unicastPeers.some((p) => p.address === canonical)) return false;
  }
  return true;
}

/** One member of a cluster in a scenario. */
export interface MemberOutcome {
  instance: VrrpInstance;
  node: NodeModel;
  state: InstanceState;
  condition: InstanceCondition;
  /** The VIPs it holds (canonical addresses): its own, when MASTER (or UNDECIDED: if it wins). */
  vips: string[];
}

/** A problem an outcome shows. */
export type ElectionProblem =
  | { kind: 'no-master'; message: string }
  | { kind: 'two-masters'; message: string; masters: VrrpInstance[] }
  | { kind: 'stuck'; message: string; instance: VrrpInstance; failed: Track[] };

/** How the master changes in a scenario. */
export interface Failover {
  from: VrrpInstance | undefined;
  to: VrrpInstance;
  /** Seconds from the event to the takeover, at most (a backup's timers run from the last advert it took). */
  seconds: number;
  /** How: `master-down` (3 × advert_int + skew), `priority-0` (the master left: skew only), `preempt` (a higher priority takes over). */
  how: 'master-down' | 'priority-0' | 'preempt';
  /** In the operator's words, with the arithmetic. */
  because: string;
  /**
   * The new master sends gratuitous ARPs (unsolicited neighbour adverts) as it takes over, and
   * again this many seconds later (`garp_master_delay`, else `vrrp_garp_master_delay`, else 5).
   */
  garpMasterDelay: number;
  /** When the scenario fails a tracked script: how long keepalived may take to see it (`scriptDetection`), before `seconds` start. */
  detection?: { seconds: number; because: string };
}

/** Who is master of a cluster in a scenario, each member's state and priority, and who holds each VIP. */
export interface ElectionOutcome {
  scenario: Scenario;
  members: MemberOutcome[];
  /** The master, when one member is (undefined with no master, two masters, or an undecided tie). */
  master: VrrpInstance | undefined;
  /** Every member that is MASTER. */
  masters: VrrpInstance[];
  /**
   * Members of equal effective priority that hear each other, one of which is master: keepalived
   * picks the higher primary (source) address, which the configurations do not give.
   */
  undecided: VrrpInstance[];
  /** The master of the converged all-up state the scenario starts from. */
  before: VrrpInstance | undefined;
  /** Each VIP of the cluster and the members that hold it (an UNDECIDED member holds it if it wins). */
  vips: Array<{ address: string; holders: VrrpInstance[] }>;
  /** How the master changes; undefined when it does not. */
  failover: Failover | undefined;
  problems: ElectionProblem[];
}

interface Live {
  instance: VrrpInstance;
  condition: InstanceCondition;
}

/**
 * Order by effective priority, then by the higher source address when both are known; `0` when
 * the order is the nodes' primary addresses, which the configurations do not give.
 */
function rank(a: Live, b: Live): number {
  if (a.condition.priority !== b.condition.priority) return b.condition.priority - a.condition.priority;
  const x = advertSource(a.instance);
  const y = advertSource(b.instance);
  if (x === undefined || y === undefined) return 0;
  return addressOrder(y, x);
}

/**
 * A fresh election among `live` members that hear no master in `masters` (RFC 5798 6.4.1-6.4.2):
 * every one waits its master-down interval, so the highest priority (then address) speaks first
 * and the others take its adverts. Members that hear none of the winners elect their own.
 */
function freshElection(live: Live[], masters: Live[], undecided: Live[][]): void {
  const waiting = live.filter((l) => !masters.includes(l) && !masters.some((m) => hears(l.instance, m.instance)) && !undecided.some((g) => g.some((m) => hears(l.instance, m.instance))));
  const sorted = [...waiting].sort(rank);
  for (let i = 0; i < sorted.length; ) {
    let j = i + 1;
    while (j < sorted.length && rank(sorted[i]!, sorted[j]!) === 0) j++;
    const tier = sorted.slice(i, j).filter((l) => !masters.some((m) => hears(l.instance, m.instance)) && !undecided.some((g) => g.some((m) => hears(l.instance, m.instance))));
    const grouped = tier.filter((l) => tier.some((o) => o !== l && hears(l.instance, o.instance) && hears(o.instance, l.instance)));
    for (const l of tier) if (!grouped.includes(l)) masters.push(l);
    if (grouped.length > 0) undecided.push(grouped);
    i = j;
  }
}

function liveOf(members: readonly VrrpInstance[], events: readonly ElectionEvent[]): Live[] {
  return members.map((instance) => ({ instance, condition: instanceCondition(instance, events) }));
}

/** The members of a cluster, with duplicates (skipped by keepalived) left out. */
function membersOf(cluster: Cluster | readonly VrrpInstance[]): VrrpInstance[] {
  const list = 'members' in cluster ? cluster.members : cluster;
  return list.filter((m) => !m.duplicateOf);
}

/** The converged all-up state: who is master when every node runs and nothing fails. */
export function allUp(cluster: Cluster | readonly VrrpInstance[]): ElectionOutcome {
  return elect(cluster, { label: 'all up', events: [] });
}

/**
 * The outcome of a scenario, from the converged all-up state (RFC 5798 6.4, keepalived vrrp.c):
 *
 * - a master that goes down or to FAULT is replaced by a fresh election among the others: after
 *   the master-down interval (3 × advert_int + skew) when it stops without a word, after the skew
 *   only when it leaves FAULT-wards (it sends a priority-0 advert);
 * - a running master whose effective priority drops below a backup's is preempted by the highest
 *   such backup, unless that backup has `nopreempt`; `preempt_delay` defers it; an equal priority
 *   never preempts (a backup takes adverts of its own priority);
 * - a master keeps the role while every backup it reaches is below it or will not preempt.
 */
export function elect(cluster: Cluster | readonly VrrpInstance[], scenario: Scenario): ElectionOutcome {
  const members = membersOf(cluster);
  if (scenario.events.length === 0) return settle(members, scenario, undefined, starters(members));
  const start = settle(members, { label: 'all up', events: [] }, undefined, starters(members));
  // An undecided start: play the scenario from each possible master; when all agree, so does the outcome.
  const incumbents = start.masters.length > 0 ? [start.masters] : start.undecided.map((m) => [m]);
  if (incumbents.length === 0) return settle(members, scenario, start, []);
  const outcomes = incumbents.map((masters) => settle(members, scenario, start, masters));
  if (outcomes.length === 1) return outcomes[0]!;
  const finals = new Set(outcomes.map((o) => o.master));
  if (finals.size === 1 && !finals.has(undefined)) {
    // One master in the end; how it gets there depends on who won the start.
    const moves = outcomes.filter((o) => o.failover);
    const result = moves[0] ?? outcomes[0]!;
    if (moves.length > 0 && moves.length < outcomes.length) result.failover = { ...result.failover!, because: `if ${nodeName(result.failover!.from!.node)} was master (equal priorities at the start): ${result.failover!.because}` };
    return result;
  }
  // The outcome depends on which member won the start: say so.
  const merged = outcomes[0]!;
  const candidates = [...new Set(outcomes.flatMap((o) => (o.master ? [o.master] : o.undecided)))];
  for (const m of merged.members) {
    if (!candidates.includes(m.instance) || m.state === 'FAULT' || m.state === 'DOWN') continue;
    m.state = 'UNDECIDED';
    m.vips = [...new Set(m.instance.vips.map((v) => v.address))];
  }
  merged.master = undefined;
  merged.masters = [];
  merged.undecided = candidates;
  merged.vips = vipHolders(merged.members);
  merged.failover = undefined;
  merged.problems = merged.problems.filter((p) => p.kind !== 'stuck' && p.kind !== 'two-masters');
  return merged;
}

/**
 * Who holds the role as the nodes start: an instance with initial state MASTER becomes master
 * after one advert interval (vrrp_scheduler.c `vrrp_init_state`), before any BACKUP's master-down
 * timer runs out; a higher priority then preempts it unless it has `nopreempt`. Of several, the
 * highest ranked (the others hear it and step down).
 */
function starters(members: readonly VrrpInstance[]): VrrpInstance[] {
  const live = liveOf(members, []).filter((l) => !l.condition.fault && l.instance.state.value === 'MASTER');
  const sorted = [...live].sort(rank);
  // Two of equal rank: the primary addresses decide, as in a fresh election.
  if (sorted.length > 1 && rank(sorted[0]!, sorted[1]!) === 0) return [];
  return sorted[0] ? [sorted[0].instance] : [];
}

function settle(members: VrrpInstance[], scenario: Scenario, start: ElectionOutcome | undefined, incumbents: readonly VrrpInstance[]): ElectionOutcome {
  const all = liveOf(members, scenario.events);
  const live = all.filter((l) => !l.condition.down && !l.condition.fault);
  const masters: Live[] = [];
  const undecided: Live[][] = [];
  let failover: Failover | undefined;
  const before = start?.master;

  // Running incumbents keep the role unless a backup that hears them preempts.
  for (const incumbent of incumbents) {
    const m = live.find((l) => l.instance === incumbent);
    if (!m) continue;
    const challengers = live.filter((l) => l !== m && !l.instance.nopreempt.value && l.condition.priority > m.condition.priority && hears(l.instance, m.instance));
    if (challengers.length === 0) {
      masters.push(m);
      continue;
    }
    const winners: Live[] = [];
    const tied: Live[][] = [];
    freshElection(challengers, winners, tied);
    masters.push(...winners);
    undecided.push(...tied);
    const to = winners[0] ?? tied[0]?.[0];
    if (to && start) {
      const delay = to.instance.preemptDelay.value;
      const interval = masterDownInterval(to.instance, to.condition.priority, m.instance.advertInt.value);
      const seconds = round6(delay + interval);
      failover = {
        from: m.instance,
        to: to.instance,
        seconds,
        how: 'preempt',
        garpMasterDelay: garpMasterDelay(to.instance),
        because: `${nodeName(to.instance.node)}'s ${to.condition.priority} is above ${m.condition.priority}: it ignores the lower adverts and takes over when its master-down timer runs out (${describeInterval(to.instance, to.condition.priority, m.instance.advertInt.value)}${delay > 0 ? `, after preempt_delay ${delay} s` : ''})`,
      };
    }
  }
  // Members that hear no master elect one.
  const hadMaster = masters.length + undecided.length;
  freshElection(live, masters, undecided);
  if (start && !failover && masters.length + undecided.length > hadMaster) {
    const to = masters.find((m) => !incumbents.includes(m.instance)) ?? undecided[undecided.length - 1]![0]!;
    const old = all.find((l) => incumbents.includes(l.instance));
    const advertInt = old?.instance.advertInt.value ?? to.instance.advertInt.value;
    if (old && old.condition.fault && !old.condition.down && !old.condition.linkDown) {
      const seconds = skewTime(to.instance.version.value, to.condition.priority, advertInt);
      failover = { from: old.instance, to: to.instance, seconds, how: 'priority-0', garpMasterDelay: garpMasterDelay(to.instance), because: `${nodeName(old.instance.node)} goes to FAULT and sends a priority-0 advert: the backup takes over after its skew, (256 − ${to.condition.priority}) ${to.instance.version.value === 3 ? `× ${advertInt} ` : ''}/ 256 = ${seconds} s` };
    } else if (old) {
      const seconds = masterDownInterval(to.instance, to.condition.priority, advertInt);
      failover = { from: old.instance, to: to.instance, seconds, how: 'master-down', garpMasterDelay: garpMasterDelay(to.instance), because: `no advert from ${nodeName(old.instance.node)}: the backup takes over when its master-down timer runs out, ${describeInterval(to.instance, to.condition.priority, advertInt)}` };
    }
  }

  if (failover) {
    const script = scenario.events.find((e): e is Extract<ElectionEvent, { kind: 'fails' }> => e.kind === 'fails' && e.track.kind === 'script' && e.node === failover!.from?.node);
    const detection = script && scriptDetection(script.node, script.track.name);
    if (detection) failover.detection = detection;
  }
  const masterSet = new Set(masters.map((m) => m.instance));
  const undecidedSet = new Set(undecided.flat().map((m) => m.instance));
  const outcomeMembers: MemberOutcome[] = all.map(({ instance, condition }) => {
    const state: InstanceState = condition.down ? 'DOWN' : condition.fault ? 'FAULT' : masterSet.has(instance) ? 'MASTER' : undecidedSet.has(instance) ? 'UNDECIDED' : 'BACKUP';
    const vips = state === 'MASTER' || state === 'UNDECIDED' ? [...new Set(instance.vips.map((v) => v.address))] : [];
    return { instance, node: instance.node, state, condition, vips };
  });
  const masterList = masters.map((m) => m.instance);
  const master = masterList.length === 1 && undecided.length === 0 ? masterList[0] : undefined;
  const problems: ElectionProblem[] = [];
  const leaders = masterList.length + undecided.length;
  if (leaders === 0) {
    problems.push({ kind: 'no-master', message: members.length === 0 ? 'no member' : 'no node can be master: every one is down or in FAULT' });
  } else if (leaders > 1) {
    const names = [...masterList, ...undecided.map((g) => g[0]!.instance)];
    problems.push({ kind: 'two-masters', masters: names, message: `${leaders} masters: ${names.map((n) => nodeName(n.node)).join(', ')} do not take each other's adverts` });
  }
  const failedOf = (l: Live) => [...l.condition.failed, ...l.condition.ignored].filter((t) => !t.reverse);
  for (const m of masters) {
    const failed = failedOf(m);
    if (failed.length === 0) continue;
    const elsewhere = live.some((l) => l !== m && failedOf(l).length === 0);
    if (!elsewhere) continue;
    problems.push({ kind: 'stuck', instance: m.instance, failed, message: '' });
  }
  const outcome: ElectionOutcome = {
    scenario,
    members: outcomeMembers,
    master,
    masters: masterList,
    undecided: undecided.flat().map((m) => m.instance),
    before,
    vips: vipHolders(outcomeMembers),
    failover,
    problems,
  };
  for (const problem of problems) if (problem.kind === 'stuck') problem.message = explainStuck(outcome, problem);
  return outcome;
}

/**
 * Why the VIPs stay on a master whose tracked object failed, in the operator's terms: "lb1 drops
 * to 145, still above lb2's 70: the VIPs stay on lb1"; "lb1 drops to 90, below lb2's 100, but lb2
 * has nopreempt: ..."; "lb1 stays at 255, keepalived does not track chk_nginx (...): ...".
 */
export function explainStuck(outcome: ElectionOutcome, problem: Extract<ElectionProblem, { kind: 'stuck' }>, name: (node: NodeModel) => string = nodeName): string {
  const m = outcome.members.find((x) => x.instance === problem.instance)!;
  const node = name(m.node);
  const p = m.condition.priority;
  const before = instancePriority(m.instance).priority;
  const parts = [p !== before ? `${node} drops to ${p}` : `${node} stays at ${p}`];
  for (const t of problem.failed) {
    if (!t.dropped) continue;
    const origin = t.dropped.origin;
    parts.push(`keepalived does not track ${trackLabel(t)}${origin.kind === 'derived' ? ` (${origin.because})` : ''}`);
  }
  const others = outcome.members.filter((x) => x !== m && x.state !== 'DOWN' && x.state !== 'FAULT').sort((a, b) => b.condition.priority - a.condition.priority);
  for (const o of others) {
    const q = o.condition.priority;
    const them = `${name(o.node)}'s ${q}`;
    if (q < p) parts.push(`still above ${them}`);
    else if (q === p) parts.push(`equal to ${them} (a backup takes adverts of its own priority: no preemption)`);
    else parts.push(`below ${them}, but ${name(o.node)} has nopreempt`);
  }
  return `${parts.join(', ')}: the VIPs stay on ${node}`;
}

function describeInterval(backup: VrrpInstance, priority: number, masterAdvertInt: number): string {
  const version = backup.version.value;
  const interval = version === 3 ? masterAdvertInt : backup.advertInt.value;
  const adverts = downTimerAdverts(backup);
  const skew = skewTime(version, priority, interval);
  const skewText = version === 3 ? `(256 − ${priority}) × ${interval} / 256` : `(256 − ${priority}) / 256`;
  return `${adverts} × ${interval} s + ${skewText} s = ${round6(adverts * interval + skew)} s`;
}

function vipHolders(members: readonly MemberOutcome[]): Array<{ address: string; holders: VrrpInstance[] }> {
  const order: string[] = [];
  const holders = new Map<string, VrrpInstance[]>();
  for (const m of members) {
    for (const vip of m.instance.vips) {
      if (!holders.has(vip.address)) {
        holders.set(vip.address, []);
        order.push(vip.address);
      }
    }
  }
  for (const m of members) for (const address of m.vips) if (!holders.get(address)!.includes(m.instance)) holders.get(address)!.push(m.instance);
  return order.map((address) => ({ address, holders: holders.get(address)! }));
}

/** A readable name for a node: its file's base name without `.conf` (`ha1` for `ha1.conf`). */
export function nodeName(node: NodeModel): string {
  const base = node.file.slice(node.file.lastIndexOf('/') + 1);
  return base.replace(/\.conf$/, '') || node.file;
}

/**
 * The scenarios worth playing on a cluster: all up, each node down, and each tracked object
 * (that keepalived keeps) failing on each node. `name` names the nodes in the labels.
 */
export function defaultScenarios(cluster: Cluster | readonly VrrpInstance[], name: (node: NodeModel) => string = nodeName): Scenario[] {
  const members = membersOf(cluster);
  const scenarios: Scenario[] = [{ label: 'all up', events: [] }];
  const nodes = [...new Set(members.map((m) => m.node))];
  for (const node of nodes) scenarios.push({ label: `${name(node)} down`, events: [{ kind: 'down', node }] });
  for (const node of nodes) {
    const seen = new Set<string>();
    for (const member of members.filter((m) => m.node === node)) {
      for (const track of scenarioTracks(member)) {
        const key = `${track.kind} ${track.name}`;
        if (seen.has(key)) continue;
        seen.add(key);
        scenarios.push({ label: `${trackLabel(track)} fails on ${name(node)}`, events: [{ kind: 'fails', node, track: { kind: track.kind, name: track.name } }] });
      }
    }
  }
  return scenarios;
}

/** What happens on a cluster if `event` happens (from the converged all-up state). */
export function whatIf(cluster: Cluster | readonly VrrpInstance[], event: ElectionEvent, label = eventLabel(event)): ElectionOutcome {
  return elect(cluster, { label, events: [event] });
}

/** `ha1 down`, `chk_nginx fails on ha1`, `eth1 down on ha1`. */
export function eventLabel(event: ElectionEvent, name: (node: NodeModel) => string = nodeName): string {
  switch (event.kind) {
    case 'down':
      return `${name(event.node)} down`;
    case 'fails':
      return `${trackLabel(event.track)} fails on ${name(event.node)}`;
    case 'link-down':
      return `link ${event.interface} down on ${name(event.node)}`;
  }
}

/**
 * A sync group whose members the elections of their clusters put in different states on one
 * node: keepalived moves a group's members together (vrrp_sync.c: the group goes MASTER only when
 * every member wants MASTER, `vrrp_sync_can_goto_master`, and BACKUP as soon as one goes BACKUP,
 * `vrrp_sync_backup`), so the state the elections ask for never holds: the members wait in
 * BACKUP until their master-down timers run out, then the group takes MASTER on every member, and
 * the clusters elect again.
 */
export interface SyncGroupSplit {
  node: NodeModel;
  group: SyncGroup;
  /** Members their cluster makes MASTER. */
  masters: VrrpInstance[];
  /** Members their cluster keeps BACKUP. */
  backups: VrrpInstance[];
}

/** The sync groups split by the elections of `scenario` on every cluster of `project`. */
export function syncGroupSplits(project: Pick<ProjectModel, 'nodes' | 'clusters'>, scenario: Scenario): SyncGroupSplit[] {
  const states = new Map<VrrpInstance, InstanceState>();
  for (const cluster of project.clusters) for (const member of elect(cluster, scenario).members) states.set(member.instance, member.state);
  const splits: SyncGroupSplit[] = [];
  for (const node of project.nodes) {
    for (const group of node.syncGroups) {
      if (group.duplicateOf) continue;
      const members = node.instances.filter((i) => !i.duplicateOf && i.syncGroup === group);
      const masters = members.filter((i) => states.get(i) === 'MASTER');
      const backups = members.filter((i) => states.get(i) === 'BACKUP');
      if (masters.length > 0 && backups.length > 0) splits.push({ node, group, masters, backups });
    }
  }
  return splits;
}
