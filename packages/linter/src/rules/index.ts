/** Every rule kalint has, in the order they run. Each lives in a file named after its id. */
import { peersRules } from '../registry/peers.js';
import { schemaRules } from '../registry/schema.js';
import { semanticRules } from '../registry/semantic.js';
import type { Rule } from '../types.js';
import { syntax } from './syntax.js';

export const rules: readonly Rule[] = [syntax, ...schemaRules, ...semanticRules, ...peersRules];
