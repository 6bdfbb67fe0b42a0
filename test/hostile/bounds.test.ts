/**
 * Bounded work on hostile input (issue 11): no input takes more than 10 s or 1 GB on an idle
 * 2-core machine (BOUNDS in helpers.ts). Each reproduction of the issue runs here as its own
 * process with a 1 GB heap (`kalintProcess`) and must finish with the expected output; the
 * seconds are measured by `node bench/hostile.mjs`, never asserted. The work is bounded by counts:
 * READING_LIMITS (words and braces, statements, lines made by expansion, files included), at most
 * MAX_DIAGNOSTICS_PER_KIND syntax problems of a kind per file, at most 100 findings of a rule per
 * file in the line formats, and `kalint parse --max-nodes`.
 */
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_DIAGNOSTICS_PER_KIND, READING_LIMITS } from '@kalint/parser';
import { scratch } from '../../packages/cli/test/helpers.js';
import { expectNoCrash, kalintProcess, kalintReal } from './helpers.js';

const lines = (text: string) => text.split('\n').filter((l) => l !== '');

describe('H1: 150,000 findings in one file, every output format', () => {
  const dir = scratch({ 'x.conf': 'x\n'.repeat(150_000) });

  it('stylish (the default) shows 100 of them and counts them all; it crashed with "Maximum call stack size exceeded"', () => {
    const run = kalintProcess(['x.conf'], dir);
    expectNoCrash(run);
    expect(run.code).toBe(1);
    const out = lines(run.stdout);
    expect(out).toHaveLength(1 + 100 + 1 + 1);
    expect(out[101]).toBe("  101:1  error  and 149,900 more 'unknown-keyword' findings in this file, the first of them here (100 of each rule are shown per file; --format json lists all)  unknown-keyword");
    expect(out.at(-1)).toBe('\u2716 150000 problems (150000 errors, 0 warnings)');
  });

  it('json and sarif list every finding; gcc and github show 100 and one line for the rest', async () => {
    const json = await kalintReal(['--format', 'json', 'x.conf'], dir);
    expect([json.code, (JSON.parse(json.stdout) as Array<{ messages: unknown[] }>)[0]!.messages.length]).toEqual([1, 150_000]);
    const sarif = await kalintReal(['--format', 'sarif', 'x.conf'], dir);
    expect([sarif.code, (JSON.parse(sarif.stdout) as { runs: Array<{ results: unknown[] }> }).runs[0]!.results.length]).toEqual([1, 150_000]);
    const gcc = await kalintReal(['--format', 'gcc', 'x.conf'], dir);
    expect([gcc.code, lines(gcc.stdout).length]).toEqual([1, 101]);
    expect(lines(gcc.stdout)[100]).toMatch(/^x\.conf:101:1: error: and 149,900 more 'unknown-keyword' findings in this file, the first of them here .* \[unknown-keyword\]$/);
    const github = await kalintReal(['--format', 'github', 'x.conf'], dir);
    expect([github.code, lines(github.stdout).length]).toEqual([1, 101]);
  });
});

describe('1,000,000 lines of `x` (2 MB, a finding each): reading stops at 200,000 statements', () => {
  const dir = scratch({ 'x.conf': 'x\n'.repeat(1_000_000) });

  it('sarif, the largest report, is written in chunks within the heap (it ran out of memory, then past V8\'s longest string)', () => {
    const run = kalintProcess(['--format', 'sarif', 'x.conf'], dir);
    expectNoCrash(run);
    expect(run.code).toBe(1);
    expect(run.stdout.startsWith('{\n  "$schema": "https://json.schemastore.org/sarif-2.1.0.json",\n')).toBe(true);
    expect(run.stdout.endsWith('\n      ]\n    }\n  ]\n}\n')).toBe(true);
    let results = 0;
    for (let at = run.stdout.indexOf('"ruleId": "'); at >= 0; at = run.stdout.indexOf('"ruleId": "', at + 1)) results++;
    // Every statement read is an unknown keyword, and one more finding says where reading stopped.
    expect(results).toBe(READING_LIMITS.statements + 1);
    expect(run.stdout).toContain(
      `"text": "kalint stopped reading here: this configuration, with its includes and expansions, has more than ${READING_LIMITS.statements.toLocaleString('en')} statements (keyword lines and value lines); keepalived reads them all, kalint checks the first ${READING_LIMITS.statements.toLocaleString('en')}"`,
    );
  });
});

describe('H3: expansion is bounded by READING_LIMITS, with one finding naming the limit', () => {
  it('30 files each including the next twice (2^30 reads): the first 10,000 files are read', () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 30; i++) files[`f${i}.conf`] = i < 29 ? `include f${i + 1}.conf\ninclude f${i + 1}.conf\n` : 'global_defs {\n   router_id ha1\n}\n';
    const dir = scratch(files);
    const run = kalintProcess(['--format', 'gcc', 'f0.conf'], dir);
    expectNoCrash(run);
    expect([run.code, run.stdout]).toEqual([
      1,
      `f28.conf:2:1: error: kalint stopped including here: this configuration includes more than ${READING_LIMITS.includedFiles.toLocaleString('en')} files (a file included twice counts twice); keepalived reads them all, kalint reads the first ${READING_LIMITS.includedFiles.toLocaleString('en')} and follows no include after this point [syntax]\n`,
    ]);
  });

  it('three nested ~SEQ(…,1,1000) (a billion vrrp_scripts): the first 100,000 lines are read', () => {
    const dir = scratch({ 'seq.conf': '~SEQ(i,1,1000) ~SEQ(j,1,1000) ~SEQ(k,1,1000) vrrp_script s${i}_${j}_$k { script /bin/true }\n' });
    const run = kalintProcess(['--format', 'gcc', 'seq.conf'], dir);
    expectNoCrash(run);
    expect(run.code).toBe(1);
    const out = lines(run.stdout);
    expect(out.filter((l) => l.includes('[syntax]'))).toEqual([
      `seq.conf:1:31: error: kalint stopped expanding here: ~SEQ/~LST values and multi-line definitions make more than ${READING_LIMITS.expandedLines.toLocaleString('en')} lines in this configuration; keepalived reads them all, kalint checks the first ${READING_LIMITS.expandedLines.toLocaleString('en')} and expands no more of them after this point [syntax]`,
    ]);
    // 99,900 unused vrrp_scripts: 100 shown, one line for the rest.
    expect(out).toHaveLength(1 + 100 + 1);
    expect(out.at(-1)).toMatch(/^seq\.conf:1:58: warning: and 99,799 more 'unused-definition' findings in this file/);
  });

  it('$L=~SEQ(i,1,100000) $L, then $L (a sequence of itself): stops at the limit', () => {
    const dir = scratch({ 'self.conf': '$L=~SEQ(i,1,100000) $L\n$L\n' });
    const run = kalintProcess(['--format', 'gcc', 'self.conf'], dir);
    expectNoCrash(run);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`self.conf:2:1: error: kalint stopped expanding here: ~SEQ/~LST values and multi-line definitions make more than ${READING_LIMITS.expandedLines.toLocaleString('en')} lines`);
  });

  it('a 6 MB line of {}: the first 1,000,000 braces are read; lint and fmt end, exit 1, with a bounded report', () => {
    const dir = scratch({ 'braces.conf': '{}'.repeat(3 * 1024 * 1024) + '\n' });
    const lint = kalintProcess(['--format', 'gcc', 'braces.conf'], dir);
    expectNoCrash(lint);
    expect(lint.code).toBe(1);
    const out = lines(lint.stdout);
    // A line-too-long warning, 100 unexpected '{', one line for the other 499,900, and where reading stopped.
    expect(out).toHaveLength(1 + MAX_DIAGNOSTICS_PER_KIND + 1 + 1);
    expect(out).toContain(`braces.conf:1:201: error: and 499,900 more 'unexpected-open-brace' errors in this file, the first of them here (kalint lists ${MAX_DIAGNOSTICS_PER_KIND} of each kind) [syntax]`);
    expect(out).toContain(
      `braces.conf:1:1000001: error: kalint stopped reading here: this configuration, with its includes and expansions, has more than ${READING_LIMITS.words.toLocaleString('en')} words and braces; keepalived reads them all, kalint checks the first ${READING_LIMITS.words.toLocaleString('en')} [syntax]`,
    );
    const fmt = kalintProcess(['fmt', '--check', 'braces.conf'], dir);
    expectNoCrash(fmt);
    expect(fmt.code).toBe(1);
    expect(lines(fmt.stderr).length).toBeLessThan(200);
  });
});

describe('H4: output is bounded', () => {
  it('100,000 unclosed blocks: 100 of the missing-} errors and one line for the rest (it printed 100,000), exit 1', () => {
    const dir = scratch({ 'open.conf': 'vrrp_instance VI_1 {\n'.repeat(100_000) });
    const run = kalintProcess(['--format', 'gcc', 'open.conf'], dir);
    expectNoCrash(run);
    expect(run.code).toBe(1);
    const syntax = lines(run.stdout).filter((l) => l.endsWith('[syntax]'));
    expect(syntax).toHaveLength(MAX_DIAGNOSTICS_PER_KIND + 1);
    expect(syntax.at(-1)).toBe(`open.conf:101:1: error: and 99,900 more 'missing-close-brace' errors in this file, the first of them here (kalint lists ${MAX_DIAGNOSTICS_PER_KIND} of each kind) [syntax]`);
    expect(lines(run.stdout).length).toBeLessThan(120);
  });

  it('parse of 10 MB of `global_defs { x x … }` (over 60 s before): reading stops at the words limit, the tree printed is cut at 100,000 nodes and says so', () => {
    const dir = scratch({ 'words.conf': 'global_defs { ' + 'x '.repeat(5 * 1024 * 1024) + '}\n' });
    const run = kalintProcess(['parse', 'words.conf'], dir);
    expectNoCrash(run);
    expect(run.code).toBe(1);
    expect(run.stdout.length).toBeLessThan(30 * 1024 * 1024);
    const json = JSON.parse(run.stdout) as { truncated: { nodes: number; limit: number }; ast: { body: Array<{ block: { body: Array<{ args: unknown[] }> } }> } };
    expect(json.truncated).toMatchObject({ nodes: READING_LIMITS.words + 3, limit: 100_000 });
    expect(json.ast.body[0]!.block.body[0]!.args.length).toBeLessThan(100_000);
    expect(run.stderr).toContain(`kalint: warning: words.conf: the parsed tree has ${(READING_LIMITS.words + 3).toLocaleString('en')} nodes; kalint printed about the first 100,000 and marked the output "truncated" (--max-nodes raises the limit)\n`);
    expect(run.stderr).toContain('[reading-limit]');
  });

  it('parse of ~SEQ(i,1,100000000) (it wrote 160 MB): 100,000 nodes printed, the rest counted', () => {
    const dir = scratch({ 'seq.conf': '~SEQ(i,1,100000000) x $i\n' });
    const run = kalintProcess(['parse', 'seq.conf'], dir);
    expectNoCrash(run);
    expect(run.code).toBe(1);
    expect(run.stdout.length).toBeLessThan(25 * 1024 * 1024);
    const json = JSON.parse(run.stdout) as { truncated: { nodes: number }; ast: { body: unknown[] } };
    expect(json.truncated.nodes).toBe(1 + 3 * READING_LIMITS.expandedLines);
    expect(json.ast.body.length).toBeLessThan(READING_LIMITS.expandedLines);
    expect(run.stderr.split('\n')[0]).toBe(
      `seq.conf:1:1: error: kalint stopped expanding here: ~SEQ/~LST values and multi-line definitions make more than ${READING_LIMITS.expandedLines.toLocaleString('en')} lines in this configuration; keepalived reads them all, kalint checks the first ${READING_LIMITS.expandedLines.toLocaleString('en')} and expands no more of them after this point [reading-limit]`,
    );
  });

  it('--max-nodes 0 prints the whole tree; a bad value is a usage error', async () => {
    const dir = scratch({ 'seq.conf': '~SEQ(i,1,1000) x $i\n' });
    const all = await kalintReal(['parse', '--max-nodes', '0', 'seq.conf'], dir);
    expect([all.code, (JSON.parse(all.stdout) as { ast: { body: unknown[] } }).ast.body.length, all.stderr]).toEqual([0, 1000, '']);
    const few = await kalintReal(['parse', '--max-nodes', '30', 'seq.conf'], dir);
    expect((JSON.parse(few.stdout) as { ast: { body: unknown[] } }).ast.body.length).toBe(10);
    const bad = await kalintReal(['parse', '--max-nodes', 'many', 'seq.conf'], dir);
    expect([bad.code, bad.stderr]).toEqual([2, "kalint: --max-nodes expects a whole number of nodes (0: no limit), not 'many'\n"]);
  });
});

describe('wording', () => {
  it("a file that cannot be read is named in a sentence (it said \"cannot read 'adir' is a directory\")", async () => {
    const dir = scratch({ 'adir/x.conf': '' });
    const run = await kalintReal(['parse', 'adir'], dir);
    expect([run.code, run.stderr]).toEqual([2, "kalint: 'adir' is a directory\n"]);
  });

  it('a definition that doubles 40 times grows past keepalived\'s line limit; it was reported as "refers to itself"', async () => {
    let text = '$A=x x\n$B0=$A $A\n';
    for (let i = 1; i < 40; i++) text += `$B${i}=$B${i - 1} $B${i - 1}\n`;
    const dir = scratch({ 'grow.conf': text + 'global_defs {\n router_id $B39\n}\n' });
    const run = await kalintReal(['--format', 'gcc', 'grow.conf'], dir);
    expectNoCrash(run);
    const syntax = lines(run.stdout).filter((l) => l.endsWith('[syntax]'));
    expect(syntax).toEqual([
      `grow.conf:43:2: warning: parameter substitution makes this line longer than keepalived's 1023-byte limit: keepalived stops substituting there ("would exceed maximum line length") and reads the line as far as it was substituted, with '$B0' and what follows it left as written [syntax]`,
    ]);
    expect(run.stdout).not.toContain('refers to itself');
  });

  it('a definition that refers to itself without growing still says so: keepalived hangs on it', async () => {
    const dir = scratch({ 'self.conf': '$A=$A\nglobal_defs {\n router_id $A\n}\n' });
    const run = await kalintReal(['--format', 'gcc', 'self.conf'], dir);
    expect(lines(run.stdout).filter((l) => l.endsWith('[syntax]'))).toEqual([
      "self.conf:3:2: error: parameter substitution never ends: over 1000 replacements without the line growing past keepalived's limit, so a definition refers to itself; keepalived substitutes it forever and hangs at this line (kalint leaves the line as written) [syntax]",
    ]);
  });
});

describe('include globs as keepalived reads them (glob(3) with GLOB_BRACE, no globstar)', () => {
  const dir = scratch({
    'gs/top.conf': 'mark_top\n',
    'gs/d1/one.conf': 'mark_one\n',
    'gs/d1/d2/two.conf': 'mark_two\n',
    'br/a1.conf': 'mark_a1\n',
    'br/a2.conf': 'mark_a2\n',
    'br/b1.conf': 'mark_b1\n',
    'br/.hidden.conf': 'mark_hidden\n',
    'br/{x.conf': 'mark_curly\n',
    'star.conf': 'include gs/**/*.conf\n',
    'braces.conf': 'include br/{b,a}*.conf\ninclude br/{a1,a*}.conf\n',
    'plain.conf': 'include br/*\ninclude br/{x.conf\n',
  });
  const readFiles = async (file: string) => {
    const run = await kalintReal(['parse', file], dir);
    return (JSON.parse(run.stdout) as { files: string[] }).files.map((f) => (f.startsWith(dir) ? f.slice(dir.length + 1) : f));
  };

  it("'**' is '*': gs/**/*.conf reads gs/*/*.conf, one level (it read every depth), and says a shell would read more", async () => {
    expect(await readFiles('star.conf')).toEqual(['star.conf', 'gs/d1/one.conf']);
    const run = await kalintReal(['--format', 'gcc', 'star.conf'], dir);
    expect(lines(run.stdout)[0]).toBe(
      `star.conf:1:1: warning: include: keepalived reads '**' as '*', exactly one directory level (its glob(3) has no globstar), and reads 1 file here; a shell with globstar would also read files at other depths, such as '${join(dir, 'gs/top.conf')}' [syntax]`,
    );
  });

  it('braces: each alternative in turn, each sorted, a file matched twice read twice (as keepalived -t reads them)', async () => {
    expect(await readFiles('braces.conf')).toEqual(['braces.conf', 'br/b1.conf', 'br/a1.conf', 'br/a2.conf', 'br/a1.conf', 'br/a1.conf', 'br/a2.conf']);
  });

  it("'*' leaves out dot files; a '{' without its '}' is an ordinary character", async () => {
    expect(await readFiles('plain.conf')).toEqual(['plain.conf', 'br/a1.conf', 'br/a2.conf', 'br/b1.conf', 'br/{x.conf', 'br/{x.conf']);
  });

  it('a directory link is followed where a wildcard stands, as opendir() does; a link loop is not walked (it followed links at any depth)', async () => {
    mkdirSync(join(dir, 'lp/sub'), { recursive: true });
    writeFileSync(join(dir, 'lp/sub/s.conf'), 'mark_s\n');
    symlinkSync('sub', join(dir, 'lp/link'));
    symlinkSync('..', join(dir, 'lp/sub/up'));
    writeFileSync(join(dir, 'links.conf'), 'include lp/**/*.conf\n');
    expect(await readFiles('links.conf')).toEqual(['links.conf', 'lp/link/s.conf', 'lp/sub/s.conf']);
  });
});
