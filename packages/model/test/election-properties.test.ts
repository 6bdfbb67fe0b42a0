/**
 * Properties of the election engine on random clusters (fast-check): two or three nodes of one
 * virtual router with random priorities, states, nopreempt, preempt_delay, tracked scripts,
 * interfaces and files (weights, reverse), sync groups and source addresses. In every converged
 * scenario: at most one master; priorities within 1..255; a node that is down holds no VIP; a
 * failure never raises the failed node's priority unless the weight is positive or `reverse` is set.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from '@kalint/parser';
import { defaultScenarios, elect, ProjectModel, type ElectionEvent, type Scenario } from '@kalint/model';

interface TrackSpec {
  kind: 'script' | 'interface' | 'file';
  name: string;
  weight: number | undefined;
  reverse: boolean;
}

interface NodeSpec {
  priority: number | undefined;
  state: 'MASTER' | 'BACKUP' | undefined;
  nopreempt: boolean;
  preemptDelay: number | undefined;
  tracks: TrackSpec[];
  syncGroup: boolean;
}

const track: fc.Arbitrary<TrackSpec> = fc.record({
  kind: fc.constantFrom('script' as const, 'interface' as const, 'file' as const),
  name: fc.constantFrom('a', 'b', 'c'),
  weight: fc.option(fc.oneof(fc.integer({ min: -254, max: 254 }), fc.constantFrom(0, -1, 1, -50, 50)), { nil: undefined }),
  reverse: fc.boolean(),
});

const nodeSpec: fc.Arbitrary<NodeSpec> = fc.record({
  priority: fc.option(fc.oneof(fc.integer({ min: 1, max: 255 }), fc.constantFrom(100, 110, 255)), { nil: undefined }),
  state: fc.option(fc.constantFrom('MASTER' as const, 'BACKUP' as const), { nil: undefined }),
  nopreempt: fc.boolean(),
  preemptDelay: fc.option(fc.integer({ min: 1, max: 30 }), { nil: undefined }),
  tracks: fc.array(track, { maxLength: 3 }),
  syncGroup: fc.boolean(),
});

function configOf(spec: NodeSpec, index: number, unicast: boolean, nodes: number): string {
  const defs: string[] = [];
  const items: Record<TrackSpec['kind'], string[]> = { script: [], interface: [], file: [] };
  for (const t of spec.tracks) {
    const name = t.kind === 'interface' ? `eth${t.name === 'a' ? 1 : t.name === 'b' ? 2 : 3}` : `chk_${t.name}`;
    if (t.kind === 'script') defs.push(`vrrp_script ${name} {\n  script "/bin/true"\n}\n`);
    if (t.kind === 'file') defs.push(`vrrp_track_file ${name} {\n  file "/run/${name}"\n}\n`);
    items[t.kind].push(`    ${name}${t.weight !== undefined ? ` weight ${t.weight}${t.reverse ? ' reverse' : ''}` : ''}\n`);
  }
  const blocks = Object.entries(items)
    .filter(([, list]) => list.length > 0)
    .map(([kind, list]) => `  track_${kind} {\n${list.join('')}  }\n`)
    .join('');
  const own = `10.1.8.${index + 1}`;
  const peers = Array.from({ length: nodes }, (_, i) => `10.1.8.${i + 1}`).filter((a) => a !== own);
  const lines = [
    '  interface eth0',
    '  virtual_router_id 51',
    spec.state ? `  state ${spec.state}` : '',
    spec.priority !== undefined ? `  priority ${spec.priority}` : '',
    spec.nopreempt ? '  nopreempt' : '',
    spec.preemptDelay !== undefined ? `  preempt_delay ${spec.preemptDelay}` : '',
    unicast ? `  unicast_src_ip ${own}\n  unicast_peer {\n${peers.map((p) => `    ${p}\n`).join('')}  }` : '',
  ].filter((l) => l !== '');
  const group = spec.syncGroup ? 'vrrp_sync_group G {\n  group {\n    VI_1\n    VI_2\n  }\n}\n' : '';
  const second = 'vrrp_instance VI_2 {\n  interface eth9\n  virtual_router_id 52\n  virtual_ipaddress {\n    10.9.0.1/24\n  }\n}\n';
  return `${defs.join('')}${group}vrrp_instance VI_1 {\n${lines.join('\n')}\n${blocks}  virtual_ipaddress {\n    10.1.8.100/24\n  }\n}\n${spec.syncGroup ? second : ''}`;
}

const clusterSpec = fc.record({ nodes: fc.array(nodeSpec, { minLength: 2, maxLength: 3 }), unicast: fc.boolean() });

function projectOf(spec: { nodes: NodeSpec[]; unicast: boolean }): ProjectModel {
  return new ProjectModel(spec.nodes.map((n, i) => ({ path: `n${i + 1}.conf`, ast: parse(configOf(n, i, spec.unicast, spec.nodes.length), { file: `n${i + 1}.conf` }).ast })));
}

/** The default scenarios, and each pair of them played together. */
function scenariosOf(cluster: Parameters<typeof defaultScenarios>[0]): Scenario[] {
  const single = defaultScenarios(cluster);
  const pairs: Scenario[] = [];
  for (let i = 1; i < single.length; i++) for (let j = i + 1; j < single.length; j++) pairs.push({ label: `${single[i]!.label} and ${single[j]!.label}`, events: [...single[i]!.events, ...single[j]!.events] });
  return [...single, ...pairs];
}

describe('election properties', () => {
  it('at most one master, priorities within 1..255, no VIP on a down node', () => {
    fc.assert(
      fc.property(clusterSpec, (spec) => {
        const project = projectOf(spec);
        const cluster = project.clusters.find((c) => c.members.some((m) => m.name === 'VI_1'));
        expect(cluster).toBeDefined();
        for (const scenario of scenariosOf(cluster!)) {
          const outcome = elect(cluster!, scenario);
          const leaders = outcome.masters.length + (outcome.undecided.length > 0 ? 1 : 0);
          expect(leaders, scenario.label).toBeLessThanOrEqual(1);
          expect(outcome.problems.filter((p) => p.kind === 'two-masters')).toEqual([]);
          for (const member of outcome.members) {
            expect(member.condition.priority).toBeGreaterThanOrEqual(1);
            expect(member.condition.priority).toBeLessThanOrEqual(255);
            if (member.state === 'DOWN') expect(member.vips).toEqual([]);
            if (member.state === 'DOWN' || member.state === 'FAULT') for (const vip of outcome.vips) expect(vip.holders).not.toContain(member.instance);
          }
          if (outcome.master) expect(outcome.members.find((m) => m.instance === outcome.master)!.state).toBe('MASTER');
        }
      }),
      { numRuns: 300 },
    );
  });

  it('a failure never raises the failed node\'s priority unless the weight is positive or reverse is set', () => {
    fc.assert(
      fc.property(clusterSpec, (spec) => {
        const cluster = projectOf(spec).clusters.find((c) => c.members.some((m) => m.name === 'VI_1'))!;
        const start = elect(cluster, { label: 'all up', events: [] });
        for (const scenario of defaultScenarios(cluster)) {
          const fails = scenario.events.filter((e): e is Extract<ElectionEvent, { kind: 'fails' }> => e.kind === 'fails');
          if (fails.length === 0) continue;
          const outcome = elect(cluster, scenario);
          for (const member of outcome.members) {
            if (member.node !== fails[0]!.node) continue;
            const raising = member.condition.failed.some((t) => t.reverse || t.weight.value > 0);
            const before = start.members.find((m) => m.instance === member.instance)!.condition.priority;
            if (!raising) expect(member.condition.priority, scenario.label).toBeLessThanOrEqual(before);
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
