import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { run, type Io } from '@kalint/cli';
import { format } from '@kalint/formatter';
import { parse, type ConfigFile, type Node } from '@kalint/parser';
import { corpusPresent, corpusRoot, corpusText, oracle } from './corpus.js';
import { layoutConfig } from './fuzz/arbitraries.js';

/** The tree keepalived reads, ranges aside: what formatting must never change. */
function shape(ast: ConfigFile): unknown {
  const visit = (nodes: Node[]): unknown[] =>
    nodes.map((node) => {
      switch (node.type) {
        case 'Statement':
          return [node.keyword.text, node.args.map((w) => w.raw), node.block ? [node.block.kind, visit(node.block.body)] : null];
        case 'Value':
          return ['=', node.words.map((w) => w.raw)];
        case 'Block':
          return ['{', visit(node.body)];
        case 'Include':
          return ['include', node.pattern];
        case 'Definition':
          return ['$', node.name, node.lines];
      }
    });
  return visit(ast.body);
}

/** Compare what keepalived reads before and after, in both views, comments included. */
function expectSameMeaning(before: string, after: string, configId?: string): void {
  for (const expand of [true, false]) {
    const options = { file: 'f.conf', expand, ...(configId ? { configId } : {}) };
    const a = parse(before, options).ast;
    const b = parse(after, options).ast;
    expect(shape(b)).toEqual(shape(a));
    expect(b.comments.map((c) => c.raw.trimEnd())).toEqual(a.comments.map((c) => c.raw.trimEnd()));
  }
}

describe.skipIf(!corpusPresent)('the formatter on the shared corpus', () => {
  const files = oracle().map((e) => e.file);

  it('keeps every word, brace and comment in order, is idempotent, or refuses a file it cannot read', () => {
    let formatted = 0;
    for (const file of files) {
      const text = corpusText(file);
      const result = format(text, { file });
      if (result.refused) {
        expect(result.refused, file).toBe('syntax');
        expect(result.text, file).toBe(text);
        expect(parse(text, { file }).diagnostics.some((d) => d.severity === 'error'), file).toBe(true);
        continue;
      }
      formatted++;
      expectSameMeaning(text, result.text);
      // The final check (keepalived's reading, kalint's tokens) never had to step in.
      expect(format(text, { file, verify: false }).text, file).toBe(result.text);
      expect(format(result.text).text, file).toBe(result.text);
    }
    expect(formatted).toBeGreaterThan(160);
  });
});

describe.skipIf(!corpusPresent)('kalint fmt --check on the shared corpus', () => {
  it('agrees with the formatter on every file: exit 1 exactly when the file would change or cannot be read', async () => {
    const quiet: Io = { stdout: () => {}, stderr: () => {}, isTTY: false, cwd: corpusRoot, readStdin: async () => '' };
    for (const { file } of oracle()) {
      const result = format(corpusText(file), { file });
      const code = await run(['fmt', '--check', file], quiet);
      expect(code, file).toBe(result.changed || result.refused ? 1 : 0);
    }
  });
});

describe('the formatter on generated configs', () => {
  it('preserves the tree and the comments, and is idempotent', () => {
    fc.assert(
      fc.property(layoutConfig, fc.constantFrom(2, 4, 'tab' as const), (text, indent) => {
        const result = format(text, { indent });
        if (result.refused) {
          // Only a file the parser cannot read is refused; the safety check never has to step in.
          expect(result.refused).toBe('syntax');
          expect(result.text).toBe(text);
          return;
        }
        expectSameMeaning(text, result.text);
        expect(format(text, { indent, verify: false }).text).toBe(result.text);
        expect(format(result.text, { indent }).text).toBe(result.text);
      }),
      { numRuns: 400 },
    );
  });
});

describe.skipIf(!corpusPresent)('the formatter on mutated corpus configs', () => {
  const files = oracle().map((e) => e.file);
  const edit = fc.record({ at: fc.double({ min: 0, max: 0.999, noNaN: true }), insert: fc.constantFrom(' ', '\n', '\t', '{', '}', '#', '"', '$X', '@id ', '~SEQ(i,1,2) ', '\\\n', '\r', '\0', '\f', '\\ ', '\\#') });

  it('preserves the tree and the comments, and is idempotent', () => {
    fc.assert(
      fc.property(fc.constantFrom(...files), fc.array(edit, { minLength: 1, maxLength: 5 }), fc.constantFrom(undefined, 'id'), (file, edits, configId) => {
        let text = corpusText(file);
        for (const { at, insert } of edits) {
          const i = Math.floor(at * text.length);
          text = text.slice(0, i) + insert + text.slice(i);
        }
        const result = format(text);
        if (result.refused) {
          // Only a file the parser cannot read is refused; the safety check never has to step in.
          expect(result.refused).toBe('syntax');
          expect(result.text).toBe(text);
          return;
        }
        expectSameMeaning(text, result.text, configId);
        expect(format(text, { verify: false }).text).toBe(result.text);
        expect(format(result.text).text).toBe(result.text);
      }),
      { numRuns: 200 },
    );
  });
});
