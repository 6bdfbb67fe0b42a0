/** The peers rules, in the order they run (see rules/index.ts). */
import type { Rule } from '../types.js';

export const peersRules: readonly Rule[] = [];
