/** Finding the keepalived configs in a directory, as `kalint DIR` and the language server do. */
import { basename, dirname, relative, resolve, sep } from 'node:path';
import { schema, ROOT } from '@kalint/grammar';
import { globSync } from 'tinyglobby';
import { readConfig } from './files.js';

/** Directories never searched. */
export const IGNORED = ['**/node_modules/**'];

/** A line starting (after an optional `@id`) with a top-level block keyword of the schema. */
const TOP_LEVEL = new RegExp(
  `^[ \\t]*(?:@\\^?\\S+[ \\t]+)?(?:${schema
    .childrenOf(ROOT)
    .filter((k) => k.block !== null)
    .map((k) => k.name)
    .join('|')})\\b`,
  'm',
);

/** Whether a `*.conf` file's text reads as a keepalived config. */
export function looksLikeKeepalived(text: string): boolean {
  return TOP_LEVEL.test(text);
}

/**
 * The keepalived configs below `root`, sorted: `keepalived.conf`, `*.keepalived.conf`, `*.conf`
 * below a directory named `keepalived` (from `root` down), and `*.conf` with a line starting with
 * a top-level keepalived block keyword. Skips `node_modules` and dot-files. Texts read on the way
 * are left in `texts`.
 */
export function findConfigs(root: string, texts: Map<string, string> = new Map()): string[] {
  let candidates: string[];
  try {
    candidates = globSync('**/*.conf', { cwd: root, absolute: true, onlyFiles: true, dot: false, ignore: IGNORED, followSymbolicLinks: false });
  } catch {
    return [];
  }
  const base = dirname(root);
  const found: string[] = [];
  for (const file of candidates.map((f) => resolve(f)).sort()) {
    const name = basename(file);
    // Directory names from the searched directory down: a repository that happens to live in
    // ~/src/keepalived must not make every .conf below it a keepalived config.
    const dirs = relative(base, dirname(file)).split(sep);
    if (name === 'keepalived.conf' || name.endsWith('.keepalived.conf') || dirs.includes('keepalived')) {
      found.push(file);
      continue;
    }
    const read = readConfig(file);
    if ('text' in read && looksLikeKeepalived(read.text)) {
      texts.set(file, read.text);
      found.push(file);
    }
  }
  return found;
}
