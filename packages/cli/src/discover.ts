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
 * Files found in directories or by globs that another linted file includes are dropped: they are
 * linted as part of their includer, and linting them alone as well would report everything twice
 * and pair the includer with its own include as if they were two HA peers.
 */
import { statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { globSync, isDynamicPattern } from 'tinyglobby';
import { UsageError } from './io.js';
import { findConfigs, IGNORED as IGNORE } from '@kalint/node';
import type { IncludeHost } from '@kalint/parser';

/** One file to lint. */
export interface Target {
  /** Absolute path. */
  path: string;
  /** Named on the command line as a file: always linted, never dropped as someone's include. */
  explicit: boolean;
}

/** `include PATTERN` lines (keepalived's include directive may sit anywhere, `@id` prefix allowed). */
const INCLUDE = /^[ \t]*(?:@\^?\S+[ \t]+)?include[ \t]+(?:"([^"\r\n]+)"|([^\s#!]+))/gm;

/**
 * Expand the command line's FILE|DIR|GLOB arguments into files, in argument order (matches of
 * one directory or glob sorted), without duplicates. Texts read to recognise configs are left in
 * `texts` (absolute path -> text) so they are not read twice.
 * @param emptyDirectories whether a directory without configs is fine (a project root searched
 *   for context) rather than a mistake
 * @throws UsageError for a missing file, a directory without configs, a glob matching nothing.
 */
export function discover(args: readonly string[], cwd: string, texts: Map<string, string>, emptyDirectories = false): Target[] {
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
      const found = findConfigs(path, texts);
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

/**
 * Drop the targets that another target includes (directly or through other targets), named
 * explicitly or not: they are read inside their includer, as keepalived reads them.
 * Files only reachable through an include cycle keep the first of the cycle.
 * `textOf` gives each target's text (undefined when unreadable: it then includes nothing).
 */
export function dropIncluded(targets: Target[], textOf: (path: string) => string | undefined, host: IncludeHost): Target[] {
  const paths = new Set(targets.map((t) => t.path));
  const includes = new Map<string, string[]>();
  let anyIncluded = false;
  for (const target of targets) {
    const text = textOf(target.path);
    const found: string[] = [];
    if (text !== undefined && text.includes('include')) {
      for (const match of text.matchAll(INCLUDE)) {
        for (const file of host.expand(match[1] ?? match[2]!, dirname(target.path))) {
          const absolute = resolve(file);
          if (absolute !== target.path && paths.has(absolute)) found.push(absolute);
        }
      }
    }
    if (found.length > 0) anyIncluded = true;
    includes.set(target.path, found);
  }
  if (!anyIncluded) return targets;
  const included = new Set<string>(targets.flatMap((t) => includes.get(t.path)!));
  // Everything reachable from a root (a file nobody includes) is covered by it.
  const covered = new Set<string>();
  const visit = (path: string) => {
    for (const next of includes.get(path) ?? []) {
      if (!covered.has(next)) {
        covered.add(next);
        visit(next);
      }
    }
  };
  const kept: Target[] = [];
  for (const target of targets) {
    if (!included.has(target.path)) {
      kept.push(target);
      visit(target.path);
    }
  }
  // Pure include cycles among discovered files: keep one member of each, in order.
  for (const target of targets) {
    if (!covered.has(target.path) && !kept.includes(target)) {
      kept.push(target);
      covered.add(target.path);
      visit(target.path);
    }
  }
  const order = new Map(targets.map((t, i) => [t.path, i]));
  return kept.sort((a, b) => order.get(a.path)! - order.get(b.path)!);
}
