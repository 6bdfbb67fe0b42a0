import { compareVersions } from '@kalint/grammar';
import { ENV_SINCE, PREDEFINED_NAMES, walkWithin, type Node, type Statement, type Word } from '@kalint/parser';
import type { ProjectFile } from '../project.js';
import type { Report, Rule } from '../types.js';

/** What keepalived does when it finds no definition of a kind for a name. */
const CONSEQUENCE: Record<string, string> = {
  vrrp_script: 'keepalived reports "track script not found" and ignores the line: the check never affects this instance',
  track_file: 'keepalived reports "track file not found" and ignores the line',
  vrrp_track_process: 'keepalived reports "track process not found" and ignores the line',
  bfd_instance: 'keepalived ignores it: the BFD session is not tracked',
  vrrp_instance: 'keepalived ignores the member',
  virtual_server_group: 'keepalived ignores this virtual_server: the service is never set up',
};

/** The same, where one place does something else with a name it does not find (by the place's schema path). */
const CONSEQUENCE_AT: Record<string, string> = {
  'global_defs/lvs_sync_daemon':
    'when it starts, keepalived reports "Unable to find vrrp instance" and clears the whole lvs_sync_daemon setting (`keepalived -t` does not check this)',
};

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** `$NAME` where keepalived would substitute it: followed by nothing, a blank, `,` or `)`. */
const DOLLAR_NAME = /\$([A-Za-z_][A-Za-z0-9_]*)(?=$|[ \t,)])/;

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
  file(file, { report, targetVersion }) {
    // A name may be defined in an included file kalint could not read.
    if (file.node.complete) checkNames(file, report);
    checkParameters(file, report, targetVersion);
  },
};

/** References the name index cannot resolve as keepalived would. */
function checkNames(file: ProjectFile, report: (r: Report) => void): void {
  const names = file.node.names;
  for (const reference of names.references) {
    const { kind, word, what } = reference;
    // A `$NAME` left as written is reported as such (checkParameters).
    if (word.text.includes('$')) continue;
    const name = word.text;
    const found = names.resolve(reference);
    if (found.status === 'missing') {
      const consequence = CONSEQUENCE_AT[reference.statement.path!] ?? CONSEQUENCE[kind] ?? 'keepalived ignores it';
      report({ message: `${what} '${name}' names no ${kind} in this file; ${consequence}.`, at: word });
    } else if (found.status === 'later') {
      const later = found.definition.statement;
      report({
        message:
          `${kind} '${name}' is defined only further down (line ${later.range.start.line + 1}); keepalived looks ${what} names up while it reads, ` +
          `so it reports "not found" and ignores this line. Move the ${kind} block above its first use.`,
        at: word,
        related: [{ file: later.file, range: later.keyword.range, message: `${kind} '${name}' is defined here` }],
      });
    } else if (found.status === 'dropped') {
      const dropped = found.definition.statement;
      report({
        message: `vrrp_script '${name}' has no 'script' line, so keepalived removes it ("No script set for vrrp_script") and this track_script is not found.`,
        at: word,
        related: [{ file: dropped.file, range: dropped.keyword.range, message: `vrrp_script '${name}' is defined here without 'script'` }],
      });
    }
  }
}


/** Why keepalived left a `$NAME` as written, and what to do about it. */
interface LeftAsWritten {
  cause: string;
  remedy: string;
}

/**
 * `${NAME}` and `$NAME` that keepalived left as written: no definition of NAME comes before the
 * line (the parser substitutes the others, as keepalived does), and the braces of an unquoted
 * `${NAME}` then split the line.
 */
function checkParameters(file: ProjectFile, reportOnce: (r: Report) => void, targetVersion: string): void {
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
  // `@id $NAME=...` defines NAME for some config ids only: do not guess which one is meant.
  const conditional = new Set<string>();
  if (file.text.includes('@')) for (const match of file.text.matchAll(/^[ \t]*@\^?[^ \t]+[ \t]+\$([A-Za-z_][A-Za-z0-9_]*)=/gm)) conditional.add(match[1]!);
  /** Why `$name` in `word` was not substituted; null when kalint cannot say (no finding then). */
  const leftAsWritten = (name: string, word: Word): LeftAsWritten | null => {
    if (conditional.has(name)) return null;
    const definitions = file.ast.definitions.filter((d) => d.name === name);
    // A definition read from another file may come before the line or after it: assume before.
    const earlier = definitions.filter((d) => d.file !== word.file || d.range.start.offset < word.range.start.offset);
    if (earlier.length > 0) {
      const last = earlier[earlier.length - 1]!;
      // Anything else (a line substitution would make too long) the parser reports itself.
      if (!last.multiline) return null;
      return {
        cause: `is a multi-line definition (line ${last.range.start.line + 1}), which keepalived substitutes only where nothing follows it on the line`,
        remedy: 'Put the reference at the end of its line, or use a one-line definition.',
      };
    }
    const later = definitions[0];
    if (later) {
      return {
        cause: `is defined only further down (line ${later.range.start.line + 1}), and a definition applies only to the lines after it`,
        remedy: `Move $${name}= above this line.`,
      };
    }
    if (name === '_ENV' && compareVersions(targetVersion, ENV_SINCE) < 0) {
      return { cause: `is not defined in keepalived ${targetVersion}, which has no \${_ENV} (it comes with ${ENV_SINCE})`, remedy: 'Write the value.' };
    }
    if (PREDEFINED_NAMES.has(name)) return { cause: `does not match keepalived's predefined \${${name}}, which takes no such parameters`, remedy: 'Write the value.' };
    return { cause: 'is not defined', remedy: `Define $${name}= before this line or write the value.` };
  };
  let roles: BraceRoles | undefined;
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
      const open = word.range.end.offset;
      const match = /^\{[ \t]*([A-Za-z_][A-Za-z0-9_]*)[^}\n]*\}/.exec(file.text.slice(open));
      const why = match ? leftAsWritten(match[1]!, word) : null;
      if (match && why) {
        roles ??= braceRoles(file);
        const reference = `$${match[0]}`;
        const effect = braceEffect(roles, open, open + match[0].length - 1, match[0].slice(1, -1).trim());
        report({ message: `'${reference}' ${why.cause}, so keepalived leaves it as written and splits the line at its braces: ${effect}. ${why.remedy}`, at: word });
        return;
      }
    }
    if (inCommand) return;
    const braced = /\$\{[ \t]*([A-Za-z_][A-Za-z0-9_]*)[^}]*\}/.exec(word.text);
    const bare = DOLLAR_NAME.exec(word.text);
    const name = braced?.[1] ?? bare?.[1];
    if (name === undefined || !IDENTIFIER.test(name)) return;
    const why = leftAsWritten(name, word);
    if (why === null) return;
    report({
      message: `'${braced?.[0] ?? bare![0]}' ${why.cause}: keepalived keeps '${word.text}' as written. ${why.remedy}`,
      at: word,
    });
  };
  visit(file.ast.body, false);
}

/** What the braces of references left as written did in a file's tree, by the offset of the brace. */
interface BraceRoles {
  /** A `{` that opened a block: the block's keyword line. */
  opened: Map<number, string>;
  /** A `{` read as an item of a value block: that block's keyword line. */
  items: Map<number, string>;
  /** A `}` that closed a block: the block's keyword line and where the lines after it are read. */
  closed: Map<number, { block: string; after: string }>;
}

function braceRoles(file: ProjectFile): BraceRoles {
  const roles: BraceRoles = { opened: new Map(), items: new Map(), closed: new Map() };
  const label = (statement: Statement) => `'${[statement.keyword, ...statement.args].map((w) => w.text).join(' ')}'`;
  // Only into statements' blocks: a reference's braces are roles of the statements around them.
  const inner = (node: Node) => (node.type === 'Statement' ? { where: `in ${label(node)}`, owner: label(node) } : undefined);
  for (const [node, { where, owner }] of walkWithin<{ where: string; owner: string | null }>(file.ast.body, { where: 'at the top level', owner: null }, inner)) {
    if (node.type === 'Value') {
      const first = node.words[0];
      if (first?.text === '{' && owner !== null && first.file === file.path) roles.items.set(first.range.start.offset, owner);
      continue;
    }
    if (node.type !== 'Statement' || !node.block) continue;
    const block = node.block;
    if (block.file === file.path) {
      if (block.open) roles.opened.set(block.open.start.offset, label(node));
      if (block.close) roles.closed.set(block.close.start.offset, { block: label(node), after: where });
    }
  }
  return roles;
}

/** What keepalived does with the braces of a reference left as written, `{` at `open` and `}` at `close`, in a sentence. */
function braceEffect(roles: BraceRoles, open: number, close: number, inside: string): string {
  const closed = roles.closed.get(close);
  const opened = roles.opened.get(open);
  if (opened !== undefined) {
    const after = closed ? `: the lines written for that block are read ${closed.after}` : '';
    return `its '{' opens the block of ${opened}, '${inside}' is read as a keyword line in it, and the '}' closes that block at once${after}`;
  }
  const item = roles.items.get(open);
  if (item !== undefined) {
    const ends = closed ? `, and the '}' ends ${closed.block} at this line: the rest of it is read ${closed.after}` : '';
    return `'{' and '${inside}' become items of ${item}${ends}`;
  }
  const ignored = `it reports "Unexpected '{'" and ignores the '{', reads '${inside}' as a keyword line`;
  if (closed) return `${ignored}, and the '}' closes ${closed.block} at this line: the rest of that block is read ${closed.after}`;
  return `${ignored}, and the '}' is an extra '}' at the top level`;
}
