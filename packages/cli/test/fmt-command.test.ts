/**
 * `kalint fmt`: which files are named, diffed or rewritten, from which settings, and the exit
 * status of every outcome.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BROKEN, endless, kalint, kalintBytes, repo, scratch } from './helpers.js';

/** Laid out badly: no indentation, doubled spaces. */
const UGLY = 'global_defs {\nrouter_id  ha1\n}\n';
/** `UGLY` formatted with the default indentation (4 spaces). */
const PRETTY = 'global_defs {\n    router_id ha1\n}\n';
/** `UGLY` with an indentation unit of `unit`. */
const pretty = (unit: string) => `global_defs {\n${unit}router_id ha1\n}\n`;
const read = (dir: string, name: string) => readFileSync(join(dir, name), 'utf8');
/** The syntax error of `BROKEN` as kalint fmt reports it for `name`. */
const brokenError = (name: string) => `${name}:3:1: error: unexpected '}': no block is open here (keepalived: "Extra '}' found") [syntax]\n`;

describe('kalint fmt FILE...', () => {
  it('prints nothing and exits 0 when every file is formatted already', async () => {
    const dir = scratch({ 'a.conf': PRETTY, 'keepalived/b.conf': PRETTY });
    expect(await kalint(['fmt', 'a.conf', 'keepalived'], { cwd: dir })).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('without an option behaves as --check: names the files that would change, exits 1, writes nothing', async () => {
    const dir = scratch({ 'a.conf': UGLY, 'b.conf': PRETTY, 'c.conf': UGLY });
    const expected = { code: 1, stdout: 'a.conf\nc.conf\n', stderr: 'kalint: 2 files would be reformatted (kalint fmt --write rewrites them)\n' };
    expect(await kalint(['fmt', 'a.conf', 'b.conf', 'c.conf'], { cwd: dir })).toEqual(expected);
    expect(await kalint(['fmt', '--check', 'a.conf', 'b.conf', 'c.conf'], { cwd: dir })).toEqual(expected);
    expect([read(dir, 'a.conf'), read(dir, 'c.conf')]).toEqual([UGLY, UGLY]);
    expect((await kalint(['fmt', '--check', 'a.conf'], { cwd: dir })).stderr).toBe('kalint: 1 file would be reformatted (kalint fmt --write rewrites it)\n');
  });

  it('finds files in directories and by globs as the lint command does', async () => {
    const dir = scratch({
      'etc/keepalived/keepalived.conf': UGLY,
      'etc/keepalived/conf.d/vrrp.conf': UGLY,
      'etc/other/app.conf': 'key value\n',
      'hosts/ha1/keepalived.conf': UGLY,
      'hosts/ha2/keepalived.conf': PRETTY,
    });
    const check = await kalint(['fmt', 'etc', 'hosts/*/keepalived.conf'], { cwd: dir });
    expect([check.code, check.stdout]).toEqual([1, 'etc/keepalived/conf.d/vrrp.conf\netc/keepalived/keepalived.conf\nhosts/ha1/keepalived.conf\n']);
    expect(await kalint(['fmt', 'etc/other'], { cwd: dir })).toEqual({ code: 2, stdout: '', stderr: "kalint: no keepalived configs found in directory 'etc/other'\n" });
    expect(await kalint(['fmt', 'nothing/*.conf'], { cwd: dir })).toEqual({ code: 2, stdout: '', stderr: "kalint: no files match 'nothing/*.conf'\n" });
  });

  it('--diff prints a unified diff with a/ and b/ labels and exits 1; nothing and 0 when formatted', async () => {
    const dir = scratch({ 'a.conf': UGLY, 'b.conf': PRETTY, 'sub/c.conf': 'vrrp_script chk {\nscript "/bin/true"\n}' });
    const diff = await kalint(['fmt', '--diff', 'a.conf', 'b.conf', 'sub/c.conf'], { cwd: dir });
    expect(diff).toEqual({
      code: 1,
      stdout: [
        '--- a/a.conf',
        '+++ b/a.conf',
        '@@ -1,3 +1,3 @@',
        ' global_defs {',
        '-router_id  ha1',
        '+    router_id ha1',
        ' }',
        '--- a/sub/c.conf',
        '+++ b/sub/c.conf',
        '@@ -1,3 +1,3 @@',
        ' vrrp_script chk {',
        '-script "/bin/true"',
        '-}',
        '\\ No newline at end of file',
        '+    script "/bin/true"',
        '+}',
        '',
      ].join('\n'),
      stderr: '',
    });
    expect(read(dir, 'a.conf')).toBe(UGLY);
    expect(await kalint(['fmt', '--diff', 'b.conf'], { cwd: dir })).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('the diff applies with patch(1) and gives the formatted text', async () => {
    const dir = scratch({ 'a.conf': UGLY });
    const { stdout } = await kalint(['fmt', '--diff', 'a.conf'], { cwd: dir });
    const patch = spawnSync('patch', ['-p1', '-s'], { cwd: dir, input: stdout, encoding: 'utf8' });
    // Fails, rather than passes, without patch(1): .ci/run installs it (apt-get install patch).
    expect(patch.error, 'patch(1) is not installed (apt-get install patch)').toBeUndefined();
    expect(patch.status, patch.stdout + patch.stderr).toBe(0);
    expect(read(dir, 'a.conf')).toBe(PRETTY);
  });
});

describe('kalint fmt --write', () => {
  it('rewrites the files that change, names them, exits 0; a second run has nothing to do', async () => {
    const dir = scratch({ 'a.conf': UGLY, 'b.conf': PRETTY });
    const before = statSync(join(dir, 'b.conf'));
    expect(await kalint(['fmt', '--write', 'a.conf', 'b.conf'], { cwd: dir })).toEqual({ code: 0, stdout: 'a.conf\n', stderr: '' });
    expect([read(dir, 'a.conf'), read(dir, 'b.conf')]).toEqual([PRETTY, PRETTY]);
    // The formatted file was not touched at all: same inode, same modification time.
    const after = statSync(join(dir, 'b.conf'));
    expect([after.ino, after.mtimeMs]).toEqual([before.ino, before.mtimeMs]);
    expect(await kalint(['fmt', '--write', 'a.conf', 'b.conf'], { cwd: dir })).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(await kalint(['fmt', 'a.conf', 'b.conf'], { cwd: dir })).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('replaces the file atomically (a new inode, no temporary file left) and keeps its mode', async () => {
    const dir = scratch({ 'a.conf': UGLY });
    chmodSync(join(dir, 'a.conf'), 0o640);
    const before = statSync(join(dir, 'a.conf'));
    expect((await kalint(['fmt', '-w', 'a.conf'], { cwd: dir })).code).toBe(0);
    const after = statSync(join(dir, 'a.conf'));
    expect(after.mode & 0o7777).toBe(0o640);
    expect(after.ino).not.toBe(before.ino);
    expect(readdirSync(dir)).toEqual(['a.conf']);
  });

  it('leaves a file with syntax errors byte for byte as it was, reports its errors and exits 1', async () => {
    const broken = BROKEN.replace('{\n', '{  \r\n\tx\n');
    const dir = scratch({ 'a.conf': UGLY, 'bad.conf': broken });
    const before = statSync(join(dir, 'bad.conf'));
    expect(await kalint(['fmt', '--write', 'bad.conf', 'a.conf'], { cwd: dir })).toEqual({
      code: 1,
      stdout: 'a.conf\n',
      stderr: brokenError('bad.conf').replace(':3:1:', ':4:1:'),
    });
    expect(readFileSync(join(dir, 'bad.conf'))).toEqual(Buffer.from(broken));
    const after = statSync(join(dir, 'bad.conf'));
    expect([after.ino, after.mtimeMs]).toEqual([before.ino, before.mtimeMs]);
    // The other file was still formatted.
    expect(read(dir, 'a.conf')).toBe(PRETTY);
  });

  it('leaves a file whose reading keepalived itself does not settle as it was, says why, exit 1', async () => {
    // A multi-line definition used again while it is read out: keepalived 2.2.7 never stops reading.
    const text = 's {\n$MD=\\\n$MD\n$MD\n}\n';
    const dir = scratch({ 'loop.conf': text });
    expect(await kalint(['fmt', '--write', 'loop.conf'], { cwd: dir })).toEqual({
      code: 1,
      stdout: '',
      stderr: 'loop.conf:1:1: error: not formatted: keepalived 2.2.7 reads more than 1,000,000 lines from it [unpredictable]\n',
    });
    expect(read(dir, 'loop.conf')).toBe(text);
  });

  it('reports syntax errors with --check and --diff too, exit 1', async () => {
    const dir = scratch({ 'bad.conf': BROKEN });
    for (const mode of [[], ['--check'], ['--diff']]) {
      expect(await kalint(['fmt', ...mode, 'bad.conf'], { cwd: dir })).toEqual({ code: 1, stdout: '', stderr: brokenError('bad.conf') });
    }
  });

  it('a write that fails is an I/O error (exit 2) naming the file, which is left as it was', async () => {
    const dir = scratch({ 'a.conf': UGLY });
    const failing = () => {
      throw new Error('ENOSPC: no space left on device');
    };
    expect(await kalint(['fmt', '--write', 'a.conf'], { cwd: dir, options: { writeFile: failing } })).toEqual({
      code: 2,
      stdout: '',
      stderr: "kalint: cannot write 'a.conf': ENOSPC: no space left on device (file left unchanged)\n",
    });
    expect(read(dir, 'a.conf')).toBe(UGLY);
  });

  it('an unreadable file stops the run before anything is written (exit 2)', async () => {
    const dir = scratch({ 'a.conf': UGLY, 'sub/x': '' });
    expect(await kalint(['fmt', '--write', 'a.conf', 'sub'], { cwd: dir })).toEqual({ code: 2, stdout: '', stderr: "kalint: no keepalived configs found in directory 'sub'\n" });
    expect(await kalint(['fmt', '--write', 'a.conf', 'missing.conf'], { cwd: dir })).toEqual({ code: 2, stdout: '', stderr: "kalint: 'missing.conf' does not exist\n" });
    expect(read(dir, 'a.conf')).toBe(UGLY);
  });
});

describe('kalint fmt: a result that fails the formatter safety check', () => {
  afterEach(() => {
    vi.doUnmock('@kalint/formatter');
  });

  it('is an internal error naming the file, exit 1, file untouched', async () => {
    vi.doMock('@kalint/formatter', () => ({
      format: (text: string) => ({ text, changed: false, refused: 'unsafe', diagnostics: [] }),
    }));
    const dir = scratch({ 'a.conf': UGLY });
    for (const mode of [['--write'], ['--check'], ['--diff']]) {
      expect(await kalint(['fmt', ...mode, 'a.conf'], { cwd: dir })).toEqual({
        code: 1,
        stdout: '',
        stderr: "kalint: internal error: formatting 'a.conf' would change how keepalived reads it; left unchanged (please report this)\n",
      });
    }
    expect(read(dir, 'a.conf')).toBe(UGLY);
    // Standard input is given back as it was.
    expect(await kalint(['fmt', '-'], { cwd: dir, stdin: UGLY })).toEqual({
      code: 1,
      stdout: UGLY,
      stderr: "kalint: internal error: formatting '<stdin>' would change how keepalived reads it; left unchanged (please report this)\n",
    });
  });
});

describe('kalint fmt - (standard input)', () => {
  it('writes the formatted text to stdout, exit 0, formatted or not', async () => {
    const dir = scratch({});
    expect(await kalint(['fmt', '-'], { cwd: dir, stdin: UGLY })).toEqual({ code: 0, stdout: PRETTY, stderr: '' });
    expect(await kalint(['fmt', '-'], { cwd: dir, stdin: PRETTY })).toEqual({ code: 0, stdout: PRETTY, stderr: '' });
    expect(await kalint(['fmt', '--indent', 'tab', '-'], { cwd: dir, stdin: UGLY })).toEqual({ code: 0, stdout: pretty('\t'), stderr: '' });
  });

  it('gives text with syntax errors back unchanged, errors on stderr, exit 1', async () => {
    const dir = scratch({});
    expect(await kalint(['fmt', '-'], { cwd: dir, stdin: BROKEN })).toEqual({ code: 1, stdout: BROKEN, stderr: brokenError('<stdin>') });
    expect(await kalint(['fmt', '--stdin-filename', 'ha/keepalived.conf', '-'], { cwd: dir, stdin: BROKEN })).toEqual({
      code: 1,
      stdout: BROKEN,
      stderr: brokenError('ha/keepalived.conf'),
    });
  });

  it('--check - and --diff - report on standard input instead of printing it', async () => {
    const dir = scratch({});
    expect(await kalint(['fmt', '--check', '-'], { cwd: dir, stdin: UGLY })).toEqual({ code: 1, stdout: '<stdin>\n', stderr: '' });
    expect(await kalint(['fmt', '--check', '-'], { cwd: dir, stdin: PRETTY })).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(await kalint(['fmt', '--check', '-'], { cwd: dir, stdin: BROKEN })).toEqual({ code: 1, stdout: '', stderr: brokenError('<stdin>') });
    const diff = await kalint(['fmt', '--diff', '--stdin-filename', 'k.conf', '-'], { cwd: dir, stdin: UGLY });
    expect([diff.code, diff.stdout.split('\n').slice(0, 2)]).toEqual([1, ['--- a/k.conf', '+++ b/k.conf']]);
  });

  // Issue 11, F7: the invalid bytes came back as U+FFFD, with exit 0.
  it('refuses input that is not valid UTF-8: its bytes back exactly, exit 1, the first bad line named', async () => {
    const dir = scratch({});
    const latin1 = Buffer.concat([Buffer.from('global_defs {\nrouter_id  ha1\n# caf'), Buffer.from([0xe9]), Buffer.from('\n}\n')]);
    const error = '<stdin>:3: error: not valid UTF-8; left unchanged (formatting would replace its invalid bytes)\n';
    const run = await kalintBytes(['fmt', '-'], { cwd: dir, stdin: latin1 });
    expect([run.code, run.stdoutBytes.equals(latin1), run.stderr]).toEqual([1, true, error]);
    expect(await kalint(['fmt', '--check', '-'], { cwd: dir, stdin: latin1 })).toEqual({ code: 1, stdout: '', stderr: error });
    expect(await kalint(['fmt', '--diff', '--stdin-filename', 'k.conf', '-'], { cwd: dir, stdin: latin1 })).toEqual({
      code: 1,
      stdout: '',
      stderr: error.replace('<stdin>', 'k.conf'),
    });
  });

  it('gives input it refuses back byte for byte: invalid UTF-8 in a text with syntax errors, CRLF, NUL, trailing blanks', async () => {
    const dir = scratch({});
    for (const bytes of [
      Buffer.concat([Buffer.from(BROKEN), Buffer.from([0xff, 0xfe, 0x0a])]),
      Buffer.from('global_defs {\r\n  router_id a\u0000 \t\r\n}\r\n}}\r\n'),
      Buffer.from('\ufeffglobal_defs {\n}\n}\n'),
    ]) {
      const run = await kalintBytes(['fmt', '-'], { cwd: dir, stdin: bytes });
      expect([run.code, run.stdoutBytes.equals(bytes)]).toEqual([1, true]);
    }
  });

  // Issue 11, H2: --max-file-size did not apply to standard input (50 MB took 60 s and 3.3 GB).
  it('refuses standard input over --max-file-size: exit 2, one line, nothing printed', async () => {
    const dir = scratch({});
    const big = UGLY.repeat(100);
    expect(await kalint(['fmt', '--max-file-size', '1K', '-'], { cwd: dir, stdin: big })).toEqual({
      code: 2,
      stdout: '',
      stderr: 'kalint: standard input is over the 1024-byte limit: kalint stopped reading it (--max-file-size raises it)\n',
    });
    expect((await kalint(['fmt', '--max-file-size', '1K', '--stdin-filename', 'k.conf', '-'], { cwd: dir, stdin: big })).stderr).toBe(
      "kalint: standard input ('k.conf') is over the 1024-byte limit: kalint stopped reading it (--max-file-size raises it)\n",
    );
    // Up to the limit is fine.
    expect((await kalint(['fmt', '--max-file-size', String(big.length), '-'], { cwd: dir, stdin: big })).code).toBe(0);
  });

  it('stops reading standard input at the limit: 64 MB in, no more than the 16 MB default and one chunk read', async () => {
    const dir = scratch({});
    const run = await kalintBytes(['fmt', '-'], { cwd: dir, stdin: endless(64 * 1024 * 1024) });
    expect([run.code, run.stdout]).toEqual([2, '']);
    expect(run.stderr).toMatch(/^kalint: standard input is over the 16777216-byte limit/);
    expect(run.stdinRead).toBeLessThanOrEqual(16 * 1024 * 1024 + 65536);
  });

  it('takes its settings from --stdin-filename\'s directory', async () => {
    const dir = scratch({ 'ha/.kalintrc.json': '{"format": {"indent": 2}}', '.editorconfig': '[*.conf]\nindent_style = tab\n' });
    expect((await kalint(['fmt', '--stdin-filename', 'ha/keepalived.conf', '-'], { cwd: dir, stdin: UGLY })).stdout).toBe(pretty('  '));
    expect((await kalint(['fmt', '--stdin-filename', 'keepalived.conf', '-'], { cwd: dir, stdin: UGLY })).stdout).toBe(pretty('\t'));
    // Without a name, `[*.conf]` does not match: the default.
    expect((await kalint(['fmt', '-'], { cwd: dir, stdin: UGLY })).stdout).toBe(PRETTY);
  });
});

describe('kalint fmt: the indentation unit', () => {
  it('--indent N and --indent tab', async () => {
    const dir = scratch({});
    expect((await kalint(['fmt', '--indent', '2', '-'], { cwd: dir, stdin: UGLY })).stdout).toBe(pretty('  '));
    expect((await kalint(['fmt', '--indent=8', '-'], { cwd: dir, stdin: UGLY })).stdout).toBe(pretty(' '.repeat(8)));
    expect((await kalint(['fmt', '--indent', 'tab', '-'], { cwd: dir, stdin: UGLY })).stdout).toBe(pretty('\t'));
  });

  it('.editorconfig: indent_style, indent_size, tab_width, sections by file name, the nearest file wins', async () => {
    const dir = scratch({
      '.editorconfig': 'root = true\n[*]\nindent_style = space\nindent_size = 2\n[tabbed/*.conf]\nindent_style = tab\n',
      'a.conf': UGLY,
      'tabbed/b.conf': UGLY,
      'three/.editorconfig': '[*.conf]\nindent_size = 3\n',
      'three/c.conf': UGLY,
      'width/.editorconfig': '[*]\nindent_size = tab\ntab_width = 6\n',
      'width/d.conf': UGLY,
    });
    expect(await kalint(['fmt', '--write', 'a.conf', 'tabbed/b.conf', 'three/c.conf', 'width/d.conf'], { cwd: dir })).toMatchObject({ code: 0 });
    expect([read(dir, 'a.conf'), read(dir, 'tabbed/b.conf'), read(dir, 'three/c.conf'), read(dir, 'width/d.conf')]).toEqual([
      pretty('  '),
      pretty('\t'),
      pretty('   '),
      pretty(' '.repeat(6)),
    ]);
  });

  it('.editorconfig values kalint cannot use are ignored (the default applies)', async () => {
    const dir = scratch({ '.editorconfig': 'root = true\n[*]\nindent_size = 0\n', 'a.conf': UGLY, 'b/.editorconfig': '[*]\nindent_style = unset\nindent_size = huge\n', 'b/b.conf': UGLY });
    await kalint(['fmt', '--write', 'a.conf', 'b/b.conf'], { cwd: dir });
    expect([read(dir, 'a.conf'), read(dir, 'b/b.conf')]).toEqual([PRETTY, PRETTY]);
  });

  it('the command line over .kalintrc.json over .editorconfig over 4 spaces', async () => {
    const files = {
      '.editorconfig': 'root = true\n[*.conf]\nindent_style = tab\n',
      'rc/.kalintrc.json': '{"format": {"indent": 2}}',
      'rc/a.conf': UGLY,
      'rc-without-format/.kalintrc.json': '{"rules": {}}',
      'rc-without-format/b.conf': UGLY,
      'plain/c.conf': UGLY,
    };
    const names = ['rc/a.conf', 'rc-without-format/b.conf', 'plain/c.conf'];
    let dir = scratch(files);
    await kalint(['fmt', '--write', ...names], { cwd: dir });
    expect(names.map((n) => read(dir, n))).toEqual([pretty('  '), pretty('\t'), pretty('\t')]);

    dir = scratch(files);
    await kalint(['fmt', '--write', '--indent', '3', ...names], { cwd: dir });
    expect(names.map((n) => read(dir, n))).toEqual([pretty('   '), pretty('   '), pretty('   ')]);

    dir = scratch({ ...files, '.editorconfig': 'root = true\n' });
    await kalint(['fmt', '--write', ...names], { cwd: dir });
    expect(names.map((n) => read(dir, n))).toEqual([pretty('  '), PRETTY, PRETTY]);

    // --config names the configuration for every file, as for linting.
    dir = scratch({ ...files, 'tab.json': '{"format": {"indent": "tab"}}' });
    await kalint(['fmt', '--write', '--config', 'tab.json', ...names], { cwd: dir });
    expect(names.map((n) => read(dir, n))).toEqual([pretty('\t'), pretty('\t'), pretty('\t')]);
  });

  it('fmt does not check rule ids (the linter does), but does check "format"', async () => {
    const dir = scratch({ '.kalintrc.json': '{"rules": {"no-such-rule": "error"}, "format": {"indent": 2}}', 'a.conf': UGLY });
    expect(await kalint(['fmt', '--check', 'a.conf'], { cwd: dir })).toMatchObject({ code: 1, stdout: 'a.conf\n' });
  });

  it.each([
    ['{"format": 2}', `'format' must be an object, such as { "indent": 2 }`],
    ['{"format": {"indent": 0}}', `'format.indent' must be a number of spaces from 1 to 16 or "tab", not 0`],
    ['{"format": {"indent": "2"}}', `'format.indent' must be a number of spaces from 1 to 16 or "tab", not "2"`],
    ['{"format": {"indent": 2.5}}', `'format.indent' must be a number of spaces from 1 to 16 or "tab", not 2.5`],
    ['{"format": {"indent": 17}}', `'format.indent' must be a number of spaces from 1 to 16 or "tab", not 17`],
    ['{"format": {"width": 80}}', `'format': unknown key 'width' (expected indent)`],
  ])('a bad "format" in .kalintrc.json is a usage error for fmt and lint alike: %s', async (text, problem) => {
    const dir = scratch({ '.kalintrc.json': text, 'a.conf': PRETTY });
    const expected = { code: 2, stdout: '', stderr: `kalint: invalid configuration '.kalintrc.json': ${problem}\n` };
    expect(await kalint(['fmt', 'a.conf'], { cwd: dir })).toEqual(expected);
    expect(await kalint(['a.conf'], { cwd: dir })).toEqual(expected);
  });
});

describe('kalint fmt: usage', () => {
  it('--help prints the usage, exit 0; kalint --help mentions fmt', async () => {
    const help = await kalint(['fmt', '--help']);
    expect([help.code, help.stdout.split('\n')[0]]).toEqual([0, 'Usage: kalint fmt [options] FILE|DIR|GLOB...']);
    expect(help.stdout).toContain('--indent N|tab');
    expect((await kalint(['--help'])).stdout).toContain('kalint fmt [--check | --diff | --write]');
  });

  it.each([
    [['fmt'], 'no files given (see kalint fmt --help)'],
    [['fmt', '--write', '--check', 'a.conf'], '--write cannot be used with --check'],
    [['fmt', '--write', '--diff', 'a.conf'], '--write cannot be used with --diff'],
    [['fmt', '--indent', '0', 'a.conf'], "--indent expects a number of spaces from 1 to 16 or 'tab', not '0'"],
    [['fmt', '--indent', 'two', 'a.conf'], "--indent expects a number of spaces from 1 to 16 or 'tab', not 'two'"],
    [['fmt', '-', 'a.conf'], "'-' (standard input) cannot be formatted together with files"],
    [['fmt', '--write', '-'], '--write cannot rewrite standard input; kalint fmt - prints the formatted text'],
    [['fmt', '--stdin-filename', 'x.conf', 'a.conf'], "--stdin-filename needs '-' (standard input) as the file"],
    [['fmt', '--config', 'missing.json', 'a.conf'], "configuration 'missing.json' does not exist"],
    [['fmt', 'missing.conf'], "'missing.conf' does not exist"],
  ])('%j is a usage error: exit 2, one line', async (args, message) => {
    const dir = scratch({ 'a.conf': UGLY });
    expect(await kalint(args, { cwd: dir })).toEqual({ code: 2, stdout: '', stderr: `kalint: ${message}\n` });
    expect(read(dir, 'a.conf')).toBe(UGLY);
  });

  it('an unknown option is a usage error: exit 2, one line, no stack trace', async () => {
    const { code, stdout, stderr } = await kalint(['fmt', '--bogus', 'a.conf']);
    expect([code, stdout, stderr.split('\n').length, stderr.startsWith('kalint: ')]).toEqual([2, '', 2, true]);
  });
});

describe('kalint fmt from the installed binary (node_modules/.bin/kalint, built)', () => {
  const bin = join(repo, 'node_modules/.bin/kalint');
  const run = (args: string[], cwd: string, input = '') => {
    const r = spawnSync(bin, args, { cwd, input, encoding: 'utf8' });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };

  it('loads the formatter, diff and editorconfig it imports on demand', () => {
    const dir = scratch({ '.editorconfig': '[*]\nindent_style = tab\n', 'a.conf': UGLY, 'bad.conf': BROKEN });
    expect(run(['fmt', '-'], dir, UGLY)).toEqual({ code: 0, stdout: pretty('\t'), stderr: '' });
    expect(run(['fmt', '--diff', 'a.conf'], dir).stdout).toContain('+\trouter_id ha1\n');
    expect(run(['fmt', '--write', 'a.conf', 'bad.conf'], dir)).toEqual({ code: 1, stdout: 'a.conf\n', stderr: brokenError('bad.conf') });
    expect(readFileSync(join(dir, 'bad.conf'), 'utf8')).toBe(BROKEN);
    expect(run(['fmt', 'a.conf'], dir)).toEqual({ code: 0, stdout: '', stderr: '' });
  });
});
