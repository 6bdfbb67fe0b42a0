import type { Located } from '@kalint/parser';
import { anchor, AUTH_PASS_BYTES, childrenAt, placeOf, type VrrpInstance } from '@kalint/model';
import { related, where } from '../messages.js';
import type { Related, Rule } from '../types.js';

interface Auth {
  type: 'PASS' | 'AH' | 'none';
  /** What keepalived puts in the authentication field (the first 8 bytes of auth_pass). */
  pass: string;
  /** Why the type is `none`. */
  note?: string;
  typeAt: Located;
  passAt: Located;
}

/** Authentication as keepalived runs it (the model's, from vrrp.c `vrrp_complete_instance`). */
function authOf(instance: VrrpInstance): Auth {
  const block = childrenAt(instance.statement, 'vrrp_instance/authentication')[0];
  const at = block ? block.keyword : anchor(instance.statement);
  const auth = instance.authentication;
  if (auth.value === 'NONE') {
    let note: string;
    if (auth.origin.kind !== 'default') note = auth.origin.kind === 'derived' ? auth.origin.because : 'no authentication';
    else if (!block) note = 'no authentication block';
    else {
      // A block keepalived reads no usable auth_type from.
      const type = childrenAt(block, 'vrrp_instance/authentication/auth_type').pop()?.args[0]?.text;
      note = type !== undefined ? `auth_type ${type} is not one keepalived knows` : 'no auth_type';
    }
    return { type: 'none', pass: '', note, typeAt: at, passAt: at };
  }
  const typeAt = placeOf(auth, at);
  return { type: auth.value, pass: instance.authPass?.value ?? '', typeAt, passAt: instance.authPass ? placeOf(instance.authPass, typeAt) : typeAt };
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
  cluster(cluster, { project, report }) {
    for (const instance of cluster.members) {
      const mine = authOf(instance);
      const typeParts: string[] = [];
      const passParts: string[] = [];
      const relatedPlaces: Related[] = [];
      for (const peer of cluster.peers.get(instance) ?? []) {
        // Nodes of different VRRP versions never understand each other, authenticated or not.
        if (peer.version.value !== instance.version.value) continue;
        const theirs = authOf(peer);
        const peerName = project.fileName(peer.file);
        if (theirs.type !== mine.type) {
          typeParts.push(`${describe(theirs)} in ${where(project, theirs.typeAt)}`);
          relatedPlaces.push(related(theirs.typeAt, `authentication of ${peer.name} in ${peerName}: ${describe(theirs)}`));
        } else if (mine.type !== 'none' && theirs.pass !== mine.pass) {
          passParts.push(where(project, theirs.passAt));
          relatedPlaces.push(related(theirs.passAt, `auth_pass of ${peer.name} in ${peerName}`));
        }
      }
      const consequence = "each node rejects the other's adverts, so both become MASTER and hold the virtual IPs at the same time (split brain)";
      if (typeParts.length > 0) {
        report({
          message: `vrrp_instance ${instance.name} uses authentication ${describe(mine)} here but ${typeParts.join(' and ')}: ${consequence}`,
          at: mine.typeAt,
          related: relatedPlaces,
        });
      } else if (passParts.length > 0) {
        report({
          message:
            `vrrp_instance ${instance.name}: auth_pass here differs from the one in ${passParts.join(' and ')} within the first ${AUTH_PASS_BYTES} characters, ` +
            `the only ones keepalived uses (values not shown): ${consequence}`,
          at: mine.passAt,
          related: relatedPlaces,
        });
      }
    }
  },
};
