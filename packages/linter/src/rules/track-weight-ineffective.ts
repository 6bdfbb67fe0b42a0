import type { Located } from '@kalint/parser';
import { anchor, nodeName, trackLabel, type Track, type VrrpInstance } from '@kalint/model';
import { lineOf, related } from '../messages.js';
import type { Rule } from '../types.js';

/** Where a tracked object's weight is set: the item's `weight N`, else the definition's weight line, else the item. */
function weightPlace(track: Track): Located {
  return track.weight.origin.kind === 'default' ? track.word : track.weight.origin.at;
}

/** Where to point at an instance's priority: its line, else its state line, else the instance. */
function priorityPlace(instance: VrrpInstance): Located {
  if (instance.priority.origin.kind !== 'default') return instance.priority.origin.at;
  if (instance.state.origin.kind !== 'default') return instance.state.origin.at;
  return anchor(instance.statement);
}

/**
 * A weighted tracked object on the master whose failure cannot move the VIPs: with it failing,
 * the master's effective priority is still at or above the best backup's, and a backup takes the
 * adverts of an equal or higher priority (vrrp.c `vrrp_state_backup`), so nothing happens. The
 * arithmetic is keepalived's (vrrp_track.c, through the election engine): a negative weight is
 * taken off while the object fails, a positive one is added while it is up, limited to 1..254.
 */
export const trackWeightIneffective: Rule = {
  meta: {
    id: 'track-weight-ineffective',
    description: "A tracked check whose weight cannot take the master below its backup, so the VIPs stay on the master when the check fails",
    defaultSeverity: 'error',
    fixable: false,
    scope: 'project',
  },
  cluster(cluster, { project, report }) {
    for (const stuck of project.model.stuckFailures(cluster)) {
      if (stuck.because !== 'not-below') continue;
      const { master, track, before, after, rival, rivalPriority } = stuck;
      const here = nodeName(master.node);
      const there = nodeName(rival.node);
      const check = trackLabel(track);
      const weight = `${track.weight.value > 0 ? '+' : ''}${track.weight.value}${track.reverse ? ' reverse' : ''}`;
      const level = after === rivalPriority ? `the same as ${there}'s ${rivalPriority} (an equal priority does not take over)` : `still above ${there}'s ${rivalPriority}`;
      report({
        message:
          `if ${check} fails on ${here}, ${here} drops from ${before} to ${after} (weight ${weight}), ${level}: the VIPs of vrrp_instance ${master.name} stay on ${here} while ${check} is failing. ` +
          `To move them the failure must take ${here} below ${rivalPriority} (${project.fileName(rival.file)} line ${lineOf(priorityPlace(rival))}), or track ${check} without a weight so that its failure puts ${here} in FAULT`,
        at: weightPlace(track),
        related: [related(priorityPlace(rival), `priority ${rivalPriority} of ${rival.name} on ${there}`)],
      });
    }
  },
};
