/**
 * Command-line conventions every kalint command follows: `-` is standard input, unknown options
 * get kalint's own one-line message, `-v` is `--version`, and `kalint rules` lists the rules.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ruleMetas } from '@kalint/linter';
import { BROKEN, CLEAN, kalint, repo, scratch } from './helpers.js';

const ruleIds = (stdout: string) => (JSON.parse(stdout) as Array<{ filePath: string; messages: Array<{ ruleId: string }> }>).map((r) => [r.filePath, r.messages.map((m) => m.ruleId)]);

describe("'-' is standard input", () => {
  it('kalint - lints standard input, alone or with files', async () => {
    const dir = scratch({ 'a.conf': CLEAN });
    const alone = await kalint(['-', '--format', 'json'], { cwd: dir, stdin: BROKEN });
    expect([alone.code, alone.stderr]).toEqual([1, '']);
    expect(ruleIds(alone.stdout)).toEqual([['<stdin>', ['syntax']]]);
    const named = await kalint(['--stdin-filename', 'lb/keepalived.conf', '--format', 'json', 'a.conf', '-'], { cwd: dir, stdin: BROKEN });
    expect(ruleIds(named.stdout)).toEqual([
      [join(dir, 'a.conf'), []],
      [join(dir, 'lb/keepalived.conf'), ['syntax']],
    ]);
    expect(await kalint(['-'], { cwd: dir, stdin: CLEAN })).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('kalint - reads no further than --max-file-size', async () => {
    expect(await kalint(['-', '--max-file-size', '1K'], { stdin: CLEAN.repeat(100) })).toEqual({
      code: 2,
      stdout: '',
      stderr: 'kalint: standard input is over the 1024-byte limit: kalint stopped reading it (--max-file-size raises it)\n',
    });
  });

  it('kalint parse - prints standard input parsed, as <stdin>', async () => {
    const { code, stdout, stderr } = await kalint(['parse', '-'], { stdin: CLEAN });
    expect([code, stderr]).toEqual([0, '']);
    const out = JSON.parse(stdout);
    expect(out.file).toBe('<stdin>');
    expect(out.ast.body[0].keyword.text).toBe('global_defs');
    const broken = await kalint(['parse', '-'], { stdin: BROKEN });
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(/^<stdin>:3:1: error: /);
    expect(await kalint(['parse', '-', '--max-file-size', '1K'], { stdin: CLEAN.repeat(100) })).toMatchObject({
      code: 2,
      stderr: 'kalint: standard input is over the 1024-byte limit: kalint stopped reading it (--max-file-size raises it)\n',
    });
  });
});

describe('unknown options and option values', () => {
  it.each([
    [[], 'kalint --help'],
    [['fmt'], 'kalint fmt --help'],
    [['parse'], 'kalint parse --help'],
    [['rules'], 'kalint rules --help'],
  ])('%j: one line of kalint\'s own for an unknown option, naming the help', async (command, help) => {
    const dir = scratch({ 'a.conf': CLEAN });
    for (const [option, shown] of [
      ['--frobnicate', '--frobnicate'],
      ['--frobnicate=1', '--frobnicate'],
      ['-x', '-x'],
    ]) {
      const { code, stdout, stderr } = await kalint([...command, option!, 'a.conf'], { cwd: dir });
      expect({ code, stdout, stderr }).toEqual({ code: 2, stdout: '', stderr: `kalint: unknown option '${shown}' (see ${help})\n` });
    }
  });

  it.each([
    [['--format'], 'kalint: --format needs a value\n'],
    [['a.conf', '-f'], 'kalint: -f needs a value\n'],
    [['--fix=yes', 'a.conf'], 'kalint: --fix takes no value\n'],
    [['--format', '--fix', 'a.conf'], "kalint: --format needs a value, not the option '--fix' (write --format=--fix if that is the value)\n"],
    [['fmt', 'a.conf', '--indent'], 'kalint: --indent needs a value\n'],
    [['parse', 'a.conf', '--config-id'], 'kalint: --config-id needs a value\n'],
    [['rules', '--format'], 'kalint: --format needs a value\n'],
  ])('%j: a missing or unexpected value is named', async (args, message) => {
    const dir = scratch({ 'a.conf': CLEAN });
    expect(await kalint(args, { cwd: dir })).toEqual({ code: 2, stdout: '', stderr: message });
  });

  it("a value starting with '-' is given with '='", async () => {
    const dir = scratch({ 'a.conf': CLEAN });
    expect(await kalint(['--max-warnings', '-1', 'a.conf'], { cwd: dir })).toMatchObject({
      code: 2,
      stderr: "kalint: --max-warnings needs a value, not the option '-1' (write --max-warnings=-1 if that is the value)\n",
    });
    expect(await kalint(['--max-warnings=-1', 'a.conf'], { cwd: dir })).toMatchObject({ code: 2, stderr: "kalint: --max-warnings expects a number of warnings, not '-1'\n" });
  });
});

describe('-v', () => {
  it('is --version', async () => {
    const { version } = JSON.parse(readFileSync(join(repo, 'packages/cli/package.json'), 'utf8'));
    expect(await kalint(['-v'])).toEqual({ code: 0, stdout: `kalint ${version}\n`, stderr: '' });
  });
});

describe('kalint rules', () => {
  it('lists every rule kalint can report with its default severity, whether it is fixable and its description', async () => {
    const { code, stdout, stderr } = await kalint(['rules']);
    expect([code, stderr]).toEqual([0, '']);
    const lines = stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^RULE +DEFAULT +FIXABLE +DESCRIPTION$/);
    expect(lines).toHaveLength(ruleMetas.length + 1);
    for (const meta of ruleMetas) {
      const line = lines.find((l) => l.startsWith(`${meta.id} `));
      expect(line, meta.id).toBeDefined();
      expect(line!.split(/ {2,}/)).toEqual([meta.id, meta.defaultSeverity, meta.fixable ? 'yes' : 'no', meta.description]);
    }
    expect(lines.slice(1).map((l) => l.split(' ')[0])).toEqual(ruleMetas.map((m) => m.id).sort());
    expect(lines.some((l) => l.startsWith('unused-suppression '))).toBe(true);
  });

  it('--format json gives the same as data, with each rule\'s documentation', async () => {
    const { code, stdout } = await kalint(['rules', '--format', 'json']);
    expect(code).toBe(0);
    const list = JSON.parse(stdout) as Array<Record<string, unknown>>;
    expect(list).toEqual(
      [...ruleMetas]
        .sort((a, b) => a.id.localeCompare(b.id))
        .map((m) => ({
          id: m.id,
          defaultSeverity: m.defaultSeverity,
          fixable: m.fixable,
          scope: m.scope,
          description: m.description,
          docs: `https://github.com/kalint/kalint/blob/main/packages/linter/docs/rules/${m.id}.md`,
        })),
    );
  });

  it('takes no files and no other format; a file called rules is linted as ./rules', async () => {
    const dir = scratch({ rules: BROKEN });
    expect(await kalint(['rules', 'x.conf'], { cwd: dir })).toEqual({
      code: 2,
      stdout: '',
      stderr: "kalint: kalint rules takes no files (to lint a file called 'rules', write './rules')\n",
    });
    expect((await kalint(['rules', '--format', 'sarif'])).stderr).toBe("kalint: unknown --format 'sarif' (expected text, json)\n");
    const file = await kalint(['./rules', '--format', 'gcc'], { cwd: dir });
    expect(file.code).toBe(1);
    expect(file.stdout).toMatch(/^rules:3:1: error: unexpected '\}'.*\[syntax\]\n$/);
  });
});

describe('--rule', () => {
  it('accepts every id kalint can report (ruleMetas), the engine\'s own included, and no other', async () => {
    const dir = scratch({ 'a.conf': CLEAN });
    const all = ruleMetas.flatMap((m) => ['--rule', `${m.id}:off`]);
    expect(await kalint([...all, 'a.conf'], { cwd: dir, options: {} })).toEqual({ code: 0, stdout: '', stderr: '' });
    expect((await kalint(['--rule', 'unused-suppressions:off', 'a.conf'], { cwd: dir, options: {} })).stderr).toBe("kalint: --rule: unknown rule 'unused-suppressions'\n");
  });
});
