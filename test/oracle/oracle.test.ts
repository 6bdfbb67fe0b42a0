/**
 * kalint against the real keepalived (`keepalived -t`, see harness.mjs): the shared corpus plus configs generated
 * from a fixed seed. Fails on any keepalived message that no class of classify.mjs describes, and on any difference
 * that is neither fixed nor explained in KNOWN-DIFFERENCES.md.
 * Needs root and keepalived (CI has both); elsewhere the test is reported as skipped, with the reason.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
// @ts-ignore -- plain ESM modules without type declarations, shared with `npm run oracle`
import { assess, DEFAULT_GENERATED, DEFAULT_SEED, failures, knownRow, parseKnown, runOracle } from './harness.mjs';
// @ts-ignore -- as above
import { oracleAvailable } from './keepalived.mjs';
// @ts-ignore -- as above
import { classifyKeepalived, isHostDependent, parseMessages } from './classify.mjs';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
const corpusRoot = here('../../../shared/corpus/');
const corpus = existsSync(`${corpusRoot}ORACLE.tsv`);

const probe = oracleAvailable();
if (probe.ok) probe.dispose();
else console.warn(`oracle skipped: ${probe.reason}`);

const TABLE_HEAD = '| input | line | kind | class | message | reason |\n| --- | --- | --- | --- | --- | --- |\n';

/** One input as the harness sees it after running keepalived (`stderr`, exit status) and kalint (`diagnostics`). */
function result(text: string, stderr: string, diagnostics: unknown[] = []) {
  return { input: { key: 'case.conf', name: 'case.conf', text, origin: 'corpus' }, run: { exitCode: stderr === '' ? 0 : 5, stderr, timedOut: false }, diagnostics, ast: null };
}

describe('the oracle harness', () => {
  it('reads keepalived messages once per line, with and without a line number', () => {
    const stderr = '(x.conf: Line 3) Unknown keyword \'foo\'\n(x.conf: Line 3) Unknown keyword \'foo\'\nThere are 1 missing \'}\'s or extra \'{\'s\n';
    expect(parseMessages(stderr)).toEqual([
      { file: 'x.conf', line: 3, text: "Unknown keyword 'foo'" },
      { file: null, line: null, text: "There are 1 missing '}'s or extra '{'s" },
    ]);
    expect(classifyKeepalived("There are 1 missing '}'s or extra '{'s")).toBe('braces');
    expect(classifyKeepalived('Truncating auth_pass to 8 characters')).toBe('auth-pass-truncated');
  });

  it('reads an indented message as the rest of the message before it at the same line', () => {
    const stderr = '(x.conf: Line 4) (VI_1) Specifying lvs_sync_daemon_interface against a vrrp is deprecated.\n(x.conf: Line 4)       Please use global lvs_sync_daemon\n';
    const [message, ...rest] = parseMessages(stderr);
    expect(rest).toEqual([]);
    expect(message).toEqual({ file: 'x.conf', line: 4, text: '(VI_1) Specifying lvs_sync_daemon_interface against a vrrp is deprecated. Please use global lvs_sync_daemon' });
    expect(classifyKeepalived(message.text)).toBe('deprecated');
  });

  it('puts the misses of issue 11 in named classes', () => {
    expect(classifyKeepalived("(chk): vrrp script interval '1.5' must be between 1 and 4294 - ignoring")).toBe('number');
    expect(classifyKeepalived('(chk): vrrp script timeout must be greater than 0, setting to 1')).toBe('number');
    expect(classifyKeepalived('vrrp_mcast_group4 [4.8.117.29] is not multicast. Skipping')).toBe('address');
    expect(classifyKeepalived('vrrp_mcast_group6 [fd00::9d3] is not multicast. Skipping')).toBe('address');
    expect(classifyKeepalived('(VI_1) mcast_dst_ip 88.67.84.253 not multicast. Skipping...')).toBe('address');
    expect(classifyKeepalived('(VI_1) mcast_dst_ip ff05::12 not link-local multicast. Skipping...')).toBe('address');
    expect(classifyKeepalived('Unknown umask bit web')).toBe('value');
  });

  it('puts the messages of issue 12 in named classes, and takes only host names for host-dependent smtp servers', () => {
    expect(classifyKeepalived('Warning - empty notification_email block')).toBe('notification-email-empty');
    expect(classifyKeepalived("Address family of virtual server and real server 10.1.8.11 don't match - skipping real server.")).toBe('address-family');
    expect(classifyKeepalived('(VI_1) Ignoring track_interface eth0 since own interface')).toBe('track-own-interface');
    expect(isHostDependent('Invalid smtp server mail.example.com 25')).toBe(true);
    for (const placeholder of ['Invalid smtp server <smtp.domain.com> 25', 'Invalid smtp server ** 25']) {
      expect(isHostDependent(placeholder), placeholder).toBe(false);
      expect(classifyKeepalived(placeholder), placeholder).toBe('address');
    }
  });

  it('has no catch-all class: a message nobody has seen before is in no class', () => {
    expect(classifyKeepalived('(VI_1) frobnication level 7 exceeds the flux capacity - resetting')).toBeNull();
  });

  it('fails on a keepalived message in no class, naming it, whatever kalint reports at its line', () => {
    const text = 'vrrp_instance VI_1 {\n    frob 7\n}\n';
    const stderr = '(case.conf: Line 2) (VI_1) frobnication level 7 exceeds the flux capacity - resetting\n';
    const kalint = [{ ruleId: 'unknown-keyword', severity: 'error', message: 'Unknown keyword `frob`', range: { start: { line: 1, character: 4, offset: 24 }, end: { line: 1, character: 8, offset: 28 } } }];
    for (const diagnostics of [[], kalint]) {
      const report = assess([result(text, stderr, diagnostics)], parseKnown(`${TABLE_HEAD}| \`*\` | * | miss | unknown-keyword | * | any reason |\n`));
      expect(report.unclassified).toEqual([{ input: 'case.conf', line: 2, keepalived: '(VI_1) frobnication level 7 exceeds the flux capacity - resetting', origin: 'corpus' }]);
      expect(failures(report)).toEqual([
        'case.conf:2: keepalived says "(VI_1) frobnication level 7 exceeds the flux capacity - resetting", which no class of test/oracle/classify.mjs describes: add a class for it, then make kalint report it or explain in KNOWN-DIFFERENCES.md why not',
      ]);
    }
  });

  it('fails on a miss of a named class that no row explains, and passes with the row', () => {
    const text = 'global_defs {\n    umask web\n}\n';
    const stderr = '(case.conf: Line 2) Unknown umask bit web\n';
    const bare = assess([result(text, stderr)], []);
    expect(failures(bare)).toEqual(['case.conf:2: miss [value] not in KNOWN-DIFFERENCES.md: keepalived: Unknown umask bit web']);
    const waived = assess([result(text, stderr)], parseKnown(`${TABLE_HEAD}| \`case.conf\` | 2 | miss | value | umask bit | a reason |\n`));
    expect(failures(waived)).toEqual([]);
  });

  it('names a row that explained nothing, when asked to', () => {
    const report = assess([result('global_defs {\n}\n', '')], parseKnown(`${TABLE_HEAD}| \`case.conf\` | 2 | miss | value | umask bit | a reason |\n`));
    expect(failures(report)).toEqual([]);
    expect(failures(report, { unusedRows: true })).toEqual(['KNOWN-DIFFERENCES.md: the row `case.conf` | 2 | miss | value | umask bit explains no difference any more: remove it']);
  });

  it('matches differences against the known-differences table', () => {
    const rows = parseKnown(`${TABLE_HEAD}| \`wild/*\` | * | miss | route | gw | why |\n`);
    expect(knownRow(rows, { kind: 'miss', input: 'wild/a.conf', line: 3, cls: 'route', keepalived: '"gw" for routes' })?.reason).toBe('why');
    expect(knownRow(rows, { kind: 'false-error', input: 'wild/a.conf', line: 3, cls: 'route', kalint: 'gw' })).toBeUndefined();
  });

  it('refuses a waiver row for any class, for a class that does not exist, or without a reason', () => {
    expect(() => parseKnown(`${TABLE_HEAD}| \`*\` | * | miss | * | * | everything |\n`)).toThrow(/must name one class of classify\.mjs \(not \*\)/);
    expect(() => parseKnown(`${TABLE_HEAD}| \`*\` | * | miss | other | * | everything else |\n`)).toThrow(/no class 'other'/);
    expect(() => parseKnown(`${TABLE_HEAD}| \`*\` | * | miss | route | * |  |\n`)).toThrow(/gives no reason/);
  });

  it('reads KNOWN-DIFFERENCES.md: every row names a class and gives its reason', () => {
    const rows = parseKnown(readFileSync(here('KNOWN-DIFFERENCES.md'), 'utf8'));
    expect(rows.length).toBeGreaterThan(0);
  });
});

describe('kalint against keepalived -t', () => {
  it(
    `agrees on the corpus and ${DEFAULT_GENERATED} generated configs (seed ${DEFAULT_SEED}), apart from the known differences`,
    async (context) => {
      if (!probe.ok) {
        context.skip(`oracle skipped: ${probe.reason}`);
        return;
      }
      const report = await runOracle({ corpusRoot, corpus, generated: DEFAULT_GENERATED, seed: DEFAULT_SEED, concurrency: 2, knownPath: here('KNOWN-DIFFERENCES.md') });
      expect(report.skipped).toBeUndefined();
      expect(failures(report, { unusedRows: corpus }), `keepalived messages without a class, differences not in KNOWN-DIFFERENCES.md, or stale rows (npm run oracle lists them)`).toEqual([]);
      const agree = [...report.matrix.values()].reduce((n: number, r: { agree: number }) => n + r.agree, 0);
      expect(agree).toBeGreaterThan(corpus ? 300 : 50);
    },
    240_000,
  );
});
