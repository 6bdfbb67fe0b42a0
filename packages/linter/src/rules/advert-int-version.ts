import type { Rule } from '../types.js';
import { instanceVersion } from '../semantic-util.js';

/** Timer units: keepalived stores advert_int in microseconds. */
const SECOND = 1_000_000;
const CENTISECOND = 10_000;

/** advert_int values the VRRP version cannot carry: fractions with VRRPv2, 40.96 s and over or non-10 ms steps with VRRPv3. */
export const advertIntVersion: Rule = {
  meta: {
    id: 'advert-int-version',
    description: 'advert_int that the VRRP version cannot carry: a fraction with VRRPv2, 40.96 s or more or not a multiple of 10 ms with VRRPv3',
    defaultSeverity: 'warn',
    fixable: true,
    scope: 'file',
  },
  check({ project, targetVersion, report }) {
    for (const file of project.files) {
      for (const instance of file.model.instances) {
        const advert = instance.advertInt;
        if (!advert) continue;
        const word = advert.statement.args[0]!;
        // Values outside keepalived's reader range are rejected earlier (invalid-argument reports them).
        if (advert.value < 0.01 || advert.value > 255) continue;
        const micro = Math.round(advert.value * SECOND);
        const version = instanceVersion(file, instance, targetVersion);
        const fix = (text: string) =>
          word.expansion === undefined ? { fix: { description: `Write advert_int ${text}, the value keepalived uses`, edits: [{ file: word.file, range: word.range, text }] } } : {};
        if (version === 2 && micro % SECOND !== 0) {
          const used = Math.max(1, Math.floor((micro + SECOND / 2) / SECOND));
          report({
            message:
              `advert_int ${word.text} in ${instance.name}: VRRPv2 adverts carry whole seconds, so keepalived reports "VRRPv2 advertisement interval must be an integer" ` +
              `and uses ${used}s. Write ${used}, or use version 3 on every peer for sub-second adverts.`,
            at: word,
            ...fix(String(used)),
          });
        } else if (version === 3 && micro >= 4096 * CENTISECOND) {
          report({
            message:
              `advert_int ${word.text} in ${instance.name}: VRRPv3 adverts carry at most 40.95 s, so keepalived reports "VRRPv3 advertisement interval is out of range" and uses 40.95s.`,
            at: word,
            ...fix('40.95'),
          });
        } else if (version === 3 && micro % CENTISECOND !== 0) {
          const used = Math.max(CENTISECOND, Math.floor((micro + CENTISECOND / 2) / CENTISECOND) * CENTISECOND) / SECOND;
          report({
            message:
              `advert_int ${word.text} in ${instance.name}: VRRPv3 counts in units of 10 ms, so keepalived reports "must be in units of 10ms - rounding" and uses ${used}s.`,
            at: word,
            ...fix(String(used)),
          });
        }
      }
    }
  },
};
