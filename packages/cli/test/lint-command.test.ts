import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, lstatSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rules, type Rule } from '@kalint/linter';
import { writeAtomic } from '../src/write-atomic.js';
import { BROKEN, CLEAN, endless, growRule, kalint, kalintBytes, rangeOf, repo, scratch, withTestRules } from './helpers.js';

/** The ESLint-JSON result of a run, for assertions on what was found. */
function parsed(stdout: string): Array<{ filePath: string; messages: Array<{ ruleId: string; severity: number; line: number; message: string }> }> {
  return JSON.parse(stdout);
}
const ids = (stdout: string) => parsed(stdout).flatMap((r) => r.messages.map((m) => m.ruleId));

describe('kalint FILE...: exit status', () => {
  it('0 and no output for clean files', async () => {
    const dir = scratch({ 'a.conf': CLEAN });
    expect(await kalint(['a.conf'], { cwd: dir })).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('1 for an error', async () => {
    const dir = scratch({ 'bad.conf': BROKEN });
    const { code, stderr } = await kalint(['bad.conf'], { cwd: dir });
    expect([code, stderr]).toEqual([1, '']);
  });

  it('0 for warnings only, 1 once they exceed --max-warnings', async () => {
    const dir = scratch({ 'a.conf': '# TODO one\n# TODO two\n' + CLEAN });
    const options = withTestRules();
    expect((await kalint(['a.conf'], { cwd: dir, options })).code).toBe(0);
    expect((await kalint(['a.conf', '--max-warnings', '2'], { cwd: dir, options })).code).toBe(0);
    const over = await kalint(['a.conf', '--max-warnings', '1'], { cwd: dir, options });
    expect([over.code, over.stderr]).toEqual([1, 'kalint: too many warnings (2; --max-warnings 1)\n']);
    expect((await kalint(['a.conf', '--max-warnings', '0'], { cwd: dir, options })).code).toBe(1);
  });

  it.each([
    [['missing.conf'], "kalint: 'missing.conf' does not exist\n"],
    [['--frobnicate', 'a.conf'], "kalint: unknown option '--frobnicate' (see kalint --help)\n"],
    [['--format', 'xml', 'a.conf'], "kalint: unknown --format 'xml' (expected stylish, json, sarif, github, gcc)\n"],
    [['--rule', 'no-such-rule:error', 'a.conf'], "kalint: --rule: unknown rule 'no-such-rule'\n"],
    [['--rule', 'syntax=error', 'a.conf'], "kalint: --rule expects ID:off, ID:warn or ID:error, not 'syntax=error'\n"],
    [['--rule', 'syntax:fatal', 'a.conf'], "kalint: --rule expects ID:off, ID:warn or ID:error, not 'syntax:fatal'\n"],
    [['--max-warnings', 'many', 'a.conf'], "kalint: --max-warnings expects a number of warnings, not 'many'\n"],
    [['--max-warnings', '-1', 'a.conf'], "kalint: --max-warnings needs a value, not the option '-1' (write --max-warnings=-1 if that is the value)\n"],
    [['--fix', '--fix-dry-run', 'a.conf'], 'kalint: --fix and --fix-dry-run cannot be used together\n'],
    [['--stdin-filename', 'x.conf', 'a.conf'], "kalint: --stdin-filename needs --stdin or '-'\n"],
    [['--host', 'nofile', 'a.conf'], "kalint: --host expects ADDR=FILE, not 'nofile'\n"],
    [['--host', '10.0.0.1=missing.sysctl', 'a.conf'], "kalint: host facts: 'missing.sysctl' does not exist\n"],
    [['--config', 'nope.json', 'a.conf'], "kalint: configuration 'nope.json' does not exist\n"],
    [['empty'], "kalint: no keepalived configs found in directory 'empty'\n"],
    [['nothing/**/*.conf'], "kalint: no files match 'nothing/**/*.conf'\n"],
    [[], 'kalint: no files given (see kalint --help)\n'],
  ])('2 with one line naming the problem: %j', async (args, message) => {
    const dir = scratch({ 'a.conf': CLEAN, 'empty/readme.txt': 'x' });
    const { code, stdout, stderr } = await kalint(args, { cwd: dir });
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(message);
    expect(stderr.split('\n')).toHaveLength(2);
    expect(stderr).not.toMatch(/\bat .*:\d+:\d+\)/);
  });

  it('2 for an unreadable file (a device is not a config)', async () => {
    const { code, stderr } = await kalint(['/dev/null'], { cwd: repo });
    expect([code, stderr]).toEqual([2, "kalint: '/dev/null' is not a regular file\n"]);
  });

  // Root reads a file whatever its mode, and CI runs as root: there the built command runs as the
  // user nobody (setpriv), to whom a file of mode 000 is unreadable as to any user.
  const isRoot = process.getuid?.() === 0;
  const asNobody = ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups'];
  const canRunAsNobody = isRoot && spawnSync(asNobody[0]!, [...asNobody.slice(1), 'true']).status === 0;
  if (isRoot && !canRunAsNobody) console.warn('lint-command.test.ts: the unreadable-file test is skipped: running as root without setpriv (util-linux)');
  it.skipIf(isRoot && !canRunAsNobody)('2 for a file the user may not read (as root: run as nobody)', async () => {
    const dir = scratch({ 'a.conf': CLEAN });
    chmodSync(join(dir, 'a.conf'), 0o000);
    let seen: [number | null, string];
    if (isRoot) {
      // mkdtemp makes the directory 0700: nobody must at least get to the file. The built bundle
      // is self-contained; a copy beside the file runs wherever the checkout is (CI's may sit
      // in a directory nobody cannot enter).
      chmodSync(dir, 0o755);
      copyFileSync(join(repo, 'dist/kalint.cjs'), join(dir, 'kalint.cjs'));
      const result = spawnSync(asNobody[0]!, [...asNobody.slice(1), process.execPath, join(dir, 'kalint.cjs'), 'a.conf'], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
      seen = [result.status, result.stderr];
    } else {
      const { code, stderr } = await kalint(['a.conf'], { cwd: dir });
      seen = [code, stderr];
    }
    expect(seen).toEqual([2, "kalint: 'a.conf' cannot be read: permission denied\n"]);
  });
});

describe('--help, --version', () => {
  it('prints the usage, exit 0', async () => {
    for (const args of [['--help'], ['-h'], ['help'], ['a.conf', '--help']]) {
      const { code, stdout } = await kalint(args);
      expect(code).toBe(0);
      expect(stdout).toContain('Usage: kalint [options] FILE|DIR|GLOB...');
      expect(stdout).toContain('--max-warnings N');
    }
  });

  it("prints the package's version", async () => {
    const { version } = JSON.parse(readFileSync(join(repo, 'packages/cli/package.json'), 'utf8'));
    expect(await kalint(['--version'])).toEqual({ code: 0, stdout: `kalint ${version}\n`, stderr: '' });
  });
});

describe('which files are linted', () => {
  const tree = {
    'etc/keepalived/keepalived.conf': 'include conf.d/*.conf\n' + BROKEN,
    'etc/keepalived/conf.d/vs.conf': 'virtual_server 10.0.0.1 80 {\n}\n}\n',
    'etc/keepalived/templates/other.conf': 'anything }\n',
    'site/lb1.keepalived.conf': BROKEN,
    'site/nginx.conf': 'server { listen 80; }\n',
    'site/ha.conf': '! peers\nvrrp_instance web {\n}\n}\n',
    'site/node_modules/pkg/keepalived.conf': BROKEN,
    'site/.git/keepalived.conf': BROKEN,
    'site/.hidden/keepalived.conf': BROKEN,
  };
  const files = (stdout: string, dir: string) => parsed(stdout).map((r) => r.filePath.slice(dir.length + 1));

  it('searches directories for keepalived configs by name, directory and content', async () => {
    const dir = scratch(tree);
    const { code, stdout } = await kalint(['--format', 'json', '.'], { cwd: dir });
    expect(code).toBe(1);
    // conf.d/vs.conf is included by keepalived.conf: linted through it, not again on its own.
    expect(files(stdout, dir)).toEqual([
      'etc/keepalived/keepalived.conf',
      'etc/keepalived/templates/other.conf',
      'site/ha.conf',
      'site/lb1.keepalived.conf',
      'etc/keepalived/conf.d/vs.conf',
    ]);
    // The included file's syntax error is still reported, once.
    expect(parsed(stdout).at(-1)!.messages).toHaveLength(1);
  });

  it('lints a file given explicitly whatever its name, and an included file given explicitly', async () => {
    const dir = scratch(tree);
    const { stdout } = await kalint(['--format', 'json', 'site/nginx.conf', 'etc/keepalived/conf.d/vs.conf'], { cwd: dir });
    expect(files(stdout, dir)).toEqual(['site/nginx.conf', 'etc/keepalived/conf.d/vs.conf']);
  });

  it('reads an included file given explicitly beside its includer inside the includer, never as its own HA peer', async () => {
    // pre-commit --all-files names both: alone, conf.d/vi1.conf was compared with itself
    // (a false priority-conflict: "state MASTER with the same priority in ...vi1.conf").
    const instance = 'vrrp_instance VI_1 {\n    state MASTER\n    interface eth0\n    virtual_router_id 51\n    priority 100\n    virtual_ipaddress {\n        10.0.0.1/24\n    }\n}\n';
    const dir = scratch({ 'keepalived/keepalived.conf': 'global_defs {\n    router_id lb1\n}\ninclude conf.d/*.conf\n', 'keepalived/conf.d/vi1.conf': instance.replace('priority 100', 'priority 300') });
    const { code, stdout } = await kalint(['--format', 'json', 'keepalived/keepalived.conf', 'keepalived/conf.d/vi1.conf'], { cwd: dir, options: {} });
    expect(code).toBe(1);
    // Both listed; the included file's own finding reported once, under its name; no peer finding.
    expect(files(stdout, dir)).toEqual(['keepalived/keepalived.conf', 'keepalived/conf.d/vi1.conf']);
    expect(parsed(stdout).flatMap((r) => r.messages.map((m) => `${r.filePath.slice(dir.length + 1)}:${m.line} ${m.ruleId}`))).toEqual(['keepalived/conf.d/vi1.conf:5 invalid-argument']);
  });

  it('expands globs (without dot-directories or node_modules), dropping files other matches include', async () => {
    const dir = scratch(tree);
    const { stdout } = await kalint(['--format', 'json', '**/keepalived/**/*.conf', 'site/*.keepalived.conf'], { cwd: dir });
    expect(files(stdout, dir)).toEqual([
      'etc/keepalived/keepalived.conf',
      'etc/keepalived/templates/other.conf',
      'site/lb1.keepalived.conf',
      'etc/keepalived/conf.d/vs.conf',
    ]);
    const everything = await kalint(['--format', 'json', '**/*.conf'], { cwd: dir });
    expect(files(everything.stdout, dir)).not.toContain('site/node_modules/pkg/keepalived.conf');
    expect(files(everything.stdout, dir)).toContain('site/nginx.conf');
  });

  it('lists a file named twice once', async () => {
    const dir = scratch({ 'a.conf': BROKEN });
    const { stdout } = await kalint(['--format', 'json', 'a.conf', './a.conf', '*.conf', '.'], { cwd: dir });
    expect(parsed(stdout)).toHaveLength(1);
    expect(parsed(stdout)[0]!.messages).toHaveLength(1);
  });
});

describe('options', () => {
  it('--rule sets severities: off silences, warn downgrades', async () => {
    const dir = scratch({ 'bad.conf': BROKEN });
    expect(await kalint(['--rule', 'syntax:off', 'bad.conf'], { cwd: dir })).toEqual({ code: 0, stdout: '', stderr: '' });
    const warn = await kalint(['--rule', 'syntax:warn', '--format', 'json', 'bad.conf'], { cwd: dir });
    expect([warn.code, parsed(warn.stdout)[0]!.messages[0]!.severity]).toEqual([0, 1]);
    // Repeatable, later wins.
    const later = await kalint(['--rule', 'syntax:off', '--rule', 'syntax:error', 'bad.conf'], { cwd: dir });
    expect(later.code).toBe(1);
  });

  it('--quiet reports errors only (and warnings no longer count for --max-warnings)', async () => {
    const dir = scratch({ 'a.conf': '# TODO\n' + BROKEN });
    const options = withTestRules();
    const all = await kalint(['--format', 'json', 'a.conf'], { cwd: dir, options });
    expect(ids(all.stdout)).toEqual(['test-todo', 'syntax']);
    const quiet = await kalint(['--format', 'json', '--quiet', 'a.conf'], { cwd: dir, options });
    expect(ids(quiet.stdout)).toEqual(['syntax']);
    const dir2 = scratch({ 'a.conf': '# TODO\n' + CLEAN });
    expect((await kalint(['--quiet', '--max-warnings', '0', 'a.conf'], { cwd: dir2, options })).code).toBe(0);
  });

  it('--config-id selects @ID lines', async () => {
    const dir = scratch({ 'k.conf': 'global_defs {\n  @ha2 router_id }\n}\n' });
    expect((await kalint(['k.conf'], { cwd: dir })).code).toBe(0);
    expect((await kalint(['k.conf', '--config-id', 'ha2'], { cwd: dir })).code).toBe(1);
  });

  it('--target-version reports keywords that release does not know; targetVersion in the config file too', async () => {
    // no_virtual_ipaddress came in keepalived 2.2.8 (grammar/keywords.json).
    const conf = 'vrrp_instance web {\n    interface eth0\n    virtual_router_id 51\n    no_virtual_ipaddress\n}\n';
    const dir = scratch({ 'k.conf': conf });
    const options = { ruleSet: rules.filter((r) => r.meta.id === 'keyword-version') };
    expect((await kalint(['--format', 'json', 'k.conf'], { cwd: dir, options })).code).toBe(0);
    const old = await kalint(['--format', 'json', '--target-version', '2.2.7', 'k.conf'], { cwd: dir, options });
    expect(old.code).toBe(1);
    expect(parsed(old.stdout)[0]!.messages.map((m) => [m.ruleId, m.line, m.message])).toEqual([
      ['keyword-version', 4, 'keepalived 2.2.7 does not know `no_virtual_ipaddress` in `vrrp_instance` (added in 2.2.8): it reports an unknown keyword and ignores the line.'],
    ]);
    writeFileSync(join(dir, '.kalintrc.json'), JSON.stringify({ targetVersion: '2.2.7' }));
    expect((await kalint(['k.conf'], { cwd: dir, options })).code).toBe(1);
    // The command line wins over the file.
    expect((await kalint(['--target-version', '2.4.3', 'k.conf'], { cwd: dir, options })).code).toBe(0);
    expect(await kalint(['--target-version', 'two', 'k.conf'], { cwd: dir })).toEqual({ code: 2, stdout: '', stderr: "kalint: --target-version expects a keepalived version such as 2.2.7, not 'two'\n" });
  });

  it('--color forces colours, --no-color and NO_COLOR turn them off, a terminal turns them on', async () => {
    const dir = scratch({ 'bad.conf': BROKEN });
    const esc = '\u001b[';
    expect((await kalint(['bad.conf'], { cwd: dir })).stdout).not.toContain(esc);
    expect((await kalint(['bad.conf'], { cwd: dir, isTTY: true })).stdout).toContain(esc);
    expect((await kalint(['bad.conf'], { cwd: dir, isTTY: true, env: { NO_COLOR: '1' } })).stdout).not.toContain(esc);
    expect((await kalint(['bad.conf'], { cwd: dir, isTTY: true, env: { NO_COLOR: '' } })).stdout).toContain(esc);
    expect((await kalint(['--no-color', 'bad.conf'], { cwd: dir, isTTY: true })).stdout).not.toContain(esc);
    expect((await kalint(['--color', 'bad.conf'], { cwd: dir, env: { NO_COLOR: '1' } })).stdout).toContain(esc);
    expect((await kalint(['--color', '--no-color', 'bad.conf'], { cwd: dir })).stdout).not.toContain(esc);
    expect((await kalint(['--no-color', '--color', 'bad.conf'], { cwd: dir })).stdout).toContain(esc);
  });

  it('--host passes sysctl facts (sysctl.conf or sysctl -a output) to the rules, over the config', async () => {
    const dir = scratch({
      '.kalintrc.json': JSON.stringify({ hosts: { '10.0.0.1': 'from-config.conf', '10.0.0.2': 'from-config.conf' } }),
      'from-config.conf': '# sysctl.conf\nnet.ipv4.conf.all.arp_ignore = 1\n',
      'sysctl-a.txt': 'net.ipv4.conf.all.arp_announce = 2\nnet.ipv4.conf.all.arp_ignore = 8\nnet.ipv4.conf.lo.arp_ignore = 0\n',
      'k.conf': CLEAN,
    });
    const { stdout } = await kalint(['-f', 'json', '--rule', 'test-hosts:warn', '--host', '10.0.0.2=sysctl-a.txt', 'k.conf'], { cwd: dir });
    expect(parsed(stdout)[0]!.messages.map((m) => m.message)).toEqual(['10.0.0.1 from from-config.conf: arp_ignore=1', '10.0.0.2 from sysctl-a.txt: arp_ignore=8']);
  });

  it('--host reads sysctl facts and refuses an unreadable file', async () => {
    const dir = scratch({ 'a.conf': CLEAN, 'web.sysctl': 'net.ipv4.conf.all.arp_ignore = 1\n' });
    expect((await kalint(['--host', '10.1.8.11=web.sysctl', 'a.conf'], { cwd: dir })).code).toBe(0);
    expect((await kalint(['--host', '10.1.8.11=.', 'a.conf'], { cwd: dir })).stderr).toBe("kalint: host facts: '.' is a directory\n");
  });
});

describe('--stdin', () => {
  it('lints standard input, as <stdin> or as --stdin-filename', async () => {
    const dir = scratch({});
    const plain = await kalint(['--stdin', '--format', 'json'], { cwd: dir, stdin: BROKEN });
    expect(plain.code).toBe(1);
    expect(parsed(plain.stdout).map((r) => [r.filePath, r.messages.length])).toEqual([['<stdin>', 1]]);
    const named = await kalint(['--stdin', '--stdin-filename', 'lb/keepalived.conf', '--format', 'gcc'], { cwd: dir, stdin: BROKEN });
    expect(named.stdout).toBe(`lb/keepalived.conf:3:1: error: unexpected '}': no block is open here (keepalived: "Extra '}' found") [syntax]\n`);
    expect((await kalint(['--stdin'], { cwd: dir, stdin: CLEAN })).code).toBe(0);
  });

  // Issue 11, H2: --max-file-size did not apply to standard input.
  it('refuses standard input over --max-file-size: exit 2, one line, no findings, nothing read past the limit', async () => {
    const dir = scratch({});
    expect(await kalint(['--stdin', '--max-file-size', '1K'], { cwd: dir, stdin: CLEAN.repeat(100) })).toEqual({
      code: 2,
      stdout: '',
      stderr: 'kalint: standard input is over the 1024-byte limit: kalint stopped reading it (--max-file-size raises it)\n',
    });
    const run = await kalintBytes(['--stdin', '--stdin-filename', 'k.conf'], { cwd: dir, stdin: endless(64 * 1024 * 1024) });
    expect([run.code, run.stdout, run.stderr]).toEqual([
      2,
      '',
      "kalint: standard input ('k.conf') is over the 16777216-byte limit: kalint stopped reading it (--max-file-size raises it)\n",
    ]);
    expect(run.stdinRead).toBeLessThanOrEqual(16 * 1024 * 1024 + 65536);
  });

  it('warns about standard input that is not valid UTF-8, naming its first bad line, as for files', async () => {
    const dir = scratch({});
    const latin1 = Buffer.concat([Buffer.from('# caf'), Buffer.from([0xe9]), Buffer.from('\n' + CLEAN)]);
    expect(await kalint(['--stdin'], { cwd: dir, stdin: latin1 })).toEqual({
      code: 0,
      stdout: '',
      stderr: 'kalint: warning: <stdin>:1: not valid UTF-8: kalint reads its invalid bytes as U+FFFD (keepalived reads bytes)\n',
    });
  });

  it('takes part in peer checks with the files given, replacing the file of the same name', async () => {
    const ha1 = readFileSync(join(repo, 'fixtures/article-pair/ha1.conf'), 'utf8');
    const ha2 = readFileSync(join(repo, 'fixtures/article-pair/ha2.conf'), 'utf8');
    const dir = scratch({ 'ha1.conf': ha1, 'ha2.conf': 'global_defs {\n}\n' });
    const options = withTestRules();
    const { code, stdout } = await kalint(['--stdin', '--stdin-filename', 'ha2.conf', '--format', 'json', '--rule', 'test-peers:error', 'ha1.conf', 'ha2.conf'], { cwd: dir, stdin: ha2, options });
    expect(code).toBe(1);
    expect(parsed(stdout).map((r) => [r.filePath.slice(dir.length + 1), r.messages.map((m) => m.message)])).toEqual([
      ['ha1.conf', ['instance web has 1 peer(s)']],
      ['ha2.conf', ['instance web has 1 peer(s)']],
    ]);
    // The file on disk is not what was linted, and it is never written.
    expect(readFileSync(join(dir, 'ha2.conf'), 'utf8')).toBe('global_defs {\n}\n');
  });
});

describe('configuration files', () => {
  it('applies the nearest .kalintrc.json or kalint.config.json', async () => {
    const dir = scratch({
      'kalint.config.json': JSON.stringify({ rules: { syntax: 'warn' } }),
      'a/bad.conf': BROKEN,
      'b/.kalintrc.json': JSON.stringify({ rules: { syntax: 'off' } }),
      'b/bad.conf': BROKEN,
      'b/deeper/bad.conf': BROKEN,
    });
    const { code, stdout } = await kalint(['--format', 'json', 'a/bad.conf', 'b/bad.conf', 'b/deeper/bad.conf'], { cwd: dir });
    expect(code).toBe(0);
    expect(parsed(stdout).map((r) => r.messages.map((m) => m.severity))).toEqual([[1], [], []]);
  });

  it('with files under different configs, each file keeps the findings of its own, peers still compared', async () => {
    const ha1 = readFileSync(join(repo, 'fixtures/article-pair/ha1.conf'), 'utf8');
    const ha2 = readFileSync(join(repo, 'fixtures/article-pair/ha2.conf'), 'utf8');
    const dir = scratch({
      'ha1/.kalintrc.json': JSON.stringify({ rules: { 'test-peers': 'warn' } }),
      'ha1/keepalived.conf': ha1,
      'ha2/.kalintrc.json': JSON.stringify({ rules: { 'test-peers': 'off' } }),
      'ha2/keepalived.conf': ha2,
    });
    const { code, stdout } = await kalint(['--format', 'json', 'ha1', 'ha2'], { cwd: dir, options: withTestRules() });
    expect(code).toBe(0);
    expect(parsed(stdout).map((r) => r.messages.map((m) => [m.ruleId, m.severity]))).toEqual([[['test-peers', 1]], []]);
  });

  it('--config overrides the search; the command line overrides the config', async () => {
    const dir = scratch({
      '.kalintrc.json': JSON.stringify({ rules: { syntax: 'off' } }),
      'strict.json': JSON.stringify({ rules: { syntax: 'error' }, configId: 'ha2' }),
      'k.conf': 'global_defs {\n  @ha2 router_id }\n}\n',
    });
    expect((await kalint(['k.conf'], { cwd: dir })).code).toBe(0);
    expect((await kalint(['-c', 'strict.json', 'k.conf'], { cwd: dir })).code).toBe(1);
    expect((await kalint(['--config', 'strict.json', '--config-id', 'ha1', 'k.conf'], { cwd: dir })).code).toBe(0);
    expect((await kalint(['--config', 'strict.json', '--rule', 'syntax:off', 'k.conf'], { cwd: dir })).code).toBe(0);
  });

  it('reads hosts relative to the config file', async () => {
    const dir = scratch({
      'conf/.kalintrc.json': JSON.stringify({ hosts: { '10.1.8.11': '../facts/web1.sysctl' } }),
      'facts/web1.sysctl': 'net.ipv4.conf.all.arp_ignore = 1\n',
      'conf/k.conf': CLEAN,
    });
    expect((await kalint(['conf/k.conf'], { cwd: dir })).code).toBe(0);
    writeFileSync(join(dir, 'conf/.kalintrc.json'), JSON.stringify({ hosts: { '10.1.8.11': 'web1.sysctl' } }));
    expect(await kalint(['conf/k.conf'], { cwd: dir })).toEqual({ code: 2, stdout: '', stderr: "kalint: host facts: 'conf/web1.sysctl' does not exist\n" });
  });

  it.each([
    ['{ "rules": ', /^kalint: invalid configuration '\.kalintrc\.json': .*JSON/],
    ['[]', "kalint: invalid configuration '.kalintrc.json': expected a JSON object\n"],
    ['{"rule": {}}', "kalint: invalid configuration '.kalintrc.json': unknown key 'rule' (expected rules, configId, targetVersion, hosts, format, project, includeRoots, segments)\n"],
    ['{"targetVersion": "latest"}', `kalint: invalid configuration '.kalintrc.json': 'targetVersion' must be a keepalived version such as "2.2.7", not "latest"\n`],
    ['{"rules": {"weight-drfit": "error"}}', "kalint: invalid configuration '.kalintrc.json': 'rules': unknown rule 'weight-drfit'\n"],
    ['{"rules": {"syntax": 2}}', `kalint: invalid configuration '.kalintrc.json': 'rules.syntax' must be "off", "warn" or "error", not 2\n`],
    ['{"rules": ["syntax"]}', /'rules' must be an object/],
    ['{"configId": 1}', "kalint: invalid configuration '.kalintrc.json': 'configId' must be a non-empty string\n"],
    ['{"hosts": {"10.0.0.1": 5}}', "kalint: invalid configuration '.kalintrc.json': 'hosts.10.0.0.1' must be a file name\n"],
  ])('a bad config file is a usage error naming it: %s', async (text, expected) => {
    const dir = scratch({ '.kalintrc.json': text, 'k.conf': CLEAN });
    const { code, stdout, stderr } = await kalint(['k.conf'], { cwd: dir });
    expect([code, stdout]).toEqual([2, '']);
    if (typeof expected === 'string') expect(stderr).toBe(expected);
    else expect(stderr).toMatch(expected);
    expect(stderr.split('\n')).toHaveLength(2);
  });

  it('accepts a $schema key and rule ids of the engine (unused-suppression)', async () => {
    const dir = scratch({ '.kalintrc.json': JSON.stringify({ $schema: 'x', rules: { 'unused-suppression': 'off' } }), 'k.conf': CLEAN });
    expect((await kalint(['k.conf'], { cwd: dir })).code).toBe(0);
  });
});

describe('--fix', () => {
  it('applies fixes in place, then reports what remains', async () => {
    const instance = 'vrrp_instance web {\n    interface eth0\n}\n';
    const dir = scratch({ 'a.conf': '# TODO: xx\n' + instance, 'b.conf': instance });
    const { code, stdout } = await kalint(['--fix', '--format', 'json', 'a.conf', 'b.conf'], { cwd: dir, options: withTestRules() });
    expect(readFileSync(join(dir, 'a.conf'), 'utf8')).toBe('# DONE: x\n' + instance);
    expect([code, ids(stdout)]).toEqual([1, ['test-peers', 'test-peers']]);
    // What was written is what was reported on: `source`, no `output`.
    expect(JSON.parse(stdout)[0].source).toBe('# DONE: x\n' + instance);
    expect(JSON.parse(stdout)[0].output).toBeUndefined();
  });

  it('does not fix a file with syntax errors, as kalint fmt does not format one: its findings and exit status are those of a plain run', async () => {
    const text = '# TODO: xx\n' + BROKEN;
    const dir = scratch({ 'a.conf': text });
    const plain = await kalint(['--format', 'json', 'a.conf'], { cwd: dir });
    const fixed = await kalint(['--fix', '--format', 'json', 'a.conf'], { cwd: dir });
    expect(readFileSync(join(dir, 'a.conf'), 'utf8')).toBe(text);
    expect([fixed.code, fixed.stdout]).toEqual([plain.code, plain.stdout]);
    expect([fixed.code, ids(fixed.stdout)]).toEqual([1, ['test-todo', 'test-xx', 'syntax']]);
    expect(fixed.stderr).toBe(`kalint: warning: 'a.conf' not fixed: it has syntax errors (line 4: unexpected '}': no block is open here (keepalived: "Extra '}' found"))\n`);
  });

  it('repeats passes while fixes apply (conflicting fixes wait for the next pass)', async () => {
    const dir = scratch({ 'a.conf': '# xxxxxxxxxxxxxxxx\n' + CLEAN });
    const { code, stdout } = await kalint(['--fix', 'a.conf'], { cwd: dir, options: withTestRules() });
    expect([code, stdout]).toEqual([0, '']);
    expect(readFileSync(join(dir, 'a.conf'), 'utf8')).toBe('# x\n' + CLEAN);
  });

  it('stops after 10 passes when fixes never settle', async () => {
    const grow = growRule();
    const dir = scratch({ 'a.conf': '# grow!\n' + CLEAN });
    const { code, stdout } = await kalint(['--fix', '--format', 'json', 'a.conf'], { cwd: dir, options: withTestRules(grow) });
    expect(readFileSync(join(dir, 'a.conf'), 'utf8')).toBe(`# grow${'!'.repeat(11)}\n` + CLEAN);
    expect(grow.runs).toBe(11); // the first lint, then one after each of the 10 passes
    expect([code, ids(stdout)]).toEqual([0, ['test-grow']]);
  });

  it('keeps the mode of the file and follows symbolic links', async () => {
    const dir = scratch({ 'a.conf': '# TODO\n' + CLEAN });
    chmodSync(join(dir, 'a.conf'), 0o640);
    symlinkSync(join(dir, 'a.conf'), join(dir, 'link.conf'));
    expect((await kalint(['--fix', 'link.conf'], { cwd: dir, options: withTestRules() })).code).toBe(0);
    expect(readFileSync(join(dir, 'a.conf'), 'utf8')).toBe('# DONE\n' + CLEAN);
    expect(statSync(join(dir, 'a.conf')).mode & 0o7777).toBe(0o640);
    expect(lstatSync(join(dir, 'link.conf')).isSymbolicLink()).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(['a.conf', 'link.conf']);
  });

  it('leaves the file untouched and exits 2 when the write fails', async () => {
    const dir = scratch({ 'a.conf': '# TODO\n' + CLEAN });
    const failing = (path: string, text: string) =>
      writeAtomic(path, text, {
        rename: () => {
          throw Object.assign(new Error('EIO: i/o error, rename'), { code: 'EIO' });
        },
      });
    const { code, stdout, stderr } = await kalint(['--fix', 'a.conf'], { cwd: dir, options: { ...withTestRules(), writeFile: failing } });
    expect([code, stdout]).toEqual([2, '']);
    expect(stderr).toBe("kalint: cannot write 'a.conf': EIO: i/o error, rename (file left unchanged)\n");
    expect(readFileSync(join(dir, 'a.conf'), 'utf8')).toBe('# TODO\n' + CLEAN);
    expect(readdirSync(dir)).toEqual(['a.conf']);
  });

  it('--fix-dry-run writes nothing; json output carries the fixed text', async () => {
    const dir = scratch({ 'a.conf': '# TODO: xx\n' + CLEAN });
    const { code, stdout } = await kalint(['--fix-dry-run', '--format', 'json', 'a.conf'], { cwd: dir, options: withTestRules() });
    expect(readFileSync(join(dir, 'a.conf'), 'utf8')).toBe('# TODO: xx\n' + CLEAN);
    const [result] = JSON.parse(stdout);
    expect([code, result.output, result.source]).toEqual([0, '# DONE: x\n' + CLEAN, undefined]);
  });

  it('--fix-dry-run refuses what --fix refuses: no output for a file with syntax errors', async () => {
    const dir = scratch({ 'a.conf': '# TODO\n' + BROKEN });
    const { code, stdout, stderr } = await kalint(['--fix-dry-run', '--format', 'json', 'a.conf'], { cwd: dir });
    const [result] = JSON.parse(stdout);
    expect([code, result.output, result.messages.map((m: { ruleId: string }) => m.ruleId)]).toEqual([1, undefined, ['test-todo', 'syntax']]);
    expect(stderr).toMatch(/^kalint: warning: 'a\.conf' not fixed: it has syntax errors/);
  });

  // Issue 11, X2: --fix on a file that is not valid UTF-8 wrote nothing (right) but reported the
  // findings of the fixed text it did not write: none, exit 0, where a plain run exits 1.
  it('reports a file that is not valid UTF-8 as a plain run does: not fixed, same findings, same exit status', async () => {
    const bytes = Buffer.concat([Buffer.from('# caf'), Buffer.from([0xe9]), Buffer.from(' xx TODO\n' + CLEAN)]);
    const dir = scratch({});
    writeFileSync(join(dir, 'a.conf'), bytes);
    const plain = await kalint(['--format', 'json', 'a.conf'], { cwd: dir });
    for (const flag of ['--fix', '--fix-dry-run']) {
      const fixed = await kalint([flag, '--format', 'json', 'a.conf'], { cwd: dir });
      expect(readFileSync(join(dir, 'a.conf')).equals(bytes)).toBe(true);
      expect([fixed.code, fixed.stdout]).toEqual([plain.code, plain.stdout]);
      expect([fixed.code, ids(fixed.stdout)]).toEqual([1, ['test-xx', 'test-todo']]);
      expect(fixed.stderr.split('\n')).toEqual([
        'kalint: warning: a.conf:1: not valid UTF-8: kalint reads its invalid bytes as U+FFFD (keepalived reads bytes)',
        "kalint: warning: 'a.conf' not fixed: it is not valid UTF-8 (writing it would replace its invalid bytes)",
        '',
      ]);
    }
  });

  it('does not fix a file kalint and keepalived read differently, and says where', async () => {
    // keepalived ignores the '{' after a keyword it does not know and reads the lines inside at the top level.
    const text = 'frobnicate {\n    # TODO\n    router_id a\n}\n';
    const dir = scratch({ 'a.conf': text, 'b.conf': '# TODO\n' + CLEAN });
    const fixed = await kalint(['--fix', 'a.conf', 'b.conf'], { cwd: dir });
    expect([readFileSync(join(dir, 'a.conf'), 'utf8'), readFileSync(join(dir, 'b.conf'), 'utf8')]).toEqual([text, '# DONE\n' + CLEAN]);
    expect(fixed.stderr).toBe(
      "kalint: warning: 'a.conf' not fixed: kalint and keepalived read it differently (keepalived 2.2.7 reads the '{' on line 1 as a brace it ignores at the top level, " +
        "kalint the '{' on line 1 as opening a block in `frobnicate`)\n",
    );
    expect(fixed.code).toBe(0);
  });

  it('reads a file included inside a block in that block: its fixes apply', async () => {
    const rs = 'real_server 10.0.0.2 80 {\n    HTTP_GET {\n        nb_get_retry 3\n    }\n}\n';
    const dir = scratch({ 'keepalived.conf': 'virtual_server 10.0.0.1 80 {\n    include rs.conf\n}\n', 'rs.conf': rs });
    const options = { ruleSet: rules };
    const fixed = await kalint(['--fix', 'keepalived.conf'], { cwd: dir, options });
    expect(readFileSync(join(dir, 'rs.conf'), 'utf8')).toBe(rs.replace('nb_get_retry', 'retry'));
    expect(fixed.stderr).toBe('');
  });

  it('does not write a file its fixes would make kalint and keepalived read differently; the other files are fixed', async () => {
    /** `test-brace`: `# BRACE` in a comment; its fix writes `foo {}` there, which keepalived reads unlike kalint. */
    const braceRule: Rule = {
      meta: { id: 'test-brace', description: 'A fix that breaks the file', defaultSeverity: 'error', fixable: true, scope: 'file' },
      project({ project, report }) {
        for (const file of project.files) {
          const at = file.text.indexOf('# BRACE');
          if (at < 0) continue;
          const range = rangeOf(file.text, at, at + 7);
          report({ message: 'brace', at: { file: file.path, range }, fix: { description: 'brace', edits: [{ file: file.path, range, text: 'foo {}' }] } });
        }
      },
    };
    const a = '# BRACE\n# TODO\n' + CLEAN;
    const dir = scratch({ 'a.conf': a, 'b.conf': '# TODO\n' + CLEAN });
    const options = withTestRules(braceRule);
    const plain = await kalint(['--format', 'json', 'a.conf'], { cwd: dir, options });
    const fixed = await kalint(['--fix', '--format', 'json', 'a.conf', 'b.conf'], { cwd: dir, options });
    expect([readFileSync(join(dir, 'a.conf'), 'utf8'), readFileSync(join(dir, 'b.conf'), 'utf8')]).toEqual([a, '# DONE\n' + CLEAN]);
    expect(fixed.stderr).toMatch(/^kalint: warning: 'a\.conf' not fixed: after its fixes, kalint and keepalived read it differently \(keepalived 2\.2\.7 reads the '\{' on line 1 as a brace it ignores/);
    // a.conf is reported as it is: as by a plain run.
    expect([fixed.code, parsed(fixed.stdout)[0]!.messages]).toEqual([plain.code, parsed(plain.stdout)[0]!.messages]);
  });

  // Issue 11, X1: --fix removed the `{ ... }` after lvs_sync_daemon_interface (comments and all),
  // which keepalived reads as the instance's own lines, in a file with syntax errors.
  it('leaves a file kalint and keepalived read differently byte for byte (X1), with the findings of a plain run', async () => {
    const x1 =
      'vrrp_instance VI_1 {\n    lvs_sync_daemon_interface eth0\n{\n    # primary node\n    state MASTER\n    interface eth0\n' +
      '    virtual_router_id 51\n    priority 100\n    virtual_ipaddress {\n        10.0.0.1/24\n    }\n}\n';
    const dir = scratch({ 'keepalived.conf': x1 });
    const before = statSync(join(dir, 'keepalived.conf'));
    const options = { ruleSet: rules };
    const plain = await kalint(['keepalived.conf'], { cwd: dir, options });
    const fixed = await kalint(['--fix', 'keepalived.conf'], { cwd: dir, options });
    expect(readFileSync(join(dir, 'keepalived.conf'), 'utf8')).toBe(x1);
    expect([statSync(join(dir, 'keepalived.conf')).mtimeMs, readdirSync(dir)]).toEqual([before.mtimeMs, ['keepalived.conf']]);
    expect([fixed.code, fixed.stdout]).toEqual([plain.code, plain.stdout]);
    expect(fixed.code).toBe(1);
    expect(fixed.stderr).toBe(
      "kalint: warning: 'keepalived.conf' not fixed: it has syntax errors (line 3: 'lvs_sync_daemon_interface' does not open a block: " +
        'keepalived reports "Unexpected \'{\'" and reads the lines inside as if the braces were not there)\n',
    );
  });

  it('fixes standard input in memory only: json output carries the fixed text', async () => {
    const dir = scratch({ 'a.conf': 'untouched' });
    const { code, stdout } = await kalint(['--fix', '--stdin', '--stdin-filename', 'a.conf', '--format', 'json'], { cwd: dir, stdin: '# TODO\n' + CLEAN, options: withTestRules() });
    expect([code, JSON.parse(stdout)[0].output]).toEqual([0, '# DONE\n' + CLEAN]);
    expect(readFileSync(join(dir, 'a.conf'), 'utf8')).toBe('untouched');
  });
});
