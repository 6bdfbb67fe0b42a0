import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse, walk, type ConfigFile, type Range, type Word } from '@kalint/parser';
import { corpusPresent, corpusText, oracle } from './corpus.js';
import { configLike as configLikeText, corpusEdit, mutate } from './fuzz/arbitraries.js';

const configLike = configLikeText(200);

/** The text between two offsets of the parsed file, for ranges of unexpanded words. */
function slice(text: string, range: Range): string {
  return text.slice(range.start.offset, range.end.offset);
}

function lineAndCharacter(text: string, offset: number): [number, number] {
  const before = text.slice(0, offset);
  // Lines end at `\n` only: keepalived reads a lone `\r` as a blank.
  const lines = before.split('\n');
  return [lines.length - 1, lines[lines.length - 1]!.length];
}

function words(ast: ConfigFile): Word[] {
  const found: Word[] = [];
  for (const node of walk(ast)) {
    if (node.type === 'Statement') found.push(node.keyword, ...node.args);
    else if (node.type === 'Value') found.push(...node.words);
  }
  return found;
}

/** What must hold for any input: no throw, ranges inside the text, unexpanded words found at their range. */
function checkInvariants(text: string, configId?: string): void {
  const result = parse(text, { file: 'f.conf', ...(configId ? { configId } : {}) });
  expect(result.diagnostics.filter((d) => d.code === 'internal-error')).toEqual([]);
  for (const d of result.diagnostics) {
    expect(d.range.start.offset).toBeGreaterThanOrEqual(0);
    expect(d.range.end.offset).toBeLessThanOrEqual(text.length);
  }
  for (const word of words(result.ast)) {
    if (word.expansion) continue;
    expect(slice(text, word.range)).toBe(word.raw);
    expect(lineAndCharacter(text, word.range.start.offset)).toEqual([word.range.start.line, word.range.start.character]);
  }
}

describe('parse on generated input', () => {
  it('never throws on arbitrary text, and every word stands at its range', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (text) => checkInvariants(text)), { numRuns: 300 });
  });

  it('never throws on config-like text with every preprocessor construct', () => {
    fc.assert(
      fc.property(configLike, fc.constantFrom(undefined, 'main'), (text, configId) => checkInvariants(text, configId)),
      { numRuns: 500 },
    );
  });
});

describe.skipIf(!corpusPresent)('parse on mutated corpus configs', () => {
  const files = oracle().map((e) => e.file);

  it('never throws, and every unexpanded word stands at its range', () => {
    fc.assert(
      fc.property(fc.constantFrom(...files), fc.array(corpusEdit, { minLength: 1, maxLength: 6 }), (file, edits) => {
        checkInvariants(mutate(corpusText(file), edits));
      }),
      { numRuns: 300 },
    );
  });

  it('brace mutations that unbalance a file are reported', () => {
    // Runs whose file already has errors, has no brace, or whose brace sits on a line with a
    // comment or quote check nothing: count the runs that did, and fail when too few did.
    let checked = 0;
    fc.assert(
      fc.property(fc.constantFrom(...files), fc.double({ min: 0, max: 0.999, noNaN: true }), (file, at) => {
        const text = corpusText(file);
        if (parse(text, { file }).diagnostics.some((d) => d.severity === 'error')) return;
        const braces = [...text.matchAll(/[{}]/g)].map((m) => m.index!);
        if (braces.length === 0) return;
        const i = braces[Math.floor(at * braces.length)]!;
        // Dropping one brace outside comments and quotes leaves keepalived's brace count off by one.
        const line = text.slice(text.lastIndexOf('\n', i) + 1, i);
        if (/[#!"]/.test(line)) return;
        const broken = text.slice(0, i) + text.slice(i + 1);
        const codes = parse(broken, { file }).diagnostics.map((d) => d.code);
        expect(codes.some((c) => /brace|block/.test(c)), `${file} without the brace at ${i}`).toBe(true);
        checked++;
      }),
      { numRuns: 300 },
    );
    expect(checked, 'runs that dropped a brace and checked the diagnostics').toBeGreaterThanOrEqual(200);
  });
});
