/**
 * The `segments` key of a configuration file reaches the lint with each file named as the run
 * names it (relative to where kalint runs, or absolute outside it), on one thread, on worker
 * threads and with the rest of the project as context: two clusters on one VRID that nothing
 * else shows to share a link are a collision once a segment puts them on one.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kalint, scratch } from './helpers.js';

const builtWorker = new URL('../dist/lint-worker.js', import.meta.url);

/** Nodes a1, a2 (cluster VI_a) and b1, b2 (cluster VI_b), all on VRID 51 by eth0; VIPs without a prefix show no network. */
function clusters(config?: object): string {
  const files: Record<string, string> = { '.git/HEAD': 'ref: refs/heads/main\n' };
  for (const node of ['a1', 'a2', 'b1', 'b2']) {
    const cluster = node[0]!;
    const master = node[1] === '1';
    files[`${node}/keepalived.conf`] =
      `vrrp_instance VI_${cluster} {\n    state ${master ? 'MASTER' : 'BACKUP'}\n    interface eth0\n    virtual_router_id 51\n    priority ${master ? 110 : 100}\n` +
      `    advert_int 1\n    virtual_ipaddress {\n        10.0.${cluster === 'a' ? 1 : 2}.100\n    }\n}\n`;
  }
  if (config) files['.kalintrc.json'] = JSON.stringify(config);
  return scratch(files);
}

const lan = { segments: { lan: ['a1/keepalived.conf:eth0', 'a2/keepalived.conf:eth0', 'b1/keepalived.conf:eth0', 'b2/keepalived.conf:eth0'] } };

/** `FILE:LINE rule` of each finding of a gcc report. */
const found = (stdout: string) =>
  stdout
    .split('\n')
    .filter((line) => / (error|warning): /.test(line))
    .map((line) => line.replace(/^(\S+?):(\d+):\d+: \w+: .*\[(.*)\]$/, '$1:$2 $3'));

describe('segments of a configuration file', () => {
  it('puts two clusters on one link only when a segment says so', async () => {
    const options = { options: {} };
    expect(found((await kalint(['--format', 'gcc', '.'], { cwd: clusters(), ...options })).stdout)).toEqual([]);
    const run = await kalint(['--format', 'gcc', '.'], { cwd: clusters(lan), ...options });
    expect(found(run.stdout)).toEqual(['a1/keepalived.conf:4 vrid-collision', 'a2/keepalived.conf:4 vrid-collision', 'b1/keepalived.conf:4 vrid-collision', 'b2/keepalived.conf:4 vrid-collision']);
    expect(run.stdout).toContain('are on segment lan of the kalint configuration');
  });

  it('names the files as the run names them, wherever kalint runs', async () => {
    const dir = clusters(lan);
    const run = await kalint(['--format', 'gcc', 'keepalived.conf', '../a2/keepalived.conf', '../b1/keepalived.conf', '../b2/keepalived.conf'], { cwd: join(dir, 'a1'), options: {} });
    expect(found(run.stdout)).toEqual([
      'keepalived.conf:4 vrid-collision',
      `${join(dir, 'a2/keepalived.conf')}:4 vrid-collision`,
      `${join(dir, 'b1/keepalived.conf')}:4 vrid-collision`,
      `${join(dir, 'b2/keepalived.conf')}:4 vrid-collision`,
    ]);
  });

  it('joins the clusters on worker threads and around a file given with --project as in one run', async () => {
    const dir = clusters(lan);
    const one = await kalint(['--format', 'gcc', '--jobs', '1', '.'], { cwd: dir, options: {} });
    expect(await kalint(['--format', 'gcc', '--jobs', '2', '.'], { cwd: dir, options: { lintWorker: builtWorker } })).toEqual(one);
    const a1 = await kalint(['--format', 'gcc', '--project', 'a1/keepalived.conf'], { cwd: dir, options: {} });
    expect(found(a1.stdout)).toEqual(['a1/keepalived.conf:4 vrid-collision']);
    const errorsOfA1 = (stdout: string) => stdout.split('\n').filter((line) => line.startsWith('a1/') && line.includes(': error: '));
    expect(errorsOfA1(a1.stdout)).toEqual(errorsOfA1(one.stdout));
  });
});
