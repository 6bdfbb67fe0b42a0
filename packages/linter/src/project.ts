/**
 * All files of one run: each parsed file with its node model, and the project model that knows
 * which nodes form one cluster or serve one service (`@kalint/model`).
 */
import { NodeModel, ProjectModel, type ProjectScope as ModelScope, type Segments } from '@kalint/model';
import type { ConfigFile, SyntaxDiagnostic } from '@kalint/parser';
import type { HostFacts } from './sysctl.js';

export interface ProjectFile {
  /** The file as named on the command line (or by the editor). */
  path: string;
  text: string;
  ast: ConfigFile;
  syntax: SyntaxDiagnostic[];
  /** What keepalived runs from this configuration. */
  node: NodeModel;
}

/** What a project learns from the rest of a run it is only part of (a parallel lint). */
export interface ProjectScope extends ModelScope {
  /**
   * Every file the whole run names (inputs and the files they include), so messages name files as
   * a lint of the whole run would (`fileName`). Default: this project's files and their includes.
   */
  namingPaths?: readonly string[];
}

export interface ProjectOptions {
  /** What is known of the real servers' hosts (sysctl settings), by address. */
  hosts?: HostFacts;
  scope?: ProjectScope;
  /** Segments the kalint configuration names, for what the configurations cannot tell. */
  segments?: Segments;
}

export class Project {
  /** Which nodes form one cluster or serve one service. */
  readonly model: ProjectModel;
  /** What is known of the real servers' hosts (sysctl settings), by address. */
  readonly hosts: HostFacts;
  /** The files messages tell apart: see `ProjectScope.namingPaths`. */
  readonly namingPaths: readonly string[];
  private displayNames: Map<string, string> | undefined;
  private byPath: Map<string, ProjectFile> | undefined;

  constructor(
    readonly files: ProjectFile[],
    options: ProjectOptions = {},
  ) {
    this.hosts = options.hosts ?? new Map();
    this.model = new ProjectModel(files, { ...(options.scope ? { scope: options.scope } : {}), ...(options.segments ? { segments: options.segments } : {}) });
    this.namingPaths = options.scope?.namingPaths ?? [...new Set(files.flatMap((f) => [f.path, ...includedFiles(f)]))];
  }

  /** The first file of a path, as a search in file order finds it. */
  file(path: string): ProjectFile | undefined {
    if (!this.byPath) {
      this.byPath = new Map();
      for (const f of this.files) if (!this.byPath.has(f.path)) this.byPath.set(f.path, f);
    }
    return this.byPath.get(path);
  }

  /**
   * The shortest trailing part of a path that still tells the run's files apart: `ha2.conf` for
   * `/etc/ha/ha2.conf` next to `/etc/ha/ha1.conf`, `node2/keepalived.conf` when both are called
   * `keepalived.conf`. The run's files are `namingPaths`, so a name depends on the run, never on
   * which message asked first; a path outside them keeps its full name.
   */
  fileName(file: string): string {
    if (!this.displayNames) this.displayNames = displayNames(this.namingPaths);
    return this.displayNames.get(file) ?? file;
  }
}

function displayNames(namingPaths: readonly string[]): Map<string, string> {
  const names = new Map<string, string>();
  const paths = [...new Set(namingPaths)];
  const parts = paths.map((p) => p.split(/[\\/]+/).filter((s) => s !== ''));
  // How many paths end in each suffix of n parts (a path shorter than n counts as a whole), by n, worked out
  // only for the n some path needs: a suffix clashes when another path ends the same way.
  const suffixCounts: Array<Map<string, number>> = [];
  const countsFor = (n: number): Map<string, number> => {
    let counts = suffixCounts[n];
    if (!counts) {
      counts = new Map();
      for (const other of parts) {
        const suffix = other.slice(-n).join('/');
        counts.set(suffix, (counts.get(suffix) ?? 0) + 1);
      }
      suffixCounts[n] = counts;
    }
    return counts;
  };
  paths.forEach((path, i) => {
    const own = parts[i]!;
    for (let n = 1; n <= own.length; n++) {
      const suffix = own.slice(-n).join('/');
      const clash = countsFor(n).get(suffix)! > 1;
      if (!clash || n === own.length) {
        names.set(path, n === own.length ? path : suffix);
        break;
      }
    }
  });
  return names;
}

/** The files a project file includes, directly or not, in the order they were read. */
export function includedFiles(file: Pick<ProjectFile, 'ast'>): string[] {
  return [...new Set(file.ast.includes.flatMap((include) => include.files))];
}

/** Parse-independent part of building a project file: its node model, for the release it is for. */
export function projectFile(path: string, text: string, ast: ConfigFile, syntax: SyntaxDiagnostic[], release?: string): ProjectFile {
  return { path, text, ast, syntax, node: new NodeModel(path, ast, release !== undefined ? { release } : {}) };
}
