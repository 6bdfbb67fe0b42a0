import { anchor, childrenAt, placeOf, realServerPairs, weighted, type RealServer, type Setting, type VirtualServer } from '@kalint/model';
import { describeLine, lineOf, related } from '../messages.js';
import type { Rule } from '../types.js';

/** The weight keepalived gives a real server, or undefined when its weight line is one keepalived cannot read. */
function weightOf(real: RealServer): Setting<number> | undefined {
  if (real.weight.origin.kind === 'default' && childrenAt(real.statement, 'virtual_server/real_server/weight').length > 0) return undefined;
  return real.weight;
}

const describe = (w: Setting<number>) => (w.origin.kind === 'default' ? `${w.value} (the default: no weight line)` : `${w.value}`);

/** What a weight difference does under the schedulers of two directors that ignore weights other than 0. */
function consequence(server: VirtualServer, peer: VirtualServer, mine: number, theirs: number, peerName: string): string {
  const here = server.scheduler.value;
  const there = peer.scheduler.value;
  const schedulers = here === there ? `lb_algo ${here}` : `lb_algo ${here} here and ${there} in ${peerName}`;
  if (mine !== 0 && theirs !== 0) {
    return (
      `${schedulers} ${here === there ? 'ignores' : 'both ignore'} weights other than 0, so today a failover does not change the traffic split; ` +
      `the drift bites once the scheduler is a weighted one (wrr, wlc, ...) or one of the weights becomes 0`
    );
  }
  const zeroScheduler = mine === 0 ? here : there;
  const zeroSide = mine === 0 ? 'this director' : peerName;
  if (zeroScheduler === 'dh') {
    return (
      `under lb_algo dh weight 0 leaves the destinations hashed to this real server without a server: ` +
      `while ${zeroSide} is MASTER their connections fail, while the other director is MASTER they reach it`
    );
  }
  return (
    `under lb_algo ${zeroScheduler} weight 0 takes a real server out of rotation (it keeps its connections but gets no new ones): ` +
    `it gets new connections only while the other director is MASTER, not while ${zeroSide} is`
  );
}

/** A real server weighted differently on HA peers. */
export const weightDrift: Rule = {
  meta: {
    id: 'weight-drift',
    description: 'A real server has a different weight on HA peers (default 1)',
    defaultSeverity: 'error',
    fixable: false,
    scope: 'project',
  },
  service({ server, peers }, { project, report }) {
    for (const peer of peers) {
      for (const [real, peerReal] of realServerPairs(server, peer)) {
        const mine = weightOf(real);
        const theirs = weightOf(peerReal);
        if (!mine || !theirs || mine.value === theirs.value) continue;
        const peerName = project.fileName(peer.file);
        const at = placeOf(mine, anchor(real.statement));
        const peerAt = placeOf(theirs, anchor(peerReal.statement));
        const unweighted = !weighted(server) && !weighted(peer);
        report({
          message:
            `${describeLine(real.statement)} weighs ${describe(mine)} here but ${describe(theirs)} in ${peerName} (line ${lineOf(peerAt)}): ` +
            (unweighted ? consequence(server, peer, mine.value, theirs.value, peerName) : `after a failover the traffic split changes`),
          at,
          related: [related(peerAt, `${describeLine(peerReal.statement)} weighs ${theirs.value} in ${peerName}`)],
        });
      }
    }
  },
};
