import type { Rule } from '../types.js';
import { childrenAt, effectivePriority, instanceFamily, instanceVersion, isStrict, wantsMaster } from '../semantic-util.js';

/** An `authentication` block keepalived throws away (VRRPv3, strict mode, no password, AH with IPv6), or AH with state MASTER. */
export const authenticationIgnored: Rule = {
  meta: {
    id: 'authentication-ignored',
    description: 'An authentication block keepalived ignores: VRRPv3, strict mode, no auth_pass, no auth_type, AH with IPv6; AH with state MASTER',
    defaultSeverity: 'warn',
    fixable: false,
    scope: 'file',
  },
  check({ project, targetVersion, report }) {
    for (const file of project.files) {
      for (const instance of file.model.instances) {
        const block = childrenAt(instance.statement, 'vrrp_instance/authentication').at(-1);
        if (!block) continue;
        const type = instance.authType;
        if (!type) {
          if (instance.authPass) {
            report({
              message:
                `${instance.name} has auth_pass but no auth_type: keepalived turns authentication on only with auth_type PASS or AH, ` +
                `so adverts are sent and accepted without a password. Add auth_type PASS, or remove the block.`,
              at: block.keyword,
            });
          }
          continue;
        }
        // keepalived ignores unknown auth_type words (invalid-argument reports them).
        if (type.value !== 'PASS' && type.value !== 'AH') continue;
        const at = type.at;
        if (isStrict(file, instance, targetVersion)) {
          report({
            message:
              `${instance.name} runs in strict mode (vrrp_strict / strict_mode), which follows RFC 5798 and has no authentication: ` +
              `keepalived reports "Strict mode does not support authentication" and sends adverts without it. Remove the authentication block.`,
            at,
          });
        } else if (instanceVersion(file, instance, targetVersion) === 3) {
          const why = instance.version?.value === 3 ? 'version 3' : instanceFamily(instance) === 6 ? 'an IPv6 instance (always VRRPv3)' : 'global vrrp_version 3';
          report({
            message:
              `${instance.name} uses VRRPv3 (${why}), which has no authentication: keepalived reports "VRRP version 3 does not support authentication" ` +
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
        } else if (type.value === 'AH' && instanceFamily(instance) === 6) {
          report({
            message: `${instance.name} is an IPv6 instance: keepalived cannot use AH authentication with IPv6 and ignores it. Remove the block.`,
            at,
          });
        } else if (type.value === 'AH' && wantsMaster(instance) && effectivePriority(instance) !== 255) {
          report({
            message:
              `${instance.name} uses AH authentication with state MASTER: it must receive an advert (for the AH sequence number) before taking over, ` +
              `so keepalived reports "Initial state master is incompatible with AH authentication" and starts it as BACKUP. Use state BACKUP.`,
            at,
          });
        }
      }
    }
  },
};
