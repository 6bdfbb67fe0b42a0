/**
 * Files whose reading keepalived itself does not fix: where it depends on memory contents or chance
 * (a multi-line definition defined again while it is read out, `${_RANDOM}` out of range...), or
 * where it runs past the lines the model of keepalived's reader follows. No layout of such a file
 * can be shown to read as the file does, so the formatter leaves it alone and says why.
 */
import { MAX_KEEPALIVED_LINES, readAsKeepalived, UNNAMED_CONFIG_ID } from '@kalint/parser';

/** At most this many config ids are tried, as the final check does. */
const MAX_CONFIG_IDS = 64;

/** Why keepalived's reading of `text` is not fixed (a sentence), or null when it is. */
export function unpredictableReading(text: string): string | null {
  // Only definitions, substitutions and ~SEQ/~LST loops can make it so.
  if (!text.includes('$') && !text.includes('~')) return null;
  const ids = [UNNAMED_CONFIG_ID];
  for (let i = 0; i < ids.length; i++) {
    for (const version of ['2.2.7', 'newer'] as const) {
      const reading = readAsKeepalived(text, { version, configId: ids[i]!, pass: 'children' });
      const release = version === '2.2.7' ? 'keepalived 2.2.7' : 'keepalived after 2.2.7';
      if (reading.unpredictable !== undefined) return `what ${release} reads from it depends on memory contents or chance: ${reading.unpredictable}`;
      if (reading.truncated) return `${release} reads more than ${MAX_KEEPALIVED_LINES.toLocaleString('en-US')} lines from it`;
      for (const id of reading.configIds) {
        if (ids.includes(id)) continue;
        if (ids.length >= MAX_CONFIG_IDS) return `its lines name more than ${MAX_CONFIG_IDS} config ids, more than kalint compares`;
        ids.push(id);
      }
    }
  }
  return null;
}
