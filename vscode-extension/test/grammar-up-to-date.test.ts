/**
 * The committed TextMate grammar is what scripts/build-grammar.mjs generates from the current
 * keyword schema: a schema change without `npm run build:grammar` fails here.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { schema } from '@kalint/grammar';
// @ts-expect-error: a plain ES module script without type declarations.
import { classifyKeywords, grammarFile, grammarText } from '../scripts/build-grammar.mjs';

describe('syntaxes/keepalived.tmLanguage.json', () => {
  it('is what build-grammar.mjs generates from grammar/keywords.json', () => {
    const committed = readFileSync(grammarFile, 'utf8');
    // A plain equality, not a snapshot: the message says what to run.
    expect(committed === grammarText(schema), 'the grammar is stale: run `npm run build:grammar` in vscode-extension').toBe(true);
  });

  it('names every keyword of the schema, each in one class', () => {
    const classes = classifyKeywords(schema) as Record<string, string[]>;
    const named = new Set([...schema.keywords.map((k) => k.name), ...schema.removed.map((k) => k.name)]);
    const classified = Object.values(classes).flat();
    // `either` names (a block at some places only) are also in the plain alternative, once each here.
    expect(new Set(classified)).toEqual(named);
    expect(classified).toHaveLength(named.size);
    const statement = JSON.parse(readFileSync(grammarFile, 'utf8')).repository.statement.match as string;
    for (const name of named) expect(statement, name).toContain(name.replace(/-/g, '\\-'));
  });

  it('scopes deprecated keywords apart', () => {
    const { deprecatedPlain, deprecatedBlock } = classifyKeywords(schema) as Record<string, string[]>;
    expect(deprecatedPlain).toContain('lvs_sync_daemon_interface');
    expect(deprecatedBlock).toContain('vrrp_track_file');
    // Deprecated at one place, current at another: not scoped as deprecated.
    expect(deprecatedPlain).not.toContain('linkbeat_use_polling');
  });
});
