/**
 * `kalint simulate`: the article pair (ha1 master at 110; ha1 down, ha2 takes over after
 * 3 × 1 s + (256 − 100)/256 s = 3.61 s), a tracked script whose weight cannot cross the backup's
 * priority (the VIP stays on the failed node: exit 1), --scenario, --format json, usage errors.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kalint, repo, scratch } from './helpers.js';

const PAIR = ['fixtures/article-pair/ha1.conf', 'fixtures/article-pair/ha2.conf'];

/** The article pair with a `chk_nginx` script of `weight` tracked on both nodes. */
function withScript(weight: number, extra = ''): Record<string, string> {
  const script = `vrrp_script chk_nginx {\n    script "/usr/bin/killall -0 nginx"\n    interval 2\n    weight ${weight}\n}\n\n`;
  const track = `    track_script {\n        chk_nginx\n    }\n${extra}`;
  const files: Record<string, string> = {};
  for (const node of ['ha1', 'ha2']) {
    const text = readFileSync(join(repo, `fixtures/article-pair/${node}.conf`), 'utf8');
    files[`${node}.conf`] = text.replace('vrrp_instance web {', `${script}vrrp_instance web {`).replace('    virtual_ipaddress {', `${track}    virtual_ipaddress {`);
  }
  return files;
}

describe('kalint simulate on the article pair', () => {
  it('a table: ha1 master at 110; ha1 down: ha2 master after 3.61 s', async () => {
    const { code, stdout, stderr } = await kalint(['simulate', ...PAIR]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const lines = stdout.split('\n');
    expect(lines[0]).toBe('vrrp_instance web (VRID 51): ha1, ha2; VIP 10.1.8.100');
    expect(lines[1]).toMatch(/^ {2}scenario +master +ha1 +ha2 +VIPs on +failover$/);
    expect(lines[2]).toMatch(/^ {2}all up +ha1 +110 MASTER +100 BACKUP +ha1 +-$/);
    expect(lines[3]).toMatch(/^ {2}ha1 down +ha2 +down +100 MASTER +ha2 +3\.61 s$/);
    expect(lines[4]).toMatch(/^ {2}ha2 down +ha1 +110 MASTER +down +ha1 +-$/);
    expect(stdout).toContain('ha1 down: ha2 takes over in 3.61 s: no advert from ha1: the backup takes over when its master-down timer runs out, 3 × 1 s + (256 − 100) / 256 s = 3.609375 s');
  });

  it('--scenario "ha1 down" --format json', async () => {
    const { code, stdout } = await kalint(['simulate', '--scenario', 'ha1 down', '--format', 'json', ...PAIR]);
    expect(code).toBe(0);
    const json = JSON.parse(stdout);
    expect(json.ok).toBe(true);
    expect(json.clusters).toHaveLength(1);
    const [scenario] = json.clusters[0].scenarios;
    expect(scenario).toMatchObject({
      scenario: 'ha1 down',
      master: 'ha2',
      before: 'ha1',
      nodes: [
        { node: 'ha1', state: 'DOWN', priority: 110 },
        { node: 'ha2', state: 'MASTER', priority: 100 },
      ],
      vips: [{ address: '10.1.8.100', holders: ['ha2'] }],
      failover: { from: 'ha1', to: 'ha2', seconds: 3.609375, how: 'master-down' },
      problems: [],
    });
  });

  it('a track_script weight that cannot cross ha2: the VIP stays on ha1, exit 1', async () => {
    const dir = scratch(withScript(-5));
    const { code, stdout } = await kalint(['simulate', 'ha1.conf', 'ha2.conf'], { cwd: dir });
    expect(code).toBe(1);
    expect(stdout).toMatch(/\n {2}chk_nginx fails on ha1 ! +ha1 +105 MASTER +100 BACKUP +ha1 +-\n/);
    expect(stdout).toContain("! chk_nginx fails on ha1: ha1 drops to 105, still above ha2's 100: the VIPs stay on ha1\n");
    // On the backup, the failure changes nothing worth reporting.
    expect(stdout).toMatch(/\n {2}chk_nginx fails on ha2 +ha1 +110 MASTER +95 BACKUP +ha1 +-\n/);
    // And the linter says the same of the same files.
    const lint = await kalint(['--format', 'gcc', 'ha1.conf', 'ha2.conf'], { cwd: dir, options: {} });
    expect(lint.code).toBe(1);
    expect(lint.stdout).toMatch(/ha1\.conf:\d+:\d+: error: if chk_nginx fails on ha1, ha1 drops from 110 to 105 \(weight -5\), still above ha2's 100: the VIPs of vrrp_instance web stay on ha1.*\[track-weight-ineffective\]/);
  });

  it('a weight that crosses: ha2 preempts, exit 0', async () => {
    const dir = scratch(withScript(-20));
    const { code, stdout } = await kalint(['simulate', '--scenario', 'chk_nginx fails on ha1', '--format', 'json', 'ha1.conf', 'ha2.conf'], { cwd: dir });
    expect(code).toBe(0);
    const [scenario] = JSON.parse(stdout).clusters[0].scenarios;
    expect(scenario).toMatchObject({ master: 'ha2', nodes: [{ priority: 90, state: 'BACKUP' }, { priority: 100, state: 'MASTER' }], failover: { how: 'preempt', seconds: 3.609375 } });
  });

  it('nopreempt on both: the VIP stays on the node whose service died', async () => {
    const files = withScript(-20, '    nopreempt\n');
    files['ha1.conf'] = files['ha1.conf']!.replace('state MASTER', 'state BACKUP');
    const dir = scratch(files);
    const { code, stdout } = await kalint(['simulate', '--scenario', 'chk_nginx fails on ha1', 'ha1.conf', 'ha2.conf'], { cwd: dir });
    expect(code).toBe(1);
    expect(stdout).toContain("! chk_nginx fails on ha1: ha1 drops to 90, below ha2's 100, but ha2 has nopreempt: the VIPs stay on ha1\n");
  });

  it('combined events and a link down', async () => {
    const { code, stdout } = await kalint(['simulate', '--scenario', 'link ens33 down on ha1', '--scenario', 'ha1 down and ha2 down', '--format', 'json', ...PAIR]);
    expect(code).toBe(1);
    const [link, both] = JSON.parse(stdout).clusters[0].scenarios;
    expect(link).toMatchObject({ master: 'ha2', nodes: [{ state: 'FAULT' }, { state: 'MASTER' }], failover: { how: 'master-down', seconds: 3.609375 } });
    expect(both).toMatchObject({ master: null, problems: [{ kind: 'no-master' }] });
  });

  it('sync groups with crossed priorities: split on each node, exit 1', async () => {
    const node = (p1: number, p2: number) =>
      `vrrp_sync_group G {\n  group {\n    VI_1\n    VI_2\n  }\n}\nvrrp_instance VI_1 {\n  interface eth0\n  virtual_router_id 51\n  priority ${p1}\n  virtual_ipaddress {\n    10.1.8.100/24\n  }\n}\nvrrp_instance VI_2 {\n  interface eth1\n  virtual_router_id 52\n  priority ${p2}\n  virtual_ipaddress {\n    10.2.0.100/24\n  }\n}\n`;
    const dir = scratch({ 'lb1.conf': node(150, 100), 'lb2.conf': node(100, 150) });
    const { code, stdout } = await kalint(['simulate', '--scenario', 'all up', 'lb1.conf', 'lb2.conf'], { cwd: dir });
    expect(code).toBe(1);
    expect(stdout).toContain('Sync groups:\n  ! all up: sync group G on lb1 is split: its elections make VI_1 MASTER and VI_2 BACKUP, but keepalived moves the group together, so the instances keep changing state');
    const fixed = scratch({ 'lb1.conf': node(150, 150), 'lb2.conf': node(100, 100) });
    expect((await kalint(['simulate', 'lb1.conf', 'lb2.conf'], { cwd: fixed })).code).toBe(0);
  });

  it('files of one name are told apart by their directories; equal priorities are undecided', async () => {
    const text = (priority: number) => `vrrp_instance VI_1 {\n  interface eth0\n  virtual_router_id 51\n  priority ${priority}\n  virtual_ipaddress {\n    10.1.8.100/24\n  }\n}\n`;
    const dir = scratch({ 'lb1/keepalived.conf': text(100), 'lb2/keepalived.conf': text(100), 'lb3/keepalived.conf': text(90) });
    const { code, stdout } = await kalint(['simulate', '--scenario', 'lb3/keepalived down', '--format', 'json', '.'], { cwd: dir });
    expect(code).toBe(0);
    const [scenario] = JSON.parse(stdout).clusters[0].scenarios;
    expect(scenario).toMatchObject({
      master: null,
      undecided: ['lb1/keepalived', 'lb2/keepalived'],
      nodes: [{ state: 'UNDECIDED' }, { state: 'UNDECIDED' }, { state: 'DOWN' }],
      vips: [{ address: '10.1.8.100', holders: ['lb1/keepalived', 'lb2/keepalived'] }],
    });
  });

  it('--target-version: before 2.3.3 an advert whose VIPs differ is dropped, so both nodes are MASTER', async () => {
    const text = (priority: number, vips: string) => `vrrp_instance VI_1 {\n  interface eth0\n  virtual_router_id 51\n  priority ${priority}\n  virtual_ipaddress {\n${vips}  }\n}\n`;
    const dir = scratch({ 'lb1.conf': text(110, '    10.1.8.100/24\n'), 'lb2.conf': text(100, '    10.1.8.100/24\n    10.1.8.101/24\n') });
    const old = await kalint(['simulate', '--scenario', 'all up', '--target-version', '2.2.7', 'lb1.conf', 'lb2.conf'], { cwd: dir });
    expect(old.code).toBe(1);
    expect(old.stdout).toContain("! all up: lb1 and lb2 are both MASTER: they do not take each other's adverts, and each holds the VIPs");
    const current = await kalint(['simulate', '--scenario', 'all up', 'lb1.conf', 'lb2.conf'], { cwd: dir });
    expect(current.code).toBe(0);
  });

  it('a file another one includes is part of that node, not a node of its own', async () => {
    const instance = (priority: number) => `vrrp_instance VI_1 {\n  interface eth0\n  virtual_router_id 51\n  priority ${priority}\n  virtual_ipaddress {\n    10.1.8.100/24\n  }\n}\n`;
    const dir = scratch({ 'lb1/keepalived.conf': 'include conf.d/*.conf\n', 'lb1/conf.d/vi1.conf': instance(110), 'lb2/keepalived.conf': instance(100) });
    const { code, stdout } = await kalint(['simulate', '--format', 'json', 'lb1/keepalived.conf', 'lb1/conf.d/vi1.conf', 'lb2/keepalived.conf'], { cwd: dir });
    expect(code).toBe(0);
    const json = JSON.parse(stdout);
    expect(json.clusters[0].nodes.map((n: { node: string }) => n.node)).toEqual(['lb1/keepalived', 'lb2/keepalived']);
    expect(json.clusters[0].scenarios[0]).toMatchObject({ scenario: 'all up', master: 'lb1/keepalived' });
  });

  it('usage errors: exit 2', async () => {
    expect(await kalint(['simulate', '--scenario', 'ha3 down', ...PAIR])).toMatchObject({ code: 2, stderr: expect.stringContaining("--scenario 'ha3 down': no node 'ha3' in the cluster (nodes: ha1, ha2)") });
    expect(await kalint(['simulate', '--scenario', 'chk_x fails on ha1', ...PAIR])).toMatchObject({ code: 2, stderr: expect.stringContaining("ha1 tracks no object 'chk_x'") });
    expect(await kalint(['simulate', '--format', 'xml', ...PAIR])).toMatchObject({ code: 2 });
    expect(await kalint(['simulate'])).toMatchObject({ code: 2, stderr: expect.stringContaining('no files given') });
  });

  it('--help', async () => {
    const { code, stdout } = await kalint(['simulate', '--help']);
    expect(code).toBe(0);
    expect(stdout).toContain('"NAME fails on NODE"');
    expect((await kalint(['--help'])).stdout).toContain('kalint simulate');
  });
});
