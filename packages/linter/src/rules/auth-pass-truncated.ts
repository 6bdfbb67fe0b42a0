import { AUTH_PASS_BYTES, isExpanded } from '@kalint/model';
import type { Rule } from '../types.js';

/** `auth_pass` longer than 8 bytes: keepalived silently keeps only the first 8. */
export const authPassTruncated: Rule = {
  meta: {
    id: 'auth-pass-truncated',
    description: 'auth_pass longer than 8 characters: keepalived uses only the first 8',
    defaultSeverity: 'warn',
    fixable: true,
    scope: 'file',
  },
  instance(instance, { report }) {
    const pass = instance.authPass;
    if (!pass || pass.origin.kind !== 'written') return;
    // The word as written; the model's value is what keepalived keeps of it.
    const word = pass.origin.statement.args[0]!;
    const length = new TextEncoder().encode(word.text).length;
    if (length <= AUTH_PASS_BYTES) return;
    const used = pass.value;
    const fixable = !isExpanded(word) && used.length > 0 && !/[\s"#!{}\\]/.test(used);
    report({
      message:
        `auth_pass '${word.text}' is ${length} characters long; keepalived uses only the first ${AUTH_PASS_BYTES} ('${used}') ` +
        `and reports "Truncating auth_pass to ${AUTH_PASS_BYTES} characters" (keepalived -t exits 5). Write the ${AUTH_PASS_BYTES} characters it uses.`,
      at: word,
      ...(fixable
        ? {
            fix: {
              description: `Shorten auth_pass to '${used}', the part keepalived uses`,
              edits: [{ file: word.file, range: word.range, text: word.quoted ? `"${used}"` : used }],
            },
          }
        : {}),
    });
  },
};
