import { canBeAccountName, scriptLineKind, scriptLineWords, type ScriptWord } from '@kalint/model';
import type { Located, Statement } from '@kalint/parser';
import type { Report, Rule } from '../types.js';

/** State and action words operators pass as an argument outside the quotes (`notify_master /x.sh master`), in any case. */
const STATE_WORDS = new Set(['master', 'backup', 'fault', 'stop', 'deleted', 'up', 'down', 'start', 'restart', 'reload']);

/** A ScriptWord's place: from its first kalint word to its last. */
function placeOf(word: ScriptWord): Located {
  const first = word.words[0]!;
  const last = word.words[word.words.length - 1]!;
  return { file: first.file, range: { start: first.range.start, end: last.range.end } };
}

function checkLine(statement: Statement, report: (r: Report) => void): void {
  const words = scriptLineWords(statement);
  if (!words || words.length < 2) return;
  const keyword = statement.keyword.text;
  const command = words[0]!.text;
  // `script "</path"` only tests that a file can be opened.
  if (/^<[ \t]*\//.test(command)) return;
  const program = command.trim().split(/[ \t]+/)[0] ?? command;
  // The type lib/notify.c names in its message: `notify` for every VRRP notify line.
  const type = statement.path!.startsWith('vrrp_') ? 'notify' : keyword;
  if (scriptLineKind(statement.path!) === 'command-only') {
    const rest = words.slice(1).map((w) => w.text).join(' ');
    report({
      message:
        `keepalived reads only the first word after ${keyword} as the command: it runs "${command}" and ignores ${rest}. ` +
        `Put the command and its arguments in one pair of quotes: ${keyword} "${command} ${rest}".`,
      at: placeOf(words[1]!),
      severity: 'error',
    });
    return;
  }
  const [, user, group, ...ignored] = words;
  for (const [role, word] of [['user', user], ['group', group]] as const) {
    if (!word) continue;
    const name = word.text;
    const shell = /[<>|&;]/.test(name) ? ' keepalived runs no shell: a redirection or pipe must be inside the quoted command of a wrapper script.' : '';
    const fix = `Quote the whole command: ${keyword} "${[command, ...words.slice(1).map((w) => w.text)].join(' ')}"`;
    const unusual = !canBeAccountName(name) && canBeAccountName(name.toLowerCase());
    if (STATE_WORDS.has(name.toLowerCase())) {
      report({
        message:
          `keepalived reads the word after ${keyword}'s command (${program}) as the ${role} to run it as, not as an argument: it looks for a ${role} named '${name}', ` +
          `which normally does not exist, reports "Invalid user/group for ${type} script ${program} - ignoring", and this ${keyword} script never runs. ${fix}.`,
        at: placeOf(word),
        severity: 'error',
      });
      return;
    }
    if (unusual) {
      report({
        message:
          `keepalived reads the word after ${keyword}'s command (${program}) as the ${role} to run it as: unless a ${role} named '${name}' exists, ` +
          `keepalived reports "Invalid user/group for ${type} script ${program} - ignoring" and this ${keyword} script never runs. ${fix}.`,
        at: placeOf(word),
        severity: 'warning',
      });
      return;
    }
    if (!canBeAccountName(name)) {
      report({
        message:
          `keepalived reads the word after ${keyword}'s command (${program}) as the ${role} to run it as: ${role} '${name}' cannot exist, so keepalived reports ` +
          `"Invalid user/group for ${type} script ${program} - ignoring" and this ${keyword} script never runs.${shell} ${fix}.`,
        at: placeOf(word),
        severity: 'error',
      });
      return;
    }
  }
  if (ignored.length > 0) {
    report({
      message:
        `keepalived reads a ${keyword} line as the command, a user and a group: it ignores ${ignored.map((w) => w.text).join(' ')}. ` +
        `Arguments belong inside the quoted command.`,
      at: placeOf(ignored[0]!),
      severity: 'warning',
    });
  }
}

/** Script lines whose extra words keepalived reads as user and group, or ignores. */
export const scriptLineWordsRule: Rule = {
  meta: {
    id: 'script-line-words',
    description: 'Words after a script command outside its quotes: keepalived reads them as user and group (ignoring the script when no such user exists) or drops them',
    defaultSeverity: 'error',
    fixable: false,
    scope: 'file',
  },
  file(file, { reportOncePerPlace }) {
    for (const statement of file.node.index.statements) {
      if (statement.path === null || statement.spec?.command !== true) continue;
      checkLine(statement, reportOncePerPlace);
    }
  },
};
