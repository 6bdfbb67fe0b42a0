/**
 * Which files a lint run covers: files named on the command line, keepalived configs found in
 * directories, and glob matches.
 *
 * In a directory (searched recursively, skipping `node_modules` and dot-directories) a file is a
 * keepalived config when it is named `keepalived.conf` or `*.keepalived.conf`, when it is a
 * `*.conf` below a directory named `keepalived` (the searched directory itself counts), or when it
 * is a `*.conf` with a line starting with a top-level keepalived block keyword (`global_defs`,
 * `vrrp_instance`, `vrrp_sync_group`, `vrrp_script`, `virtual_server`, `virtual_server_group`...).
 *
 * Files that another linted file includes are linted as part of their includer, not alone (the
 * linter's `lintProject` sees to that).
 */
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { globSync, isDynamicPattern } from 'tinyglobby';
import { UsageError } from './io.js';
import { findConfigs, IGNORED as IGNORE, type ConfigFilesSeen } from '@kalint/node';

/** One file to lint. */
export interface Target {
  /** Absolute path. */
  path: string;
  /** Named on the command line as a file: listed in the report even when another file includes it and it has no findings. */
  explicit: boolean;
}

/**
 * Expand the command line's FILE|DIR|GLOB arguments into files, in argument order (matches of
 * one directory or glob sorted), without duplicates. Texts read to recognise configs are left in
 * `texts` (absolute path -> text) so they are not read twice.
 * @param emptyDirectories whether a directory without configs is fine (a project root searched
 *   for context) rather than a mistake
 * @param configFiles where to leave the configuration file of each directory searched (see
 *   `ConfigFilesSeen`), for the look-ups of a `ConfigResolver` given the same map
 * @throws UsageError for a missing file, a directory without configs, a glob matching nothing.
 */
export function discover(args: readonly string[], cwd: string, texts: Map<string, string>, emptyDirectories = false, configFiles?: ConfigFilesSeen): Target[] {
  const seen = new Map<string, Target>();
  const add = (path: string, explicit: boolean) => {
    const known = seen.get(path);
    if (known) known.explicit ||= explicit;
    else seen.set(path, { path, explicit });
  };
  for (const arg of args) {
    const path = resolve(cwd, arg);
    let stat;
    try {
      stat = statSync(path);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      // Missing (or a glob): decided below. Anything else (permissions, loops) is reported as is.
      if (code !== 'ENOENT' && code !== 'ENOTDIR') throw new UsageError(`cannot access '${arg}': ${code ?? (error as Error).message}`);
      stat = undefined;
    }
    if (stat?.isDirectory()) {
      const found = findConfigs(path, texts, configFiles);
      if (found.length === 0 && !emptyDirectories) throw new UsageError(`no keepalived configs found in directory '${arg}'`);
      for (const file of found) add(file, false);
    } else if (stat) {
      // A FIFO or device is still "a file given explicitly": reading it reports why it cannot be linted.
      add(path, true);
    } else if (isDynamicPattern(arg)) {
      const matches = globSync(arg, { cwd, absolute: true, onlyFiles: true, dot: false, ignore: IGNORE, expandDirectories: false }).sort();
      if (matches.length === 0) throw new UsageError(`no files match '${arg}'`);
      for (const file of matches) add(resolve(file), false);
    } else {
      throw new UsageError(`'${arg}' does not exist`);
    }
  }
  return [...seen.values()];
}
