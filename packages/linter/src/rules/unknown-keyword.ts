import type { Schema } from '@kalint/grammar';
import type { Statement } from '@kalint/parser';
import { blockLabel, inBlock, joinOr, placeLabel, ROOT_PATH, suggest, oncePerPlace } from '../schema-util.js';
import { fileIndex } from '../file-index.js';
import { renameKeepsBlocks } from '../fix.js';
import type { Fix, Rule } from '../types.js';

/** What keepalived does with the `{ }` of a keyword it does not know, for messages. */
export function unknownBlockNote(statement: Statement, parentPath: string): string {
  if (!statement.block || statement.block.kind !== 'unknown' || !statement.block.open) return '';
  if (parentPath === ROOT_PATH) {
    return " keepalived also ignores the '{' after it and reads the lines of the block as top-level keywords.";
  }
  const parent = blockLabel(parentPath);
  return ` keepalived also ignores the '{' after it: it reads the lines of the block as keywords of ${parent}, and the block's '}' then closes ${parent} early.`;
}

/** Keywords of every place, by lower-case name. */
let lowerIndex: { schema: Schema; map: Map<string, string[]> } | undefined;
function byLowerName(schema: Schema): Map<string, string[]> {
  if (lowerIndex?.schema !== schema) {
    const map = new Map<string, string[]>();
    for (const k of schema.keywords) {
      const key = k.name.toLowerCase();
      const list = map.get(key) ?? [];
      if (!list.includes(k.name)) list.push(k.name);
      map.set(key, list);
    }
    lowerIndex = { schema, map };
  }
  return lowerIndex.map;
}

/** Keywords that are not keepalived keywords anywhere. */
export const unknownKeyword: Rule = {
  meta: {
    id: 'unknown-keyword',
    description: 'Keywords keepalived does not know at all (typos, wrong case, keywords of keepalived forks)',
    defaultSeverity: 'error',
    fixable: true,
    scope: 'file',
  },
  check({ schema, project, report: reportAll }) {
    const report = oncePerPlace(reportAll);
    for (const file of project.files) {
      for (const { statement, parentPath } of fileIndex(file).unknown) {
        const name = statement.keyword.text;
        if (schema.named(name).length > 0) continue; // misplaced-keyword
        if (schema.removedChild(parentPath, name)) continue; // deprecated-keyword
        const candidates = schema.childrenOf(parentPath).map((k) => k.name);
        const { caseOnly, near } = suggest(name, candidates);
        let hint = '';
        let fix: Fix | undefined;
        if (caseOnly.length > 0) {
          hint = ` Did you mean ${joinOr(caseOnly.map((c) => `\`${c}\``))}? keepalived compares keywords case-sensitively.`;
          // keepalived reads this keyword as opening no block: the right one must not claim lines
          // that were not written as its block.
          const target = caseOnly.length === 1 ? schema.child(parentPath, caseOnly[0]!) : undefined;
          if (target && renameKeepsBlocks(statement, target) && !statement.keyword.expansion) {
            fix = {
              description: `Replace \`${name}\` with \`${caseOnly[0]}\``,
              edits: [{ file: statement.keyword.file, range: statement.keyword.range, text: caseOnly[0]! }],
            };
          }
        } else if (near.length > 0) {
          hint = ` Did you mean ${joinOr(near.map((c) => `\`${c}\``))}?`;
        } else {
          const elsewhere = byLowerName(schema).get(name.toLowerCase()) ?? [];
          if (elsewhere.length > 0) {
            const places = [...new Set(elsewhere.flatMap((n) => schema.named(n).map((k) => k.parent)))];
            hint = ` (\`${elsewhere[0]}\` is a keyword of ${joinOr(places.slice(0, 4).map(placeLabel))}.)`;
          }
        }
        report({
          message: `Unknown keyword \`${name}\` ${inBlock(parentPath)}: keepalived does not know it, reports it and ignores the line.${unknownBlockNote(statement, parentPath)}${hint}`,
          at: statement.keyword,
          ...(fix ? { fix } : {}),
        });
      }
    }
  },
};
