import { schema, type KeywordSpec } from '@kalint/grammar';
import type { Node, Statement, Word } from '@kalint/parser';
import type { ProjectFile } from '../project.js';
import type { Report, Rule } from '../types.js';
import { fileIndex } from '../file-index.js';
import { childValues, hasUnresolvedIncludes } from '../semantic-util.js';

/** What a definition keyword is called in messages, and the top-level keywords that define it. */
const KINDS: Record<string, { label: string; keywords: string[] }> = {
  vrrp_script: { label: 'vrrp_script', keywords: ['vrrp_script'] },
  track_file: { label: 'track_file', keywords: ['track_file', 'vrrp_track_file'] },
  vrrp_track_process: { label: 'vrrp_track_process', keywords: ['vrrp_track_process'] },
  bfd_instance: { label: 'bfd_instance', keywords: ['bfd_instance'] },
  vrrp_instance: { label: 'vrrp_instance', keywords: ['vrrp_instance'] },
  virtual_server_group: { label: 'virtual_server_group', keywords: ['virtual_server_group'] },
};

/** Value blocks whose items name a definition, from the schema. */
const VALUE_REFERENCES: Record<string, { kind: string; ordered: boolean; what: string }> = Object.fromEntries(
  schema.keywords.flatMap((k) => (k.items ? [[k.path, { kind: k.items.references, ordered: k.items.definedBefore, what: k.items.name }] as const] : [])),
);

/** What keepalived does when a name in one of these places is not found. */
const CONSEQUENCE: Record<string, string> = {
  vrrp_script: 'keepalived reports "track script not found" and ignores the line: the check never affects this instance',
  track_file: 'keepalived reports "track file not found" and ignores the line',
  vrrp_track_process: 'keepalived reports "track process not found" and ignores the line',
  bfd_instance: 'keepalived ignores it: the BFD session is not tracked',
  vrrp_instance: 'keepalived ignores the member',
  virtual_server_group: 'keepalived ignores this virtual_server: the service is never set up',
};

/** The kind a definition keyword defines, by its (top-level) schema path. */
const DEFINITION_KIND = new Map(Object.entries(KINDS).flatMap(([kind, { keywords }]) => keywords.map((keyword) => [keyword, kind] as const)));

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** `$NAME` where keepalived would substitute it: followed by nothing, a blank, `,` or `)`. */
const DOLLAR_NAME = /\$([A-Za-z_][A-Za-z0-9_]*)(?=$|[ \t,)])/;

interface Definition {
  statement: Statement;
  order: number;
  /** A vrrp_script without `script`: keepalived drops it at its `}`. */
  dropped: boolean;
}

/** Names that are not defined: track_* items, sync group members, `group NAME`, `$NAME` left as written. */
export const undefinedReference: Rule = {
  meta: {
    id: 'undefined-reference',
    needsEveryInclude: 'track_script items and other names that refer to nothing',
    description: 'A track_script/track_file/track_process/track_bfd item, sync group member, virtual_server group or $NAME that names nothing defined',
    defaultSeverity: 'error',
    fixable: false,
    scope: 'file',
  },
  check({ project, report }) {
    for (const file of project.files) checkFile(file, report);
  },
};

function checkFile(file: ProjectFile, report: (r: Report) => void): void {
  const index = fileIndex(file);
  const definitions = new Map<string, Map<string, Definition[]>>();
  for (const kind of Object.keys(KINDS)) definitions.set(kind, new Map());
  // Definitions are top-level statements; their order is their place among the known statements.
  for (let order = 0; order < index.known.length; order++) {
    const node = index.known[order]!;
    const kind = DEFINITION_KIND.get(node.path!);
    if (kind === undefined) continue;
    const name = node.args[0]?.text;
    if (name === undefined) continue;
    const dropped = kind === 'vrrp_script' && !node.block?.body.some((c) => c.type === 'Statement' && c.path === 'vrrp_script/script');
    const byName = definitions.get(kind)!;
    const list = byName.get(name) ?? [];
    list.push({ statement: node, order, dropped });
    byName.set(name, list);
  }

  const lookUp = (kind: string, name: string, word: Word, where: number | undefined, what: string): void => {
    const found = definitions.get(kind)!.get(name) ?? [];
    const label = KINDS[kind]!.label;
    if (found.length === 0) {
      const consequence = what.startsWith('lvs_sync_daemon')
        ? 'when it starts, keepalived reports "Unable to find vrrp instance" and clears the whole lvs_sync_daemon setting (`keepalived -t` does not check this)'
        : CONSEQUENCE[kind];
      report({ message: `${what} '${name}' names no ${label} in this file; ${consequence}.`, at: word });
      return;
    }
    if (where !== undefined && !found.some((d) => d.order < where)) {
      const later = found[0]!.statement;
      report({
        message:
          `${label} '${name}' is defined only further down (line ${later.range.start.line + 1}); keepalived looks ${what} names up while it reads, ` +
          `so it reports "not found" and ignores this line. Move the ${label} block above its first use.`,
        at: word,
        related: [{ file: later.file, range: later.keyword.range, message: `${label} '${name}' is defined here` }],
      });
      return;
    }
    if (found.every((d) => d.dropped)) {
      report({
        message: `vrrp_script '${name}' has no 'script' line, so keepalived removes it ("No script set for vrrp_script") and this track_script is not found.`,
        at: word,
        related: [{ file: found[0]!.statement.file, range: found[0]!.statement.keyword.range, message: `vrrp_script '${name}' is defined here without 'script'` }],
      });
    }
  };

  // A name may be defined in an included file kalint could not read.
  const complete = !hasUnresolvedIncludes(file.ast);
  for (let where = 0; complete && where < index.known.length; where++) {
    const statement = index.known[where]!;
    const valueReference = statement.path ? VALUE_REFERENCES[statement.path] : undefined;
    if (valueReference) {
      for (const item of childValues(statement)) {
        const word = item.words[0];
        if (!word || word.text.includes('$')) continue;
        lookUp(valueReference.kind, word.text, word, valueReference.ordered ? where : undefined, valueReference.what);
      }
    }
    if (statement.spec && hasReferences(statement.spec)) {
      for (const { word, kind, what } of argumentReferences(statement, statement.spec)) {
        if (word.text.includes('$') || !definitions.has(kind)) continue;
        // Without any VRRP instance keepalived never looks the lvs_sync_daemon instance up.
        if (kind === 'vrrp_instance' && file.model.instances.length === 0) continue;
        lookUp(kind, word.text, word, undefined, what);
      }
    }
  }

  checkParameters(file, report);
}

const referencing = new WeakMap<KeywordSpec, boolean>();

/** Whether any argument of a keyword can name a definition (most cannot: `argumentReferences` is then empty). */
function hasReferences(spec: KeywordSpec): boolean {
  let found = referencing.get(spec);
  if (found === undefined) {
    found =
      Object.values(spec.args.options ?? {}).some((option) => option?.references) || spec.args.positional.some((arg) => arg.references);
    referencing.set(spec, found);
  }
  return found;
}

/** Argument words that the schema says name a definition (`group NAME`, `track_file NAME`, ...). */
function argumentReferences(statement: Statement, spec: KeywordSpec): Array<{ word: Word; kind: string; what: string }> {
  const found: Array<{ word: Word; kind: string; what: string }> = [];
  const options = spec.args.options ?? {};
  const isOption = (text: string | undefined) => text !== undefined && Object.hasOwn(options, text);
  statement.args.forEach((word, i) => {
    const option = options[word.text];
    if (isOption(word.text) && option?.references) {
      const value = statement.args[i + 1];
      if (value) found.push({ word: value, kind: option.references, what: `${statement.keyword.text} ${word.text}` });
    }
  });
  spec.args.positional.forEach((arg, i) => {
    const word = statement.args[i];
    if (!arg.references || !word || isOption(word.text)) return;
    // A positional after an option word belongs to the option.
    if (statement.args.slice(0, i).some((w) => isOption(w.text))) return;
    found.push({ word, kind: arg.references, what: statement.keyword.text });
  });
  return found;
}

/** `${NAME}` and `$NAME` that keepalived left as written because NAME is not defined. */
function checkParameters(file: ProjectFile, reportOnce: (r: Report) => void): void {
  // Only words of this file holding a `$` are checked, and a `$` in a word of this file is written in its text
  // (a substitution or ~SEQ expansion stands where its `$NAME` is): without any, there is nothing to look at.
  if (!file.text.includes('$')) return;
  // A line expanded several times (~SEQ, ~LST) holds the same word several times: report it once.
  const seen = new Set<string>();
  const report = (r: Report) => {
    const key = `${r.at.file}:${r.at.range.start.offset}`;
    if (seen.has(key)) return;
    seen.add(key);
    reportOnce(r);
  };
  const defined = new Set(file.ast.definitions.map((d) => d.name));
  // `@id $NAME=...` defines NAME for some config ids only: do not guess which one is meant.
  if (file.text.includes('@')) for (const match of file.text.matchAll(/^[ \t]*@\^?[^ \t]+[ \t]+\$([A-Za-z_][A-Za-z0-9_]*)=/gm)) defined.add(match[1]!);
  const visit = (body: Node[], inCommand: boolean) => {
    for (const node of body) {
      if (node.type === 'Value') {
        for (const word of node.words) checkWord(word, inCommand);
      } else if (node.type === 'Statement') {
        checkWord(node.keyword, false);
        const command = node.spec?.command === true;
        for (const word of node.args) checkWord(word, command);
        // Never look inside unknown blocks: keepalived reads those lines elsewhere.
        if (node.block && node.block.kind !== 'unknown') visit(node.block.body, false);
      }
    }
  };
  const checkWord = (word: Word, inCommand: boolean) => {
    if (word.file !== file.path || !word.text.includes('$')) return;
    // `${NAME}` unquoted: the reader split it, so the word ends in `$` and a `{` follows at once.
    if (!word.quoted && word.raw.endsWith('$')) {
      const after = file.text.slice(word.range.end.offset);
      const match = /^\{[ \t]*([A-Za-z_][A-Za-z0-9_]*)[^}\n]*\}/.exec(after);
      if (match && !defined.has(match[1]!)) {
        report({
          message:
            `'\${${match[1]}}' is not defined: keepalived leaves the text as written, and its '{' and '}' then open and close a block, ` +
            `so the rest of this block is misread. Define $${match[1]}= before this line or write the value.`,
          at: word,
        });
        return;
      }
    }
    if (inCommand) return;
    const braced = /\$\{[ \t]*([A-Za-z_][A-Za-z0-9_]*)[^}]*\}/.exec(word.text);
    const bare = DOLLAR_NAME.exec(word.text);
    const name = braced?.[1] ?? bare?.[1];
    if (name === undefined || defined.has(name) || !IDENTIFIER.test(name)) return;
    report({
      message: `'${braced?.[0] ?? bare![0]}' is not defined: keepalived keeps '${word.text}' as written. Define $${name}= before this line or write the value.`,
      at: word,
    });
  };
  visit(file.ast.body, false);
}
