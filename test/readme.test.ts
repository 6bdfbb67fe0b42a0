import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ruleMetas } from '@kalint/linter';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

describe('the README', () => {
  it('lists every rule id kalint can report with its default severity, fixability and description', () => {
    for (const meta of ruleMetas) {
      const row = readme.split('\n').find((line) => line.startsWith(`| [${meta.id}](`));
      expect(row, meta.id).toBeDefined();
      const [, severity, fix, description] = row!.split(' | ');
      expect([severity, fix === 'yes', description], meta.id).toEqual([meta.defaultSeverity, meta.fixable, `${meta.description} |`]);
    }
    const listed = readme.split('\n').filter((line) => /^\| \[[a-z0-9-]+\]\(packages\/linter\/docs\/rules\//.test(line));
    expect(listed).toHaveLength(ruleMetas.length);
  });
});
