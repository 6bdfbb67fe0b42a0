/**
 * Linting the open documents with their peers. The lint is the linter's `lintProject`, as for the
 * command line: the open documents are the files the findings are wanted for, the workspace's other
 * configs are their context. What is left here is the server's own part: which files to read (the
 * editor's texts, the disk's), the settings of each, and what the editor shows (findings by
 * document, the peers' values for hover).
 *
 * A `DocumentLinter` runs the jobs and keeps what it read between them (parse caches, the
 * workspace's configs, configuration and sysctl files). It lives in the lint worker (or in the
 * server when no worker can be started); jobs and results are plain data, so they cross threads
 * as they are.
 */
import { basename } from 'node:path';
import { lintProject, parseSysctl, ruleMetas, type Diagnostic, type HostFacts, type ProjectInput, type ProjectSettings } from '@kalint/linter';
import { argsText, knownChildren } from '@kalint/model';
import { ParseCache, type IncludeHost, type Statement } from '@kalint/parser';
import { FileCache, findConfigs, includeHost } from './files.js';
import { ConfigFiles, lintSettings, type EditorSettings, type PeerScope } from './settings.js';

/** What the server asks for: the open documents at one version each. */
export interface LintJob {
  id: number;
  documents: Array<{ path: string; text: string }>;
  settings: EditorSettings;
  workspaceFolders: string[];
  /** The workspace's files or configuration files changed since the last job. */
  rescan: boolean;
}

/** A peer's value of the keyword at `line` of `file`, for hover. */
export interface PeerNote {
  file: string;
  line: number;
  keyword: string;
  notes: string[];
}

export interface LintJobResult {
  id: number;
  /** Findings by open document (every open document has an entry). */
  files: Array<{ path: string; diagnostics: Diagnostic[] }>;
  peerNotes: PeerNote[];
  /** Configuration files that could not be used. */
  problems: string[];
}

/** Runs lint jobs, one at a time. */
export class DocumentLinter {
  private readonly configFiles = new ConfigFiles(new Set(ruleMetas.map((m) => m.id)));
  private readonly fileCache = new FileCache();
  private readonly sysctlCache = new Map<string, { text: string; facts: ReturnType<typeof parseSysctl> }>();
  private workspaceConfigs: { folders: string; files: string[] } | undefined;
  /** Per file, the parse cache that lets an edit re-parse only the statements it touched. */
  private parseCaches = new Map<string, ParseCache>();

  /** Run the linter for `job`. Never throws. */
  run(job: LintJob): LintJobResult {
    if (job.rescan) {
      this.configFiles.clear();
      this.workspaceConfigs = undefined;
    }
    const scope: PeerScope = job.settings.peers.scope;
    const open = new Map(job.documents.map((d) => [d.path, d.text]));
    const byPath = new Map<string, Diagnostic[]>(job.documents.map((d) => [d.path, []]));
    const peerNotes: PeerNote[] = [];

    // The workspace's other configs: compared with the open documents, their own findings not wanted.
    const context: ProjectInput[] = [];
    if (scope === 'workspace') {
      const folders = job.workspaceFolders.join('\0');
      if (this.workspaceConfigs?.folders !== folders) this.workspaceConfigs = { folders, files: job.workspaceFolders.flatMap((folder) => findConfigs(folder)) };
      for (const path of this.workspaceConfigs.files) {
        if (open.has(path)) continue;
        const text = this.fileCache.read(path);
        if (text !== null) context.push({ path, text, context: true });
      }
    }
    const caches = new Map<string, ParseCache>();
    for (const input of [...job.documents, ...context]) caches.set(input.path, this.parseCaches.get(input.path) ?? new ParseCache());
    this.parseCaches = caches;
    for (const input of context) input.cache = caches.get(input.path)!;
    const documents: ProjectInput[] = job.documents.map((d) => ({ path: d.path, text: d.text, cache: caches.get(d.path)! }));
    // Without peers, each document is a project of its own.
    const projects = scope === 'off' ? documents.map((document) => [document]) : [[...documents, ...context]];
    const settingsOf = this.settingsOf(job, open);
    for (const project of projects) {
      const result = lintProject(project, { settingsOf });
      const mine = new Set(project.filter((input) => !input.context).map((input) => input.path));
      for (const file of result.files) {
        if (!mine.has(file.path)) continue;
        const list = byPath.get(file.path)!;
        // A loop, not push(...): a file can have more findings than a call takes arguments.
        for (const d of file.diagnostics) list.push(d);
      }
      result.groups.forEach(({ project: linted }, g) => {
        const wanted = new Set([...mine].filter((path) => result.groupOf(path) === g));
        for (const group of [...linted.model.instanceGroups, ...linted.model.virtualServerGroups]) {
          notePeers(
            group.members.map((m) => m.statement),
            wanted,
            peerNotes,
          );
        }
      });
    }
    const problems = [...this.configFiles.problems];
    this.configFiles.problems.clear();
    return { id: job.id, files: [...byPath].map(([path, diagnostics]) => ({ path, diagnostics })), peerNotes, problems };
  }

  /**
   * The settings of each file for one job: the editor's under the file's configuration file, one
   * object per configuration file (the files under one are one group); includes read with the
   * editor's texts of open documents.
   */
  private settingsOf(job: LintJob, open: ReadonlyMap<string, string>): (path: string) => ProjectSettings {
    const byConfig = new Map<string, ProjectSettings>();
    const hosts = new Map<string, IncludeHost>();
    return (path) => {
      const config = this.configFiles.forFile(path);
      const key = config?.path ?? '';
      let found = byConfig.get(key);
      if (found !== undefined) return found;
      const settings = lintSettings(job.settings, config, job.workspaceFolders[0]);
      const roots = JSON.stringify(Object.entries(settings.includeRoots).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
      let host = hosts.get(roots);
      if (host === undefined) hosts.set(roots, (host = includeHost(open, settings.includeRoots)));
      const segments = config?.segments;
      let facts: HostFacts | undefined;
      const hostFacts = () => this.hostFacts(settings.hosts);
      found = {
        rules: settings.rules,
        ...(settings.configId !== undefined ? { configId: settings.configId } : {}),
        ...(settings.targetVersion !== undefined ? { targetVersion: settings.targetVersion } : {}),
        ...(segments !== undefined ? { segments } : {}),
        host,
        // Read when the settings lint a group: a context file's configuration may never.
        get hosts(): HostFacts {
          return (facts ??= hostFacts());
        },
      };
      byConfig.set(key, found);
      return found;
    };
  }

  private hostFacts(files: Record<string, string>): HostFacts {
    const facts: HostFacts = new Map();
    for (const [address, path] of Object.entries(files)) {
      const text = this.fileCache.read(path);
      if (text === null) continue;
      let cached = this.sysctlCache.get(path);
      if (!cached || cached.text !== text) this.sysctlCache.set(path, (cached = { text, facts: parseSysctl(text, path) }));
      facts.set(address, cached.facts);
    }
    return facts;
  }
}

/**
 * For each member in a wanted file, every keyword line of its block beside the same line of the
 * other members: what hover shows as the peers' values. Matching is by schema path; blocks that
 * may repeat (real servers, checkers) are matched by their arguments too.
 */
function notePeers(members: Statement[], wanted: Set<string>, out: PeerNote[]): void {
  for (const member of members) {
    if (!wanted.has(member.file)) continue;
    const others = members.filter((m) => m.file !== member.file);
    if (others.length === 0) continue;
    compare(member, others, out);
  }
}

function compare(statement: Statement, others: Statement[], out: PeerNote[]): void {
  out.push({
    file: statement.file,
    line: statement.keyword.range.start.line,
    keyword: statement.keyword.text,
    notes: others.map((o) => `${basename(o.file)}: ${lineText(o)} (line ${o.keyword.range.start.line + 1})`),
  });
  for (const child of knownChildren(statement)) {
    const counterparts = others.map((o) => counterpart(child, o));
    if (child.block) {
      const found = counterparts.filter((c): c is Statement => c !== undefined);
      if (found.length > 0) compare(child, found, out);
      continue;
    }
    out.push({
      file: child.file,
      line: child.keyword.range.start.line,
      keyword: child.keyword.text,
      notes: others.map((o, i) => {
        const c = counterparts[i];
        return c ? `${basename(o.file)}: ${lineText(c)}` : `${basename(o.file)}: no ${child.keyword.text}`;
      }),
    });
  }
}

function counterpart(child: Statement, other: Statement): Statement | undefined {
  const candidates = knownChildren(other).filter((s) => s.path === child.path);
  if (!child.spec?.repeatable) return candidates[0];
  const args = argsText(child);
  return candidates.find((s) => argsText(s) === args);
}

function lineText(statement: Statement): string {
  return [statement.keyword.text, ...statement.args.map((w) => w.raw)].join(' ');
}

/** Run one job with nothing kept from earlier jobs (a `DocumentLinter` keeps what it read between jobs). */
export function runLintJob(job: LintJob): LintJobResult {
  return new DocumentLinter().run(job);
}
