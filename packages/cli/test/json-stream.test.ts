import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from '@kalint/parser';
import { writeJson } from '../src/json-stream.js';
import { repo } from './helpers.js';

const written = (value: unknown, skip?: Set<string>) => {
  const chunks: string[] = [];
  writeJson(value, (c) => chunks.push(c), skip);
  return chunks.join('');
};

describe('writeJson', () => {
  it('writes what JSON.stringify writes, for any JSON value', () => {
    fc.assert(fc.property(fc.jsonValue(), (value) => {
      expect(written(value)).toBe(JSON.stringify(value));
    }), { numRuns: 500 });
  });

  it('leaves out undefined members and skipped keys as a replacer would, and writes undefined items as null', () => {
    const value = { a: undefined, b: [undefined, 1], spec: { x: 1 }, c: { spec: 2, d: 'é"\n' } };
    expect(written(value, new Set(['spec']))).toBe(JSON.stringify(value, (k, v) => (k === 'spec' ? undefined : v)));
  });

  it('writes a parse result as JSON.stringify does', () => {
    const text = readFileSync(join(repo, 'fixtures/article-pair/ha1.conf'), 'utf8');
    const { ast, diagnostics } = parse(text, { file: 'ha1.conf' });
    const value = { file: 'ha1.conf', diagnostics, ast };
    expect(written(value, new Set(['spec']))).toBe(JSON.stringify(value, (k, v) => (k === 'spec' ? undefined : v)));
  });

  it('writes a tree too deep for JSON.stringify', () => {
    let deep: unknown = [];
    for (let i = 0; i < 200_000; i++) deep = { b: [deep] };
    expect(() => JSON.stringify(deep)).toThrow(RangeError);
    const text = written(deep);
    expect([text.length, text.slice(0, 12), text.slice(-6)]).toEqual([200_000 * 8 + 2, '{"b":[{"b":[', ']}]}]}']);
  });
});
