/**
 * A run on some files of a project, with the rest of the project as context: `kalint --project
 * ha1/keepalived.conf`, as the pre-commit hook runs on the configs a commit changes. Editing one
 * node alone is how HA peers drift apart, so the given files are compared with the project's other
 * configs; those are read and compared as peers, but only the given files' findings are reported.
 *
 * The project of a file is the `project` list of its configuration file (files, directories and
 * globs relative to that file), or else, under `--project`, its git repository: the nearest
 * directory up from the file holding `.git`. Its configs are found as `kalint DIR` finds them.
 *
 * The whole project is parsed, but only the part of it the given files' findings depend on is
 * linted: the files joined to them by a peer key or a shared include, as a parallel lint splits a
 * run (parallel.ts). A lint of such a part reports for its files what a lint of the whole does.
 */
import { statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { includedFiles, peerKeys, type Diagnostic, type ProjectFile, type ProjectScope } from '@kalint/linter';
import type { KalintConfig } from '@kalint/node';
import { discover, type Target } from './discover.js';
import { UsageError } from './io.js';
import type { partition } from './parallel.js';

/** `--project` (`on`), `--no-project` (`off`), or neither (`auto`: when a configuration lists a project). */
export type ProjectMode = 'auto' | 'on' | 'off';

/** Where a project's configs are found: `kalint ARGS...` run in `base`. */
interface ProjectRoot {
  base: string;
  args: readonly string[];
  /** The configuration file that lists the project, if one does. */
  config?: string;
}

/**
 * The nearest directory from `directory` up that holds `.git` (a directory, or the file a worktree
 * or a submodule has), or undefined outside a git repository.
 */
export function gitRoot(directory: string): string | undefined {
  for (let dir = resolve(directory); ; ) {
    if (statSync(join(dir, '.git'), { throwIfNoEntry: false }) !== undefined) return dir;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/**
 * The configs of the projects of the `given` files (absolute paths) that are not among them, each
 * project searched once, in the order the given files name them.
 * @param configOf the configuration that applies to a given file
 * @param shown how a path is named in messages
 * @throws UsageError for a `project` list naming what does not exist, and under `--project` for a
 *   file that has no project
 */
export function contextTargets(
  given: readonly string[],
  mode: ProjectMode,
  configOf: (path: string) => KalintConfig | null,
  shown: (path: string) => string,
  texts: Map<string, string>,
): Target[] {
  if (mode === 'off') return [];
  const roots = new Map<string, ProjectRoot>();
  for (const path of given) {
    const config = configOf(path);
    let root: ProjectRoot | undefined;
    if (config?.project !== undefined) {
      root = { base: dirname(config.path), args: config.project, config: config.path };
    } else if (mode === 'on') {
      const repository = gitRoot(dirname(path));
      if (repository === undefined) {
        throw new UsageError(`--project: '${shown(path)}' is in no git repository, and no configuration file lists its project ("project": [...])`);
      }
      root = { base: repository, args: ['.'] };
    }
    if (root !== undefined) roots.set(`${root.base}\0${root.args.join('\0')}`, root);
  }
  const givenPaths = new Set(given);
  const found = new Map<string, Target>();
  for (const root of roots.values()) {
    let targets: Target[];
    try {
      targets = discover(root.args, root.base, texts, root.config === undefined);
    } catch (error) {
      if (!(error instanceof UsageError) || root.config === undefined) throw error;
      throw new UsageError(`invalid configuration '${shown(root.config)}': 'project': ${error.message}`);
    }
    for (const target of targets) {
      if (!givenPaths.has(target.path) && !found.has(target.path)) found.set(target.path, { path: target.path, explicit: false });
    }
  }
  return [...found.values()];
}

/**
 * The files whose findings a run with context reports: the given files and every file they
 * include, directly or through other files (also when a given file is read as another config's
 * include). `parsed` holds the parsed files that may include them; `keyOf` makes a path absolute.
 */
export function reportedFiles(given: Iterable<string>, parsed: readonly ProjectFile[], keyOf: (file: string) => string): Set<string> {
  const includes = new Map<string, string[]>();
  for (const file of parsed) {
    for (const include of file.ast.includes) {
      const from = keyOf(include.file);
      const list = includes.get(from) ?? [];
      for (const to of include.files) list.push(keyOf(to));
      includes.set(from, list);
    }
  }
  const reported = new Set<string>();
  const visit = (path: string) => {
    if (reported.has(path)) return;
    reported.add(path);
    for (const next of includes.get(path) ?? []) visit(next);
  };
  for (const path of given) visit(path);
  return reported;
}

/**
 * The other side of a finding in a context file: a copy of it in each reported file its related
 * places point into, at that place, unless that file already has the finding from its own side (a
 * finding of the same rule with the context file's line among its related places). Drift rules
 * report on both sides where both have something to point at (two different weights), but on one
 * side only where the other lacks something (a real server only one node balances to); a run on
 * the node that lacks it must still fail.
 * @param findings the reported findings so far, by absolute path
 */
export function otherSides(
  finding: Diagnostic,
  reported: ReadonlySet<string>,
  findings: ReadonlyMap<string, readonly Diagnostic[]>,
  keyOf: (file: string) => string,
  shown: (path: string) => string,
): Diagnostic[] {
  const where = keyOf(finding.file);
  const line = finding.range.start.line;
  const place = `As seen from ${shown(where)} (line ${line + 1})`;
  const sides = new Set<string>();
  const copies: Diagnostic[] = [];
  for (const related of finding.related ?? []) {
    const side = keyOf(related.file);
    if (!reported.has(side) || sides.has(side)) continue;
    sides.add(side);
    const fromThisSide = (findings.get(side) ?? []).some(
      (d) => d.ruleId === finding.ruleId && (d.related ?? []).some((r) => keyOf(r.file) === where && r.range.start.line === line),
    );
    if (fromThisSide) continue;
    copies.push({
      ruleId: finding.ruleId,
      severity: finding.severity,
      message: `${place}: ${finding.message}`,
      file: related.file,
      range: related.range,
      related: [{ file: finding.file, range: finding.range, message: `the other side, in ${shown(where)}` }],
    });
  }
  return copies;
}

/**
 * The files of `parsed` (the whole project, parsed) that the findings of the `reported` files
 * depend on, and what a lint of them must know of the rest to report as a lint of the whole
 * would (see `ProjectScope`): the independent parts of the project, as `split` finds them, that
 * hold a reported file or a file including one.
 */
export function partAround(
  parsed: readonly ProjectFile[],
  reported: ReadonlySet<string>,
  keyOf: (file: string) => string,
  split: typeof partition,
): { files: ProjectFile[]; scope: ProjectScope } {
  const facts = parsed.map((file, index) => ({ index, keys: peerKeys(file).map(({ key, file }) => [key, file] as [string, string]), includes: includedFiles(file) }));
  const { parts, commonPeerKeys } = split(
    parsed.map((file) => ({ key: keyOf(file.path) })),
    facts,
  );
  const concerns = (i: number) => reported.has(keyOf(parsed[i]!.path)) || facts[i]!.includes.some((file) => reported.has(keyOf(file)));
  const kept = parts.filter((part) => part.some(concerns)).flat().sort((a, b) => a - b);
  return {
    files: kept.map((i) => parsed[i]!),
    scope: { namingPaths: [...new Set(parsed.flatMap((file, i) => [file.path, ...facts[i]!.includes]))], commonPeerKeys: new Set(commonPeerKeys) },
  };
}
