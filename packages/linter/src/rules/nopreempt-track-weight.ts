import type { Located } from '@kalint/parser';
import { anchor, nodeName, trackLabel, type Track, type VrrpInstance } from '@kalint/model';
import { lineOf, related } from '../messages.js';
import type { Rule } from '../types.js';

/** Where a tracked object's weight is set: the item's `weight N`, else the definition's weight line, else the item. */
function weightPlace(track: Track): Located {
  return track.weight.origin.kind === 'default' ? track.word : track.weight.origin.at;
}

/** Where `nopreempt` is set, else the instance. */
function nopreemptPlace(instance: VrrpInstance): Located {
  return instance.nopreempt.origin.kind === 'default' ? anchor(instance.statement) : instance.nopreempt.origin.at;
}

/**
 * A weighted tracked object on the master whose failure takes it below its backups, all of which
 * have `nopreempt`: a BACKUP with nopreempt takes the adverts of a lower-priority MASTER
 * (vrrp.c `vrrp_state_backup` accepts any advert when nopreempt is set), so it never takes over
 * from a running master, and the VIPs stay on the node whose check failed.
 */
export const nopreemptTrackWeight: Rule = {
  meta: {
    id: 'nopreempt-track-weight',
    description: 'A weighted tracked check on a master whose backups have nopreempt: the check lowers the priority but the backups never take over, so the VIPs stay on the failed node',
    defaultSeverity: 'error',
    fixable: false,
    scope: 'project',
  },
  cluster(cluster, { project, report }) {
    for (const stuck of project.model.stuckFailures(cluster)) {
      if (stuck.because !== 'nopreempt') continue;
      const { master, track, before, after, rival, rivalPriority } = stuck;
      const here = nodeName(master.node);
      const there = nodeName(rival.node);
      const check = trackLabel(track);
      const weight = `${track.weight.value > 0 ? '+' : ''}${track.weight.value}${track.reverse ? ' reverse' : ''}`;
      report({
        message:
          `if ${check} fails on ${here}, ${here} drops from ${before} to ${after} (weight ${weight}), below ${there}'s ${rivalPriority}, but ${there} has nopreempt (${project.fileName(rival.file)} line ${lineOf(nopreemptPlace(rival))}): ` +
          `a BACKUP with nopreempt does not take over from a running MASTER of lower priority, so the VIPs of vrrp_instance ${master.name} stay on ${here} while ${check} is failing. ` +
          `Track ${check} without a weight (its failure then puts ${here} in FAULT and ${there} takes over), or drop nopreempt`,
        at: weightPlace(track),
        related: [related(nopreemptPlace(rival), `nopreempt of ${rival.name} on ${there}`)],
      });
    }
  },
};
