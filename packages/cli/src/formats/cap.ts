/**
 * The line formats (stylish, gcc, github) show at most `MAX_SHOWN_PER_RULE` findings of one rule in
 * one file. 150,000 lines each reporting the same unknown keyword, or 100,000 vrrp_scripts a
 * `~SEQ` made, are one problem repeated: a person reads the first ones, and printing the rest took
 * longer than the lint. The rest are counted in one more finding, where the first left out stands.
 * JSON and SARIF, read by tools, list everything; the exit status and the summary count all.
 *
 * `syntax` is not cut here: the parser already lists at most 100 of each kind of syntax problem
 * per file (one rule, many kinds, and a "kalint stopped reading here" among them must show).
 */
import type { Diagnostic } from '@kalint/linter';

export const MAX_SHOWN_PER_RULE = 100;

/** `diagnostics` in order, at most MAX_SHOWN_PER_RULE of one rule, and one "and N more" per rule cut. */
export function shownDiagnostics(diagnostics: Diagnostic[]): Diagnostic[] {
  const counts = new Map<string, number>();
  const cut = new Map<string, { index: number; first: Diagnostic }>();
  const shown: Diagnostic[] = [];
  for (const d of diagnostics) {
    const n = (counts.get(d.ruleId) ?? 0) + 1;
    counts.set(d.ruleId, n);
    if (n <= MAX_SHOWN_PER_RULE || d.ruleId === 'syntax') {
      shown.push(d);
    } else if (n === MAX_SHOWN_PER_RULE + 1) {
      // A place for the count, filled in once it is known.
      cut.set(d.ruleId, { index: shown.length, first: d });
      shown.push(d);
    }
  }
  for (const [ruleId, { index, first }] of cut) {
    const more = counts.get(ruleId)! - MAX_SHOWN_PER_RULE;
    shown[index] = {
      ruleId,
      severity: first.severity,
      file: first.file,
      range: first.range,
      message: `and ${more.toLocaleString('en')} more '${ruleId}' ${more === 1 ? 'finding' : 'findings'} in this file, the first of them here (${MAX_SHOWN_PER_RULE} of each rule are shown per file; --format json lists all)`,
    };
  }
  return shown;
}
