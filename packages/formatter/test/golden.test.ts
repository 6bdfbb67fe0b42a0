import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { format, type FormatOptions } from '@kalint/formatter';

const root = new URL('../../../fixtures/format/', import.meta.url);
const cases = readdirSync(root).sort();

describe('golden layouts (fixtures/format/<case>/{input,output}.conf)', () => {
  it('cover every layout rule', () => {
    expect(cases.length).toBeGreaterThanOrEqual(14);
  });

  for (const name of cases) {
    const read = (file: string) => readFileSync(new URL(`${name}/${file}`, root), 'utf8');
    const options: FormatOptions = existsSync(new URL(`${name}/options.json`, root)) ? JSON.parse(read('options.json')) : {};

    it(`${name}: formats input to output, and output stays as it is`, () => {
      const result = format(read('input.conf'), options);
      expect(result.text).toBe(read('output.conf'));
      expect(format(read('output.conf'), options).text).toBe(read('output.conf'));
      if (name === 'syntax-error-untouched') expect([result.refused, result.diagnostics[0]?.code]).toEqual(['syntax', 'extra-close-brace']);
      else expect(result.refused).toBeUndefined();
    });
  }
});
