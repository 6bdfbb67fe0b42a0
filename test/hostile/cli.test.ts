/**
 * Hostile input through the real command line (`run(argv, io)` in-process, a few runs of the
 * built binary): deep nesting, unclosed blocks, a 5 MB line, NUL bytes, binary files, invalid
 * UTF-8, files over the size limit, include cycles, includes of directories and devices, FIFOs,
 * thousands of files. Each gets one-line messages naming file and line, the right exit code (1
 * for findings, 2 for usage and I/O), no stack trace, and an answer in bounded time.
 */
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scratch } from '../../packages/cli/test/helpers.js';
import { expectGccLines, expectNoCrash, kalintBinary, kalintProcess, kalintReal } from './helpers.js';

const DEEP = 100_000;
const lines = (text: string) => text.split('\n').filter((l) => l !== '');

describe('deep nesting and unclosed blocks', () => {
  const dir = scratch({
    'open.conf': 'vrrp_instance VI_1 {\n'.repeat(DEEP),
    'braces.conf': '{'.repeat(DEEP) + '}'.repeat(DEEP) + '\n',
    'nested.conf': 'global_defs {\n' + 'a {\n'.repeat(DEEP) + '}\n'.repeat(DEEP + 1),
    'unclosed.conf': 'global_defs {\n   router_id ha1\n\nvrrp_instance VI_1 {\n   state MASTER\n',
  });

  it(`lint: ${DEEP.toLocaleString('en')} levels of unclosed blocks are findings at their lines (exit 1)`, async () => {
    for (const file of ['open.conf', 'braces.conf', 'nested.conf']) {
      const run = await kalintReal(['--format', 'gcc', file], dir);
      expectNoCrash(run);
      expect(run.code, file).toBe(1);
      expectGccLines(run.stdout, file);
    }
  });

  it('fmt: refuses them with one line per problem, exit 1, the file untouched', async () => {
    for (const file of ['open.conf', 'braces.conf', 'nested.conf']) {
      const before = readFileSync(join(dir, file), 'utf8');
      const run = await kalintReal(['fmt', '--write', file], dir);
      expectNoCrash(run);
      expect(run.code, file).toBe(1);
      expect(run.stderr.split('\n')[0]).toMatch(new RegExp(`^${file}:\\d+:\\d+: error: .*\\[(syntax|too-deep)\\]$`));
      expect(readFileSync(join(dir, file), 'utf8')).toBe(before);
    }
    // Balanced but 100,000 levels deep: not a syntax error, too deep to lay out.
    const nested = await kalintReal(['fmt', '--check', 'nested.conf'], dir);
    expect(nested.stderr).toBe('nested.conf:1002:1: error: blocks nested more than 1000 levels deep: not formatted [too-deep]\n');
  });

  it('parse: the 100,000-level tree is printed down to its first 100,000 nodes, marked truncated, within the 1 GB heap (it overflowed the stack, then wrote 80 MB using 1.2 GB)', () => {
    const run = kalintProcess(['parse', 'nested.conf'], dir);
    expectNoCrash(run);
    expect(run.code).toBe(0);
    expect(run.stdout.startsWith('{"file":"nested.conf",')).toBe(true);
    expect(run.stdout.length).toBeLessThan(32 * 1024 * 1024);
    const nodes = 1 + 3 * (DEEP + 1);
    expect(run.stderr).toBe(`kalint: warning: nested.conf: the parsed tree has ${nodes.toLocaleString('en')} nodes; kalint printed about the first 100,000 and marked the output "truncated" (--max-nodes raises the limit)\n`);
    type Level = { block: { body: Level[] } | null };
    const json = JSON.parse(run.stdout) as { truncated: { nodes: number }; ast: { body: Level[] } };
    expect(json.truncated.nodes).toBe(nodes);
    // About a third of the levels are printed: a statement, its keyword and its block are 3 nodes.
    let levels = 0;
    for (let level = json.ast.body[0]; level?.block; level = level.block.body[0]) levels++;
    expect(levels).toBeGreaterThan(DEEP / 4);
    expect(levels).toBeLessThan(DEEP / 2);
  });

  it('parse --max-nodes 0 still prints the whole 100,000-level tree', async () => {
    const run = await kalintReal(['parse', '--max-nodes', '0', 'nested.conf'], dir);
    expectNoCrash(run);
    expect(run.code).toBe(0);
    let depth = 0;
    let deepest = 0;
    for (const c of run.stdout) {
      if (c === '{' || c === '[') deepest = Math.max(deepest, ++depth);
      else if (c === '}' || c === ']') depth--;
    }
    expect([depth, deepest > DEEP]).toEqual([0, true]);
    const open = await kalintReal(['parse', 'open.conf'], dir);
    expect([open.code, open.stderr.split('\n')[0]]).toEqual([1, "open.conf:1:1: error: block 'vrrp_instance VI_1' is never closed: a '}' is missing; going by the indentation, it belongs before line 2 [missing-close-brace]"]);
  });

  it('an unclosed block is reported at the line that opens it', async () => {
    const run = await kalintReal(['--format', 'gcc', 'unclosed.conf'], dir);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^unclosed\.conf:1:1: error: block 'global_defs' is never closed/m);
  });

  it('the built binary answers the same, in bounded time', () => {
    const run = kalintBinary(['--format', 'gcc', 'open.conf'], dir);
    expectNoCrash(run);
    expect(run.code).toBe(1);
    expectGccLines(run.stdout, 'open.conf');
  });
});

describe('long lines, NUL bytes, binary files, invalid UTF-8', () => {
  const dir = scratch({
    'long.conf': `global_defs {\n    router_id ${'x'.repeat(5 * 1024 * 1024)}\n}\n`,
    'words.conf': 'global_defs { ' + 'router_id ha1 '.repeat(400_000) + '}\n',
    'nul.conf': 'global_defs {\n   router_id a\u0000b\n\u0000\n}\n',
  });
  copyFileSync('/bin/ls', join(dir, 'ls.conf'));
  writeFileSync(join(dir, 'latin1.conf'), Buffer.concat([Buffer.from('global_defs {\n   router_id ha1\n}\n! caf'), Buffer.from([0xe9]), Buffer.from('\n')]));

  it('a 5 MB line: a warning at its line (keepalived reads 1022 bytes of a line), exit 0; fmt and parse answer', async () => {
    for (const file of ['long.conf', 'words.conf']) {
      const run = await kalintReal(['--format', 'gcc', file], dir);
      expectNoCrash(run);
      expectGccLines(run.stdout, file);
      expect(run.stdout).toContain(`${file}:`);
      expect(run.stdout).toMatch(/longer than keepalived's 1022-byte limit/);
      const fmt = await kalintReal(['fmt', '--check', file], dir);
      expectNoCrash(fmt);
      // A line past keepalived's limit is kept as written: laying it out would change how 2.2.7
      // cuts it into 1023-byte pieces.
      expect(fmt.code).toBe(0);
    }
    const parse = await kalintReal(['parse', 'long.conf'], dir);
    expect([parse.code, parse.stdout.length > 5 * 1024 * 1024]).toEqual([0, true]);
  });

  it('NUL bytes: a warning at each (keepalived ignores the rest of the line), no crash', async () => {
    const run = await kalintReal(['--format', 'gcc', 'nul.conf'], dir);
    expectNoCrash(run);
    expect(run.code).toBe(0);
    expectGccLines(run.stdout, 'nul.conf');
    expect(lines(run.stdout).map((l) => l.split(': ')[0])).toEqual(['nul.conf:2:15', 'nul.conf:3:1']);
  });

  it('a binary file: a warning that it is not UTF-8 with its line, findings, exit 1; fmt leaves it byte for byte', async () => {
    const before = readFileSync(join(dir, 'ls.conf'));
    const run = await kalintReal(['--format', 'gcc', 'ls.conf'], dir);
    expectNoCrash(run);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^kalint: warning: ls\.conf:\d+: not valid UTF-8: kalint reads its invalid bytes as U\+FFFD \(keepalived reads bytes\)\n$/);
    expectGccLines(run.stdout, 'ls.conf');
    const fmt = await kalintReal(['fmt', '--write', 'ls.conf'], dir);
    expectNoCrash(fmt);
    expect(fmt.code).toBe(1);
    expect(readFileSync(join(dir, 'ls.conf')).equals(before)).toBe(true);
  });

  it('invalid UTF-8: linted with a warning naming the line; fmt --write and --fix never write it back', async () => {
    const before = readFileSync(join(dir, 'latin1.conf'));
    const run = await kalintReal(['--format', 'gcc', 'latin1.conf'], dir);
    expect(run).toMatchObject({ code: 0, stdout: '', stderr: 'kalint: warning: latin1.conf:4: not valid UTF-8: kalint reads its invalid bytes as U+FFFD (keepalived reads bytes)\n' });
    const fmt = await kalintReal(['fmt', '--write', 'latin1.conf'], dir);
    expect(fmt).toMatchObject({ code: 1, stdout: '', stderr: 'latin1.conf:4: error: not valid UTF-8; left unchanged (formatting would replace its invalid bytes)\n' });
    const fix = await kalintReal(['--fix', 'latin1.conf'], dir);
    expectNoCrash(fix);
    expect(readFileSync(join(dir, 'latin1.conf')).equals(before)).toBe(true);
    const parse = await kalintReal(['parse', 'latin1.conf'], dir);
    expect([parse.code, parse.stderr]).toEqual([0, 'kalint: warning: latin1.conf:4: not valid UTF-8: kalint reads its invalid bytes as U+FFFD (keepalived reads bytes)\n']);
  });

  it('an included file that is not UTF-8 is a warning at the include line', async () => {
    writeFileSync(join(dir, 'includer.conf'), 'global_defs {\n   router_id ha1\n}\ninclude latin1.conf\n');
    const run = await kalintReal(['--format', 'gcc', 'includer.conf'], dir);
    expect(run.stdout).toBe(`includer.conf:4:1: warning: include: '${join(dir, 'latin1.conf')}' is not valid UTF-8 (line 4): its invalid bytes are read as U+FFFD [syntax]\n`);
  });
});

describe('the size limit (--max-file-size, default 16 MiB)', () => {
  const dir = scratch({ 'k.conf': 'global_defs {\n   router_id ha1\n}\ninclude big.conf\n', 'big.conf': `! ${'x'.repeat(4000)}\n` });

  it('a file over the limit is an I/O error naming it, exit 2, for lint, fmt and parse', async () => {
    for (const args of [['--max-file-size', '1000', 'big.conf'], ['fmt', '--max-file-size', '1000', 'big.conf'], ['parse', '--max-file-size', '1K', 'big.conf']]) {
      const run = await kalintReal(args, dir);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr).toMatch(/^kalint: 'big\.conf' is 4003 bytes, over the (1000|1024)-byte limit \(--max-file-size raises it\)\n$/);
    }
  });

  it('an include over the limit is skipped with a warning at the include line', async () => {
    const run = await kalintReal(['--format', 'gcc', '--max-file-size', '1000', 'k.conf'], dir);
    expect(run.stdout).toMatch(new RegExp(`^k\\.conf:4:1: warning: include: '${join(dir, 'big\\.conf')}' is 4003 bytes, over the 1000-byte limit; with this include unread, these checks are off [^\\n]*\\[syntax\\]\\n$`));
  });

  it('a bad value is a usage error', async () => {
    const run = await kalintReal(['--max-file-size', 'lots', 'k.conf'], dir);
    expect([run.code, run.stderr]).toEqual([2, "kalint: --max-file-size expects a number of bytes (optionally with K, M or G), not 'lots'\n"]);
  });
});

describe('includes: cycles, directories, devices, FIFOs', () => {
  const dir = scratch({
    'a.conf': 'global_defs {\n   router_id ha1\n}\ninclude b.conf\n',
    'b.conf': 'include a.conf\n',
    'dir.conf': 'include conf.d\n',
    'conf.d/x.conf': '',
    'devices.conf': 'include /dev/zero\ninclude /dev/urandom\ninclude fifo\n',
  });
  beforeAll(() => execFileSync('mkfifo', [join(dir, 'fifo')]));

  it('an include cycle is an error at the include line, with the chain', async () => {
    const run = await kalintReal(['--format', 'gcc', 'a.conf'], dir);
    expect(run.code).toBe(1);
    const [a, b] = [join(dir, 'a.conf'), join(dir, 'b.conf')];
    expect(run.stdout.split('\n')).toContainEqual(expect.stringMatching(new RegExp(`^[ab]\\.conf:\\d+:1: error: include cycle: (${a} -> ${b} -> ${a}|${b} -> ${a} -> ${b}) \\[syntax\\]$`)));
  });

  it('an include of a directory is a warning', async () => {
    const run = await kalintReal(['--format', 'gcc', 'dir.conf'], dir);
    expect(run.stdout).toMatch(new RegExp(`^dir\\.conf:1:1: warning: include: '${join(dir, 'conf.d')}' is a directory; with this include unread, these checks are off [^\\n]*\\[syntax\\]\\n$`));
  });

  it('includes of devices and FIFOs are refused as keepalived refuses non-regular files (they said "no file matches")', async () => {
    const run = await kalintReal(['--format', 'gcc', 'devices.conf'], dir);
    const lines = run.stdout.split('\n');
    // The first also says which checks the unread includes turn off.
    expect(lines[0]).toMatch(/^devices\.conf:1:1: warning: include: '\/dev\/zero' is not a regular file; with this include unread, these checks are off [^\n]*\[syntax\]$/);
    expect(lines.slice(1)).toEqual(["devices.conf:2:1: warning: include: '/dev/urandom' is not a regular file [syntax]", `devices.conf:3:1: warning: include: '${join(dir, 'fifo')}' is not a regular file [syntax]`, '']);
  });

  it('devices and FIFOs named on the command line: exit 2, one line, no hang (lint, fmt, parse, the binary)', async () => {
    for (const file of ['/dev/zero', '/dev/urandom', 'fifo']) {
      for (const args of [[file], ['fmt', '--check', file], ['parse', file]]) {
        const run = await kalintReal(args, dir, 20_000);
        expect(run.code, args.join(' ')).toBe(2);
        expect(run.stderr).toMatch(new RegExp(`^kalint: '${file}' is not a regular file\\n$`));
      }
    }
    const binary = kalintBinary(['fifo'], dir, 20_000);
    expect([binary.code, binary.stderr]).toEqual([2, "kalint: 'fifo' is not a regular file\n"]);
  });
});

describe('thousands of files', () => {
  const COUNT = 5000;
  const instance = (i: number) => `vrrp_instance VI_${i} {\n    state BACKUP\n    interface eth0\n    virtual_router_id ${(i % 255) + 1}\n    priority 100\n    virtual_ipaddress {\n        10.${i >> 16}.${(i >> 8) & 255}.${i & 255}\n    }\n}\n`;
  let dir: string;
  beforeAll(() => {
    dir = scratch({ 'keepalived.conf': 'global_defs {\n   router_id ha1\n}\ninclude conf.d/*.conf\n' });
    mkdirSync(join(dir, 'conf.d'));
    mkdirSync(join(dir, 'many'));
    for (let i = 0; i < COUNT; i++) {
      writeFileSync(join(dir, 'conf.d', `${i}.conf`), instance(i));
      writeFileSync(join(dir, 'many', `${i}.conf`), instance(i));
    }
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('include conf.d/*.conf matching 5,000 files: every file read, findings under each file\'s name', async () => {
    const run = await kalintReal(['--format', 'gcc', 'keepalived.conf'], dir);
    expectNoCrash(run);
    expect(run.code).toBe(1);
    const files = new Set(run.stdout.split('\n').filter(Boolean).map((l) => l.split(':')[0]));
    expect(files.size).toBeGreaterThan(COUNT / 2);
  });

  it('kalint DIR and kalint fmt DIR with 5,000 files', async () => {
    const lint = await kalintReal(['--format', 'gcc', 'many'], dir);
    expectNoCrash(lint);
    expect(lint.code).toBe(/: error: /.test(lint.stdout) ? 1 : 0);
    for (const line of lint.stdout.split('\n').filter(Boolean)) expect(line).toMatch(/^many\/\d+\.conf:\d+:\d+: (error|warning): /);
    // Every file was linted: a syntax error in the last one is found.
    writeFileSync(join(dir, 'many', `${COUNT - 1}.conf`), instance(COUNT - 1) + '}\n');
    const broken = await kalintReal(['--format', 'gcc', 'many'], dir);
    expect([broken.code, broken.stdout]).toEqual([1, expect.stringContaining(`many/${COUNT - 1}.conf:10:1: error: unexpected '}'`)]);
    writeFileSync(join(dir, 'many', `${COUNT - 1}.conf`), instance(COUNT - 1));
    const fmt = await kalintReal(['fmt', '--check', 'many'], dir);
    expect([fmt.code, fmt.stdout]).toEqual([0, '']);
  });
});
