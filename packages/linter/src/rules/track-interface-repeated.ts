import { childrenAt, childValues } from '@kalint/model';
import type { Rule } from '../types.js';

/** The same interface tracked by an instance and by its sync group. */
export const trackInterfaceRepeated: Rule = {
  meta: {
    id: 'track-interface-repeated',
    description: 'The same track_interface on an instance and on its sync group: keepalived reports a configuration error and tracks the interface once',
    defaultSeverity: 'warn',
    fixable: false,
    scope: 'file',
  },
  instance(instance, { report }) {
    const group = instance.syncGroup;
    if (instance.duplicateOf || !group || group.duplicateOf) return;
    const groupItems = new Map<string, { line: number }>();
    for (const line of childrenAt(group.statement, 'vrrp_sync_group/track_interface')) {
      for (const item of childValues(line)) {
        const word = item.words[0];
        if (word && !groupItems.has(word.text)) groupItems.set(word.text, { line: word.range.start.line + 1 });
      }
    }
    for (const track of instance.tracks) {
      if (track.kind !== 'interface' || track.dropped) continue;
      // The instance's own interface is tracked without weight and raises no error.
      if (instance.interface && track.name === instance.interface.value) continue;
      const there = groupItems.get(track.name);
      if (!there) continue;
      report({
        message:
          `${instance.name} tracks interface ${track.name}, and so does its sync group ${group.name} (line ${there.line}): keepalived reports ` +
          `"track_interface ${track.name} is configured on VRRP instance and sync group" and tracks it once. ` +
          `Remove it from the instance or from the sync group.`,
        at: track.word,
      });
    }
  },
};
