/**
 * Valid/invalid tables for one rule, in the manner of ESLint's RuleTester: each case is real
 * config text; invalid cases list the findings a user would see (1-based line and column).
 */
import { describe, expect, it } from 'vitest';
import { applyEdits, fixEdits, lint, parseSysctl, type Diagnostic, type LintOptions, type Rule } from '@kalint/linter';

export interface Expected {
  /** File of the finding (default: the only or first file). */
  file?: string;
  line: number;
  column: number;
  /** Exact message, or a pattern it must match. */
  message?: string | RegExp;
  severity?: Diagnostic['severity'];
}

export interface Case {
  name?: string;
  /** One config, or several files linted together (HA peers). */
  code: string | Record<string, string>;
  /** Real servers' sysctl files by address. */
  hosts?: Record<string, string>;
  options?: Omit<LintOptions, 'ruleSet' | 'hosts'>;
  errors?: Expected[];
  /** Text of each file after applying every fix. */
  output?: string | Record<string, string>;
}

function files(code: Case['code']): Record<string, string> {
  return typeof code === 'string' ? { 'keepalived.conf': code } : code;
}

export function run(rule: Rule, testCase: Case) {
  const inputs = Object.entries(files(testCase.code)).map(([path, text]) => ({ path, text }));
  const hosts = new Map(Object.entries(testCase.hosts ?? {}).map(([address, text]) => [address, parseSysctl(text, `${address}.sysctl.conf`)]));
  // The rule alone: suppression comments in a case are not themselves checked.
  const result = lint(inputs, { ...testCase.options, rules: { 'unused-suppression': 'off', ...testCase.options?.rules }, ruleSet: [rule], hosts });
  return { result, diagnostics: result.files.flatMap((f) => f.diagnostics).filter((d) => d.ruleId === rule.meta.id), inputs };
}

function describeCase(testCase: Case, index: number): string {
  if (testCase.name) return testCase.name;
  const text = Object.values(files(testCase.code))[0]!;
  return `#${index + 1}: ${text.replace(/\s+/g, ' ').slice(0, 60)}`;
}

export function testRule(rule: Rule, tables: { valid: Array<Case | string>; invalid: Case[] }): void {
  describe(rule.meta.id, () => {
    describe('valid', () => {
      tables.valid.forEach((entry, index) => {
        const testCase = typeof entry === 'string' ? { code: entry } : entry;
        it(describeCase(testCase, index), () => {
          const { diagnostics } = run(rule, testCase);
          expect(diagnostics.map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${d.message}`)).toEqual([]);
        });
      });
    });
    describe('invalid', () => {
      tables.invalid.forEach((testCase, index) => {
        it(describeCase(testCase, index), () => {
          const { diagnostics, inputs } = run(rule, testCase);
          const expected = testCase.errors ?? [];
          expect(diagnostics.length, diagnostics.map((d) => `${d.file}:${d.range.start.line + 1}:${d.range.start.character + 1} ${d.message}`).join('\n')).toBe(expected.length);
          expected.forEach((e, i) => {
            const d = diagnostics[i]!;
            expect(d.file).toBe(e.file ?? inputs[0]!.path);
            expect([d.range.start.line + 1, d.range.start.character + 1]).toEqual([e.line, e.column]);
            if (typeof e.message === 'string') expect(d.message).toBe(e.message);
            else if (e.message) expect(d.message).toMatch(e.message);
            if (e.severity) expect(d.severity).toBe(e.severity);
          });
          if (testCase.output !== undefined) {
            const outputs = typeof testCase.output === 'string' ? { [inputs[0]!.path]: testCase.output } : testCase.output;
            for (const { path, text } of inputs) {
              expect(applyEdits(text, fixEdits(diagnostics, path)).text).toBe(outputs[path] ?? text);
            }
          }
        });
      });
      // A user's setting wins over whatever severity the rule picks for a finding.
      for (const setting of ['error', 'warn'] as const) {
        it(`--rule ${rule.meta.id}:${setting} makes every finding of every invalid case a${setting === 'error' ? 'n error' : ' warning'}`, () => {
          const seen: string[] = [];
          for (const testCase of tables.invalid) {
            const options = { ...testCase.options, rules: { ...testCase.options?.rules, [rule.meta.id]: setting } };
            for (const d of run(rule, { ...testCase, options }).diagnostics) seen.push(d.severity);
          }
          expect(seen.length).toBeGreaterThan(0);
          expect(new Set(seen)).toEqual(new Set([setting === 'error' ? 'error' : 'warning']));
        });
      }
    });
  });
}
