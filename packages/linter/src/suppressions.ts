/**
 * Inline suppressions in comments:
 *   `# kalint-disable-next-line RULE[, RULE...] [-- reason]`  the next line
 *   `# kalint-disable-line RULE[, RULE...] [-- reason]`       the comment's own line
 *   `# kalint-disable RULE[, RULE...] [-- reason]`            from here to a matching
 *   `# kalint-enable RULE[, RULE...]`                          kalint-enable, or to the end of the file
 * A suppression that silences nothing, names a rule kalint does not have, or an enable that closes
 * nothing is itself reported (`unused-suppression`), so stale and mistyped ones do not pile up.
 */
import type { Comment } from '@kalint/parser';
import { suggest } from './messages.js';
import { unusedSuppression } from './rules/unused-suppression.js';
import type { Diagnostic, Severity } from './types.js';


type Kind = 'disable-next-line' | 'disable-line' | 'disable' | 'enable';

interface Directive {
  comment: Comment;
  kind: Kind;
  rules: string[];
}

interface Suppression {
  comment: Comment;
  kind: Exclude<Kind, 'enable'>;
  rule: string;
  /** 0-based lines covered, inclusive; `last` is Infinity up to the end of the file. */
  first: number;
  last: number;
  used: boolean;
}

/** `kalint-KIND [RULE[, RULE...]] [-- reason]`. */
const directive = /^[#!]\s*kalint-(disable-next-line|disable-line|disable|enable)(?=\s|$)(.*)$/;

function directivesOf(comments: Comment[]): Directive[] {
  const found: Directive[] = [];
  for (const comment of comments) {
    const match = directive.exec(comment.raw.trim());
    if (!match) continue;
    const list = match[2]!.split(/(?:^|\s)--(?:\s|$)/)[0]!;
    const rules = list.split(/[\s,]+/).filter((r) => r !== '');
    found.push({ comment, kind: match[1] as Kind, rules });
  }
  return found;
}

/**
 * Drop suppressed diagnostics of `file`. With `reportUnused`, add a finding for each suppression
 * that matched nothing, each rule id that is not in `knownRules`, and each enable that closes no
 * disable.
 */
export function applySuppressions(
  file: string,
  comments: Comment[],
  diagnostics: Diagnostic[],
  /** The severity of `unused-suppression` findings; undefined: they are off. */
  reportUnused: Severity | undefined,
  knownRules: ReadonlySet<string>,
  /** Rules no comment silences (`RuleMeta.suppressible` false). */
  unsuppressible: ReadonlySet<string> = new Set(),
): Diagnostic[] {
  const directives = directivesOf(comments);
  if (directives.length === 0) return diagnostics;
  const problems: Diagnostic[] = [];
  const problem = (d: Directive, message: string, removable: boolean) => {
    const finding: Diagnostic = { ruleId: unusedSuppression.meta.id, severity: reportUnused ?? 'warning', message, file, range: d.comment.range };
    if (removable) finding.fix = { description: 'Remove the unused suppression', edits: [{ file, range: d.comment.range, text: '' }] };
    problems.push(finding);
  };

  const suppressions: Suppression[] = [];
  /** Open `kalint-disable` ranges by rule. */
  const open = new Map<string, Suppression>();
  for (const d of directives) {
    const line = d.comment.range.start.line;
    if (d.rules.length === 0) {
      problem(d, `kalint-${d.kind} names no rule: list the rule ids it applies to`, false);
      continue;
    }
    const unknown = d.rules.filter((r) => !knownRules.has(r));
    for (const rule of unknown) {
      const near = suggest(rule, knownRules).near;
      const hint = near.length > 0 ? `; did you mean '${near[0]}'?` : '';
      problem(d, `kalint-${d.kind} names '${rule}', which is not a kalint rule${hint}`, false);
    }
    for (const rule of d.rules) {
      if (!knownRules.has(rule)) continue;
      if (d.kind === 'enable') {
        const range = open.get(rule);
        if (range) {
          range.last = line;
          open.delete(rule);
        } else {
          problem(d, `kalint-enable ${rule} closes no kalint-disable ${rule} above it${d.rules.length === 1 ? '; remove it' : ''}`, d.rules.length === 1);
        }
        continue;
      }
      const first = d.kind === 'disable-next-line' ? line + 1 : line;
      const suppression: Suppression = { comment: d.comment, kind: d.kind, rule, first, last: d.kind === 'disable' ? Infinity : first, used: false };
      suppressions.push(suppression);
      if (d.kind === 'disable' && !open.has(rule)) open.set(rule, suppression);
    }
  }

  const kept = diagnostics.filter((d) => {
    if (d.file !== file || unsuppressible.has(d.ruleId)) return true;
    const line = d.range.start.line;
    const by = suppressions.find((s) => s.rule === d.ruleId && s.first <= line && line <= s.last);
    if (!by) return true;
    by.used = true;
    return false;
  });
  if (reportUnused === undefined) return kept;
  // One finding per comment, naming every rule of it that silenced nothing.
  const unusedByComment = new Map<Comment, Suppression[]>();
  for (const s of suppressions) {
    if (s.used) continue;
    const list = unusedByComment.get(s.comment);
    if (list) list.push(s);
    else unusedByComment.set(s.comment, [s]);
  }
  const ruleCount = new Map(directives.map((d) => [d.comment, d.rules.length]));
  for (const [comment, unused] of unusedByComment) {
    // Removing the comment is safe only when none of its rules silences anything.
    const whole = unused.length === ruleCount.get(comment);
    const kind = unused[0]!.kind;
    problem({ comment, kind, rules: [] }, `kalint-${kind} ${unused.map((s) => s.rule).join(', ')} suppresses nothing here; ${whole ? 'remove it' : 'remove it from the list'}`, whole);
  }
  return kept.concat(problems);
}
