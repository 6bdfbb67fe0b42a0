/**
 * The election engine against keepalived's own arithmetic: vrrp_track.c (effective priority,
 * clamping, the owner, reverse, weight 0), vrrp.c (`vrrp_state_backup`: nopreempt, equal
 * priority; `vrrp_state_leave_master`: the priority-0 advert), include/vrrp.h (the master-down
 * timer), RFC 5798 6.1 (skew).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from '@kalint/parser';
import { allUp, defaultScenarios, syncGroupSplits, trackedObjects, elect, instanceCondition, instancePriority, masterDownInterval, ProjectModel, skewTime, whatIf, type NodeModel, type VrrpInstance } from '@kalint/model';

const fixture = (name: string) => readFileSync(fileURLToPath(new URL(`../../../fixtures/article-pair/${name}`, import.meta.url)), 'utf8');

function project(files: Record<string, string>): ProjectModel {
  return new ProjectModel(Object.entries(files).map(([path, text]) => ({ path, ast: parse(text, { file: path }).ast })));
}

/** A node with one instance `VI_1` (VRID 51, VIP 10.1.8.100/24) and `body` inside it, `before` ahead of it. */
function conf(body: string, before = ''): string {
  return `${before}vrrp_instance VI_1 {\n  interface eth0\n  virtual_router_id 51\n  advert_int 1\n${body}  virtual_ipaddress {\n    10.1.8.100/24\n  }\n}\n`;
}

const script = (name: string, weight?: number) => `vrrp_script ${name} {\n  script "/usr/bin/true"\n${weight !== undefined ? `  weight ${weight}\n` : ''}}\n`;

function only(p: ProjectModel) {
  expect(p.clusters).toHaveLength(1);
  return p.clusters[0]!;
}

function nodeOf(p: ProjectModel, file: string): NodeModel {
  return p.node(file)!;
}

function inst(p: ProjectModel, file: string): VrrpInstance {
  return nodeOf(p, file).instances[0]!;
}

describe('effective priority (vrrp_track.c)', () => {
  const p = project({
    'a.conf': conf('  state MASTER\n  priority 110\n  track_script {\n    chk_down\n    chk_up\n    chk_fault\n    chk_rev weight -20 reverse\n  }\n', script('chk_down', -30) + script('chk_up', 15) + script('chk_fault') + script('chk_rev')),
  });
  const a = inst(p, 'a.conf');
  const track = (name: string) => a.tracks.find((t) => t.name === name)!;

  it('all up: base plus positive weights', () => {
    const r = instancePriority(a);
    expect(r).toMatchObject({ priority: 125, fault: false });
  });

  it('a negative weight is taken while its script fails; a positive one is lost', () => {
    expect(instancePriority(a, new Set([track('chk_down')])).priority).toBe(95);
    expect(instancePriority(a, new Set([track('chk_up')])).priority).toBe(110);
  });

  it('reverse: a failing negative weight is given', () => {
    expect(instancePriority(a, new Set([track('chk_rev')])).priority).toBe(145);
  });

  it('weight 0: a failure puts the instance in FAULT', () => {
    const r = instancePriority(a, new Set([track('chk_fault')]));
    expect(r.fault).toBe(true);
    expect(r.reasons.join('\n')).toContain('chk_fault fails');
  });

  it('the total is kept within 1..254', () => {
    const q = project({ 'b.conf': conf('  priority 250\n  track_script {\n    up weight 20\n    down weight -253\n  }\n', script('up') + script('down')) });
    const b = inst(q, 'b.conf');
    expect(instancePriority(b).priority).toBe(254);
    expect(instancePriority(b, new Set(b.tracks)).priority).toBe(1);
  });

  it('the address owner keeps 255 (its weighted tracks are dropped anyway)', () => {
    const q = project({ 'o.conf': conf('  priority 255\n  track_process {\n    proc weight -50\n  }\n', 'vrrp_track_process proc {\n  process nginx\n}\n') });
    const o = inst(q, 'o.conf');
    expect(instancePriority(o, new Set(o.tracks)).priority).toBe(255);
  });

  it('a sync group member in FAULT faults the others on its node (vrrp_sync.c)', () => {
    const q = project({
      's.conf': `vrrp_script chk {\n  script "/bin/true"\n}\nvrrp_sync_group G {\n  group {\n    VI_1\n    VI_2\n  }\n}\n${conf('  track_script {\n    chk\n  }\n')}vrrp_instance VI_2 {\n  interface eth1\n  virtual_router_id 52\n  virtual_ipaddress {\n    10.2.0.1/24\n  }\n}\n`,
    });
    const node = nodeOf(q, 's.conf');
    const [vi1, vi2] = node.instances;
    const events = [{ kind: 'fails' as const, node, track: { kind: 'script' as const, name: 'chk' } }];
    expect(instanceCondition(vi1!, events).fault).toBe(true);
    const c2 = instanceCondition(vi2!, events);
    expect(c2.fault).toBe(true);
    expect(c2.reasons.join()).toContain('sync group G');
  });
});

describe('timers (RFC 5798 6.1, include/vrrp.h)', () => {
  it('skew: (256 - priority) / 256 s for VRRPv2, × advert_int for VRRPv3', () => {
    expect(skewTime(2, 100, 1)).toBe(0.609375);
    expect(skewTime(2, 100, 2)).toBe(0.609375);
    expect(skewTime(3, 100, 2)).toBe(1.21875);
  });
});

describe('the article pair', () => {
  const p = project({ 'ha1.conf': fixture('ha1.conf'), 'ha2.conf': fixture('ha2.conf') });
  const cluster = only(p);

  it('all up: ha1 is master at 110, ha2 backup at 100, ha1 holds 10.1.8.100', () => {
    const o = allUp(cluster);
    expect(o.master?.node.file).toBe('ha1.conf');
    expect(o.members.map((m) => [m.node.file, m.state, m.condition.priority])).toEqual([
      ['ha1.conf', 'MASTER', 110],
      ['ha2.conf', 'BACKUP', 100],
    ]);
    expect(o.vips).toEqual([{ address: '10.1.8.100', holders: [o.master] }]);
    expect(o.problems).toEqual([]);
  });

  it('ha1 down: ha2 takes over after 3 × 1 + 156/256 = 3.61 s', () => {
    const o = whatIf(cluster, { kind: 'down', node: nodeOf(p, 'ha1.conf') });
    expect(o.master?.node.file).toBe('ha2.conf');
    expect(o.failover).toMatchObject({ how: 'master-down', seconds: 3.609375 });
    expect(o.failover!.because).toContain('3 × 1 s + (256 − 100) / 256 s = 3.609375 s');
    expect(o.members.find((m) => m.node.file === 'ha1.conf')).toMatchObject({ state: 'DOWN', vips: [] });
    expect(masterDownInterval(inst(p, 'ha2.conf'), 100)).toBe(3.609375);
  });

  it('ha2 down: nothing changes', () => {
    const o = whatIf(cluster, { kind: 'down', node: nodeOf(p, 'ha2.conf') });
    expect(o.master?.node.file).toBe('ha1.conf');
    expect(o.failover).toBeUndefined();
    expect(o.problems).toEqual([]);
  });
});

describe('tracked failures', () => {
  const pair = (a: string, b: string, before = script('chk_nginx', -5)) => project({ 'lb1.conf': conf(a, before), 'lb2.conf': conf(b, before) });

  it('a weight that cannot cross the backup: the VIP stays on the failed node', () => {
    const p = pair('  state MASTER\n  priority 110\n  track_script {\n    chk_nginx\n  }\n', '  state BACKUP\n  priority 100\n  track_script {\n    chk_nginx\n  }\n');
    const o = whatIf(only(p), { kind: 'fails', node: nodeOf(p, 'lb1.conf'), track: { kind: 'script', name: 'chk_nginx' } });
    expect(o.master?.node.file).toBe('lb1.conf');
    expect(o.members[0]!.condition.priority).toBe(105);
    expect(o.problems).toMatchObject([{ kind: 'stuck', message: "lb1 drops to 105, still above lb2's 100: the VIPs stay on lb1" }]);
  });

  it('a weight that crosses: the backup preempts within its master-down interval', () => {
    const p = pair('  state MASTER\n  priority 110\n  track_script {\n    chk_nginx weight -20\n  }\n', '  state BACKUP\n  priority 100\n');
    const o = whatIf(only(p), { kind: 'fails', node: nodeOf(p, 'lb1.conf'), track: { kind: 'script', name: 'chk_nginx' } });
    expect(o.master?.node.file).toBe('lb2.conf');
    expect(o.failover).toMatchObject({ how: 'preempt', seconds: 3.609375 });
    expect(o.problems).toEqual([]);
  });

  it('nopreempt on the backup: it takes the lower adverts and stays backup (vrrp_state_backup)', () => {
    const p = pair('  state BACKUP\n  priority 110\n  nopreempt\n  track_script {\n    chk_nginx weight -20\n  }\n', '  state BACKUP\n  priority 100\n  nopreempt\n');
    const o = whatIf(only(p), { kind: 'fails', node: nodeOf(p, 'lb1.conf'), track: { kind: 'script', name: 'chk_nginx' } });
    expect(o.master?.node.file).toBe('lb1.conf');
    expect(o.problems.map((x) => x.kind)).toEqual(['stuck']);
  });

  it('weight 0: the master goes to FAULT, sends priority 0, the backup takes over after its skew', () => {
    const p = pair('  state MASTER\n  priority 110\n  track_script {\n    chk_nginx\n  }\n', '  state BACKUP\n  priority 100\n', script('chk_nginx'));
    const o = whatIf(only(p), { kind: 'fails', node: nodeOf(p, 'lb1.conf'), track: { kind: 'script', name: 'chk_nginx' } });
    expect(o.master?.node.file).toBe('lb2.conf');
    expect(o.members[0]!.state).toBe('FAULT');
    expect(o.failover).toMatchObject({ how: 'priority-0', seconds: 0.609375 });
  });

  it('all up: a lower state MASTER keeps the role against a higher nopreempt BACKUP, not against one that preempts', () => {
    const p = pair('  state MASTER\n  priority 100\n', '  state BACKUP\n  priority 110\n  nopreempt\n');
    expect(allUp(only(p)).master?.node.file).toBe('lb1.conf');
    const q = pair('  state MASTER\n  priority 100\n', '  state BACKUP\n  priority 110\n');
    const o = allUp(only(q));
    expect(o.master?.node.file).toBe('lb2.conf');
    expect(o.failover).toBeUndefined();
  });

  it('a failing script is seen after fall × interval', () => {
    const before = 'vrrp_script chk_nginx {\n  script "/bin/true"\n  interval 2\n  fall 3\n}\n';
    const p = pair('  state MASTER\n  priority 110\n  track_script {\n    chk_nginx weight -20\n  }\n', '  state BACKUP\n  priority 100\n', before);
    const o = whatIf(only(p), { kind: 'fails', node: nodeOf(p, 'lb1.conf'), track: { kind: 'script', name: 'chk_nginx' } });
    expect(o.failover?.detection).toEqual({ seconds: 6, because: 'chk_nginx is seen failing after 3 failed runs, one every 2 s: within 6 s' });
  });

  it('preempt_delay adds to the takeover', () => {
    const p = pair('  state MASTER\n  priority 110\n  track_script {\n    chk_nginx weight -20\n  }\n', '  state BACKUP\n  priority 100\n  preempt_delay 10\n');
    const o = whatIf(only(p), { kind: 'fails', node: nodeOf(p, 'lb1.conf'), track: { kind: 'script', name: 'chk_nginx' } });
    expect(o.failover).toMatchObject({ how: 'preempt', seconds: 13.609375 });
  });

  it('equal priorities: decided by the primary addresses unless both set unicast_src_ip', () => {
    const p = project({ 'a.conf': conf('  priority 100\n'), 'b.conf': conf('  priority 100\n') });
    const o = allUp(only(p));
    expect(o.master).toBeUndefined();
    expect(o.undecided).toHaveLength(2);
    expect(o.members.map((m) => m.state)).toEqual(['UNDECIDED', 'UNDECIDED']);
    expect(o.problems).toEqual([]);
    const down = whatIf(only(p), { kind: 'down', node: nodeOf(p, 'a.conf') });
    expect(down.master?.node.file).toBe('b.conf');
    expect(down.failover?.because).toMatch(/^if a was master \(equal priorities at the start\): no advert from a/);
    const q = project({
      'a.conf': conf('  priority 100\n  unicast_src_ip 10.1.8.1\n  unicast_peer {\n    10.1.8.2\n  }\n'),
      'b.conf': conf('  priority 100\n  unicast_src_ip 10.1.8.2\n  unicast_peer {\n    10.1.8.1\n  }\n'),
    });
    expect(allUp(only(q)).master?.node.file).toBe('b.conf');
  });

  it('default scenarios: all up, each node down, each tracked object on each node', () => {
    const p = pair('  priority 110\n  track_script {\n    chk_nginx\n  }\n', '  priority 100\n  track_script {\n    chk_nginx\n  }\n');
    expect(defaultScenarios(only(p)).map((s) => s.label)).toEqual(['all up', 'lb1 down', 'lb2 down', 'chk_nginx fails on lb1', 'chk_nginx fails on lb2']);
  });

  it('a weighted script on the address owner is dropped: its failure leaves the VIP there (vrrp.c vrrp_complete_instance)', () => {
    const p = pair('  state MASTER\n  priority 255\n  track_script {\n    chk_nginx weight -100\n  }\n', '  state BACKUP\n  priority 100\n');
    const cluster = only(p);
    expect(defaultScenarios(cluster).map((s) => s.label)).toContain('chk_nginx fails on lb1');
    const o = whatIf(cluster, { kind: 'fails', node: nodeOf(p, 'lb1.conf'), track: { kind: 'script', name: 'chk_nginx' } });
    expect(o.master?.node.file).toBe('lb1.conf');
    expect(o.members[0]!.condition).toMatchObject({ priority: 255, failed: [], ignored: [{ name: 'chk_nginx' }] });
    expect(o.members[0]!.condition.reasons.join()).toContain('keepalived does not track it');
    expect(o.problems.map((x) => x.message)).toEqual([
      "lb1 stays at 255, keepalived does not track chk_nginx (the instance has priority 255, the address owner: keepalived ignores the weighted script chk_nginx), still above lb2's 100: the VIPs stay on lb1",
    ]);
  });

  it('garp_master_delay: the instance\'s, else the global one, else 5 s', () => {
    const p = pair('  priority 110\n', '  priority 100\n  garp_master_delay 2\n');
    expect(whatIf(only(p), { kind: 'down', node: nodeOf(p, 'lb1.conf') }).failover?.garpMasterDelay).toBe(2);
    const q = pair('  priority 110\n', '  priority 100\n', 'global_defs {\n  vrrp_garp_master_delay 1\n}\n');
    expect(whatIf(only(q), { kind: 'down', node: nodeOf(q, 'lb1.conf') }).failover?.garpMasterDelay).toBe(1);
    const r = pair('  priority 110\n', '  priority 100\n', '');
    expect(whatIf(only(r), { kind: 'down', node: nodeOf(r, 'lb1.conf') }).failover?.garpMasterDelay).toBe(5);
  });

  it('an instance keepalived refuses (no virtual_router_id) never runs', () => {
    const p = project({ 'a.conf': conf('  priority 110\n').replace('  virtual_router_id 51\n', ''), 'b.conf': conf('  priority 100\n') });
    const o = allUp(only(p));
    expect(o.master?.node.file).toBe('b.conf');
    expect(o.members[0]).toMatchObject({ state: 'DOWN', condition: { reasons: ['keepalived refuses an instance without a valid virtual_router_id'] } });
  });

  it('adverts one side refuses: two masters', () => {
    const p = project({ 'a.conf': conf('  priority 110\n  authentication {\n    auth_type PASS\n    auth_pass one\n  }\n'), 'b.conf': conf('  priority 100\n  authentication {\n    auth_type PASS\n    auth_pass two\n  }\n') });
    const o = elect(only(p), { label: 'all up', events: [] });
    expect(o.masters).toHaveLength(2);
    expect(o.problems.map((x) => x.kind)).toEqual(['two-masters']);
  });
});

describe('sync groups across clusters (vrrp_sync.c)', () => {
  const node = (p1: number, p2: number) =>
    `vrrp_sync_group G {\n  group {\n    VI_1\n    VI_2\n  }\n}\n${conf(`  priority ${p1}\n`)}vrrp_instance VI_2 {\n  interface eth1\n  virtual_router_id 52\n  priority ${p2}\n  virtual_ipaddress {\n    10.2.0.100/24\n  }\n}\n`;

  it("crossed priorities: each node's group is split between MASTER and BACKUP", () => {
    const p = project({ 'a.conf': node(110, 100), 'b.conf': node(100, 110) });
    expect(p.clusters).toHaveLength(2);
    const splits = syncGroupSplits(p, { label: 'all up', events: [] });
    expect(splits.map((s) => [s.node.file, s.group.name, s.masters.map((i) => i.name), s.backups.map((i) => i.name)])).toEqual([
      ['a.conf', 'G', ['VI_1'], ['VI_2']],
      ['b.conf', 'G', ['VI_2'], ['VI_1']],
    ]);
  });

  it("a sync group's tracked script moves every member (vrrp_track.c initialise_vrrp_tracking_priorities)", () => {
    const group = (priority: number) =>
      `vrrp_script chk {\n  script "/bin/true"\n}\nvrrp_sync_group G {\n  group {\n    VI_1\n  }\n  track_script {\n    chk weight -50\n  }\n}\n${conf(`  priority ${priority}\n`)}`;
    const p = project({ 'a.conf': group(110), 'b.conf': group(100) });
    const a = inst(p, 'a.conf');
    expect(trackedObjects(a).map((t) => [t.name, t.weight.value])).toEqual([['chk', -50]]);
    expect(defaultScenarios(only(p)).map((s) => s.label)).toContain('chk fails on a');
    const o = whatIf(only(p), { kind: 'fails', node: nodeOf(p, 'a.conf'), track: { kind: 'script', name: 'chk' } });
    expect(o.members[0]!.condition.priority).toBe(60);
    expect(o.master?.node.file).toBe('b.conf');
    // A member with priority 255: keepalived clears the group's weights.
    const q = project({ 'o.conf': group(255) });
    expect(trackedObjects(inst(q, 'o.conf'))[0]!.weight.value).toBe(0);
  });

  it('the same node first in both: no split', () => {
    const p = project({ 'a.conf': node(110, 110), 'b.conf': node(100, 100) });
    expect(syncGroupSplits(p, { label: 'all up', events: [] })).toEqual([]);
    expect(syncGroupSplits(p, { label: 'a down', events: [{ kind: 'down', node: nodeOf(p, 'a.conf') }] })).toEqual([]);
  });
});
