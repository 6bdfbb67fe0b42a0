/**
 * Accept mode: whether a backup-turned-master (an instance that is not the address owner) receives
 * packets addressed to its VIPs. Follows vrrp_complete_instance (keepalived/vrrp/vrrp.c, 2.2.7 to
 * 2.4.3): without an `accept` or `no_accept` line, accept is on for priority 255 and otherwise on
 * unless strict mode is; in strict mode with VRRP version 2 a non-owner's `accept` is reset ("accept
 * mode for VRRP version 2 does not comply with RFC3768 - resetting"). Without accept keepalived
 * installs a firewall drop rule for the VIPs while it is MASTER (vrrp_handle_accept_mode); the
 * address owner never gets one.
 */
import type { Statement } from '@kalint/parser';
import { byDefault, derived, placeOf, written, type Setting } from './origin.js';
import { PRIORITY_OWNER, type VrrpInstance } from './vrrp.js';

export interface AcceptMode {
  /** Whether keepalived accepts packets to the VIPs when the instance is MASTER. */
  accept: Setting<boolean>;
  /** The last `accept` / `no_accept` line of the instance (the last one wins). */
  line: Statement | undefined;
  /** Set when keepalived reset a written `accept` (strict mode, VRRP version 2, not the owner). */
  reset: boolean;
  /** Whether keepalived drops packets to the VIPs while the instance is MASTER. */
  drops: boolean;
}

export function acceptModeOf(instance: VrrpInstance): AcceptMode {
  const on = instance.lines.get('accept');
  const off = instance.lines.get('no_accept');
  const line = on && off ? (on.range.start.offset > off.range.start.offset ? on : off) : on ?? off;
  const owner = instance.priority.value === PRIORITY_OWNER;
  let accept: Setting<boolean>;
  if (line) accept = written(line === on, line, line.keyword);
  else if (owner) accept = byDefault(true, `no accept line: the address owner (priority ${PRIORITY_OWNER}) accepts packets to its VIPs`);
  else if (instance.strict.value) accept = derived(false, placeOf(instance.strict, instance.statement.keyword), 'strict mode without an accept line: keepalived runs the instance with no_accept');
  else accept = byDefault(true, 'no accept line: keepalived accepts packets to the VIPs outside strict mode');
  let reset = false;
  if (accept.value && !owner && instance.strict.value && instance.version.value === 2) {
    reset = true;
    accept = derived(false, line!.keyword, 'strict mode with VRRP version 2: keepalived resets accept ("accept mode for VRRP version 2 does not comply with RFC3768 - resetting")');
  }
  return { accept, line, reset, drops: !owner && !accept.value };
}
