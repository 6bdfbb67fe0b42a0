import { acceptModeOf, anchor, placeOf, PRIORITY_OWNER, type VrrpInstance } from '@kalint/model';
import { lineOf, list } from '../messages.js';
import type { Rule } from '../types.js';

/** Where strict mode comes from, for messages: `vrrp_strict (line 2)`, `strict_mode (line 7)`. */
function strictLabel(instance: VrrpInstance): string {
  const origin = instance.strict.origin;
  if (origin.kind === 'written' || origin.kind === 'global') return `${origin.statement.keyword.text} (line ${lineOf(origin.statement)})`;
  return 'strict mode';
}

/** Strict mode without accept: the VIPs of a non-owner only route, they do not answer. */
export const strictAccept: Rule = {
  meta: {
    id: 'strict-accept',
    description: 'Strict mode on an instance below priority 255 without accept (or with VRRPv2, which resets accept): keepalived drops packets to the VIPs while it is MASTER',
    defaultSeverity: 'warn',
    fixable: false,
    scope: 'file',
  },
  instance(instance, { report }) {
    if (instance.duplicateOf || !instance.strict.value || instance.priority.value === PRIORITY_OWNER) return;
    const mode = acceptModeOf(instance);
    if (!mode.drops) return;
    const vips = instance.vips.map((v) => v.address);
    const target = vips.length > 0 ? `its VIPs (${list(vips)})` : 'its VIPs';
    const strictAt = placeOf(instance.strict, anchor(instance.statement));
    const related = [{ file: strictAt.file, range: strictAt.range, message: 'strict mode' }];
    if (mode.reset) {
      report({
        message:
          `accept has no effect in ${instance.name}: it runs in strict mode (${strictLabel(instance)}) with VRRP version 2 and priority ${instance.priority.value}, ` +
          `so keepalived reports "accept mode for VRRP version 2 does not comply with RFC3768 - resetting" and, while ${instance.name} is MASTER, ` +
          `drops every packet addressed to ${target}: clients cannot reach them. Add version 3 to keep accept, or remove strict mode.`,
        at: mode.line!.keyword,
        related,
        severity: 'error',
      });
      return;
    }
    if (mode.line) return; // An explicit no_accept: the operator asked for it.
    const fix = instance.version.value === 2 ? 'Add accept and version 3 (keepalived resets accept with VRRP version 2 in strict mode)' : 'Add accept';
    report({
      message:
        `${instance.name} runs in strict mode (${strictLabel(instance)}) with priority ${instance.priority.value} and no accept line: keepalived runs it with no_accept, ` +
        `so while it is MASTER a firewall rule drops every packet addressed to ${target}; clients cannot reach them (they only route). ` +
        `${fix}, or remove strict mode; write no_accept if this is intended.`,
      at: anchor(instance.statement),
      related,
    });
  },
};
