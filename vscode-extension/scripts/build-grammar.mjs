#!/usr/bin/env node
/**
 * Generate the TextMate grammar of keepalived.conf, syntaxes/keepalived.tmLanguage.json, from the
 * keyword schema (`schema` of @kalint/grammar). The grammar holds no keyword list of its own: every
 * keyword name, whether it opens a block, whether it is deprecated and every enum word come from
 * grammar/keywords.json. What is written here by hand is keepalived's reader syntax, mirrored from
 * the parser's lexer (packages/parser/src/lexer.ts): comments, double quotes, braces, `include`,
 * `$NAME=` definitions, `$NAME`/`${NAME}` substitutions, `@id` conditionals and `~SEQ`/`~LST`.
 *
 * `node scripts/build-grammar.mjs` writes the file (the extension's build runs it);
 * `node scripts/build-grammar.mjs --check` exits 1 when the file differs from what the schema gives.
 * vscode-extension/test/grammar-up-to-date.test.ts makes the same comparison under vitest.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

/** Absolute path of the generated grammar, syntaxes/keepalived.tmLanguage.json. */
export const grammarFile = fileURLToPath(new URL('../syntaxes/keepalived.tmLanguage.json', import.meta.url));

/** The grammar's root scope, also named in package.json's `contributes.grammars`. */
export const scopeName = 'source.keepalived';

/*
 * keepalived splits words on blanks; `"`, `{`, `}` and the comment characters `!` and `#` also end
 * an unquoted word. A value pattern only matches a whole word: it starts where a word can start
 * (or after the `=` of a definition) and ends where a word can end, so `eth0` never shows a number
 * and `laoma@123` never a conditional.
 */
const WORD_START = '(?<![^ \\t\\f\\v{}"=])';
const WORD_END = '(?=[ \\t\\f\\v{}"!#]|$)';
/** Characters of an unquoted word. */
const WORD_CHAR = '[^ \\t\\f\\v{}"!#]';
const NAME = '[A-Za-z_][A-Za-z0-9_]*';
/** `@id` or `@^id` opening a line (captures: the `@`/`@^`, the id). */
const CONDITIONAL = '(@\\^?)([^ \\t\\f\\v]*)';
/** One `~SEQ(...)`, `~SEQx(...)` or `~LST(...)` prefix, parentheses nested once (`~LST` sets). */
const SEQUENCE = '~(?:SEQx?|LST)\\((?:[^()]|\\([^()]*\\))*\\)';

/**
 * Regex source matching exactly one of `words`, longest first (the order is then deterministic);
 * with no words, a pattern that never matches (an empty group would match everywhere).
 */
function alternation(words) {
  if (words.length === 0) return '(?!)';
  const sorted = [...new Set(words)].sort((a, b) => b.length - a.length || (a < b ? -1 : a > b ? 1 : 0));
  return sorted.map((word) => word.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&')).join('|');
}

/**
 * Sort the schema's keyword names by how the grammar scopes them. A keyword that opens a block at
 * some places and not at others (`track_file`) is scoped as a block keyword when a `{` follows it
 * on the line. A name is deprecated when it is deprecated at every place it is known; a name the
 * schema only lists as removed gets a scope of its own.
 */
export function classifyKeywords(schema) {
  const places = new Map();
  for (const keyword of schema.keywords) {
    const list = places.get(keyword.name) ?? [];
    list.push(keyword);
    places.set(keyword.name, list);
  }
  const block = [];
  const plain = [];
  const either = [];
  const deprecatedBlock = [];
  const deprecatedPlain = [];
  for (const [name, list] of places) {
    const opens = list.filter((keyword) => keyword.block !== null).length;
    const deprecated = list.every((keyword) => keyword.deprecated !== undefined);
    if (opens > 0 && opens < list.length) either.push(name);
    else if (opens > 0) (deprecated ? deprecatedBlock : block).push(name);
    else (deprecated ? deprecatedPlain : plain).push(name);
  }
  const removed = schema.removed.map((keyword) => keyword.name).filter((name) => !places.has(name));
  return { block, plain, either, deprecatedBlock, deprecatedPlain, removed };
}

/** Every enum word of the schema, split by whether keepalived compares it regardless of case. */
export function enumWords(schema) {
  const exact = new Set();
  const anyCase = new Set();
  for (const keyword of schema.keywords) {
    const { positional, rest, options } = keyword.args;
    const specs = [...positional, ...(rest ? [rest] : []), ...Object.values(options ?? {}).filter(Boolean)];
    for (const spec of specs) {
      if (spec.kind !== 'enum') continue;
      for (const value of spec.values ?? []) (spec.caseInsensitive ? anyCase : exact).add(value);
    }
  }
  return { exact: [...exact], anyCase: [...anyCase] };
}

/** The TextMate grammar (a plain object, ready for JSON) for the given schema. */
export function generateGrammar(schema) {
  const keywords = classifyKeywords(schema);
  const enums = enumWords(schema);

  // The first word of a statement is its keyword: at the start of a line (after any `@id` and
  // `~SEQ`/`~LST` prefixes), right after a `{` or `}` on the same line, or opening the value of a
  // `$NAME=` definition (whose value is configuration text, often a whole block).
  const statementHead =
    `(?:^|(?<=[{}=]))[ \\t\\f\\v]*(?:${CONDITIONAL}[ \\t\\f\\v]+)?((?:${SEQUENCE}[ \\t\\f\\v]*)*)` +
    '(?:' +
    [
      `(${alternation(keywords.block)})`,
      `(${alternation(keywords.either)})(?=(?:[ \\t\\f\\v]+${WORD_CHAR}+)*[ \\t\\f\\v]*\\{)`,
      `(${alternation([...keywords.plain, ...keywords.either])})`,
      `(${alternation(keywords.deprecatedBlock)})`,
      `(${alternation(keywords.deprecatedPlain)})`,
      `(${alternation(keywords.removed)})`,
    ].join('|') +
    `)${WORD_END}`;

  const enumAlternatives = [];
  if (enums.exact.length > 0) enumAlternatives.push(alternation(enums.exact));
  if (enums.anyCase.length > 0) enumAlternatives.push(`(?i:${alternation(enums.anyCase)})`);

  const conditionalCaptures = {
    1: { name: 'punctuation.definition.conditional.keepalived keyword.control.conditional.keepalived' },
    2: { name: 'entity.name.tag.config-id.keepalived' },
  };

  return {
    $schema: 'https://raw.githubusercontent.com/martinring/tmlanguage/master/tmlanguage.json',
    name: 'keepalived',
    scopeName,
    comment:
      `Generated by vscode-extension/scripts/build-grammar.mjs from grammar/keywords.json (keepalived ${schema.version}). ` +
      'Do not edit: change the schema or the script and run `npm run build:grammar` in vscode-extension.',
    patterns: [
      { include: '#statement' },
      { include: '#definition' },
      { include: '#include' },
      { include: '#conditional' },
      { include: '#sequence' },
      { include: '#values' },
    ],
    repository: {
      statement: {
        comment: 'The keyword opening a statement, with the @id and ~SEQ/~LST prefixes before it.',
        match: statementHead,
        captures: {
          ...conditionalCaptures,
          3: { patterns: [{ include: '#sequence' }] },
          4: { name: 'keyword.other.block.keepalived' },
          5: { name: 'keyword.other.block.keepalived' },
          6: { name: 'keyword.other.keepalived' },
          7: { name: 'keyword.other.block.deprecated.keepalived' },
          8: { name: 'keyword.other.deprecated.keepalived' },
          9: { name: 'keyword.other.removed.keepalived' },
        },
      },
      definition: {
        comment: '`$NAME=value`; a value whose line ends in a backslash continues on the next line.',
        name: 'meta.definition.keepalived',
        begin: `^[ \\t\\f\\v]*(?:${CONDITIONAL}[ \\t\\f\\v]+)?(\\$)(${NAME})(=)`,
        beginCaptures: {
          ...conditionalCaptures,
          3: { name: 'punctuation.definition.variable.keepalived' },
          4: { name: 'variable.other.definition.keepalived' },
          5: { name: 'keyword.operator.assignment.keepalived' },
        },
        // vscode-textmate gives each line with its `\n`, and `$` also matches after it.
        end: '(?<![\\\\\\n])$',
        patterns: [{ include: '#statement' }, { include: '#values' }],
      },
      include: {
        comment: '`include PATTERN`: the rest of the line is a glob pattern.',
        name: 'meta.include.keepalived',
        begin: `^[ \\t\\f\\v]*(?:${CONDITIONAL}[ \\t\\f\\v]+)?(include[rmwba]?)(?=[ \\t])`,
        beginCaptures: {
          ...conditionalCaptures,
          3: { name: 'keyword.control.import.keepalived' },
        },
        end: '$',
        patterns: [
          { include: '#comment' },
          { include: '#string' },
          { include: '#substitution' },
          { match: '[^ \\t\\f\\v"!#$]+', name: 'string.unquoted.path.keepalived' },
        ],
      },
      conditional: {
        comment: '`@id` or `@^id` at the start of a line: the line is read for one config id only (or for all but one).',
        match: `^[ \\t\\f\\v]*${CONDITIONAL}`,
        captures: conditionalCaptures,
      },
      sequence: {
        comment: '`~SEQ(VAR, START, STEP, END)`, `~SEQx(...)` or `~LST(VAR, VALUE, ...)` repeating the rest of the line.',
        name: 'meta.preprocessor.sequence.keepalived',
        match: `(~)(SEQx?|LST)(\\()((?:[^()]|\\([^()]*\\))*)(\\))`,
        captures: {
          1: { name: 'punctuation.definition.sequence.keepalived keyword.control.loop.keepalived' },
          2: { name: 'keyword.control.loop.keepalived' },
          3: { name: 'punctuation.section.parens.begin.keepalived' },
          4: {
            patterns: [
              { match: ',', name: 'punctuation.separator.comma.keepalived' },
              { match: '-?[0-9]+(?:\\.[0-9]+)?(?=[ \\t,)}]|$)', name: 'constant.numeric.keepalived' },
              { include: '#substitution' },
              { match: `(?<=^|\\()[ \\t]*${NAME}`, name: 'variable.parameter.sequence.keepalived' },
            ],
          },
          5: { name: 'punctuation.section.parens.end.keepalived' },
        },
      },
      values: {
        patterns: [
          { include: '#comment' },
          { include: '#escape' },
          { include: '#string' },
          { include: '#brace' },
          { include: '#substitution' },
          { include: '#ipv4' },
          { include: '#ipv6' },
          ...(enumAlternatives.length > 0 ? [{ include: '#enum' }] : []),
          { include: '#number' },
        ],
      },
      comment: {
        comment: '`!` or `#` to the end of the line, outside double quotes.',
        patterns: [
          {
            match: '(!).*$',
            name: 'comment.line.exclamation.keepalived',
            captures: { 1: { name: 'punctuation.definition.comment.keepalived' } },
          },
          {
            match: '(#).*$',
            name: 'comment.line.number-sign.keepalived',
            captures: { 1: { name: 'punctuation.definition.comment.keepalived' } },
          },
        ],
      },
      escape: {
        comment: '`\\!` and `\\#` are literal characters, not comments.',
        match: '\\\\[!#]',
        name: 'constant.character.escape.keepalived',
      },
      string: {
        comment: 'Double quotes: no escapes, blanks and comment characters kept; an unclosed quote runs to the end of the line.',
        name: 'string.quoted.double.keepalived',
        begin: '"',
        beginCaptures: { 0: { name: 'punctuation.definition.string.begin.keepalived' } },
        end: '(")|$',
        endCaptures: { 1: { name: 'punctuation.definition.string.end.keepalived' } },
        patterns: [{ include: '#substitution' }],
      },
      brace: {
        patterns: [
          { match: '\\{', name: 'punctuation.section.block.begin.keepalived' },
          { match: '\\}', name: 'punctuation.section.block.end.keepalived' },
        ],
      },
      substitution: {
        comment: '`${NAME}` or `$NAME`, replaced by the value of a `$NAME=` definition.',
        patterns: [
          {
            match: `(\\$)(\\{)(${NAME})(\\})`,
            name: 'meta.substitution.keepalived',
            captures: {
              1: { name: 'punctuation.definition.variable.keepalived' },
              2: { name: 'punctuation.section.braces.begin.keepalived' },
              3: { name: 'variable.other.substitution.keepalived' },
              4: { name: 'punctuation.section.braces.end.keepalived' },
            },
          },
          {
            match: `(\\$)(${NAME})`,
            name: 'meta.substitution.keepalived',
            captures: {
              1: { name: 'punctuation.definition.variable.keepalived' },
              2: { name: 'variable.other.substitution.keepalived' },
            },
          },
        ],
      },
      ipv4: {
        comment: 'An IPv4 address, a range `A.B.C.D-E` and an optional `/prefix`.',
        match: `${WORD_START}(?:[0-9]{1,3}\\.){3}[0-9]{1,3}(?:-[0-9]{1,3})?(?:/[0-9]{1,2})?${WORD_END}`,
        name: 'constant.numeric.ip-address.ipv4.keepalived',
      },
      ipv6: {
        comment: 'An IPv6 address (not a MAC address), an optional `%zone`, range end and `/prefix`.',
        match:
          `${WORD_START}(?![0-9A-Fa-f]{2}(?::[0-9A-Fa-f]{2}){5}${WORD_END})` +
          '(?:[0-9A-Fa-f]{0,4}:){2,7}(?:(?:[0-9]{1,3}\\.){3}[0-9]{1,3}|[0-9A-Fa-f]{1,4})?' +
          `(?:%[^ \\t\\f\\v{}"!#/]+)?(?:-[0-9A-Fa-f]{1,4})?(?:/[0-9]{1,3})?${WORD_END}`,
        name: 'constant.numeric.ip-address.ipv6.keepalived',
      },
      ...(enumAlternatives.length > 0
        ? {
            enum: {
              comment: 'A word from a fixed set of values of some keyword (`MASTER`, `rr`, `DR`, `TCP`, ...).',
              match: `${WORD_START}(?:${enumAlternatives.join('|')})${WORD_END}`,
              name: 'constant.language.enum.keepalived',
            },
          }
        : {}),
      number: {
        match: `${WORD_START}-?(?:0[xX][0-9A-Fa-f]+|[0-9]+(?:\\.[0-9]+)?)${WORD_END}`,
        name: 'constant.numeric.keepalived',
      },
    },
  };
}

/** The grammar file's text for the given schema. */
export function grammarText(schema) {
  return `${JSON.stringify(generateGrammar(schema), null, 2)}\n`;
}

/**
 * `schema` of @kalint/grammar, from its TypeScript source and the current keywords.json (its tsc
 * output carries a copy of the JSON that is only as new as the last `tsc -b`).
 */
export async function loadSchema() {
  const result = await build({
    entryPoints: [fileURLToPath(new URL('../../grammar/src/index.ts', import.meta.url))],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'node',
    logLevel: 'silent',
  });
  const source = result.outputFiles[0].text;
  const { schema } = await import(`data:text/javascript;base64,${Buffer.from(source).toString('base64')}`);
  return schema;
}

async function main() {
  const schema = await loadSchema();
  const text = grammarText(schema);
  if (process.argv.includes('--check')) {
    let current = '';
    try {
      current = readFileSync(grammarFile, 'utf8');
    } catch {
      // A missing file differs.
    }
    if (current !== text) {
      console.error(`build-grammar: ${grammarFile} is not what the schema gives; run \`npm run build:grammar\` in vscode-extension`);
      process.exit(1);
    }
    return;
  }
  writeFileSync(grammarFile, text);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
