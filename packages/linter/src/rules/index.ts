/**
 * Every rule kalint has, in the order they run: one flat list, one entry per rule. Each lives in a
 * file named after its id, with a doc page in docs/rules/<id>.md.
 */
import type { Rule } from '../types.js';
import { addressFamilyMismatch } from './address-family-mismatch.js';
import { advertIntMismatch } from './advert-int-mismatch.js';
import { advertIntVersion } from './advert-int-version.js';
import { arpPrerequisites } from './arp-prerequisites.js';
import { authMismatch } from './auth-mismatch.js';
import { authPassTruncated } from './auth-pass-truncated.js';
import { authenticationIgnored } from './authentication-ignored.js';
import { deprecatedKeyword } from './deprecated-keyword.js';
import { drPortMapping } from './dr-port-mapping.js';
import { duplicateRealServer } from './duplicate-real-server.js';
import { duplicateVirtualIp } from './duplicate-virtual-ip.js';
import { duplicateVrid } from './duplicate-vrid.js';
import { equalPriorityElection } from './equal-priority-election.js';
import { httpCheckOnUdp } from './http-check-on-udp.js';
import { httpCheckTlsMismatch } from './http-check-tls-mismatch.js';
import { invalidArgument } from './invalid-argument.js';
import { ipv6UnicastSource } from './ipv6-unicast-source.js';
import { keywordVersion } from './keyword-version.js';
import { masterWithoutPriority } from './master-without-priority.js';
import { misplacedKeyword } from './misplaced-keyword.js';
import { multicastGroupMismatch } from './multicast-group-mismatch.js';
import { nopreemptMaster } from './nopreempt-master.js';
import { nopreemptTrackWeight } from './nopreempt-track-weight.js';
import { priorityConflict } from './priority-conflict.js';
import { priorityOwner } from './priority-owner.js';
import { quorumAboveWeight } from './quorum-above-weight.js';
import { realServerDrift } from './real-server-drift.js';
import { routeAddress } from './route-address.js';
import { scriptLineWordsRule } from './script-line-words.js';
import { scriptSecurity } from './script-security.js';
import { sorryServerIsRealServer } from './sorry-server-is-real-server.js';
import { splitPersistence } from './split-persistence.js';
import { strictAccept } from './strict-accept.js';
import { strictUnicast } from './strict-unicast.js';
import { syncGroup } from './sync-group.js';
import { syncGroupCrossed } from './sync-group-crossed.js';
import { syntax } from './syntax.js';
import { trackInterfaceRepeated } from './track-interface-repeated.js';
import { trackWeightIneffective } from './track-weight-ineffective.js';
import { undefinedReference } from './undefined-reference.js';
import { unicastPeerAsymmetry } from './unicast-peer-asymmetry.js';
import { unicastWithoutPeers } from './unicast-without-peers.js';
import { unknownKeyword } from './unknown-keyword.js';
import { unusedDefinition } from './unused-definition.js';
import { unusedSuppression } from './unused-suppression.js';
import { vipInterfaceMismatch } from './vip-interface-mismatch.js';
import { vipMismatch } from './vip-mismatch.js';
import { virtualServerDrift } from './virtual-server-drift.js';
import { virtualServerProtocol } from './virtual-server-protocol.js';
import { vridCollision } from './vrid-collision.js';
import { vridMismatch } from './vrid-mismatch.js';
import { vrrpInstanceIncomplete } from './vrrp-instance-incomplete.js';
import { weightDrift } from './weight-drift.js';

export const rules: readonly Rule[] = [
  syntax,
  // The keyword schema.
  unknownKeyword,
  misplacedKeyword,
  keywordVersion,
  invalidArgument,
  deprecatedKeyword,
  // References between blocks.
  undefinedReference,
  unusedDefinition,
  // Things that must be unique in one configuration.
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
  // What keepalived will do with a node's settings.
  strictAccept,
  strictUnicast,
  masterWithoutPriority,
  scriptLineWordsRule,
  routeAddress,
  ipv6UnicastSource,
  trackInterfaceRepeated,
  // Virtual servers.
  virtualServerProtocol,
  drPortMapping,
  httpCheckOnUdp,
  httpCheckTlsMismatch,
  quorumAboveWeight,
  sorryServerIsRealServer,
  splitPersistence,
  // Scripts.
  scriptSecurity,
  // HA peers against each other.
  vridCollision,
  vridMismatch,
  vipMismatch,
  advertIntMismatch,
  authMismatch,
  priorityConflict,
  unicastPeerAsymmetry,
  virtualServerDrift,
  realServerDrift,
  weightDrift,
  arpPrerequisites,
  // What the nodes of a cluster will do together (elections, failures).
  multicastGroupMismatch,
  vipInterfaceMismatch,
  syncGroupCrossed,
  equalPriorityElection,
  trackWeightIneffective,
  nopreemptTrackWeight,
  // Suppression comments themselves (reported while the engine applies them).
  unusedSuppression,
];

/** The rules by id. */
export const ruleById: ReadonlyMap<string, Rule> = new Map(rules.map((rule) => [rule.meta.id, rule]));
