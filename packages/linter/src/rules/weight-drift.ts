import type { Located } from '@kalint/parser';
import type { RealServer } from '../model.js';
import { anchor, describeRealServer, fileName, lineOf, realServerPairs, related, virtualServerPeers } from '../peers-util.js';
import type { Rule } from '../types.js';

interface Weight {
  value: number;
  written: boolean;
  at: Located;
}

/** The weight keepalived gives a real server: its `weight`, else 1. */
function weightOf(real: RealServer): Weight | undefined {
  const written = real.statement.block?.body.some((n) => n.type === 'Statement' && n.keyword.text === 'weight');
  if (written && !real.weight) return undefined;
  return real.weight ? { value: real.weight.value, written: true, at: real.weight.at } : { value: 1, written: false, at: anchor(real.statement) };
}

const describe = (w: Weight) => (w.written ? `${w.value}` : `${w.value} (the default: no weight line)`);

/** A real server weighted differently on HA peers. */
export const weightDrift: Rule = {
  meta: {
    id: 'weight-drift',
    description: 'A real server has a different weight on HA peers (default 1)',
    defaultSeverity: 'error',
    fixable: false,
    scope: 'project',
  },
  check({ project, report }) {
    for (const { server, peers } of virtualServerPeers(project)) {
      for (const peer of peers) {
        for (const [real, peerReal] of realServerPairs(server, peer)) {
          const mine = weightOf(real);
          const theirs = weightOf(peerReal);
          if (!mine || !theirs || mine.value === theirs.value) continue;
          const peerName = fileName(project, peer.file);
          report({
            message:
              `${describeRealServer(real)} weighs ${describe(mine)} here but ${describe(theirs)} in ${peerName} (line ${lineOf(theirs.at)}): ` +
              `after a failover the traffic split changes`,
            at: mine.at,
            related: [related(theirs.at, `${describeRealServer(peerReal)} weighs ${theirs.value} in ${peerName}`)],
          });
        }
      }
    }
  },
};
