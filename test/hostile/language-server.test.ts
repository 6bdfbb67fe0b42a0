/**
 * The language server's features, in-process (test/fuzz/checks.ts), on hostile documents: each
 * request answers within 15 s without throwing. 100,000 nested blocks used to
 * overflow the stack in the outline and folding, and code actions for a request carrying every
 * diagnostic took close to a minute (a scan per diagnostic and a split of the text per action).
 */
import { readFileSync } from 'node:fs';
import { describe, it } from 'vitest';
import { checkLanguageServer } from '../fuzz/checks.js';

const DEEP = 100_000;

describe('every language server request on hostile documents', () => {
  const documents: Array<[string, () => string]> = [
    ['100,000 unclosed blocks', () => 'vrrp_instance VI_1 {\n'.repeat(DEEP)],
    ['100,000 nested blocks', () => 'global_defs {\n' + 'a {\n'.repeat(DEEP) + '}\n'.repeat(DEEP + 1)],
    ['100,000 braces on one line', () => '{'.repeat(DEEP) + '}'.repeat(DEEP)],
    ['NUL bytes', () => 'global_defs {\n\u0000 router_id a\u0000b\n}\u0000\n'.repeat(1000)],
    ['a binary file (/bin/ls)', () => readFileSync('/bin/ls').toString('utf8')],
  ];
  for (const [name, text] of documents) {
    // Megabytes of text: a lint job takes a second or two here, so a wider bound than the fuzzing's.
    it(name, () => checkLanguageServer(text(), [0, 0.5, 1], 15_000));
  }
});
