/** The schema rules, in the order they run (see rules/index.ts). */
import { deprecatedKeyword } from '../rules/deprecated-keyword.js';
import { keywordVersion } from '../rules/keyword-version.js';
import { invalidArgument } from '../rules/invalid-argument.js';
import { misplacedKeyword } from '../rules/misplaced-keyword.js';
import { unknownKeyword } from '../rules/unknown-keyword.js';
import type { Rule } from '../types.js';

export const schemaRules: readonly Rule[] = [unknownKeyword, misplacedKeyword, keywordVersion, invalidArgument, deprecatedKeyword];
