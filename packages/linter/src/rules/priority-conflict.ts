import { PRIORITY_OWNER, type VrrpInstance } from '@kalint/model';
import { priorityPlace, related, where } from '../messages.js';
import type { Rule } from '../types.js';

/** `priority 100`, or with why keepalived runs that priority when no line sets it. */
function describePriority(instance: VrrpInstance): string {
  const { value, origin } = instance.priority;
  if (origin.kind === 'written' || origin.kind === 'global') return `priority ${value}`;
  return `priority ${value} (${origin.because})`;
}

/**
 * Priorities and states of HA peers that do not give the failover the config suggests. keepalived's
 * election (vrrp.c): a BACKUP accepts a master whose priority is equal or higher, and takes over
 * from a lower one unless `nopreempt`; a MASTER yields to a higher priority, or to an equal one from
 * a higher IP address; `state MASTER` below 255 only shortens the wait at start-up. Priorities,
 * states and nopreempt are the ones keepalived runs (the model's).
 */
export const priorityConflict: Rule = {
  meta: {
    id: 'priority-conflict',
    description: 'HA peers whose priorities and states do not decide the MASTER as written: equal priorities, two address owners, a BACKUP that outranks the MASTER',
    defaultSeverity: 'error',
    fixable: false,
    scope: 'project',
  },
  cluster(cluster, { project, report }) {
    for (const instance of cluster.members) {
      const mine = { priority: instance.priority.value, state: instance.state.value, at: priorityPlace(instance) };
      for (const peer of cluster.peers.get(instance) ?? []) {
        const theirs = { priority: peer.priority.value, state: peer.state.value, at: priorityPlace(peer), nopreempt: peer.nopreempt.value };
        const there = where(project, theirs.at);
        const relatedTo = [related(theirs.at, `${describePriority(peer)}, state ${theirs.state} of ${peer.name} in ${project.fileName(peer.file)}`)];
        const name = `vrrp_instance ${instance.name}`;
        let message: string | undefined;
        if (mine.priority === PRIORITY_OWNER && theirs.priority === PRIORITY_OWNER) {
          message =
            `${name} has ${describePriority(instance)} (address owner) here and so has its peer in ${there}: ` +
            `both claim to own the virtual IPs, keepalived reports a configuration error when they meet, and which node keeps them depends on their IP addresses, not on this config`;
        } else if (mine.priority === theirs.priority && mine.state === 'MASTER' && theirs.state === 'MASTER') {
          message =
            `${name} is state MASTER with ${describePriority(instance)} here and state MASTER with the same priority in ${there}: ` +
            `neither node is preferred. A node accepts a master of equal priority, so whichever starts first keeps the virtual IPs, and when both start together the higher IP address wins`;
        } else if (mine.priority === theirs.priority && mine.state === 'MASTER') {
          message =
            `${name} is state MASTER with ${describePriority(instance)} here, but the BACKUP in ${there} has the same priority: ` +
            `after a failover the BACKUP keeps the virtual IPs when this node returns (equal priority does not preempt), so state MASTER only decides who starts first`;
        } else if (mine.priority === theirs.priority && theirs.state === 'MASTER') {
          message =
            `${name} has ${describePriority(instance)} here, the same as the MASTER in ${there}: ` +
            `after a failover this node keeps the virtual IPs when the MASTER returns (equal priority does not preempt), so the MASTER does not take them back`;
        } else if (mine.state === 'BACKUP' && theirs.state === 'MASTER' && mine.priority > theirs.priority && !instance.nopreempt.value) {
          message =
            `${name} is state BACKUP with ${describePriority(instance)} here, higher than the MASTER's ${theirs.priority} in ${there}, and nopreempt is not set: ` +
            `this node takes the virtual IPs over whenever it runs, so the MASTER holds them only while this node is down`;
        } else if (mine.state === 'MASTER' && theirs.state === 'BACKUP' && theirs.priority > mine.priority && !theirs.nopreempt) {
          message =
            `${name} is state MASTER with ${describePriority(instance)} here, but the BACKUP in ${there} has the higher priority ${theirs.priority} and no nopreempt: ` +
            `the BACKUP takes the virtual IPs over whenever it runs, so this node holds them only while the BACKUP is down`;
        }
        if (message) report({ message, at: mine.at, related: relatedTo });
      }
    }
  },
};
