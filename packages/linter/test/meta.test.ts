import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { rules } from '@kalint/linter';

const root = new URL('../', import.meta.url);
const path = (p: string) => new URL(p, root);

describe('every rule', () => {
  it('has a unique id that names its source file', () => {
    const ids = rules.map((r) => r.meta.id);
    expect(new Set(ids).size).toBe(ids.length);
    const sources = readdirSync(path('src/rules/')).filter((f) => f.endsWith('.ts') && f !== 'index.ts').map((f) => f.slice(0, -3));
    expect(sources.sort()).toEqual([...ids].sort());
  });

  for (const rule of rules) {
    it(`${rule.meta.id} has a doc page with what, why, bad and good examples and when to turn it off`, () => {
      const doc = path(`docs/rules/${rule.meta.id}.md`);
      expect(existsSync(doc), `docs/rules/${rule.meta.id}.md`).toBe(true);
      const text = readFileSync(doc, 'utf8');
      expect(text.startsWith(`# ${rule.meta.id}\n`)).toBe(true);
      for (const section of ['## What it reports', '## Why', '## Bad', '## Good', '## When to turn it off']) {
        expect(text, `${rule.meta.id}: ${section}`).toContain(section);
      }
    });

    it(`${rule.meta.id} has a valid/invalid test table`, () => {
      const test = path(`test/rules/${rule.meta.id}.test.ts`);
      expect(existsSync(test), `test/rules/${rule.meta.id}.test.ts`).toBe(true);
      const text = readFileSync(test, 'utf8');
      expect(text).toContain('testRule(');
      expect(text).toMatch(/invalid:\s*\[\s*\{/);
    });

    it(`${rule.meta.id} has a description and a default severity`, () => {
      expect(rule.meta.description.length).toBeGreaterThan(10);
      expect(['off', 'warn', 'error']).toContain(rule.meta.defaultSeverity);
    });
  }
});
