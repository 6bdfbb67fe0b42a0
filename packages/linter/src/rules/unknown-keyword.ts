import type { Schema } from '@kalint/grammar';
import type { Statement } from '@kalint/parser';
import { unknownBlockNote } from '../block-notes.js';
import { renameKeepsBlocks } from '../fix.js';
import { inBlock, joinOr, placeLabel, suggest } from '../messages.js';
import type { Fix, Rule } from '../types.js';

/** U+FEFF, which a UTF-8 file starting with a byte-order mark (bytes EF BB BF) carries as its first character. */
const BYTE_ORDER_MARK = '\uFEFF';
const BOM_NOTE = 'This file starts with a UTF-8 byte-order mark (bytes EF BB BF, invisible in most editors)';

/**
 * An unknown keyword that is the byte-order mark at the start of its file, or begins with it:
 * keepalived has no notion of the mark and reads it as a character of the first word. The
 * finding names the keyword without the mark (`global_defs`, not an identical-looking unknown
 * word) and its fix removes the mark.
 */
function byteOrderMark(schema: Schema, statement: Statement, parentPath: string): { message: string; fix?: Fix } | undefined {
  const keyword = statement.keyword;
  if (!keyword.text.startsWith(BYTE_ORDER_MARK) || keyword.range.start.offset !== 0 || keyword.expansion) return undefined;
  const rest = keyword.text.slice(BYTE_ORDER_MARK.length);
  const lost = unknownBlockNote(statement, parentPath);
  let message: string;
  // Without the mark, which keyword the line would start with, and whether that keyword would
  // then take exactly the lines written for it.
  let keeps = true;
  if (rest === '') {
    const next = statement.args[0];
    const ignored = next ? ` (with \`${next.text}\` after it)` : '';
    message = `${BOM_NOTE}, which keepalived reads as an unknown keyword of its own: it reports it and ignores the line${ignored}.${lost}`;
    const target = next ? schema.child(parentPath, next.text) : undefined;
    if (target) keeps = renameKeepsBlocks(statement, target);
  } else {
    const target = schema.child(parentPath, rest);
    message = `${BOM_NOTE}, which keepalived reads as part of the first keyword: it does not know \`${rest}\` with the mark in front, reports it and ignores the line.${lost}`;
    if (target) keeps = renameKeepsBlocks(statement, target);
    else message += ` Without the mark, \`${rest}\` is not a keyword ${inBlock(parentPath)} either.`;
  }
  message += ' Save the file as UTF-8 without a byte-order mark.';
  if (!keeps) return { message };
  const start = keyword.range.start;
  const end = { offset: start.offset + 1, line: start.line, character: start.character + 1 };
  return { message, fix: { description: 'Remove the byte-order mark', edits: [{ file: keyword.file, range: { start, end }, text: '' }] } };
}

/** Keywords of every place by lower-case name, per schema. */
const lowerNames = new WeakMap<Schema, Map<string, string[]>>();
function byLowerName(schema: Schema): Map<string, string[]> {
  let map = lowerNames.get(schema);
  if (!map) {
    map = new Map();
    for (const k of schema.keywords) {
      const key = k.name.toLowerCase();
      const list = map.get(key) ?? [];
      if (!list.includes(k.name)) list.push(k.name);
      map.set(key, list);
    }
    lowerNames.set(schema, map);
  }
  return map;
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
  file(file, context) {
    const { schema } = context;
    const report = context.reportOncePerPlace;
    for (const { statement, parentPath } of file.node.index.unknown) {
      const name = statement.keyword.text;
      if (schema.named(name).length > 0) continue; // misplaced-keyword
      if (schema.removedChild(parentPath, name)) continue; // deprecated-keyword
      const mark = byteOrderMark(schema, statement, parentPath);
      if (mark) {
        report({ message: mark.message, at: statement.keyword, ...(mark.fix ? { fix: mark.fix } : {}) });
        continue;
      }
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
  },
};
