import { describe, expect, it } from 'vitest';
import { lint } from '@kalint/linter';
import { acceptedByKeepalived, corpusPresent, corpusText, oracle } from './corpus.js';

describe.skipIf(!corpusPresent)('the linter on the shared corpus', () => {
  const entries = oracle();
  const accepted = entries.filter(acceptedByKeepalived);

  it('finds the configs keepalived 2.2.7 accepts', () => {
    // 24 files exit 0; the rest of these only drew messages about the oracle's machine.
    expect(accepted.length).toBeGreaterThan(60);
  });

  it('reports no error on any config keepalived accepts', () => {
    for (const { file } of accepted) {
      const { files } = lint([{ path: file, text: corpusText(file) }]);
      const errors = files.flatMap((f) => f.diagnostics).filter((d) => d.severity === 'error');
      expect(errors.map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${d.ruleId}: ${d.message}`), file).toEqual([]);
    }
  });

  it('lints every file without throwing', () => {
    for (const { file } of entries) {
      expect(() => lint([{ path: file, text: corpusText(file) }]), file).not.toThrow();
    }
  });
});
