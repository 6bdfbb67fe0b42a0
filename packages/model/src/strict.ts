/**
 * Strict mode and unicast peers (keepalived/vrrp/vrrp.c `vrrp_complete_instance`): an instance with
 * unicast peers on an interface that does multicast gets "Unicast peers are not supported in
 * strict mode", and the configuration fails (the VRRP process stops). Up to 2.3.4 the check comes
 * before the instance is marked unicast, so it never fires and the instance runs unicast (seen
 * with keepalived 2.2.7); from 2.4.0 the mark comes first and the check refuses it.
 */
import { compareVersions } from './version.js';
import type { VrrpInstance } from './vrrp.js';

/** The first release that refuses unicast peers in strict mode. */
export const STRICT_UNICAST_REFUSED_SINCE = '2.4.0';

/**
 * What keepalived does with an instance that has unicast peers in strict mode: refuses the
 * configuration, or (earlier releases) runs it without checking; undefined when it does not apply
 * (no strict mode, no peers, or no interface: other checks decide).
 */
export function strictUnicastOf(instance: VrrpInstance): 'refused' | 'unchecked' | undefined {
  if (!instance.strict.value || instance.unicastPeers.length === 0 || !instance.interface) return undefined;
  return compareVersions(instance.node.release, STRICT_UNICAST_REFUSED_SINCE) >= 0 ? 'refused' : 'unchecked';
}
