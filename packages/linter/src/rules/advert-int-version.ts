import { ADVERT_INT_V3_MAX, isExpanded, type VrrpInstance } from '@kalint/model';
import type { Rule } from '../types.js';

/** The first interval VRRPv3 cannot carry (its field holds 4095 centiseconds). */
const V3_OUT_OF_RANGE = 40.96;

/** Why the instance runs the VRRP version it runs, when no line of its own says so, in the operator's words. */
function versionNote(instance: VrrpInstance): string {
  const { version } = instance;
  if (version.origin.kind === 'global') return ` (global vrrp_version ${version.value})`;
  if (version.origin.kind !== 'derived') return '';
  if (instance.strict.value && instance.lines.get('version')?.args[0]?.text === '2') return ' (strict mode runs an IPv6 instance as VRRPv3, whatever its version line says)';
  return instance.nativeIpv6 ? ' (native_ipv6)' : ' (an IPv6 instance)';
}

/** advert_int values the VRRP version cannot carry: fractions with VRRPv2, 40.96 s and over or non-10 ms steps with VRRPv3. */
export const advertIntVersion: Rule = {
  meta: {
    id: 'advert-int-version',
    description: 'advert_int that the VRRP version cannot carry: a fraction with VRRPv2, 40.96 s or more or not a multiple of 10 ms with VRRPv3',
    defaultSeverity: 'warn',
    fixable: true,
    scope: 'file',
  },
  instance(instance, { report }) {
    if (instance.duplicateOf) return;
    // What the line says (values keepalived cannot read are invalid-argument's), and what runs.
    const read = instance.advertIntRead;
    const used = instance.advertInt;
    if (!read || read.origin.kind !== 'written' || used.origin.kind !== 'derived') return;
    const word = read.origin.statement.args[0]!;
    const fix = (text: string) =>
      !isExpanded(word) ? { fix: { description: `Write advert_int ${text}, the value keepalived uses`, edits: [{ file: word.file, range: word.range, text }] } } : {};
    const note = versionNote(instance);
    if (instance.version.value === 2) {
      report({
        message:
          `advert_int ${word.text} in ${instance.name}: VRRPv2${note} adverts carry whole seconds, so keepalived reports "VRRPv2 advertisement interval must be an integer" ` +
          `and uses ${used.value}s. Write ${used.value}, or use version 3 on every peer for sub-second adverts.`,
        at: word,
        ...fix(String(used.value)),
      });
    } else if (read.value >= V3_OUT_OF_RANGE) {
      report({
        message:
          `advert_int ${word.text} in ${instance.name}: VRRPv3${note} adverts carry at most ${ADVERT_INT_V3_MAX} s, so keepalived reports "VRRPv3 advertisement interval is out of range" and uses ${used.value}s.`,
        at: word,
        ...fix(String(used.value)),
      });
    } else {
      report({
        message:
          `advert_int ${word.text} in ${instance.name}: VRRPv3${note} counts in units of 10 ms, so keepalived reports "must be in units of 10ms - rounding" and uses ${used.value}s.`,
        at: word,
        ...fix(String(used.value)),
      });
    }
  },
};
