/**
 * What the election engine (election.ts) says about a cluster, in the terms the behavioural rules
 * report: a tracked failure that leaves the VIPs on the failed node, and why.
 */
import type { Cluster } from './clusters.js';
import { allUp, hears, whatIf, type InstanceCondition } from './election.js';
import type { Track, VrrpInstance } from './vrrp.js';

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
