import type { Word } from '@kalint/parser';
import type { Rule } from '../types.js';
import { isExpanded } from '../semantic-util.js';

/** The VRRPv2 authentication field holds 8 bytes (`auth_data[8]` in keepalived). */
const AUTH_PASS_BYTES = 8;

/** Keep whole characters: cut `text` to at most `bytes` UTF-8 bytes, as keepalived's byte copy would. */
function firstBytes(text: string, bytes: number): string {
  const encoded = new TextEncoder().encode(text).slice(0, bytes);
  return new TextDecoder('utf-8', { fatal: false }).decode(encoded).replace(/\uFFFD$/, '');
}

/** `auth_pass` longer than 8 bytes: keepalived silently keeps only the first 8. */
export const authPassTruncated: Rule = {
  meta: {
    id: 'auth-pass-truncated',
    description: 'auth_pass longer than 8 characters: keepalived uses only the first 8',
    defaultSeverity: 'warn',
    fixable: true,
    scope: 'file',
  },
  check({ project, report }) {
    for (const file of project.files) {
      for (const instance of file.model.instances) {
        const pass = instance.authPass;
        if (!pass) continue;
        const length = new TextEncoder().encode(pass.value).length;
        if (length <= AUTH_PASS_BYTES) continue;
        const used = firstBytes(pass.value, AUTH_PASS_BYTES);
        // The model keeps the auth_pass word itself.
        const word = pass.at as Word;
        const fixable = !isExpanded(word) && used.length > 0 && !/[\s"#!{}\\]/.test(used);
        report({
          message:
            `auth_pass '${pass.value}' is ${length} characters long; keepalived uses only the first ${AUTH_PASS_BYTES} ('${used}') ` +
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
      }
    }
  },
};
