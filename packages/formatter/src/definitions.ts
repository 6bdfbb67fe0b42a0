/**
 * Which lines a multi-line `$NAME=... \` definition may read, in any of the ways keepalived reads a
 * file: 2.2.7 or a later release, and its first (parent) pass or the passes that re-read the
 * parent's decommented copy. The formatter keeps those lines exactly as written.
 *
 * What differs between the readings:
 * - A line that is empty once its line end is stripped ends a definition in every pass. A line
 *   holding only blanks or a comment is skipped by the parent pass (the definition goes on), but
 *   the copy holds it as an empty line, which ends the definition for the later passes.
 * - 2.2.7 keeps scanning for a backslash after a comment has started, so `$X=a # see C:\dir\`
 *   continues there, and not in later releases.
 * - A definition can start after a brace on the same line (`global_defs { $X=a \`): keepalived
 *   reads the rest of a line after a brace as a line of its own.
 */

/**
 * A line's text as keepalived's `decomment()` leaves it: comment removed, `\#`/`\!` unescaped
 * outside double quotes, spaces and tabs trimmed, a final `\` kept right after the last non-blank
 * character. `scanPastComment` is 2.2.7's way (a `\` ending a comment still counts).
 */
export function decommented(line: string, scanPastComment: boolean): string {
  let start = 0;
  while (line[start] === ' ' || line[start] === '\t') start++;
  let out = '';
  let quoted = false;
  let comment = -1;
  let continued = false;
  for (let i = start; i < line.length; i++) {
    const c = line[i]!;
    if (c === '\\') {
      if (i + 1 === line.length) {
        continued = true;
        break;
      }
      const next = line[++i]!;
      out += !quoted && (next === '#' || next === '!') ? next : c + next;
      continue;
    }
    if (c === '"' && comment < 0) quoted = !quoted;
    else if ((c === '#' || c === '!') && !quoted && comment < 0) {
      comment = out.length;
      if (!scanPastComment) break;
    }
    out += c;
  }
  if (comment >= 0) out = out.slice(0, comment);
  let end = out.length;
  while (end > 0 && (out[end - 1] === ' ' || out[end - 1] === '\t')) end--;
  return out.slice(0, end) + (continued ? '\\' : '');
}

const definition = /\$[A-Za-z_][A-Za-z0-9_]*=/;

/**
 * The physical lines of `text` (0-based, split at `\n`) that some reading takes as a further line
 * of a multi-line definition, or as the line that ends one. The line that opens a definition is not
 * among them. Linear in the text; nothing to do in a text without a backslash.
 */
export function definitionLines(text: string): Set<number> {
  const marked = new Set<number>();
  if (!text.includes('\\')) return marked;
  // What keepalived reads of each line: up to a NUL, without the `\r`s before the line end.
  const lines = text.split('\n').map((line) => {
    const nul = line.indexOf('\0');
    let end = nul < 0 ? line.length : nul;
    while (end > 0 && line[end - 1] === '\r') end--;
    return line.slice(0, end);
  });
  for (const scanPastComment of [true, false]) {
    for (const copy of [false, true]) {
      let open = false;
      for (let i = 0; i < lines.length; i++) {
        const line = lines[i]!;
        if (!open) {
          // Conservatively, any `$NAME=` on a line ending in `\` (after `@id`, after a brace...).
          // Most lines have no backslash, and then no continuation.
          if (!line.includes('\\')) continue;
          const read = decommented(line, scanPastComment);
          open = read.endsWith('\\') && definition.test(read);
          continue;
        }
        const read = decommented(line, scanPastComment);
        marked.add(i);
        if (line === '') open = false;
        else if (read === '') open = !copy;
        else open = read.endsWith('\\');
      }
    }
  }
  return marked;
}
