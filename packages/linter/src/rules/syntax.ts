import type { Rule } from '../types.js';

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
  check({ project, report }) {
    for (const file of project.files) {
      for (const d of file.syntax) {
        report({ message: d.message, at: d, ...(d.severity === 'warning' ? { severity: 'warning' } : {}) });
      }
    }
  },
};
