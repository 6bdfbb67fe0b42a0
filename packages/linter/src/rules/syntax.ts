import type { Include, SyntaxDiagnostic } from '@kalint/parser';
import type { RuleMeta, Rule } from '../types.js';

/**
 * Parser findings about an include that may leave it unread (its `files` empty). A cycle or too
 * deep a nesting is an error to fix in any case, and is not given the longer message.
 */
const UNREAD = new Set(['include-not-found', 'include-unreadable']);

/** Structural problems found by the parser: braces, quotes, block keywords without a block, includes. */
export const syntax: Rule = {
  meta: {
    id: 'syntax',
    suppressible: false,
    description: "Text keepalived cannot read as intended: unbalanced braces, unclosed quotes, a block keyword without '{', broken includes",
    defaultSeverity: 'error',
    fixable: false,
    scope: 'file',
  },
  file(file, { enabledRules, report }) {
    // Rules that stand down while an include is unread: its finding says so, or a typo the
    // checks would catch goes unreported with nothing saying why.
    const standingDown = enabledRules.filter((meta) => meta.needsEveryInclude !== undefined);
    const unread = new Map<string, Include>();
    if (standingDown.length > 0) for (const include of file.ast.includes) if (include.files.length === 0) unread.set(placeOf(include), include);
    for (const d of file.syntax) {
      let message = d.message;
      const include = UNREAD.has(d.code) ? unread.get(placeOf(d)) : undefined;
      if (include !== undefined) {
        // Once per configuration, on the first such finding: the checks are off for all of it.
        unread.clear();
        message += checksOff(include, d, standingDown);
      }
      report({ message, at: d, ...(d.severity === 'warning' ? { severity: 'warning' } : {}) });
    }
  },
};

function placeOf(at: Include | SyntaxDiagnostic): string {
  return `${at.file}\0${at.range.start.offset}`;
}

/** What an unread include turns off, and, for a pattern that matched nothing, the way to read it. */
function checksOff(include: Include, d: SyntaxDiagnostic, standingDown: readonly RuleMeta[]): string {
  const checks = standingDown.map((meta) => `${meta.needsEveryInclude} (${meta.id})`).join(', ');
  let text = `; with this include unread, these checks are off for this configuration (its files may define or use what they look for): ${checks}.`;
  if (d.code === 'include-not-found' && include.readFrom === undefined) {
    const from = include.pattern.startsWith('/') ? deployedDirectoryOf(include.pattern) : 'FROM';
    text += ` If the files are kept in this repository, map the deployed directory onto theirs: --include-root ${from}=DIR, or "includeRoots" in .kalintrc.json.`;
  }
  return text;
}

/** The directory an absolute include pattern names before its first wildcard or brace. */
function deployedDirectoryOf(pattern: string): string {
  const magic = pattern.search(/[*?[{\\]/);
  const literal = magic < 0 ? pattern : pattern.slice(0, magic);
  return literal.slice(0, literal.lastIndexOf('/')) || '/';
}
