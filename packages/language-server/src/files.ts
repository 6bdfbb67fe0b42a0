/**
 * File access for linting: includes resolved by keepalived's rules, with open documents read
 * from the editor rather than the disk, and the workspace's keepalived configs found the way
 * `kalint DIR` finds them.
 */
import { statSync } from 'node:fs';
import type { IncludeHost } from '@kalint/parser';
import { nodeIncludeHost, readConfig } from '@kalint/node';

export { findConfigs, readConfig } from '@kalint/node';

/**
 * The include host: the editor's text for open documents, the disk for everything else, deployed
 * directories read from the repository's as the configuration file's `includeRoots` say.
 */
export function includeHost(open: ReadonlyMap<string, string>, roots?: Readonly<Record<string, string>>): IncludeHost {
  return nodeIncludeHost('/', undefined, open, roots);
}

/** Reads files once per change of their modification time. */
export class FileCache {
  private readonly cache = new Map<string, { mtimeMs: number; size: number; text: string | null }>();

  /** The text of `path`, or null when it cannot be read. */
  read(path: string): string | null {
    let stat;
    try {
      stat = statSync(path);
    } catch {
      this.cache.delete(path);
      return null;
    }
    const known = this.cache.get(path);
    if (known && known.mtimeMs === stat.mtimeMs && known.size === stat.size) return known.text;
    const read = readConfig(path);
    const text = 'text' in read ? read.text : null;
    this.cache.set(path, { mtimeMs: stat.mtimeMs, size: stat.size, text });
    return text;
  }
}
