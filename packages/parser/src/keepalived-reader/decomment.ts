/**
 * keepalived's comment stripping (decomment() in lib/parser.c), as a model of its effect:
 *
 * - leading and trailing spaces and tabs go (no other white space: a form feed, a vertical tab, a
 *   CR, U+00A0 or U+FEFF stays);
 * - outside double quotes, `#` or `!` starts a comment, and `\#` / `\!` stand for the character
 *   itself (the backslash goes); inside double quotes both stay as written;
 * - any other backslash keeps the byte after it from being looked at;
 * - a backslash as the very last byte is a continuation mark: it is kept, right after the last
 *   non-blank byte before it.
 *
 * The releases differ in one point. 2.2.7 keeps scanning after a comment has started, so a
 * backslash ending a comment still marks a continuation (`x # see C:\dir\` reads as `x\`), and
 * `"` in a comment no longer changes the quoting. Newer releases stop at the comment.
 */
import { isBlank, trimEndBlanks, skipBlanks, type ByteString } from './bytes.js';

const special = /[!#"\\]/;

export function decomment(line: ByteString, scanPastComments: boolean): ByteString {
  const text = line.slice(skipBlanks(line, 0));
  if (!special.test(text)) return trimEndBlanks(text);
  let out = '';
  let quoted = false;
  let commentAt = -1;
  let continued = false;
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '"') {
      if (commentAt < 0) quoted = !quoted;
      out += c;
      i++;
    } else if (c === '\\') {
      if (i + 1 >= text.length) {
        continued = true;
        break;
      }
      const next = text[i + 1]!;
      out += !quoted && (next === '#' || next === '!') ? next : c + next;
      i += 2;
    } else if (c === '#' || c === '!') {
      if (!quoted && commentAt < 0) {
        commentAt = out.length;
        if (!scanPastComments) break;
      }
      out += c;
      i++;
    } else {
      out += c;
      i++;
    }
  }
  if (commentAt >= 0) out = out.slice(0, commentAt);
  let end = out.length;
  while (end > 0 && isBlank(out.charCodeAt(end - 1))) end--;
  out = out.slice(0, end);
  return continued ? out + '\\' : out;
}
