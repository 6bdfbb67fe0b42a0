/**
 * Linting on worker threads (`--jobs`): the same findings, messages and order as on one thread,
 * in every output format; a progress line on a terminal only; a failing worker never hangs the
 * run nor shows a stack trace.
 *
 * The command runs in-process from the sources; its workers run the built worker
 * (packages/cli/dist/lint-worker.js, from `npx tsc -b`), since a thread cannot run TypeScript.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { run, type Io, type RunOptions } from '../src/index.js';
import { partition } from '@kalint/linter';
import { repo } from './helpers.js';
import { inventory } from './inventory.js';

const builtWorker = new URL('../dist/lint-worker.js', import.meta.url);

interface Seen {
  code: number;
  stdout: string;
  stderr: string;
  /** Writes in order, `out:` or `err:` first. */
  writes: string[];
}

/** Run in-process with kalint's own rules and the built worker; `clock` steps a fake clock by that many ms per reading. */
async function lint(
  args: string[],
  cwd: string,
  { terminal = false, clock, lintWorker = builtWorker }: { terminal?: boolean; clock?: number; lintWorker?: URL } = {},
): Promise<Seen> {
  const seen: Seen = { code: 0, stdout: '', stderr: '', writes: [] };
  let time = 0;
  const io: Io = {
    stdout: (t) => void ((seen.stdout += t), seen.writes.push(`out:${t}`)),
    stderr: (t) => void ((seen.stderr += t), seen.writes.push(`err:${t}`)),
    isTTY: false,
    stderrIsTTY: terminal,
    cwd,
    readStdin: async () => '',
    env: {},
    ...(clock !== undefined ? { now: () => (time += clock) } : {}),
  };
  const options: RunOptions = { lintWorker };
  seen.code = await run(args, io, options);
  return seen;
}

/** Whether the run used worker threads: Node's own debug log names each worker it starts. */
function usesWorkers(args: string[], cwd: string): boolean {
  const bin = join(repo, 'packages/cli/bin/kalint.js');
  const result = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NODE_DEBUG: 'worker' } });
  return /create new worker/.test(result.stderr);
}

let dir: string;
beforeAll(() => {
  expect(existsSync(fileURLToPath(builtWorker)), 'packages/cli/dist/lint-worker.js is missing: run npx tsc -b').toBe(true);
  dir = inventory();
});

describe('kalint --jobs N on an inventory of HA pairs', () => {
  it.each(['json', 'stylish', 'sarif', 'gcc'])('--jobs 2 and --jobs 3 print what --jobs 1 prints, byte for byte (%s)', async (format) => {
    const one = await lint(['.', '--format', format, '--jobs', '1'], dir);
    expect(one.code).toBe(1);
    expect(one.stderr).toBe('');
    for (const jobs of ['2', '3']) {
      const many = await lint(['.', '--format', format, '--jobs', jobs], dir);
      expect(many).toEqual(one);
    }
  });

  it('names peers and included files as one run over the whole inventory does', async () => {
    const { stdout } = await lint(['.', '--format', 'gcc', '--jobs', '2'], dir);
    const lines = stdout.split('\n');
    // The drifting pair, each node naming the other by its shortest distinct path.
    expect(lines).toContain(
      'site3/lb-a/keepalived.conf:25:16: error: real_server 10.20.3.12 80 weighs 1 here but 3 in site3/lb-b/keepalived.conf (line 25): lb_algo rr ignores weights other than 0, so today a failover does not change the traffic split; the drift bites once the scheduler is a weighted one (wrr, wlc, ...) or one of the weights becomes 0 [weight-drift]',
    );
    // Instances in included files: only two files are called vrrp.conf.
    expect(lines.filter((l) => l.includes('[priority-conflict]')).map((l) => l.split(':')[0])).toEqual(['site7/lb-a/vrrp.conf', 'site7/lb-b/vrrp.conf']);
    expect(stdout).toContain('but the BACKUP in lb-b/vrrp.conf (line 5) has the same priority');
    // VI_1 and VRID 51 on eth0 are in every file: they pair nothing, so no pair is compared with another.
    expect(lines.filter((l) => l.includes('[weight-drift]'))).toHaveLength(2);
    // The shared include is reported once, the syntax error where it is.
    expect(lines.filter((l) => l.startsWith('shared/notify.conf:')).map((l) => l.replace(/^(\S+) (\w+):.*\[(.*)\]$/, '$1 $2 $3'))).toEqual([
      'shared/notify.conf:1:13: warning unused-definition',
      'shared/notify.conf:2:12: warning script-security',
      'shared/notify.conf:4:5: error unknown-keyword',
    ]);
    expect(lines.filter((l) => l.includes('[syntax]'))).toEqual([`site5/lb-b/keepalived.conf:4:1: error: unexpected '}': no block is open here (keepalived: "Extra '}' found") [syntax]`]);
  });

  it('lints files under several configuration files (one configId) the same on threads', async () => {
    const configured = inventory();
    writeFileSync(join(configured, 'site3', '.kalintrc.json'), '{"rules": {"weight-drift": "warn", "arp-prerequisites": "off"}}\n');
    const one = await lint(['.', '--format', 'json', '--jobs', '1'], configured);
    expect(JSON.parse(one.stdout).filter((r: { filePath: string }) => r.filePath.includes('site3')).flatMap((r: { messages: Array<{ ruleId: string; severity: number }> }) => r.messages.map((m) => `${m.ruleId} ${m.severity}`))).toEqual([
      'weight-drift 1',
      'weight-drift 1',
    ]);
    expect(await lint(['.', '--format', 'json', '--jobs', '2'], configured)).toEqual(one);
    expect(usesWorkers(['.', '--jobs', '2'], configured)).toBe(true);
  });

  it('reads ${_ENV NAME} as the target release does on threads too (2.2.7 has no _ENV), and uses none for two releases', async () => {
    const env = inventory();
    writeFileSync(join(env, 'site1', 'env.keepalived.conf'), 'global_defs {\n    router_id ${_ENV HOME}\n}\n');
    const one = await lint(['.', '--format', 'gcc', '--jobs', '1', '--target-version', '2.2.7'], env);
    expect(one.stdout).toContain(`site1/env.keepalived.conf:2:16: error: the '{' of '\${_ENV HOME}', which keepalived leaves as written`);
    expect(await lint(['.', '--format', 'gcc', '--jobs', '2', '--target-version', '2.2.7'], env)).toEqual(one);
    // Configuration files for two releases: one parse cannot serve both.
    writeFileSync(join(env, 'site3', '.kalintrc.json'), '{"targetVersion": "2.2.7"}\n');
    expect(usesWorkers(['.', '--jobs', '2'], env)).toBe(false);
  });

  it('uses worker threads for --jobs 2, none for --jobs 1, nor for a small run under --jobs auto, nor with --fix-dry-run', () => {
    expect(usesWorkers(['.', '--jobs', '2'], dir)).toBe(true);
    expect(usesWorkers(['.', '--jobs', '1'], dir)).toBe(false);
    expect(usesWorkers(['.'], dir)).toBe(false);
    expect(usesWorkers(['.', '--jobs', '2', '--fix-dry-run'], dir)).toBe(false);
  });

  it.each([
    ['0', "kalint: --jobs expects a number of threads (1 to 999) or auto, not '0'\n"],
    ['many', "kalint: --jobs expects a number of threads (1 to 999) or auto, not 'many'\n"],
    ['-1', "kalint: --jobs expects a number of threads (1 to 999) or auto, not '-1'\n"],
  ])('rejects --jobs %s with one line (exit 2)', async (value, message) => {
    const { code, stdout, stderr } = await lint(['.', `--jobs=${value}`], dir);
    expect([code, stdout]).toEqual([2, '']);
    expect(stderr).toBe(message);
  });
});

describe('a worker that fails', () => {
  const broken = (source: string) => {
    const file = join(mkdtempSync(join(tmpdir(), 'kalint-worker-')), 'lint-worker.mjs');
    writeFileSync(file, source);
    return pathToFileURL(file);
  };

  it.each([
    ['throws as it starts', "throw new Error('no such luck');\n", 'no such luck'],
    ['exits', 'process.exit(3);\n', 'worker stopped (exit code 3)'],
    ['answers nonsense', "import { parentPort } from 'node:worker_threads';\nparentPort.on('message', () => parentPort.postMessage({ type: 'done' }));\n", "unexpected reply 'done'"],
  ])('%s: one warning line, then the findings of a run on one thread', async (_, source, reason) => {
    const one = await lint(['.', '--format', 'json', '--jobs', '1'], dir);
    const failed = await lint(['.', '--format', 'json', '--jobs', '2'], dir, { lintWorker: broken(source) });
    expect(failed.stderr).toBe(`kalint: warning: a lint worker failed (${reason}); linting on one thread\n`);
    expect([failed.code, failed.stdout]).toEqual([one.code, one.stdout]);
  });
});

describe('the progress line', () => {
  it('shows on a terminal once the run takes over a second, counts files, and is erased before the report', async () => {
    // Every reading of the clock is 40 ms later: the run "takes" several seconds.
    const { writes, stdout, code } = await lint(['.', '--format', 'gcc', '--jobs', '2'], dir, { terminal: true, clock: 40 });
    expect(code).toBe(1);
    const lines = writes.filter((w) => w.startsWith('err:')).map((w) => w.slice(4));
    expect(lines.length).toBeGreaterThan(1);
    // Reading counts what the directory search found, included files too (27); then the 24 linted.
    for (const line of lines.slice(0, -1)) expect(line).toMatch(/^\rkalint: (reading \d+\/27|parsing \d+\/24|checking \d+\/24) files\x1b\[K$/);
    expect(lines).toContain('\rkalint: checking 24/24 files\x1b[K');
    // Erased, then the report: it starts on a clean line.
    const report = writes.findIndex((w) => w.startsWith('out:'));
    expect(writes[report - 1]).toBe('err:\r\x1b[K');
    expect(writes.slice(report).every((w) => w.startsWith('out:'))).toBe(true);
    expect(stdout).toBe((await lint(['.', '--format', 'gcc', '--jobs', '1'], dir)).stdout);
  });

  it('on one thread: parsing counts files, checking names them', async () => {
    const { stderr } = await lint(['.', '--jobs', '1'], dir, { terminal: true, clock: 40 });
    expect(stderr).toMatch(/\rkalint: parsing \d+\/24 files\x1b\[K/);
    expect(stderr).toContain('\rkalint: checking 24 files\x1b[K');
    expect(stderr.endsWith('\r\x1b[K')).toBe(true);
  });

  it('stays away from a quick run, and from a standard error that is not a terminal', async () => {
    expect((await lint(['.', '--jobs', '2'], dir, { terminal: true, clock: 0.01 })).stderr).toBe('');
    expect((await lint(['.', '--jobs', '2'], dir, { terminal: false, clock: 40 })).stderr).toBe('');
    expect((await lint(['.', '--jobs', '1'], dir, { terminal: false, clock: 40 })).stderr).toBe('');
  });
});

describe('partition', () => {
  /** Peer facts: keys as `[key, file]` (joining) or `[key, file, false]` (joining only through a holder it joins for). */
  const facts = (keys: Array<Array<[string, string] | [string, string, boolean]>>, includes: string[][] = []) =>
    keys.map((k, index) => ({ index, keys: k.map(([key, file, joins = true]): [string, string, boolean] => [key, file, joins]), includes: includes[index] ?? [] }));

  it('joins files sharing a key of 2 to 8 files or an included file; a key of more files joins nothing', () => {
    const inputs = Array.from({ length: 12 }, (_, i) => ({ key: `/inv/f${i}.conf` }));
    const keys = inputs.map((input, i): Array<[string, string]> => [
      ['vrrp name VI_1', input.key],
      [`vrrp vip 10.0.0.${Math.floor(i / 2)}`, input.key],
    ]);
    const includes = inputs.map((_, i) => (i === 1 || i === 10 ? ['/inv/shared.conf'] : []));
    const { parts, commonPeerKeys } = partition(inputs, facts(keys, includes));
    expect(commonPeerKeys).toEqual(['vrrp name VI_1']);
    expect(parts).toEqual([[0, 1, 10, 11], [2, 3], [4, 5], [6, 7], [8, 9]]);
  });

  it('counts a key by the files of its nodes: copies of one included file are one file', () => {
    const inputs = [{ key: '/a.conf' }, { key: '/b.conf' }, { key: '/c.conf' }];
    const { parts } = partition(inputs, facts([[['vrrp name X', '/t.conf']], [['vrrp name X', '/t.conf']], [['vrrp name X', '/c.conf']]], [['/t.conf'], ['/t.conf'], []]));
    expect(parts).toEqual([[0, 1, 2]]);
    const alone = partition(inputs.slice(0, 2), facts([[['vrrp name X', '/t.conf']], [['vrrp name Y', '/u.conf']]]));
    expect(alone.parts).toEqual([[0], [1]]);
  });

  it('joins through a key that does not join by itself (a wider network) only where one file has it as a joining key', () => {
    const inputs = [{ key: '/a.conf' }, { key: '/b.conf' }, { key: '/c.conf' }];
    const wide = 'vrrp hear 4 51 mc 224.0.0.18 net 4:0000101000000000';
    expect(partition(inputs, facts([[[wide, '/a.conf', false]], [[wide, '/b.conf', false]], []])).parts).toEqual([[0], [1], [2]]);
    expect(partition(inputs, facts([[[wide, '/a.conf', false]], [[wide, '/b.conf', false]], [[wide, '/c.conf']]])).parts).toEqual([[0, 1, 2]]);
  });
});
