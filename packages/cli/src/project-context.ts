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
 * Finding those configs is all that is done here: the lint of the given files with the rest as
 * context is the linter's (`lintProject`), as for the language server's workspace.
 */
import { statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { KalintConfig } from '@kalint/node';
import { discover, type Target } from './discover.js';
import { UsageError } from './io.js';

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
