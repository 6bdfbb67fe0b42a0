import { compareVersions } from '@kalint/model';
import { unknownToReleaseBlockNote } from '../block-notes.js';
import { inBlock, releaseLabel as shown } from '../messages.js';
import type { Rule } from '../types.js';

/** Keywords the targeted keepalived release does not know: newer than it, or removed before it. */
export const keywordVersion: Rule = {
  meta: {
    id: 'keyword-version',
    description: 'Keywords the targeted keepalived release (--target-version, default the newest) does not know yet, or no longer knows',
    defaultSeverity: 'error',
    fixable: false,
    scope: 'file',
  },
  file(file, context) {
    const { targetVersion } = context;
    const report = context.reportOncePerPlace;
    const target = shown(targetVersion);
    // A schema has a handful of distinct versions and a config hundreds of thousands of keywords:
    // compare each version with the target once.
    const comparisons = new Map<string, number>();
    const compared = (version: string): number => {
      let result = comparisons.get(version);
      if (result === undefined) comparisons.set(version, (result = compareVersions(version, targetVersion)));
      return result;
    };
    const reported = new Set<object>();
    const { statements, scopes } = file.node.index;
    for (let i = 0; i < statements.length; i++) {
      const statement = statements[i]!;
      const { parentPath, ancestors } = scopes[i]!;
      const spec = statement.spec;
      if (!spec) continue;
      // Inside a block the release does not know, the block's keyword is the finding.
      if (reported.size > 0 && ancestors.some((a) => reported.has(a))) continue;
      const name = spec.name;
      let problem: string | undefined;
      if (compared(spec.since) > 0) {
        problem = `keepalived ${target} does not know \`${name}\` ${inBlock(parentPath)} (added in ${shown(spec.since)})`;
      } else if (spec.until && compared(spec.until) < 0) {
        problem = `keepalived ${target} no longer knows \`${name}\` ${inBlock(parentPath)} (removed after ${shown(spec.until)})`;
      }
      if (!problem) continue;
      reported.add(statement);
      report({ message: `${problem}: it reports an unknown keyword and ignores the line.${unknownToReleaseBlockNote(statement, parentPath)}`, at: statement.keyword });
    }
  },
};
