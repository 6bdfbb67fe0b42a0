/**
 * Parse, lint, format and every language server feature on generated input: none throws, each
 * call answers within the bound (test/fuzz/checks.ts), results stay inside the text, formatting
 * is stable. A few seconds per suite here; `npm run fuzz` runs the same suites for minutes.
 */
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { checkEverything, checkLanguageServer } from './checks.js';
import { suites } from './suites.js';

describe('every entry point on generated input', () => {
  for (const suite of suites) {
    it.skipIf(suite.skip !== undefined)(suite.name, () => {
      fc.assert(suite.property(), { numRuns: 200, includeErrorInReport: true });
    });
  }
});

describe('inputs fuzzing found', () => {
  it('completion, hover and signature help at the very start of a text that starts with a line break answer (they used to loop forever)', () => {
    for (const text of ['\n', '\n\nvrrp_instance x {\n', '\r\n}']) checkLanguageServer(text, [0]);
  });

  it('a bare include followed by blanks keeps its blank when formatted (it used to become a keyword)', () => {
    for (const text of ['include\t', 'include \n! c\n', '  include \t\n']) checkEverything(text, [0]);
  });

  it('deeply nested blocks are refused by the formatter (too-deep), not reported as unsafe', () => {
    checkEverything('global_defs {\n' + 'a {\n'.repeat(1500) + '}\n'.repeat(1501), [0, 0.5, 1]);
  });

  it("a vertical tab or form feed after a quote left open or a `\\` is kept when formatted (keepalived's script reading refuses `'\\v`, not `'`)", () => {
    for (const text of ["'\u000b", "'\u000c", "a '\u000b", "'\u000b\n", "x '\u000b # c", "x '\u000b{\n}", "x a\\\u000b"]) checkEverything(text, [0]);
  });
});
