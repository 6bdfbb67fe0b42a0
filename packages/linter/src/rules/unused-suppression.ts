import type { Rule } from '../types.js';

/**
 * A rule like the others (configured, listed and documented the same way) with no part of the
 * project to subscribe to: the engine applies suppressions after the other rules ran, and this is
 * what it reports then.
 */
export const unusedSuppression: Rule = {
  meta: {
    id: 'unused-suppression',
    description: 'A kalint-disable or kalint-enable comment that silences nothing, names an unknown rule, or closes nothing',
    defaultSeverity: 'warn',
    fixable: true,
    scope: 'file',
    suppressible: false,
  },
};
