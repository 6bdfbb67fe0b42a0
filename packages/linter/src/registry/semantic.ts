/** The semantic rules, in the order they run (see rules/index.ts). */
import { addressFamilyMismatch } from '../rules/address-family-mismatch.js';
import { advertIntVersion } from '../rules/advert-int-version.js';
import { authPassTruncated } from '../rules/auth-pass-truncated.js';
import { authenticationIgnored } from '../rules/authentication-ignored.js';
import { drPortMapping } from '../rules/dr-port-mapping.js';
import { duplicateRealServer } from '../rules/duplicate-real-server.js';
import { duplicateVirtualIp } from '../rules/duplicate-virtual-ip.js';
import { duplicateVrid } from '../rules/duplicate-vrid.js';
import { nopreemptMaster } from '../rules/nopreempt-master.js';
import { priorityOwner } from '../rules/priority-owner.js';
import { scriptSecurity } from '../rules/script-security.js';
import { syncGroup } from '../rules/sync-group.js';
import { undefinedReference } from '../rules/undefined-reference.js';
import { unicastWithoutPeers } from '../rules/unicast-without-peers.js';
import { unusedDefinition } from '../rules/unused-definition.js';
import { virtualServerProtocol } from '../rules/virtual-server-protocol.js';
import { vrrpInstanceIncomplete } from '../rules/vrrp-instance-incomplete.js';
import type { Rule } from '../types.js';

export const semanticRules: readonly Rule[] = [
  // References between blocks.
  undefinedReference,
  unusedDefinition,
  // Things that must be unique in one file.
  duplicateVrid,
  duplicateVirtualIp,
  duplicateRealServer,
  // What keepalived needs and checks in a VRRP instance.
  vrrpInstanceIncomplete,
  addressFamilyMismatch,
  authPassTruncated,
  authenticationIgnored,
  advertIntVersion,
  nopreemptMaster,
  priorityOwner,
  syncGroup,
  unicastWithoutPeers,
  // Virtual servers.
  virtualServerProtocol,
  drPortMapping,
  // Scripts.
  scriptSecurity,
];
