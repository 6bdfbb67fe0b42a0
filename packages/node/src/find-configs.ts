/** Finding the keepalived configs in a directory, as `kalint DIR` and the language server do. */
import { readdirSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { schema, ROOT } from '@kalint/grammar';
import { CONFIG_NAMES, isFile, type ConfigFilesSeen } from './config.js';
import { readConfig } from './files.js';

/** Directories never searched: by a glob (the command line's GLOB arguments); the directory walk skips them too. */
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
 * are left in `texts`; the configuration file of every directory listed, in `configFiles` (so
 * looking configurations up there needs no more questions to the file system).
 */
export function findConfigs(root: string, texts: Map<string, string> = new Map(), configFiles?: ConfigFilesSeen): string[] {
  const top = resolve(root);
  const candidates: string[] = [];
  if (!walk(top, candidates, configFiles)) return [];
  const base = dirname(top);
  const found: string[] = [];
  for (const file of candidates.sort()) {
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

/**
 * Every `*.conf` regular file below `top`: names starting with `.` and `node_modules` directories are
 * skipped, symbolic links are not followed, directories that cannot be read are passed over. One
 * listing per directory, which also tells which configuration file it holds. False when `top`
 * itself cannot be read.
 */
function walk(top: string, found: string[], configFiles: ConfigFilesSeen | undefined): boolean {
  // A stack rather than recursion: however deep the tree, the walk cannot overflow the call stack.
  const pending = [top];
  while (pending.length > 0) {
    const directory = pending.pop()!;
    let entries;
    try {
      entries = readdirSync(directory, { withFileTypes: true });
    } catch {
      if (directory === top) return false;
      continue;
    }
    let config: string | null = null;
    let preference: number = CONFIG_NAMES.length;
    for (const entry of entries) {
      const name = entry.name;
      const rank = (CONFIG_NAMES as readonly string[]).indexOf(name);
      if (rank >= 0 && rank < preference) {
        // A link to a file counts as the file, as the look-up's `stat` takes it.
        const path = join(directory, name);
        if (entry.isFile() || (entry.isSymbolicLink() && isFile(path))) {
          config = path;
          preference = rank;
        }
      }
      if (name.startsWith('.')) continue;
      if (entry.isFile()) {
        if (name.endsWith('.conf')) found.push(join(directory, name));
      } else if (entry.isDirectory() && name !== 'node_modules') {
        pending.push(join(directory, name));
      }
    }
    configFiles?.set(directory, config);
  }
  return true;
}
