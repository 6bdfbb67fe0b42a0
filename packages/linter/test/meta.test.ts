import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ruleMetas, rules, unusedSuppression } from '@kalint/linter';

const root = new URL('../', import.meta.url);
const path = (p: string) => new URL(p, root);

describe('every rule', () => {
  it('has a unique id that names its source file', () => {
    const ids = rules.map((r) => r.meta.id);
    expect(new Set(ids).size).toBe(ids.length);
    const sources = readdirSync(path('src/rules/')).filter((f) => f.endsWith('.ts') && f !== 'index.ts').map((f) => f.slice(0, -3));
    expect(sources.sort()).toEqual([...ids].sort());
  });

  it('kalint can report exactly its rules, unused-suppression among them (one list, no special case)', () => {
    expect(ruleMetas.map((m) => m.id)).toEqual(rules.map((r) => r.meta.id));
    expect(rules).toContain(unusedSuppression);
  });

  for (const meta of ruleMetas) {
    it(`${meta.id} has a doc page with what, why, bad and good examples and when to turn it off`, () => {
      const doc = path(`docs/rules/${meta.id}.md`);
      expect(existsSync(doc), `docs/rules/${meta.id}.md`).toBe(true);
      const text = readFileSync(doc, 'utf8');
      expect(text.startsWith(`# ${meta.id}\n`)).toBe(true);
      for (const section of ['## What it reports', '## Why', '## Bad', '## Good', '## When to turn it off']) {
        expect(text, `${meta.id}: ${section}`).toContain(section);
      }
      expect(text, `${meta.id}: default`).toContain(`Default: **${meta.defaultSeverity}**.`);
    });

    it(`${meta.id} has a description and a default severity`, () => {
      expect(meta.description.length).toBeGreaterThan(10);
      expect(['off', 'warn', 'error']).toContain(meta.defaultSeverity);
    });
  }

  it('says what it leaves unchecked exactly when it stands down for an unread include (the include\'s finding lists these)', () => {
    const standsDown = rules.filter((r) => readFileSync(path(`src/rules/${r.meta.id}.ts`), 'utf8').includes('node.complete')).map((r) => r.meta.id);
    expect(rules.filter((r) => r.meta.needsEveryInclude !== undefined).map((r) => r.meta.id)).toEqual(standsDown);
    expect(standsDown).toContain('undefined-reference');
  });

  it('unused-suppression is tested by the suppression tests', () => {
    expect(readFileSync(path('test/suppressions.test.ts'), 'utf8')).toContain("'unused-suppression'");
  });

  // unused-suppression's findings come from applying suppressions: suppressions.test.ts tests it.
  for (const rule of rules.filter((r) => r !== unusedSuppression)) {
    it(`${rule.meta.id} has a valid/invalid test table`, () => {
      const test = path(`test/rules/${rule.meta.id}.test.ts`);
      expect(existsSync(test), `test/rules/${rule.meta.id}.test.ts`).toBe(true);
      const text = readFileSync(test, 'utf8');
      expect(text).toContain('testRule(');
      expect(text).toMatch(/invalid:\s*\[\s*\{/);
    });
  }
});
