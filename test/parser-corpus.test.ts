import { describe, expect, it } from 'vitest';
import { parse } from '@kalint/parser';
import { corpusPresent, corpusText, messageLine, oracle } from './corpus.js';

/** keepalived's messages about the structure of the text (braces and quotes). */
const structural = /Extra '}' found|missing '}'s|Missing '\{'|Unmatched quote|Unterminated quote/;

describe.skipIf(!corpusPresent)('the parser on the shared corpus', () => {
  const entries = oracle();

  it('covers all 173 files', () => {
    expect(entries).toHaveLength(173);
  });

  it('parses every file without throwing, and never reports an internal error', () => {
    for (const { file } of entries) {
      const result = parse(corpusText(file), { file });
      expect(result.ast.type, file).toBe('ConfigFile');
      expect(result.diagnostics.filter((d) => d.code === 'internal-error'), file).toEqual([]);
    }
  });

  it('finds no syntax error where keepalived read the whole file without trouble with braces or quotes', () => {
    // Exit 2: keepalived stopped at a missing parameter and never read the rest.
    const clean = entries.filter((e) => e.exitCode !== 2 && !e.messages.some((m) => structural.test(m) || /Unexpected '\{'/.test(m)));
    expect(clean.length).toBeGreaterThan(150);
    for (const { file } of clean) {
      const errors = parse(corpusText(file), { file }).diagnostics.filter((d) => d.severity === 'error');
      expect(errors.map((d) => `${d.range.start.line + 1}: ${d.message}`), file).toEqual([]);
    }
  });

  it("reports an extra '}' at the line keepalived names", () => {
    const extra = entries.filter((e) => e.messages.some((m) => m.includes("Extra '}' found")));
    expect(extra.length).toBeGreaterThan(0);
    for (const { file, messages } of extra) {
      const lines = new Set(messages.filter((m) => m.includes("Extra '}' found")).map(messageLine));
      const found = parse(corpusText(file), { file }).diagnostics.filter((d) => d.code === 'extra-close-brace');
      expect(new Set(found.map((d) => d.range.start.line + 1)), file).toEqual(lines);
    }
  });

  it("reports as many unclosed blocks as keepalived counts missing '}'", () => {
    const missing = entries.filter((e) => e.messages.some((m) => m.includes("missing '}'s")));
    expect(missing.length).toBeGreaterThan(0);
    for (const { file, messages } of missing) {
      const count = Number(/There are (\d+) missing/.exec(messages.find((m) => m.includes("missing '}'s"))!)![1]);
      const found = parse(corpusText(file), { file }).diagnostics.filter((d) => d.code === 'missing-close-brace');
      expect(found, file).toHaveLength(count);
    }
  });
});
