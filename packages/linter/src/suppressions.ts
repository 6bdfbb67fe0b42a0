/**
 * Inline suppressions in comments:
 *   `# kalint-disable-next-line RULE[, RULE...] [-- reason]`  the next line
 *   `# kalint-disable RULE[, RULE...] [-- reason]`            the whole file
 * A suppression that silences nothing is itself reported, so stale ones do not pile up.
 */
import type { Comment } from '@kalint/parser';
import type { Diagnostic } from './types.js';

interface Suppression {
  comment: Comment;
  rules: string[];
  /** 0-based line it covers, or null for the whole file. */
  line: number | null;
  used: Set<string>;
}

/** `kalint-disable[-next-line] RULE[, RULE...]`, optionally followed by ` -- reason`. */
const directive = /^[#!]\s*kalint-(disable-next-line|disable)\s+(.*?)\s*(?:\s--(?:\s.*)?)?$/;

function suppressionsOf(comments: Comment[]): Suppression[] {
  const found: Suppression[] = [];
  for (const comment of comments) {
    const match = directive.exec(comment.raw.trim());
    if (!match) continue;
    const rules = match[2]!.split(/[\s,]+/).filter((r) => r !== '');
    const line = match[1] === 'disable-next-line' ? comment.range.start.line + 1 : null;
    found.push({ comment, rules, line, used: new Set() });
  }
  return found;
}

/** Drop suppressed diagnostics of `file`; add a warning for each suppression that matched nothing. */
export function applySuppressions(file: string, comments: Comment[], diagnostics: Diagnostic[], reportUnused: boolean): Diagnostic[] {
  const suppressions = suppressionsOf(comments);
  if (suppressions.length === 0) return diagnostics;
  const kept = diagnostics.filter((d) => {
    if (d.file !== file || d.ruleId === 'syntax') return true;
    const by = suppressions.find((s) => s.rules.includes(d.ruleId) && (s.line === null || s.line === d.range.start.line));
    if (!by) return true;
    by.used.add(d.ruleId);
    return false;
  });
  if (!reportUnused) return kept;
  for (const s of suppressions) {
    const unused = s.rules.filter((r) => !s.used.has(r));
    if (unused.length === 0) continue;
    kept.push({
      ruleId: 'unused-suppression',
      severity: 'warning',
      message: `kalint-${s.line === null ? 'disable' : 'disable-next-line'} ${unused.join(', ')} suppresses nothing here; remove it`,
      file,
      range: s.comment.range,
      fix: { description: 'Remove the unused suppression', edits: [{ file, range: s.comment.range, text: '' }] },
    });
  }
  return kept;
}
