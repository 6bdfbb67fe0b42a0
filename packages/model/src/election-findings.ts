/**
 * What the election engine (election.ts) says about a cluster, in the terms the behavioural rules
 * report: a tracked failure that leaves the VIPs on the failed node, and why; and the order of two
 * source addresses between equal priorities. (`compareAddresses` is election.ts's private
 * `addressOrder` made public; they should merge.)
 */
import { canonicalAddress, familyOf } from './address.js';
import type { Cluster } from './clusters.js';
import { allUp, hears, whatIf, type InstanceCondition } from './election.js';
import type { Track, VrrpInstance } from './vrrp.js';

/** The bytes of an address (4 for IPv4, 16 for IPv6), in order; undefined when it is none. */
function addressBytes(text: string): number[] | undefined {
  const family = familyOf(text);
  if (family === 4) return canonicalAddress(text).split('.').map(Number);
  if (family !== 6) return undefined;
  return canonicalAddress(text)
    .split(':')
    .flatMap((g) => {
      const n = Number.parseInt(g, 16);
      return [n >> 8, n & 0xff];
    });
}

/**
 * Compares two addresses of one family as keepalived does between equal priorities (vrrp.c
 * `vrrp_saddr_cmp`, `inet_sockaddrcmp`, in network byte order; RFC 5798 6.4.3): > 0 when `a` is
 * higher, 0 when equal; undefined when they are not two addresses of one family.
 */
export function compareAddresses(a: string, b: string): number | undefined {
  const x = addressBytes(a);
  const y = addressBytes(b);
  if (!x || !y || x.length !== y.length) return undefined;
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
  return 0;
}

/** A tracked object whose failure on the master leaves the VIPs where they are. */
export interface StuckFailure {
  /** The master of the all-up state: the instance whose tracked object fails. */
  master: VrrpInstance;
  track: Track;
  /** Its effective priority with everything up, and with the object failing. */
  before: number;
  after: number;
  /** The backup that would take over: the highest-priority running member that hears the master. */
  rival: VrrpInstance;
  rivalPriority: number;
  /**
   * Why the VIPs stay: `not-below` (the failed master's priority is still at or above the rival's:
   * a backup takes adverts of equal or higher priority), or `nopreempt` (the master falls below
   * backups that all have nopreempt: they do not take over from a running master).
   */
  because: 'not-below' | 'nopreempt';
}

/**
 * For each weighted tracked object of the cluster's all-up master: the engine's outcome when it
 * fails on that node (election.ts `whatIf`). Returned when the engine finds the VIPs stuck on the
 * master while another member runs with nothing failed (`stuck`), with the arithmetic.
 */
export function stuckFailures(cluster: Cluster): StuckFailure[] {
  const start = allUp(cluster);
  const master = start.master;
  if (!master) return [];
  const found: StuckFailure[] = [];
  const before = start.members.find((m) => m.instance === master)!.condition.priority;
  const seen = new Set<string>();
  for (const track of master.tracks) {
    const key = `${track.kind} ${track.name}`;
    if (track.dropped || track.weight.value === 0 || seen.has(key)) continue;
    seen.add(key);
    const outcome = whatIf(cluster, { kind: 'fails', node: master.node, track: { kind: track.kind, name: track.name } });
    if (!outcome.problems.some((p) => p.kind === 'stuck' && p.instance === master && p.failed.includes(track))) continue;
    const mine = outcome.members.find((m) => m.instance === master)!.condition;
    const running = outcome.members.filter((m) => m.instance !== master && m.state !== 'DOWN' && m.state !== 'FAULT' && hears(m.instance, master));
    if (running.length === 0) continue;
    const rivals = running.map((m) => ({ instance: m.instance, condition: m.condition as InstanceCondition })).sort((a, b) => b.condition.priority - a.condition.priority);
    const above = rivals.filter((r) => r.condition.priority > mine.priority);
    if (above.length === 0) {
      const rival = rivals[0]!;
      found.push({ master, track, before, after: mine.priority, rival: rival.instance, rivalPriority: rival.condition.priority, because: 'not-below' });
    } else if (above.every((r) => r.instance.nopreempt.value)) {
      const rival = above[0]!;
      found.push({ master, track, before, after: mine.priority, rival: rival.instance, rivalPriority: rival.condition.priority, because: 'nopreempt' });
    }
  }
  return found;
}
