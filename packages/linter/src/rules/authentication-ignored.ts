import { childrenAt, lastChildAt, placeOf, PRIORITY_OWNER, type VrrpInstance } from '@kalint/model';
import type { Rule } from '../types.js';

/** Why the instance runs VRRPv3, in the operator's words. */
function whyVersion3(instance: VrrpInstance): string {
  switch (instance.version.origin.kind) {
    case 'written':
      return 'version 3';
    case 'global':
      return 'global vrrp_version 3';
    default:
      return instance.nativeIpv6 ? 'native_ipv6' : 'an IPv6 instance, which keepalived runs as VRRPv3';
  }
}

/** An `authentication` block keepalived throws away (VRRPv3, strict mode, no password, AH with IPv6), or AH with state MASTER. */
export const authenticationIgnored: Rule = {
  meta: {
    id: 'authentication-ignored',
    description: 'An authentication block keepalived ignores: VRRPv3, strict mode, no auth_pass, no auth_type, AH with IPv6; AH with state MASTER',
    defaultSeverity: 'warn',
    fixable: false,
    scope: 'file',
  },
  instance(instance, { report }) {
    // keepalived skips a repeated instance name's whole block (duplicate-vrid reports it).
    if (instance.duplicateOf) return;
    const blocks = childrenAt(instance.statement, 'vrrp_instance/authentication');
    const block = blocks.at(-1);
    if (!block) return;
    const type = instance.authType;
    if (!type) {
      // An auth_type keepalived does not know is invalid-argument's.
      if (instance.authPass && !blocks.some((b) => lastChildAt(b, 'vrrp_instance/authentication/auth_type'))) {
        report({
          message:
            `${instance.name} has auth_pass but no auth_type: keepalived turns authentication on only with auth_type PASS or AH, ` +
            `so adverts are sent and accepted without a password. Add auth_type PASS, or remove the block.`,
          at: block.keyword,
        });
      }
      return;
    }
    const at = placeOf(type, block.keyword);
    // vrrp_complete_instance's checks, in its order: the model's `authentication` is what runs.
    if (instance.strict.value) {
      report({
        message:
          `${instance.name} runs in strict mode (${instance.strict.origin.kind === 'written' ? 'strict_mode' : 'vrrp_strict'}), which follows RFC 5798 and has no authentication: ` +
          `keepalived reports "Strict mode does not support authentication" and sends adverts without it. Remove the authentication block.`,
        at,
      });
    } else if (instance.version.value === 3) {
      report({
        message:
          `${instance.name} uses VRRPv3 (${whyVersion3(instance)}), which has no authentication: keepalived reports "VRRP version 3 does not support authentication" ` +
          `and ignores the block. Remove it, or use VRRPv2 on every peer.`,
        at,
      });
    } else if (!instance.authPass || instance.authPass.value === '') {
      report({
        message:
          `auth_type ${type.value} without auth_pass: keepalived reports "Authentication specified but no password given" and ` +
          `turns authentication off for ${instance.name}. Add auth_pass (at most 8 characters).`,
        at,
      });
    } else if (type.value === 'AH' && instance.family.value === 6) {
      report({
        message: `${instance.name} is an IPv6 instance: keepalived cannot use AH authentication with IPv6 and ignores it. Remove the block.`,
        at,
      });
    } else if (type.value === 'AH' && instance.stateRead?.value === 'MASTER' && instance.priority.value !== PRIORITY_OWNER) {
      report({
        message:
          `${instance.name} uses AH authentication with state MASTER: it must receive an advert (for the AH sequence number) before taking over, ` +
          `so keepalived reports "Initial state master is incompatible with AH authentication" and starts it as BACKUP. Use state BACKUP.`,
        at,
      });
    }
  },
};
