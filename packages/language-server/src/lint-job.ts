/**
 * One lint run over the open documents and their peers. Runs in the lint worker (or inline when
 * no worker can be started); input and output are plain data, so they cross threads as they are.
 */
import { basename } from 'node:path';
import { lint, parseSysctl, ruleMetas, type Diagnostic, type HostFacts, type LintInput } from '@kalint/linter';
import { ParseCache, type Statement } from '@kalint/parser';
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

const knownRules = new Set(ruleMetas.map((m) => m.id));
const configFiles = new ConfigFiles(knownRules);
const fileCache = new FileCache();
const sysctlCache = new Map<string, { text: string; facts: ReturnType<typeof parseSysctl> }>();
let workspaceConfigs: { folders: string; files: string[] } | undefined;
/** Per file, the parse cache that lets an edit re-parse only the statements it touched. */
let parseCaches = new Map<string, ParseCache>();
/** Files some input included last time: not linted on their own (they are linted inside their includer). */
let includedLastTime = new Set<string>();

/** Run the linter for `job`. Never throws. */
export function runLintJob(job: LintJob): LintJobResult {
  if (job.rescan) {
    configFiles.clear();
    workspaceConfigs = undefined;
  }
  const scope: PeerScope = job.settings.peers.scope;
  const open = new Map(job.documents.map((d) => [d.path, d.text]));
  const byPath = new Map<string, Diagnostic[]>(job.documents.map((d) => [d.path, []]));
  const peerNotes: PeerNote[] = [];

  const peers: LintInput[] = [];
  if (scope === 'workspace') {
    const folders = job.workspaceFolders.join('\0');
    if (workspaceConfigs?.folders !== folders) workspaceConfigs = { folders, files: job.workspaceFolders.flatMap((folder) => findConfigs(folder)) };
    for (const path of workspaceConfigs.files) {
      if (open.has(path)) continue;
      const text = fileCache.read(path);
      if (text !== null) peers.push({ path, text });
    }
  }
  const caches = new Map<string, ParseCache>();
  for (const input of [...job.documents, ...peers]) caches.set(input.path, parseCaches.get(input.path) ?? new ParseCache());
  parseCaches = caches;
  for (const peer of peers) peer.cache = caches.get(peer.path)!;
  const inputs: LintInput[] = job.documents.map((d) => ({ path: d.path, text: d.text, cache: caches.get(d.path)! }));
  const units: LintInput[][] = scope === 'off' ? inputs.map((input) => [input]) : [[...inputs, ...peers]];
  const included = new Set<string>();

  for (const unit of units) {
    // Each group of open documents under one configuration is linted with it (as the CLI does).
    const groups = new Map<string, { paths: string[]; settings: ReturnType<typeof lintSettings> }>();
    for (const input of unit) {
      if (!open.has(input.path)) continue;
      const config = configFiles.forFile(input.path);
      const key = config?.path ?? '';
      const group = groups.get(key);
      if (group) group.paths.push(input.path);
      else groups.set(key, { paths: [input.path], settings: lintSettings(job.settings, config, job.workspaceFolders[0]) });
    }
    for (const { paths, settings } of groups.values()) {
      // Includes are read under the group's configuration, as the command line reads them.
      const host = includeHost(open, settings.includeRoots);
      const run = (files: LintInput[]) =>
        lint(files, {
          host,
          rules: settings.rules,
          hosts: hostFacts(settings.hosts),
          ...(settings.configId !== undefined ? { configId: settings.configId } : {}),
          ...(settings.targetVersion !== undefined ? { targetVersion: settings.targetVersion } : {}),
        });
      const standalone = (files: LintInput[], skip: Set<string>) => files.filter((f) => open.has(f.path) || !skip.has(f.path));
      let files = standalone(unit, includedLastTime);
      let result = run(files);
      const includedNow = new Set(result.project.files.flatMap((f) => f.ast.includes.flatMap((i) => i.files)));
      if (files.some((f) => !open.has(f.path) && includedNow.has(f.path))) {
        files = standalone(unit, includedNow);
        result = run(files);
      }
      for (const path of includedNow) included.add(path);
      const wanted = new Set(paths);
      for (const file of result.files) {
        if (!wanted.has(file.path)) continue;
        const list = byPath.get(file.path)!;
        // A loop, not push(...): a file can have more findings than a call takes arguments.
        for (const d of file.diagnostics) list.push(d);
      }
      for (const group of [...result.project.instanceGroups, ...result.project.virtualServerGroups]) {
        notePeers(
          group.members.map((m) => m.statement),
          wanted,
          peerNotes,
        );
      }
    }
  }
  includedLastTime = included;
  const problems = [...configFiles.problems];
  configFiles.problems.clear();
  return { id: job.id, files: [...byPath].map(([path, diagnostics]) => ({ path, diagnostics: unique(diagnostics) })), peerNotes, problems };
}

/** A file linted both alone and as an include of another open document reports each finding once. */
function unique(diagnostics: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diagnostics.filter((d) => {
    const key = `${d.ruleId}:${d.range.start.offset}:${d.range.end.offset}:${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function hostFacts(files: Record<string, string>): HostFacts {
  const facts: HostFacts = new Map();
  for (const [address, path] of Object.entries(files)) {
    const text = fileCache.read(path);
    if (text === null) continue;
    let cached = sysctlCache.get(path);
    if (!cached || cached.text !== text) sysctlCache.set(path, (cached = { text, facts: parseSysctl(text, path) }));
    facts.set(address, cached.facts);
  }
  return facts;
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
  for (const child of childStatements(statement)) {
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

function childStatements(statement: Statement): Statement[] {
  if (!statement.block || statement.block.kind !== 'keywords') return [];
  return statement.block.body.filter((n): n is Statement => n.type === 'Statement' && n.path !== null);
}

function counterpart(child: Statement, other: Statement): Statement | undefined {
  const candidates = childStatements(other).filter((s) => s.path === child.path);
  if (!child.spec?.repeatable) return candidates[0];
  const args = argsOf(child);
  return candidates.find((s) => argsOf(s) === args);
}

function argsOf(statement: Statement): string {
  return statement.args.map((w) => w.text).join(' ');
}

function lineText(statement: Statement): string {
  return [statement.keyword.text, ...statement.args.map((w) => w.raw)].join(' ');
}
