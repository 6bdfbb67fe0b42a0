/**
 * The keepalived release a configuration is for. Releases read some lines differently (2.2.7 reads
 * `vrrp_strict off` as strict mode on; 2.3.0 reads the word), so the model is built for one.
 */
import { argSpecAt, compareVersions, parseVersion, schema } from '@kalint/grammar';
import type { Statement } from '@kalint/parser';

export { compareVersions, parseVersion };

/** The release the model assumes when none is given: the newest the schema describes. */
export const NEWEST_RELEASE: string = schema.version;

/** keepalived's `check_true_false` (lib/parser.c): exactly these words, case sensitive. */
export function trueFalse(word: string): boolean | undefined {
  if (word === 'true' || word === 'on' || word === 'yes') return true;
  if (word === 'false' || word === 'off' || word === 'no') return false;
  return undefined;
}

/**
 * A flag keyword with an optional boolean word (`strict_mode`, `vrrp_strict off`), as `release`
 * reads it: true alone; a release that does not read the word (the schema's `ignored` reading)
 * takes the flag alone, which is true; a word `check_true_false` does not know leaves the setting
 * as it was (undefined here).
 */
export function flagValue(statement: Statement, release: string): boolean | undefined {
  const word = statement.args[0]?.text;
  if (word === undefined) return true;
  const spec = statement.spec?.args.positional[0];
  if (spec?.older !== undefined && argSpecAt(spec, release).ignored !== undefined) return true;
  return trueFalse(word);
}
