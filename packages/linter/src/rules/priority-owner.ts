import type { Rule } from '../types.js';
import { childValues, childrenAt, effectivePriority, isStrict, syncGroupOf, wantsMaster } from '../semantic-util.js';
import type { ProjectFile } from '../project.js';
import type { VrrpInstance } from '../model.js';

/** The priority 255 (address owner) rules keepalived enforces after reading the file. */
export const priorityOwner: Rule = {
  meta: {
    id: 'priority-owner',
    description: 'Settings that do not work with the address-owner priority 255: nopreempt, weighted track scripts, strict-mode state',
    defaultSeverity: 'warn',
    fixable: false,
    scope: 'file',
  },
  check({ project, targetVersion, report }) {
    for (const file of project.files) {
      for (const instance of file.model.instances) {
        const priority = effectivePriority(instance);
        if (priority === undefined) continue;
        const priorityAt = instance.priority?.at ?? instance.statement.args[0] ?? instance.statement.keyword;
        const implied = instance.priority ? '' : ' (implied by state MASTER without a priority)';
        if (priority === 255 && instance.nopreempt) {
          report({
            message:
              `nopreempt has no effect in ${instance.name}: its priority is 255${implied}, the address owner, which always takes over; ` +
              `keepalived reports "nopreempt is incompatible with priority 255" and resets it. Use a priority below 255 with nopreempt.`,
            at: instance.nopreempt.keyword,
            related: [{ file: instance.file, range: priorityAt.range, message: 'priority 255' }],
          });
        }
        const group = syncGroupOf(file.ast, instance.name);
        // In a sync group keepalived drops weighted scripts for that reason first (sync-group reports it).
        if (priority === 255 && !(group && !group.trackingWeight)) {
          for (const { word, script } of weightedScripts(file, instance)) {
            report({
              message:
                `track_script ${script} has a weight, but ${instance.name} has priority 255${implied}: an address owner's priority never changes, ` +
                `so keepalived reports "ignoring tracked script with weights due to address_owner" and drops the script from this instance. ` +
                `Use weight 0 (the check then sets FAULT), or a priority below 255.`,
              at: word,
            });
          }
        }
        if (isStrict(file, instance, targetVersion) && childrenAt(instance.statement, 'vrrp_instance/state').length > 0) {
          const master = wantsMaster(instance);
          if (master !== (priority === 255)) {
            const state = childrenAt(instance.statement, 'vrrp_instance/state').at(-1)!;
            report({
              message:
                `In strict mode the initial state must match being the address owner: ${instance.name} has state ${master ? 'MASTER' : 'BACKUP'} ` +
                `and priority ${priority}; keepalived reports "State MASTER must match being address owner" and starts it as ` +
                `${priority === 255 ? 'MASTER' : 'BACKUP'}. Use state ${priority === 255 ? 'MASTER' : 'BACKUP'}${master ? ' or priority 255' : ''}.`,
              at: state.args[0] ?? state.keyword,
            });
          }
        }
      }
    }
  },
};

const weights = new WeakMap<ProjectFile['model']['scripts'], Map<string, number>>();

/** The weight of each vrrp_script of a file by name (0 when it has none), worked out once per file. */
function scriptWeights(file: ProjectFile): Map<string, number> {
  let scriptWeight = weights.get(file.model.scripts);
  if (!scriptWeight) {
    scriptWeight = new Map<string, number>();
    for (const [name, statement] of file.model.scripts) {
      const weight = childrenAt(statement, 'vrrp_script/weight').at(-1)?.args[0]?.text;
      scriptWeight.set(name, weight !== undefined && /^-?\d+$/.test(weight) ? Number(weight) : 0);
    }
    weights.set(file.model.scripts, scriptWeight);
  }
  return scriptWeight;
}

/** The instance's track_script items that carry a non-zero weight (their own, or the vrrp_script's). */
export function weightedScripts(file: ProjectFile, instance: VrrpInstance) {
  const scriptWeight = scriptWeights(file);
  const found: Array<{ word: (typeof instance.trackScripts)[number]['at']; script: string }> = [];
  for (const block of childrenAt(instance.statement, 'vrrp_instance/track_script')) {
    for (const item of childValues(block)) {
      const name = item.words[0];
      if (!name || !scriptWeight.has(name.text)) continue;
      const option = item.words.findIndex((w) => w.text === 'weight');
      const own = option >= 0 ? item.words[option + 1]?.text : undefined;
      const weight = own !== undefined && /^-?\d+$/.test(own) ? Number(own) : scriptWeight.get(name.text)!;
      if (weight !== 0) found.push({ word: name, script: name.text });
    }
  }
  return found;
}
