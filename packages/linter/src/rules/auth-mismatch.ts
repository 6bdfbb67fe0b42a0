import type { Located } from '@kalint/parser';
import type { VrrpInstance } from '../model.js';
import { anchor, child, fileName, instancePeers, related, strictMode, vrrpVersion, where } from '../peers-util.js';
import type { Project } from '../project.js';
import type { Related, Rule } from '../types.js';

/** keepalived keeps this many characters of `auth_pass` (sizeof auth_data). */
const PASS_LENGTH = 8;

interface Auth {
  type: 'PASS' | 'AH' | 'none';
  /** The part of auth_pass keepalived uses. */
  pass: string;
  /** Why the type is `none` when the config has an authentication block. */
  note?: string;
  typeAt: Located;
  passAt: Located;
}

/** Authentication as keepalived runs it (vrrp.c `vrrp_complete_instance`). */
function authOf(project: Project, instance: VrrpInstance): Auth {
  const block = child(instance.statement, 'authentication');
  const at = block ? block.keyword : anchor(instance.statement);
  const none = (note?: string): Auth => ({ type: 'none', pass: '', ...(note ? { note } : {}), typeAt: at, passAt: at });
  if (!block) return none('no authentication block');
  const written = instance.authType?.value;
  if (written !== 'PASS' && written !== 'AH') return none(written ? `auth_type ${written} is not one keepalived knows` : 'no auth_type');
  if (strictMode(project, instance)) return none('strict mode ignores authentication');
  if (vrrpVersion(project, instance) === 3) return none('VRRP version 3 ignores authentication');
  if (!instance.authPass?.value) return none('auth_type without auth_pass is ignored');
  return { type: written, pass: instance.authPass.value.slice(0, PASS_LENGTH), typeAt: instance.authType!.at, passAt: instance.authPass.at };
}

function describe(auth: Auth): string {
  return auth.type === 'none' ? `none${auth.note ? ` (${auth.note})` : ''}` : `auth_type ${auth.type}`;
}

/** HA peers of one VRRP instance whose authentication differs as keepalived applies it. */
export const authMismatch: Rule = {
  meta: {
    id: 'auth-mismatch',
    description: 'HA peers of one VRRP instance authenticate differently (auth_type, or the first 8 characters of auth_pass)',
    defaultSeverity: 'error',
    fixable: false,
    scope: 'project',
  },
  check({ project, report }) {
    for (const { instance, peers } of instancePeers(project)) {
      const mine = authOf(project, instance);
      const typeParts: string[] = [];
      const passParts: string[] = [];
      const relatedPlaces: Related[] = [];
      for (const peer of peers) {
        if (vrrpVersion(project, peer) !== vrrpVersion(project, instance)) continue;
        const theirs = authOf(project, peer);
        const peerName = fileName(project, peer.file);
        if (theirs.type !== mine.type) {
          typeParts.push(`${describe(theirs)} in ${where(project, theirs.typeAt)}`);
          relatedPlaces.push(related(theirs.typeAt, `authentication of ${peer.name} in ${peerName}: ${describe(theirs)}`));
        } else if (mine.type !== 'none' && theirs.pass !== mine.pass) {
          passParts.push(where(project, theirs.passAt));
          relatedPlaces.push(related(theirs.passAt, `auth_pass of ${peer.name} in ${peerName}`));
        }
      }
      const consequence = 'each node rejects the other\'s adverts, so both become MASTER and hold the virtual IPs at the same time (split brain)';
      if (typeParts.length > 0) {
        report({
          message: `vrrp_instance ${instance.name} uses authentication ${describe(mine)} here but ${typeParts.join(' and ')}: ${consequence}`,
          at: mine.typeAt,
          related: relatedPlaces,
        });
      } else if (passParts.length > 0) {
        report({
          message:
            `vrrp_instance ${instance.name}: auth_pass here differs from the one in ${passParts.join(' and ')} within the first ${PASS_LENGTH} characters, ` +
            `the only ones keepalived uses (values not shown): ${consequence}`,
          at: mine.passAt,
          related: relatedPlaces,
        });
      }
    }
  },
};
