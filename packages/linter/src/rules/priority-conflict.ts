import { describePriority, election, fileName, instancePeers, PRIORITY_OWNER, related, where } from '../peers-util.js';
import type { Rule } from '../types.js';

/**
 * Priorities and states of HA peers that do not give the failover the config suggests. keepalived's
 * election (vrrp.c): a BACKUP accepts a master whose priority is equal or higher, and takes over
 * from a lower one unless `nopreempt`; a MASTER yields to a higher priority, or to an equal one from
 * a higher IP address; `state MASTER` below 255 only shortens the wait at start-up.
 */
export const priorityConflict: Rule = {
  meta: {
    id: 'priority-conflict',
    description: 'HA peers whose priorities and states do not decide the MASTER as written: equal priorities, two address owners, a BACKUP that outranks the MASTER',
    defaultSeverity: 'error',
    fixable: false,
    scope: 'project',
  },
  check({ project, report }) {
    for (const { instance, peers } of instancePeers(project)) {
      const mine = election(instance);
      for (const peer of peers) {
        const theirs = election(peer);
        const there = where(project, theirs.at);
        const peerName = fileName(project, peer.file);
        const relatedTo = [related(theirs.at, `${describePriority(theirs)}, state ${theirs.state} of ${peer.name} in ${peerName}`)];
        const name = `vrrp_instance ${instance.name}`;
        let message: string | undefined;
        if (mine.priority === PRIORITY_OWNER && theirs.priority === PRIORITY_OWNER) {
          message =
            `${name} has ${describePriority(mine)} (address owner) here and so has its peer in ${there}: ` +
            `both claim to own the virtual IPs, keepalived reports a configuration error when they meet, and which node keeps them depends on their IP addresses, not on this config`;
        } else if (mine.priority === theirs.priority && mine.state === 'MASTER' && theirs.state === 'MASTER') {
          message =
            `${name} is state MASTER with ${describePriority(mine)} here and state MASTER with the same priority in ${there}: ` +
            `neither node is preferred. A node accepts a master of equal priority, so whichever starts first keeps the virtual IPs, and when both start together the higher IP address wins`;
        } else if (mine.priority === theirs.priority && mine.state === 'MASTER') {
          message =
            `${name} is state MASTER with ${describePriority(mine)} here, but the BACKUP in ${there} has the same priority: ` +
            `after a failover the BACKUP keeps the virtual IPs when this node returns (equal priority does not preempt), so state MASTER only decides who starts first`;
        } else if (mine.priority === theirs.priority && theirs.state === 'MASTER') {
          message =
            `${name} has ${describePriority(mine)} here, the same as the MASTER in ${there}: ` +
            `after a failover this node keeps the virtual IPs when the MASTER returns (equal priority does not preempt), so the MASTER does not take them back`;
        } else if (mine.state === 'BACKUP' && theirs.state === 'MASTER' && mine.priority > theirs.priority && !mine.nopreempt) {
          message =
            `${name} is state BACKUP with ${describePriority(mine)} here, higher than the MASTER's ${theirs.priority} in ${there}, and nopreempt is not set: ` +
            `this node takes the virtual IPs over whenever it runs, so the MASTER holds them only while this node is down`;
        } else if (mine.state === 'MASTER' && theirs.state === 'BACKUP' && theirs.priority > mine.priority && !theirs.nopreempt) {
          message =
            `${name} is state MASTER with ${describePriority(mine)} here, but the BACKUP in ${there} has the higher priority ${theirs.priority} and no nopreempt: ` +
            `the BACKUP takes the virtual IPs over whenever it runs, so this node holds them only while the BACKUP is down`;
        }
        if (message) report({ message, at: mine.at, related: relatedTo });
      }
    }
  },
};
