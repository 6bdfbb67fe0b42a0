/** The peers rules, in the order they run (see rules/index.ts). */
import { advertIntMismatch } from '../rules/advert-int-mismatch.js';
import { arpPrerequisites } from '../rules/arp-prerequisites.js';
import { authMismatch } from '../rules/auth-mismatch.js';
import { priorityConflict } from '../rules/priority-conflict.js';
import { realServerDrift } from '../rules/real-server-drift.js';
import { unicastPeerAsymmetry } from '../rules/unicast-peer-asymmetry.js';
import { vipMismatch } from '../rules/vip-mismatch.js';
import { virtualServerDrift } from '../rules/virtual-server-drift.js';
import { vridMismatch } from '../rules/vrid-mismatch.js';
import { weightDrift } from '../rules/weight-drift.js';
import type { Rule } from '../types.js';

export const peersRules: readonly Rule[] = [
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
];
