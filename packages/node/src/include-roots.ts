/**
 * Include roots: where a repository keeps the files that a configuration's includes name on the
 * machine it is deployed to. A `keepalived.conf` kept in an Ansible role as
 * `roles/lb/files/keepalived.conf` says `include /etc/keepalived/conf.d/*.conf`; with the root
 * `/etc/keepalived` -> `roles/lb/files`, kalint reads `roles/lb/files/conf.d/*.conf` for it.
 * The command line's `--include-root FROM=TO` and the configuration key `includeRoots` both end
 * up here.
 */
import { statSync } from 'node:fs';
import { posix, resolve } from 'node:path';

/** Deployed directory (absolute, normalised) -> the directory it is read from (absolute). */
export type IncludeRoots = Readonly<Record<string, string>>;

/**
 * A deployed directory as a key of `IncludeRoots`: normalised, without a trailing `/`;
 * undefined when it is not absolute.
 */
export function deployedDirectory(from: string): string | undefined {
  if (!from.startsWith('/')) return undefined;
  const normal = posix.normalize(from);
  return normal.length > 1 && normal.endsWith('/') ? normal.slice(0, -1) : normal;
}

/** Why `path` cannot be read from in place of a deployed directory; undefined when it can. */
export function notADirectory(path: string): string | undefined {
  try {
    return statSync(path).isDirectory() ? undefined : 'is not a directory';
  } catch {
    return 'does not exist';
  }
}

/**
 * One `--include-root FROM=TO`: the deployed directory and the absolute directory it is read
 * from (TO relative to `cwd`), or the problem with it, in a sentence.
 */
export function parseIncludeRoot(value: string, cwd: string): { from: string; to: string } | { error: string } {
  const equals = value.indexOf('=');
  const example = 'such as /etc/keepalived=roles/lb/files';
  if (equals <= 0 || equals === value.length - 1) return { error: `--include-root expects FROM=TO, a deployed directory and where it is kept here (${example}), not '${value}'` };
  const from = deployedDirectory(value.slice(0, equals));
  if (from === undefined) return { error: `--include-root: FROM must be an absolute directory as deployed (${example}), not '${value.slice(0, equals)}'` };
  const written = value.slice(equals + 1);
  const to = resolve(cwd, written);
  const problem = notADirectory(to);
  if (problem !== undefined) return { error: `--include-root: '${written}' ${problem}` };
  return { from, to };
}

/**
 * Where the brace-free include pattern `alternative` (relative ones from the absolute
 * `fromDirectory`) is read from under `roots`: its path with the longest deployed directory it
 * lies under replaced by that root's directory; undefined when it lies under none.
 */
export function mapAlternative(alternative: string, fromDirectory: string, roots: IncludeRoots): string | undefined {
  const path = alternative.startsWith('/') ? posix.normalize(alternative) : posix.join(fromDirectory, alternative);
  let best: string | undefined;
  for (const from of Object.keys(roots)) {
    const under = from === '/' || path === from || path.startsWith(`${from}/`);
    if (under && (best === undefined || from.length > best.length)) best = from;
  }
  if (best === undefined) return undefined;
  const rest = best === '/' ? path.slice(1) : path.slice(best.length + 1);
  // The directory is a name, not a pattern: a `[` or `*` in it stands for itself.
  const to = roots[best]!.replace(/[\\*?[]/g, '\\$&');
  return rest === '' ? to : posix.join(to, rest);
}
