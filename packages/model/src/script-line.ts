/**
 * How keepalived splits a script line (lib/parser.c `alloc_strvec_quoted_escaped`, 2.2.7 to
 * 2.4.3): words are separated by unquoted white space; `"` and `'` quote, and are removed, inside a
 * word (`"a b"c` is the one word `a bc`); `\` escapes the next character. Then:
 * - notify scripts (`notify`, `notify_master`, ... , `startup_script`, `notify_fifo_script`, checker
 *   `notify_up`, `quorum_up` ...; lib/notify.c `notify_script_init`): the first word after the
 *   keyword is the command with its arguments, the next is the user to run it as, the next the
 *   group; a user or group that does not exist makes keepalived ignore the script ("Invalid
 *   user/group for ... script ... - ignoring"); later words are not read;
 * - `script` of a vrrp_script and `misc_path` of a MISC_CHECK (`set_script_params_array`): only the
 *   first word is read; the rest of the line is ignored.
 */
import type { Statement, Word } from '@kalint/parser';

/** A word of a script line as keepalived reads it, with the kalint words it spans. */
export interface ScriptWord {
  text: string;
  words: Word[];
}

/**
 * The words after the keyword of `statement` as keepalived's quoted-escaped reader splits them,
 * or undefined when kalint cannot tell (a word made by expansion, or an unclosed quote).
 */
export function scriptLineWords(statement: Statement): ScriptWord[] | undefined {
  const out: ScriptWord[] = [];
  let current: ScriptWord | undefined;
  let quote = '';
  let previous: Word | undefined;
  for (const word of statement.args) {
    if (word.expansion) return undefined;
    const adjacent = previous !== undefined && previous.range.end.offset === word.range.start.offset;
    if (current && !adjacent && quote) current.text += ' ';
    else if (!current || !adjacent) {
      current = { text: '', words: [] };
      out.push(current);
    }
    current.words.push(word);
    const raw = word.raw;
    for (let i = 0; i < raw.length; i++) {
      const c = raw[i]!;
      if (c === '\\' && i + 1 < raw.length) {
        current.text += raw[++i];
      } else if (quote ? c === quote : c === '"' || c === "'") {
        quote = quote ? '' : c;
      } else current.text += c;
    }
    previous = word;
  }
  return quote ? undefined : out;
}

/** How keepalived reads the words of a script line of `path` (a schema path). */
export function scriptLineKind(path: string): 'command-only' | 'user-group' {
  return path.endsWith('/script') || path.endsWith('/misc_path') ? 'command-only' : 'user-group';
}

/**
 * Whether `name` can name a user or group: the names useradd/groupadd accept by default
 * (a letter or `_`, then letters, digits, `_`, `.`, `-`, an optional final `$`; at most 32).
 */
export function canBeAccountName(name: string): boolean {
  return name.length <= 32 && /^[a-z_][a-z0-9_.-]*\$?$/.test(name);
}
