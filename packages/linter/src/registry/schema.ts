/** The schema rules, in the order they run (see rules/index.ts). */
import type { Rule } from '../types.js';

export const schemaRules: readonly Rule[] = [];
