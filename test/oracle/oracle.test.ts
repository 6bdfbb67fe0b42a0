/**
 * kalint against the real keepalived (`keepalived -t`, see harness.mjs): the shared corpus plus configs generated
 * from a fixed seed. Fails on any difference that is neither fixed nor explained in KNOWN-DIFFERENCES.md.
 * Needs root and keepalived (CI has both); elsewhere the test is reported as skipped, with the reason.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
// @ts-ignore -- plain ESM modules without type declarations, shared with `npm run oracle`
import { DEFAULT_GENERATED, DEFAULT_SEED, differencesMarkdown, knownRow, parseKnown, runOracle } from './harness.mjs';
// @ts-ignore -- as above
import { oracleAvailable } from './keepalived.mjs';
// @ts-ignore -- as above
import { classifyKeepalived, parseMessages } from './classify.mjs';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
const corpusRoot = here('../../../shared/corpus/');
const corpus = existsSync(`${corpusRoot}ORACLE.tsv`);

const probe = oracleAvailable();
if (probe.ok) probe.dispose();
else console.warn(`oracle skipped: ${probe.reason}`);

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

  it('matches differences against the known-differences table', () => {
    const rows = parseKnown('| input | line | kind | class | message | reason |\n| --- | --- | --- | --- | --- | --- |\n| `wild/*` | * | miss | route | gw | why |\n');
    expect(knownRow(rows, { kind: 'miss', input: 'wild/a.conf', line: 3, cls: 'route', keepalived: '"gw" for routes' })?.reason).toBe('why');
    expect(knownRow(rows, { kind: 'false-error', input: 'wild/a.conf', line: 3, cls: 'route', kalint: 'gw' })).toBeUndefined();
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
      const unknown = { ...report, differences: report.unknown };
      expect(report.unknown, `differences not in KNOWN-DIFFERENCES.md (npm run oracle lists them):\n${differencesMarkdown(unknown)}`).toEqual([]);
      const agree = [...report.matrix.values()].reduce((n: number, r: { agree: number }) => n + r.agree, 0);
      expect(agree).toBeGreaterThan(corpus ? 300 : 50);
    },
    240_000,
  );
});
