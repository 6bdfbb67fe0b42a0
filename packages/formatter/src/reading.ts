/**
 * The formatter's promise, checked on every result: the output reads exactly as the input did.
 */
import { tokenize } from '@kalint/parser';

/**
 * kalint's token reading, as a list: each statement's words (split at line ends and braces, with
 * adjacency), braces, comments, preprocessor tokens and ignored text after a NUL byte. Layout may
 * change; this may not. It proves that no word or comment was lost; keepalived's own reading, which
 * drops comments, is checked apart (see `sameReading`).
 */
export function reading(text: string): string[] {
  const items: string[] = [];
  let words: string[] = [];
  let end = -1;
  // An `@id` or `~SEQ` prefix applies to the rest of its line: where that line ends matters too.
  let prefixed = false;
  const flush = () => {
    if (words.length > 0) items.push(`S ${words.join('')}`);
    words = [];
  };
  for (const token of tokenize(text)) {
    if (token.kind === 'conditional' || token.kind === 'sequence') prefixed = true;
    if (token.kind === 'newline' && prefixed) {
      flush();
      items.push('end of prefixed line');
      prefixed = false;
    }
    switch (token.kind) {
      case 'newline':
      case 'open-brace':
      case 'close-brace':
      case 'comment':
      case 'conditional':
      case 'sequence':
      case 'include':
      case 'definition':
      case 'nul':
        flush();
        if (token.kind === 'open-brace' && items.length >= 2 && items[items.length - 1]!.startsWith('comment ') && items[items.length - 2]!.startsWith('S ')) {
          // The layout moves a `{` up onto its keyword's line, before that line's comment.
          items.splice(items.length - 1, 0, 'open-brace {');
          break;
        }
        // Blanks ending a comment or a definition line mean nothing to keepalived (decomment trims them).
        if (token.kind !== 'newline') items.push(`${token.kind} ${token.image.split(/\r*\n/).map((l) => l.replace(/[ \t]+$/, '')).join('\n')}`);
        break;
      case 'word':
        // A final `\` after blanks joins the word before it (`a \` reads as `a\`): say so, so that
        // it differs from a `\` that is a word of its own.
        words.push((words.length > 0 && token.offset !== end ? ' ' : '') + token.image.replace(/[ \t]+\\$/, '\\'));
        break;
      default:
        words.push((words.length > 0 && token.offset !== end ? ' ' : '') + token.image);
    }
    end = token.offset + token.image.length;
  }
  flush();
  // The end of the text ends a prefixed last line as a newline would.
  if (prefixed) items.push('end of prefixed line');
  return items;
}

/** Whether two texts have the same token reading. */
export function sameTokenReading(before: string, after: string): boolean {
  const a = reading(before);
  const b = reading(after);
  return a.length === b.length && a.every((item, i) => item === b[i]);
}
