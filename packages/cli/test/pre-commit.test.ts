/**
 * The pre-commit hooks of .pre-commit-hooks.yaml, run by the real pre-commit against a snapshot of
 * this working tree: pre-commit clones it, runs `npm install` (our `prepare` builds the bundle),
 * `npm pack`s it and installs the tarball into its own environment, as it will for users.
 *
 * The kalint hook compares the configs a commit changes with the rest of the repository: a
 * commit of one node alone still fails on its drift from the other.
 *
 * Slow (a full npm install and build), and needs pre-commit (`apt-get install pre-commit`; CI
 * installs it) and the npm registry. Skipped, saying why, when pre-commit is not installed.
 */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { copyFileSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repo } from './helpers.js';

const hasPreCommit = spawnSync('pre-commit', ['--version'], { encoding: 'utf8' }).status === 0;
if (!hasPreCommit) console.warn('pre-commit.test.ts: skipped, `pre-commit` is not installed (apt-get install pre-commit)');

/** Laid out badly, and the same formatted (4 spaces). */
const UGLY = 'global_defs {\nrouter_id  ha1\n}\nvrrp_instance VI_1 {\nstate MASTER\n        interface eth0\nvirtual_router_id 51\npriority 100\n}\n';
const PRETTY = 'global_defs {\n    router_id ha1\n}\nvrrp_instance VI_1 {\n    state MASTER\n    interface eth0\n    virtual_router_id 51\n    priority 100\n}\n';

/** Everything git and pre-commit run with: no user configuration, scratch homes, no colours. */
let env: NodeJS.ProcessEnv;
let work: string;

function run(command: string, args: string[], cwd: string): SpawnSyncReturns<string> {
  const result = spawnSync(command, args, { cwd, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.error) throw result.error;
  return result;
}

function git(args: string[], cwd: string): string {
  const result = run('git', args, cwd);
  if (result.status !== 0) throw new Error(`git ${args.join(' ')} failed: ${result.stderr}`);
  return result.stdout.trim();
}

/**
 * A git repository holding this working tree as it is now (tracked files and new ones not
 * ignored, uncommitted changes included), committed: pre-commit installs hooks from a commit.
 */
function snapshotOfWorkingTree(to: string): string {
  const listed = git(['ls-files', '-z', '--cached', '--others', '--exclude-standard'], repo).split('\0').filter(Boolean);
  mkdirSync(to, { recursive: true });
  for (const file of new Set(listed)) {
    const from = join(repo, file);
    // Deleted but not yet committed as deleted; symbolic links are not part of the package.
    if (!existsSync(from) || !lstatSync(from).isFile()) continue;
    mkdirSync(dirname(join(to, file)), { recursive: true });
    copyFileSync(from, join(to, file));
  }
  git(['init', '-q'], to);
  git(['add', '-A'], to);
  git(['commit', '-q', '-m', 'snapshot of the working tree'], to);
  return git(['rev-parse', 'HEAD'], to);
}

/** A user's repository with `files` committed and a .pre-commit-config.yaml using our hooks. */
function userRepo(name: string, hookRepo: string, rev: string, files: Record<string, string>): string {
  const dir = join(work, name);
  mkdirSync(dir, { recursive: true });
  const config = `repos:\n  - repo: ${hookRepo}\n    rev: ${rev}\n    hooks:\n      - id: kalint\n      - id: kalint-fmt\n`;
  for (const [file, text] of Object.entries({ '.pre-commit-config.yaml': config, ...files })) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), text);
  }
  git(['init', '-q'], dir);
  git(['add', '-A'], dir);
  git(['commit', '-q', '-m', 'configs'], dir);
  return dir;
}

/** A scratch directory with its own homes for git and pre-commit, for every test of the file. */
function setUpScratch(): void {
  work = mkdtempSync(join(tmpdir(), 'kalint-pre-commit-'));
  const home = join(work, 'home');
  mkdirSync(home);
  env = {
    ...process.env,
    PRE_COMMIT_HOME: join(work, 'pre-commit-home'),
    PRE_COMMIT_COLOR: 'never',
    // The user's git configuration (signing, hooks, templates) must not get in the way.
    GIT_CONFIG_GLOBAL: join(home, '.gitconfig'),
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_AUTHOR_NAME: 'kalint test',
    GIT_AUTHOR_EMAIL: 'test@kalint.invalid',
    GIT_COMMITTER_NAME: 'kalint test',
    GIT_COMMITTER_EMAIL: 'test@kalint.invalid',
    NO_COLOR: '1',
  };
  writeFileSync(env.GIT_CONFIG_GLOBAL!, '[init]\n\tdefaultBranch = main\n');
}
if (hasPreCommit) beforeAll(setUpScratch);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe.skipIf(!hasPreCommit)('the pre-commit hooks (.pre-commit-hooks.yaml)', () => {
  let hookRepo: string;
  let rev: string;

  beforeAll(() => {
    hookRepo = join(work, 'kalint');
    rev = snapshotOfWorkingTree(hookRepo);
  });

  it('kalint-fmt rewrites a badly formatted config and fails; the next run passes', () => {
    const dir = userRepo('fmt', hookRepo, rev, { 'keepalived/keepalived.conf': UGLY, 'README.md': 'not a config\n' });
    // The first run installs the hooks' environment: npm install, build, npm pack, npm install -g.
    const first = run('pre-commit', ['run', 'kalint-fmt', '--all-files'], dir);
    const output = first.stdout + first.stderr;
    expect(first.status, output).toBe(1);
    expect(output).toMatch(/kalint fmt\.+Failed/);
    expect(output).toContain('files were modified by this hook');
    expect(output).toContain('keepalived/keepalived.conf');
    expect(readFileSync(join(dir, 'keepalived/keepalived.conf'), 'utf8')).toBe(PRETTY);

    const second = run('pre-commit', ['run', 'kalint-fmt', '--all-files'], dir);
    expect(second.status, second.stdout + second.stderr).toBe(0);
    expect(second.stdout).toMatch(/kalint fmt\.+Passed/);
  }, 900_000);

  it('kalint-fmt with args [--check] fails without rewriting', () => {
    const dir = userRepo('check', hookRepo, rev, { 'keepalived/keepalived.conf': UGLY });
    writeFileSync(
      join(dir, '.pre-commit-config.yaml'),
      `repos:\n  - repo: ${hookRepo}\n    rev: ${rev}\n    hooks:\n      - id: kalint-fmt\n        args: [--check]\n`,
    );
    const check = run('pre-commit', ['run', 'kalint-fmt', '--all-files'], dir);
    expect(check.status, check.stdout + check.stderr).toBe(1);
    expect(check.stdout).toContain('keepalived/keepalived.conf');
    expect(check.stdout).not.toContain('files were modified by this hook');
    expect(readFileSync(join(dir, 'keepalived/keepalived.conf'), 'utf8')).toBe(UGLY);
  }, 900_000);

  it('kalint fails on the article pair and reports the weight drift between the peers', () => {
    const pair = (name: string) => readFileSync(join(repo, 'fixtures/article-pair', name), 'utf8');
    const dir = userRepo('lint', hookRepo, rev, {
      'ha1/keepalived.conf': pair('ha1.conf'),
      'ha2/keepalived.conf': pair('ha2.conf'),
      'nginx.conf': 'events {}\n',
    });
    const lint = run('pre-commit', ['run', 'kalint', '--all-files'], dir);
    expect(lint.status, lint.stdout + lint.stderr).toBe(1);
    expect(lint.stdout).toMatch(/kalint\.+Failed/);
    expect(lint.stdout).toContain('weight-drift');
    expect(lint.stdout).toContain('ha1/keepalived.conf');
    expect(lint.stdout).toContain('ha2/keepalived.conf');
    expect(lint.stdout).not.toContain('nginx.conf');
  }, 900_000);

  it('a commit that changes only ha1 fails with weight-drift against the unchanged ha2', () => {
    const pair = (name: string) => readFileSync(join(repo, 'fixtures/article-pair', name), 'utf8');
    const ha1 = pair('ha1.conf');
    // Before: the nodes agree on every real server's weight (ha2's weights are 1).
    const dir = userRepo('drift', hookRepo, rev, {
      'ha1/keepalived.conf': ha1.replace(/weight 2/g, 'weight 1'),
      'ha2/keepalived.conf': pair('ha2.conf'),
    });
    writeFileSync(join(dir, '.pre-commit-config.yaml'), `repos:\n  - repo: ${hookRepo}\n    rev: ${rev}\n    hooks:\n      - id: kalint\n`);
    git(['commit', '-q', '-m', 'only the kalint hook', '.pre-commit-config.yaml'], dir);
    const install = run('pre-commit', ['install'], dir);
    expect(install.status, install.stdout + install.stderr).toBe(0);

    // The commit: ha1's weights only (10.1.8.12 and 10.1.8.13 from 1 to 2), through git's hook.
    writeFileSync(join(dir, 'ha1/keepalived.conf'), ha1);
    git(['add', 'ha1/keepalived.conf'], dir);
    const commit = run('git', ['commit', '-m', 'ha1: weigh .12 and .13 twice'], dir);
    const output = commit.stdout + commit.stderr;
    expect(commit.status, output).not.toBe(0);
    expect(output).toMatch(/kalint\.+Failed/);
    expect(output).toContain('ha1/keepalived.conf');
    expect(output).toMatch(/37:\d+ +error +real_server 10\.1\.8\.12 80 weighs 2 here but 1 in ha2\/keepalived\.conf \(line 37\).*weight-drift/);
    expect(output).toMatch(/45:\d+ +error +real_server 10\.1\.8\.13 80 weighs 2 here but 1 in ha2\/keepalived\.conf \(line 45\).*weight-drift/);
    // Nothing was committed; ha2 was read, not reported.
    expect(git(['rev-list', '--count', 'HEAD'], dir)).toBe('2');
    expect(output).not.toMatch(/^ha2\/keepalived\.conf$/m);
  }, 900_000);
});

/**
 * The README's own snippet, as written but for the repository's location: what it pins must exist
 * in this repository's history and carry the hooks this working tree has, and it must work.
 */
describe.skipIf(!hasPreCommit)("the README's pre-commit snippet", () => {
  const readme = readFileSync(join(repo, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('### pre-commit'));
  const snippet = /```yaml\n([\s\S]*?)```/.exec(section)![1]!;
  const upstream = /repo: (\S+)/.exec(snippet)![1]!;
  const pinned = /rev: (\S+)/.exec(snippet)![1]!;

  it('pins a commit of this repository whose hooks are the ones in the working tree', () => {
    const show = spawnSync('git', ['show', `${pinned}:.pre-commit-hooks.yaml`], { cwd: repo, encoding: 'utf8' });
    expect(show.status, `git show ${pinned}:.pre-commit-hooks.yaml: ${show.stderr}`).toBe(0);
    expect(show.stdout).toBe(readFileSync(join(repo, '.pre-commit-hooks.yaml'), 'utf8'));
  });

  it('lints the article pair as written in the README, with only the repository location replaced', () => {
    // A clone of this repository stands in for the upstream one: it holds the pinned commit.
    const clone = join(work, 'upstream');
    git(['clone', '-q', '--no-checkout', repo, clone], work);
    const dir = join(work, 'readme-user');
    mkdirSync(dir, { recursive: true });
    const pair = (name: string) => readFileSync(join(repo, 'fixtures/article-pair', name), 'utf8');
    writeFileSync(join(dir, '.pre-commit-config.yaml'), snippet.replace(upstream, clone));
    mkdirSync(join(dir, 'ha1'));
    mkdirSync(join(dir, 'ha2'));
    writeFileSync(join(dir, 'ha1/keepalived.conf'), pair('ha1.conf'));
    writeFileSync(join(dir, 'ha2/keepalived.conf'), pair('ha2.conf'));
    git(['init', '-q'], dir);
    git(['add', '-A'], dir);
    git(['commit', '-q', '-m', 'configs'], dir);
    const lint = run('pre-commit', ['run', 'kalint', '--all-files'], dir);
    expect(lint.status, lint.stdout + lint.stderr).toBe(1);
    expect(lint.stdout).toMatch(/kalint\.+Failed/);
    expect(lint.stdout).toContain('weight-drift');
  }, 900_000);
});

