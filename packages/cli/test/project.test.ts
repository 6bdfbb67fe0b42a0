/**
 * A run on some files of a project with the rest of the project as context (`--project`, or a
 * configuration file's `project` list): the pre-commit hook lints the one node's config a commit
 * changed, and must still compare it with the other nodes'. These runs use kalint's real rules
 * and look only at the peer findings they are about.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Rule } from '@kalint/linter';
import { BROKEN, kalint, repo, scratch } from './helpers.js';
import { inventory } from './inventory.js';

const HA1 = readFileSync(join(repo, 'fixtures/article-pair/ha1.conf'), 'utf8');
const HA2 = readFileSync(join(repo, 'fixtures/article-pair/ha2.conf'), 'utf8');
/** ha1 without its real server 10.1.8.13 (lines 44-51), which ha2 still balances to. */
const HA1_WITHOUT_13 = HA1.replace(/ {4}real_server 10\.1\.8\.13 80 \{[\s\S]*?\n {4}\}\n/, '');

/** A git repository (as far as kalint looks: a `.git` directory) holding `files`. */
const repository = (files: Record<string, string>) => scratch({ '.git/HEAD': 'ref: refs/heads/main\n', ...files });

interface Finding {
  file: string;
  ruleId: string;
  line: number;
  message: string;
}

/** Every finding of a JSON report, its file relative to `dir`. */
function findings(stdout: string, dir: string): Finding[] {
  const report = JSON.parse(stdout) as Array<{ filePath: string; messages: Array<{ ruleId: string; line: number; message: string }> }>;
  return report.flatMap((r) => r.messages.map((m) => ({ file: r.filePath.slice(dir.length + 1), ruleId: m.ruleId, line: m.line, message: m.message })));
}
/** The files a JSON report lists, relative to `dir`. */
const files = (stdout: string, dir: string) => (JSON.parse(stdout) as Array<{ filePath: string }>).map((r) => r.filePath.slice(dir.length + 1));
const of = (list: Finding[], ruleId: string) => list.filter((f) => f.ruleId === ruleId).map((f) => `${f.file}:${f.line}`);

/** Lint with kalint's own rules, as JSON. */
const lint = (args: string[], cwd: string, stdin?: string) => kalint(['--format', 'json', ...args], { cwd, options: {}, ...(stdin !== undefined ? { stdin } : {}) });

describe('--project: the rest of the repository as context', () => {
  it('a run on one node alone compares it with nothing (without --project, as documented)', async () => {
    const dir = repository({ 'ha1/keepalived.conf': HA1, 'ha2/keepalived.conf': HA2 });
    const { stdout } = await lint(['ha1/keepalived.conf'], dir);
    expect(of(findings(stdout, dir), 'weight-drift')).toEqual([]);
  });

  it("fails on ha1 alone with weight-drift against the repository's ha2, reporting ha1's findings only", async () => {
    const dir = repository({ 'ha1/keepalived.conf': HA1, 'ha2/keepalived.conf': HA2, 'README.md': 'not a config\n' });
    const { code, stdout, stderr } = await lint(['--project', 'ha1/keepalived.conf'], dir);
    expect([code, stderr]).toEqual([1, '']);
    expect(files(stdout, dir)).toEqual(['ha1/keepalived.conf']);
    const found = findings(stdout, dir);
    expect(of(found, 'weight-drift')).toEqual(['ha1/keepalived.conf:37', 'ha1/keepalived.conf:45']);
    expect(found.find((f) => f.ruleId === 'weight-drift')!.message).toContain('weighs 2 here but 1 in ha2/keepalived.conf (line 37)');
    // ha2's own findings (its truncated auth_pass, say) are not this run's to report.
    expect(found.every((f) => f.file === 'ha1/keepalived.conf')).toBe(true);
  });

  it('each node linted alone reports what a run on both reports for it (pre-commit splitting the file names over runs)', async () => {
    const dir = repository({ 'ha1/keepalived.conf': HA1, 'ha2/keepalived.conf': HA2 });
    const both = findings((await lint(['ha1/keepalived.conf', 'ha2/keepalived.conf'], dir)).stdout, dir);
    for (const node of ['ha1/keepalived.conf', 'ha2/keepalived.conf']) {
      const alone = findings((await lint(['--project', node], dir)).stdout, dir);
      expect(alone).toEqual(both.filter((f) => f.file === node));
    }
  });

  it('a drift reported on one side only (a real server one node lacks) appears in the given node too', async () => {
    const dir = repository({ 'ha1/keepalived.conf': HA1_WITHOUT_13, 'ha2/keepalived.conf': HA2 });
    // Linted together, the finding is on the node that has the real server.
    const both = findings((await lint(['ha1/keepalived.conf', 'ha2/keepalived.conf'], dir)).stdout, dir);
    expect(of(both, 'real-server-drift')).toEqual(['ha2/keepalived.conf:44']);

    const ha1 = await kalint(['--project', 'ha1/keepalived.conf', '--format', 'gcc'], { cwd: dir, options: {} });
    expect(ha1.code).toBe(1);
    const lines = ha1.stdout.split('\n');
    const at = lines.findIndex((l) => l.endsWith('[real-server-drift]'));
    expect(lines[at]).toMatch(
      /^ha1\/keepalived\.conf:22:\d+: error: As seen from ha2\/keepalived\.conf \(line 44\): real_server 10\.1\.8\.13 80 is in virtual_server 10\.1\.8\.100 80 here but not in the same virtual_server of ha1\/keepalived\.conf \(line 22\)/,
    );
    expect(lines[at + 1]).toMatch(/^ha2\/keepalived\.conf:44:\d+: note: the other side, in ha2\/keepalived\.conf$/);
    expect(lines.filter((l) => l.endsWith('[real-server-drift]'))).toHaveLength(1);

    // From ha2's side it is ha2's own finding, once.
    const ha2 = findings((await lint(['--project', 'ha2/keepalived.conf'], dir)).stdout, dir);
    expect(of(ha2, 'real-server-drift')).toEqual(['ha2/keepalived.conf:44']);
    expect(ha2.find((f) => f.ruleId === 'real-server-drift')!.message).toMatch(/^real_server 10\.1\.8\.13 80 is in/);
  });

  it('a drift both sides report is not reported twice', async () => {
    const dir = repository({ 'ha1/keepalived.conf': HA1, 'ha2/keepalived.conf': HA2 });
    const found = findings((await lint(['--project', 'ha1/keepalived.conf'], dir)).stdout, dir);
    expect(found.filter((f) => f.message.startsWith('As seen from'))).toEqual([]);
  });

  it('a given file that another config includes is read inside its includer, not compared with itself', async () => {
    const instance = (state: string) =>
      `vrrp_instance VI_1 {\n    state ${state}\n    interface eth0\n    virtual_router_id 51\n    priority 100\n    virtual_ipaddress {\n        10.0.0.1\n    }\n}\n`;
    const dir = repository({
      // The includer has a syntax error of its own: not this run's to report.
      'keepalived/keepalived.conf': 'include conf.d/*.conf\n' + BROKEN,
      'keepalived/conf.d/vi.conf': instance('MASTER') + '}\n',
    });
    const { code, stdout } = await lint(['--project', 'keepalived/conf.d/vi.conf'], dir);
    expect(code).toBe(1);
    expect(files(stdout, dir)).toEqual(['keepalived/conf.d/vi.conf']);
    expect(findings(stdout, dir).map((f) => `${f.ruleId}:${f.line}`)).toEqual(['syntax:10']);
  });

  it('standard input named as a node is compared with the other nodes (an editor buffer)', async () => {
    const dir = repository({ 'ha1/keepalived.conf': HA2, 'ha2/keepalived.conf': HA2 });
    const { stdout } = await lint(['--project', '--stdin-filename', 'ha1/keepalived.conf', '-'], dir, HA1);
    expect(of(findings(stdout, dir), 'weight-drift')).toEqual(['ha1/keepalived.conf:37', 'ha1/keepalived.conf:45']);
  });

  it('--fix fixes the files given, never the project around them', async () => {
    const dir = repository({ 'ha1/keepalived.conf': HA1, 'ha2/keepalived.conf': HA2 });
    const { code, stdout } = await lint(['--project', '--fix', 'ha1/keepalived.conf'], dir);
    expect(code).toBe(1);
    expect(of(findings(stdout, dir), 'weight-drift')).toHaveLength(2);
    // auth_pass is 9 characters in both; only ha1's is cut to the 8 keepalived uses.
    expect(readFileSync(join(dir, 'ha1/keepalived.conf'), 'utf8')).toBe(HA1.replace('auth_pass laoma@123', 'auth_pass laoma@12'));
    expect(readFileSync(join(dir, 'ha2/keepalived.conf'), 'utf8')).toBe(HA2);
  });

  it('each given file keeps its own configuration file', async () => {
    const dir = repository({ 'ha1/keepalived.conf': HA1, 'ha1/.kalintrc.json': '{"rules": {"weight-drift": "off"}}', 'ha2/keepalived.conf': HA2 });
    expect(of(findings((await lint(['--project', 'ha1/keepalived.conf'], dir)).stdout, dir), 'weight-drift')).toEqual([]);
    expect(of(findings((await lint(['--project', 'ha2/keepalived.conf'], dir)).stdout, dir), 'weight-drift')).toEqual(['ha2/keepalived.conf:37', 'ha2/keepalived.conf:45']);
  });

  it('a config of the project that cannot be read is named in a warning and left out', async () => {
    const dir = repository({ 'ha1/keepalived.conf': HA1, 'ha2/keepalived.conf': HA2, 'big/keepalived.conf': '#'.repeat(5000) + '\n' });
    const { code, stdout, stderr } = await lint(['--project', '--max-file-size', '4K', 'ha1/keepalived.conf'], dir);
    expect(code).toBe(1);
    expect(stderr).toBe("kalint: warning: 'big/keepalived.conf' is 5001 bytes, over the 4096-byte limit; the files given are not compared with it\n");
    expect(of(findings(stdout, dir), 'weight-drift')).toHaveLength(2);
  });

  it('lints only the part of the project around the given files, with the findings a lint of the whole project gives them', async () => {
    // HA pairs sharing the keys every pair has (VI_1, VRID 51 on eth0), with drift in site3, an
    // instance in an included file in site7 and one file both site1/lb-a and site9/lb-b include.
    const dir = inventory();
    mkdirSync(join(dir, '.git'));
    const whole = findings((await lint(['.'], dir)).stdout, dir);
    const cases: Array<[string, string[]]> = [
      ['site3/lb-a/keepalived.conf', ['site3/lb-a/keepalived.conf']],
      // With the file it includes.
      ['site7/lb-b/keepalived.conf', ['site7/lb-b/keepalived.conf', 'site7/lb-b/vrrp.conf']],
      // Read inside their includers.
      ['site7/lb-b/vrrp.conf', ['site7/lb-b/vrrp.conf']],
      ['shared/notify.conf', ['shared/notify.conf']],
    ];
    for (const [given, reported] of cases) {
      const { stdout } = await lint(['--project', given], dir);
      expect(files(stdout, dir)).toEqual(reported);
      expect(findings(stdout, dir), given).toEqual(whole.filter((f) => reported.includes(f.file)));
      expect(findings(stdout, dir).filter((f) => f.file === given).length, given).toBeGreaterThan(0);
    }
    // What the rules see: the pair, not the inventory.
    const seen: string[][] = [];
    const project: Rule = {
      meta: { id: 'test-project', description: 'Records the files of the project', defaultSeverity: 'warn', fixable: false, scope: 'project' },
      project: ({ project }) => void seen.push(project.files.map((f) => f.path).sort()),
    };
    await kalint(['--project', 'site3/lb-a/keepalived.conf'], { cwd: dir, options: { ruleSet: [project] } });
    expect(seen).toEqual([['site3/lb-a/keepalived.conf', 'site3/lb-b/keepalived.conf']]);
  });

  it('outside a git repository, --project needs a project list', async () => {
    const dir = scratch({ 'ha1/keepalived.conf': HA1 });
    expect(await lint(['--project', 'ha1/keepalived.conf'], dir)).toEqual({
      code: 2,
      stdout: '',
      stderr: 'kalint: --project: \'ha1/keepalived.conf\' is in no git repository, and no configuration file lists its project ("project": [...])\n',
    });
  });
});

describe('"project" in .kalintrc.json', () => {
  const tree = {
    '.kalintrc.json': '{"project": ["ha1", "ha2/keepalived.conf"]}',
    'ha1/keepalived.conf': HA1,
    'ha2/keepalived.conf': HA2,
    // Not in the project list: never compared, though it would drift from ha1.
    'staging/keepalived.conf': HA1.replace(/weight 2/g, 'weight 3'),
  };

  it('reads the listed configs as context without --project; --no-project turns it off', async () => {
    const dir = scratch(tree);
    const found = findings((await lint(['ha1/keepalived.conf'], dir)).stdout, dir);
    expect(of(found, 'weight-drift')).toEqual(['ha1/keepalived.conf:37', 'ha1/keepalived.conf:45']);
    expect(found.some((f) => f.message.includes('staging'))).toBe(false);
    expect(of(findings((await lint(['--no-project', 'ha1/keepalived.conf'], dir)).stdout, dir), 'weight-drift')).toEqual([]);
    // The later of the two flags wins.
    expect(of(findings((await lint(['--project', '--no-project', 'ha1/keepalived.conf'], dir)).stdout, dir), 'weight-drift')).toEqual([]);
  });

  it('is relative to the configuration file, wherever kalint runs', async () => {
    const dir = scratch(tree);
    const found = findings((await lint(['keepalived.conf'], join(dir, 'ha1'))).stdout, join(dir, 'ha1'));
    expect(of(found, 'weight-drift')).toEqual(['keepalived.conf:37', 'keepalived.conf:45']);
  });

  it.each([
    ['{"project": ["ha3"]}', "kalint: invalid configuration '.kalintrc.json': 'project': 'ha3' does not exist\n"],
    ['{"project": "ha1"}', "kalint: invalid configuration '.kalintrc.json': 'project' must be a non-empty list of files, directories or globs, such as [\".\"] or [\"ha1/keepalived.conf\", \"ha2/keepalived.conf\"]\n"],
    ['{"project": []}', "kalint: invalid configuration '.kalintrc.json': 'project' must be a non-empty list of files, directories or globs, such as [\".\"] or [\"ha1/keepalived.conf\", \"ha2/keepalived.conf\"]\n"],
  ])('%s is a usage error naming the configuration', async (config, message) => {
    const dir = scratch({ ...tree, '.kalintrc.json': config });
    expect(await lint(['ha1/keepalived.conf'], dir)).toEqual({ code: 2, stdout: '', stderr: message });
  });
});
