/**
 * Each output format against what its consumer expects: ESLint's JSON shape, the SARIF 2.1.0
 * schema, GitHub's workflow-command syntax, GCC's diagnostic lines. The findings come from rules
 * the tests control (`syntax` and the test rules of helpers.ts), never from rules still being written.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import AjvDraft04 from 'ajv-draft-04';
import { beforeAll, describe, expect, it } from 'vitest';
import { applyEdits } from '@kalint/linter';
import { escapeData, escapeProperty } from '../src/formats/github.js';
import { kalint, scratch } from './helpers.js';

/**
 * The project every format renders: a warning with a fix, an error with a fix and a message full
 * of characters formats must escape, a peer finding with a related location in another file, a
 * syntax error.
 */
const HA1 = '# TODO: xx\nvrrp_instance web {\n}\n';
const HA2 = 'vrrp_instance web {\n}\n}\n';
const XX = 'doubled x, with "quotes", commas: and 100%';
const SYNTAX = `unexpected '}': no block is open here (keepalived: "Extra '}' found")`;
let dir: string;
const args = (format: string) => ['--format', format, '--rule', 'test-peers:warn', 'ha1.conf', 'sub/ha2.conf'];

beforeAll(() => {
  dir = scratch({ 'ha1.conf': HA1, 'sub/ha2.conf': HA2 });
});

describe('--format stylish (the default)', () => {
  it('groups by file, aligns line:col, severity, message, rule id, and sums up', async () => {
    const { code, stdout } = await kalint(args('stylish'), { cwd: dir });
    expect(code).toBe(1);
    expect(stdout).toBe(
      [
        '',
        'ha1.conf',
        `  1:3  warning  TODO left in the config                     test-todo`,
        `  1:9  error    ${XX}  test-xx`,
        `  2:1  warning  instance web has 1 peer(s)                  test-peers`,
        `                sub/ha2.conf:1:1: peer web`,
        '',
        'sub/ha2.conf',
        `  1:1  warning  instance web has 1 peer(s)                                             test-peers`,
        `                ha1.conf:2:1: peer web`,
        `  3:1  error    ${SYNTAX}  syntax`,
        '',
        '\u2716 5 problems (2 errors, 3 warnings)',
        '  1 error and 1 warning potentially fixable with the `--fix` option.',
        '',
      ].join('\n'),
    );
    expect((await kalint(args('stylish').slice(2), { cwd: dir })).stdout).toBe(stdout);
  });

  it('says "1 problem" and is silent when there is nothing', async () => {
    const one = await kalint(['sub/ha2.conf'], { cwd: dir });
    expect(one.stdout).toContain('\u2716 1 problem (1 error, 0 warnings)\n');
    expect(one.stdout).not.toContain('fixable');
    expect((await kalint(['--rule', 'syntax:off', 'sub/ha2.conf'], { cwd: dir })).stdout).toBe('');
  });

  it('colours severities, the file name and the summary on a terminal', async () => {
    const { stdout } = await kalint(args('stylish'), { cwd: dir, isTTY: true });
    expect(stdout).toContain('\u001b[4mha1.conf\u001b[24m');
    expect(stdout).toContain('\u001b[31merror  \u001b[39m');
    expect(stdout).toContain('\u001b[33mwarning\u001b[39m');
    expect(stdout.replace(/\u001b\[\d+m/g, '')).toBe((await kalint(args('stylish'), { cwd: dir })).stdout);
  });
});

describe('--format json (ESLint)', () => {
  it("has ESLint's LintResult shape exactly: field names, types, 1-based positions, absolute paths", async () => {
    const { code, stdout } = await kalint(args('json'), { cwd: dir });
    expect(code).toBe(1);
    const results = JSON.parse(stdout);
    expect(results.map((r: object) => Object.keys(r))).toEqual(
      Array(2).fill(['filePath', 'messages', 'suppressedMessages', 'errorCount', 'fatalErrorCount', 'warningCount', 'fixableErrorCount', 'fixableWarningCount', 'source', 'usedDeprecatedRules']),
    );
    expect(results[0]).toEqual({
      filePath: join(dir, 'ha1.conf'),
      messages: [
        { ruleId: 'test-todo', severity: 1, message: 'TODO left in the config', line: 1, column: 3, endLine: 1, endColumn: 7, fix: { range: [2, 6], text: 'DONE' } },
        { ruleId: 'test-xx', severity: 2, message: XX, line: 1, column: 9, endLine: 1, endColumn: 11, fix: { range: [8, 10], text: 'x' } },
        { ruleId: 'test-peers', severity: 1, message: 'instance web has 1 peer(s)', line: 2, column: 1, endLine: 2, endColumn: 14 },
      ],
      suppressedMessages: [],
      errorCount: 1,
      fatalErrorCount: 0,
      warningCount: 2,
      fixableErrorCount: 1,
      fixableWarningCount: 1,
      source: HA1,
      usedDeprecatedRules: [],
    });
    expect(results[1]).toMatchObject({ filePath: join(dir, 'sub/ha2.conf'), errorCount: 1, warningCount: 1, fixableErrorCount: 0, fixableWarningCount: 0, source: HA2 });
    expect(results[1].messages[1]).toEqual({ ruleId: 'syntax', severity: 2, message: SYNTAX, line: 3, column: 1, endLine: 3, endColumn: 2 });
    // Types as ESLint's formatters and integrations read them.
    for (const result of results) {
      expect(typeof result.filePath).toBe('string');
      for (const key of ['errorCount', 'fatalErrorCount', 'warningCount', 'fixableErrorCount', 'fixableWarningCount']) expect(Number.isInteger(result[key])).toBe(true);
      for (const m of result.messages) {
        expect([typeof m.ruleId, typeof m.message, [1, 2].includes(m.severity)]).toEqual(['string', 'string', true]);
        for (const key of ['line', 'column', 'endLine', 'endColumn']) expect(m[key]).toBeGreaterThanOrEqual(1);
      }
    }
  });

  it('gives fix ranges that ESLint-style consumers can apply to `source`', async () => {
    const results = JSON.parse((await kalint(args('json'), { cwd: dir })).stdout);
    const { source, messages } = results[0];
    const fix = messages[0].fix;
    expect(source.slice(0, fix.range[0]) + fix.text + source.slice(fix.range[1])).toBe(HA1.replace('TODO', 'DONE'));
  });

  it('prints [] for a clean run, and lists clean files without `source`', async () => {
    const clean = await kalint(['--format', 'json', '--rule', 'syntax:off', 'sub/ha2.conf'], { cwd: dir });
    const [result] = JSON.parse(clean.stdout);
    expect([clean.code, result.messages, 'source' in result]).toEqual([0, [], false]);
  });

  it('merges a multi-edit fix into one ESLint fix', async () => {
    const { toEslint } = await import('../src/formats/json.js');
    const text = 'a b c';
    const at = (o: number) => ({ offset: o, line: 0, character: o });
    const range = (s: number, e: number) => ({ start: at(s), end: at(e) });
    const result = toEslint({
      path: 'f',
      absolutePath: '/f',
      source: text,
      diagnostics: [
        { ruleId: 'r', severity: 'error', message: 'm', file: 'f', range: range(0, 1), fix: { description: 'd', edits: [{ file: 'f', range: range(4, 5), text: 'C' }, { file: 'f', range: range(0, 1), text: 'A' }] } },
        { ruleId: 'r', severity: 'error', message: 'm', file: 'f', range: range(0, 1), fix: { description: 'd', edits: [{ file: 'g', range: range(0, 1), text: 'A' }] } },
      ],
    });
    expect(result.messages[0]!.fix).toEqual({ range: [0, 5], text: 'A b C' });
    expect(result.messages[1]!.fix).toBeUndefined();
    expect(applyEdits(text, [{ file: 'f', range: range(0, 5), text: 'A b C' }]).text).toBe('A b C');
  });
});

describe('--format sarif', () => {
  const require = createRequire(import.meta.url);
  // The OASIS SARIF 2.1.0 schema (rtm.5, the schema SARIF 2.1.0 was published with), as shipped
  // by Microsoft's @microsoft/jest-sarif. It is JSON Schema draft-04, hence ajv-draft-04.
  const schemaPath = require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
  // unicodeRegExp off: the schema's `language` pattern has a stray ']' that only non-unicode regexps accept.
  // A CommonJS module: imported from ESM, its class is the module object's `default`.
  const Ajv = AjvDraft04.default;
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  ajv.addFormat('uri', (s: string) => URL.canParse(s));
  ajv.addFormat('uri-reference', (s: string) => URL.canParse(s, 'file:///base/'));
  ajv.addFormat('date-time', (s: string) => !Number.isNaN(Date.parse(s)));
  const validate = ajv.compile(JSON.parse(readFileSync(schemaPath, 'utf8')));

  it('validates against the official SARIF 2.1.0 JSON schema', async () => {
    const { code, stdout } = await kalint(args('sarif'), { cwd: dir });
    expect(code).toBe(1);
    const log = JSON.parse(stdout);
    expect(validate(log), ajv.errorsText(validate.errors)).toBe(true);
    // And a run without findings.
    const clean = JSON.parse((await kalint(['--format', 'sarif', '--rule', 'syntax:off', 'sub/ha2.conf'], { cwd: dir })).stdout);
    expect(validate(clean), ajv.errorsText(validate.errors)).toBe(true);
    expect(clean.runs[0].results).toEqual([]);
  });

  it('the schema check is not vacuous: it rejects a broken log', () => {
    expect(validate({ version: '2.1.0', runs: [{ tool: { driver: {} }, results: [] }] })).toBe(false);
    expect(validate({ version: '2.1.0', runs: [{ tool: { driver: { name: 'kalint' } }, results: [{ message: { text: 'm' }, level: 'fatal' }] }] })).toBe(false);
  });

  it('describes kalint and its rules, and points each result at its rule and places', async () => {
    const log = JSON.parse((await kalint(args('sarif'), { cwd: dir })).stdout);
    expect(log.version).toBe('2.1.0');
    expect(log.runs).toHaveLength(1);
    const [run] = log.runs;
    const { driver } = run.tool;
    const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
    expect([driver.name, driver.informationUri, driver.version]).toEqual(['kalint', 'https://github.com/kalint/kalint', version]);
    expect(driver.rules.map((r: { id: string }) => r.id)).toEqual(['syntax', 'test-todo', 'test-xx', 'test-peers', 'test-hosts']);
    expect(driver.rules[0]).toMatchObject({
      id: 'syntax',
      shortDescription: { text: expect.stringContaining('unbalanced braces') },
      helpUri: 'https://github.com/kalint/kalint/blob/main/packages/linter/docs/rules/syntax.md',
      defaultConfiguration: { level: 'error' },
    });
    expect(driver.rules[1].defaultConfiguration).toEqual({ level: 'warning' });
    expect(driver.rules[4].defaultConfiguration).toEqual({ enabled: false }); // a rule that is off by default
    expect(run.originalUriBaseIds['%SRCROOT%'].uri).toBe(pathToFileURL(dir).href + '/');
    expect(run.results.map((r: { ruleId: string; ruleIndex: number }) => driver.rules[r.ruleIndex].id === r.ruleId)).toEqual(Array(5).fill(true));
    const peer = run.results.find((r: { ruleId: string; locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }) => r.ruleId === 'test-peers' && r.locations[0]!.physicalLocation.artifactLocation.uri === 'sub/ha2.conf');
    expect(peer).toEqual({
      ruleId: 'test-peers',
      ruleIndex: 3,
      level: 'warning',
      message: { text: 'instance web has 1 peer(s)' },
      locations: [{ physicalLocation: { artifactLocation: { uri: 'sub/ha2.conf', uriBaseId: '%SRCROOT%' }, region: { startLine: 1, startColumn: 1, endLine: 1, endColumn: 14, charOffset: 0, charLength: 13 } } }],
      relatedLocations: [
        { id: 0, physicalLocation: { artifactLocation: { uri: 'ha1.conf', uriBaseId: '%SRCROOT%' }, region: { startLine: 2, startColumn: 1, endLine: 2, endColumn: 14, charOffset: 11, charLength: 13 } }, message: { text: 'peer web' } },
      ],
    });
    const xx = run.results.find((r: { ruleId: string }) => r.ruleId === 'test-xx');
    expect([xx.level, xx.message.text]).toEqual(['error', XX]);
    expect(xx.fixes).toEqual([
      { description: { text: 'one x' }, artifactChanges: [{ artifactLocation: { uri: 'ha1.conf', uriBaseId: '%SRCROOT%' }, replacements: [{ deletedRegion: { charOffset: 8, charLength: 2 }, insertedContent: { text: 'x' } }] }] },
    ]);
  });

  it('gives files outside the working directory absolute file: URIs', async () => {
    const log = JSON.parse((await kalint(['--format', 'sarif', join(dir, 'sub/ha2.conf')], { cwd: join(dir, '..') })).stdout);
    const other = JSON.parse((await kalint(['--format', 'sarif', join(dir, 'sub/ha2.conf')], { cwd: join(dir, 'sub', '..', '..') })).stdout);
    expect(log).toEqual(other);
    const elsewhere = JSON.parse((await kalint(['--format', 'sarif', join(dir, 'sub/ha2.conf')], { cwd: '/' })).stdout);
    expect(elsewhere.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toBe(join(dir, 'sub/ha2.conf').slice(1));
    const cwd = scratch({});
    const outside = JSON.parse((await kalint(['--format', 'sarif', join(dir, 'sub/ha2.conf')], { cwd })).stdout);
    expect(outside.runs[0].results[0].locations[0].physicalLocation.artifactLocation).toEqual({ uri: pathToFileURL(join(dir, 'sub/ha2.conf')).href });
    expect(validate(outside), ajv.errorsText(validate.errors)).toBe(true);
  });
});

describe('--format github', () => {
  it('prints one workflow command per finding', async () => {
    const { code, stdout } = await kalint(args('github'), { cwd: dir });
    expect(code).toBe(1);
    expect(stdout).toBe(
      [
        '::warning file=ha1.conf,line=1,col=3,endLine=1,endColumn=7,title=test-todo::TODO left in the config',
        '::error file=ha1.conf,line=1,col=9,endLine=1,endColumn=11,title=test-xx::doubled x, with "quotes", commas: and 100%25',
        '::warning file=ha1.conf,line=2,col=1,endLine=2,endColumn=14,title=test-peers::instance web has 1 peer(s)%0Asub/ha2.conf:1:1: peer web',
        '::warning file=sub/ha2.conf,line=1,col=1,endLine=1,endColumn=14,title=test-peers::instance web has 1 peer(s)%0Aha1.conf:2:1: peer web',
        `::error file=sub/ha2.conf,line=3,col=1,endLine=3,endColumn=2,title=syntax::${SYNTAX}`,
        '',
      ].join('\n'),
    );
  });

  it('escapes % CR LF everywhere, and , : in properties, as GitHub requires', async () => {
    expect(escapeData('100% done\r\nnext: a,b')).toBe('100%25 done%0D%0Anext: a,b');
    expect(escapeProperty('C:\\a,b%\n')).toBe('C%3A\\a%2Cb%25%0A');
    const odd = scratch({ 'a,b:c%.conf': '# TODO\n' });
    const { stdout } = await kalint(['--format', 'github', 'a,b:c%.conf'], { cwd: odd });
    expect(stdout).toBe('::warning file=a%2Cb%3Ac%25.conf,line=1,col=3,endLine=1,endColumn=7,title=test-todo::TODO left in the config\n');
  });
});

describe('--format gcc', () => {
  it('prints file:line:col: severity: message [rule], related places as notes', async () => {
    const { code, stdout } = await kalint(args('gcc'), { cwd: dir });
    expect(code).toBe(1);
    expect(stdout).toBe(
      [
        'ha1.conf:1:3: warning: TODO left in the config [test-todo]',
        `ha1.conf:1:9: error: ${XX} [test-xx]`,
        'ha1.conf:2:1: warning: instance web has 1 peer(s) [test-peers]',
        'sub/ha2.conf:1:1: note: peer web',
        'sub/ha2.conf:1:1: warning: instance web has 1 peer(s) [test-peers]',
        'ha1.conf:2:1: note: peer web',
        `sub/ha2.conf:3:1: error: ${SYNTAX} [syntax]`,
        '',
      ].join('\n'),
    );
  });
});
