import { sameArgs } from '@kalint/grammar';
import { unknownBlockNote } from '../block-notes.js';
import { inBlock, joinOr, placeLabel, ROOT_PATH } from '../messages.js';
import type { Rule } from '../types.js';

/** Prefixes by which the global default of a per-instance setting is named (`garp_master_delay` / `vrrp_garp_master_delay`). */
const PREFIXES = ['vrrp_', 'lvs_', 'checker_'];

/** Keywords that keepalived knows, written in a block where they do not belong. */
export const misplacedKeyword: Rule = {
  meta: {
    id: 'misplaced-keyword',
    description: 'Keywords valid elsewhere in keepalived.conf but not in the block they are written in',
    defaultSeverity: 'error',
    fixable: false,
    scope: 'file',
  },
  file(file, context) {
    const { schema } = context;
    const report = context.reportOncePerPlace;
    for (const { statement, parentPath } of file.node.index.unknown) {
      const name = statement.keyword.text;
      const places = schema.named(name);
      if (places.length === 0) continue; // unknown-keyword
      if (schema.removedChild(parentPath, name)) continue; // deprecated-keyword
      const parents = [...new Set(places.map((k) => k.parent))];
      const shown = parents.slice(0, 5).map(placeLabel);
      const more = parents.length > 5 ? ` and ${parents.length - 5} other blocks` : '';
      let where = `It belongs ${parents.length === 1 && parents[0] === ROOT_PATH ? 'at' : 'in'} ${joinOr(shown)}${more}.`;
      // The same setting under another name in this block, when the schema has one taking the same arguments.
      const here = schema.childrenOf(parentPath).filter((k) =>
        PREFIXES.some((p) => k.name === p + name || name === p + k.name) && places.some((o) => sameArgs(o.args, k.args)),
      );
      if (here.length > 0) where += ` ${inBlock(parentPath).replace(/^./, (c) => c.toUpperCase())} the keyword is ${joinOr(here.map((k) => `\`${k.name}\``))}.`;
      report({
        message: `\`${name}\` is not a keyword ${inBlock(parentPath)}: keepalived reports it as unknown and ignores the line. ${where}${unknownBlockNote(statement, parentPath)}`,
        at: statement.keyword,
      });
    }
  },
};
