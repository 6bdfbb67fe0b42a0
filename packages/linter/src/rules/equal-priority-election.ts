import { compareAddresses, instancePriority, PRIORITY_OWNER, type VrrpInstance } from '@kalint/model';
import { priorityPlace, related, where } from '../messages.js';
import type { Rule } from '../types.js';

/** The effective priority with every tracked object up (the election engine's). */
const priorityOf = (instance: VrrpInstance): number => instancePriority(instance).priority;

/** Why a `state MASTER` line runs as BACKUP (strict mode, AH), when it does. */
function masterRunAsBackup(instance: VrrpInstance): string | undefined {
  if (instance.stateRead?.value !== 'MASTER' || instance.state.value !== 'BACKUP') return undefined;
  return instance.state.origin.kind === 'derived' ? instance.state.origin.because : 'keepalived starts it as BACKUP';
}

/** The source address as written (`2001:db8::a`), else as the model keeps it. */
function sourceText(instance: VrrpInstance): string | undefined {
  const source = instance.unicastSrcIp;
  if (!source) return undefined;
  const at = source.origin.kind === 'default' ? undefined : source.origin.at;
  return at && 'text' in at && typeof at.text === 'string' ? at.text : source.value;
}

/**
 * Peers that both start as BACKUP with the same priority. keepalived's election between them
 * (vrrp.c): a BACKUP accepts an advert of equal or higher priority (`vrrp_state_backup`), so the
 * first node up becomes MASTER and keeps the addresses; a MASTER yields to an equal priority only
 * from a higher address (`vrrp_state_master_rx`, `vrrp_saddr_cmp`; RFC 5798 6.4.3, RFC 3768 6.4.3),
 * so when both start together the higher primary address wins. Reported when that can be told from
 * the configurations: both set their source address (`unicast_src_ip`, `mcast_src_ip`), so the
 * winner is named; or one node says it should be MASTER (`state MASTER`) but keepalived starts it
 * as BACKUP (strict mode, AH authentication). Nodes that all have `nopreempt` chose this on
 * purpose (no fail-back), and a node's name is no configuration: neither is reported.
 * Otherwise the winner depends on addresses the configurations do not hold, and nothing is said.
 */
export const equalPriorityElection: Rule = {
  meta: {
    id: 'equal-priority-election',
    description: 'HA peers that both start as BACKUP with the same priority: says which node the election picks (first up, else the higher source address) when that can be told',
    defaultSeverity: 'warn',
    fixable: false,
    scope: 'project',
  },
  cluster(cluster, { project, report }) {
    for (const instance of cluster.members) {
      const mine = priorityOf(instance);
      if (instance.state.value !== 'BACKUP' || mine === PRIORITY_OWNER) continue;
      for (const peer of cluster.peers.get(instance) ?? []) {
        if (peer.state.value !== 'BACKUP' || priorityOf(peer) !== mine) continue;
        // Equal priorities with nopreempt on both: the first node up keeps the VIPs, by design.
        if (instance.nopreempt.value && peer.nopreempt.value) continue;
        const there = where(project, priorityPlace(peer));
        const file = project.fileName(peer.file);
        const here = instance.unicastSrcIp?.value;
        const away = peer.unicastSrcIp?.value;
        const order = here !== undefined && away !== undefined ? compareAddresses(here, away) : undefined;
        const hereText = sourceText(instance);
        const awayText = sourceText(peer);
        const intent = masterRunAsBackup(instance) ?? masterRunAsBackup(peer);
        if ((order === undefined || order === 0) && intent === undefined) continue;
        const head =
          `vrrp_instance ${instance.name} has priority ${mine} here, the same as its peer in ${there}, and both start as BACKUP: ` +
          `the first node to start becomes MASTER and keeps the virtual IPs (an equal priority does not take over)`;
        let tail: string;
        if (order !== undefined && order !== 0) {
          tail = order > 0 ? `; when both start together the higher source address wins, this node's ${hereText} against ${awayText} in ${file}` : `; when both start together the higher source address wins, ${awayText} in ${file} against this node's ${hereText}`;
        } else tail = '; when both start together the node with the higher primary address on the segment wins';
        const mineIntent = masterRunAsBackup(instance);
        const theirIntent = masterRunAsBackup(peer);
        if (mineIntent) tail += `. state MASTER here does not prefer this node: ${mineIntent}`;
        else if (theirIntent) tail += `. state MASTER in ${file} does not prefer that node: ${theirIntent}`;
        report({
          message: `${head}${tail}. Give the node that should be MASTER the higher priority`,
          at: priorityPlace(instance),
          related: [related(priorityPlace(peer), `priority ${mine}, state BACKUP of ${peer.name} in ${file}`)],
        });
      }
    }
  },
};
