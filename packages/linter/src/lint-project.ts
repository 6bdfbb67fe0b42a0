/**
 * One lint of a project, for every front end: the command line and the language server hand it the
 * texts they read and the settings of each file, and show what it returns. Nothing here reads a
 * file or knows where a text came from.
 *
 * What a lint of a project is:
 *
 * 1. **Inputs another input includes are read inside their includer**, never also alone, as
 *    keepalived reads them: alone they would lack what the includer defines around them. Their
 *    findings are still reported under their own names.
 * 2. **Files are grouped by their settings** (the configuration file that applies to each). Each
 *    group lints the whole project, so HA peers are compared whatever their settings, and each file
 *    keeps the findings of its own group.
 * 3. **Context inputs** (the rest of a project around the files a run is about: `kalint --project`,
 *    the editor's workspace) are read and compared as peers; their own findings are not wanted.
 *    Only the part of the project the wanted files' findings depend on is linted (the files joined
 *    to them by a peer key or a shared include, as a parallel lint splits a run), and a finding on
 *    a context file whose other side is in a wanted file is that file's finding too.
 * 4. Findings are reported once, files in order (the inputs linted, then included files in the
 *    order they were read), each file's findings by position.
 */
import { MAX_FILES_PER_PEER_KEY, peerKeys, UnionFind, type Segments } from '@kalint/model';
import { dirname, type IncludeHost } from '@kalint/parser';
import { lintParsed, parseInputs, type LintInput, type LintOptions, type LintResult } from './engine.js';
import { includedFiles, type Project, type ProjectFile, type ProjectScope } from './project.js';
import type { Diagnostic, Rule } from './types.js';

/** One text of the project. */
export interface ProjectInput extends LintInput {
  /**
   * Read and compared as an HA peer, its own findings not wanted: the rest of a project around the
   * files a run is about.
   */
  context?: boolean;
}

/**
 * What the files under one configuration are linted with: the engine's options, `host` reading
 * their includes (with the configuration's include roots). The files of `segments` interfaces may
 * be named by any name of the file (`keyOf` tells): the lint names them as the run does.
 */
export type ProjectSettings = Omit<LintOptions, 'ruleSet' | 'scope' | 'onParsed'>;

export interface LintProjectOptions {
  /**
   * The settings of a file: asked for each input (its `host` finds the inputs it includes) and for
   * each file findings are in. Files whose settings are the same object are one group; a file whose
   * settings are no wanted input's takes the first group's.
   */
  settingsOf(path: string): ProjectSettings;
  /** What makes two names one file (a relative and an absolute path). Default: the name itself. */
  keyOf?(path: string): string;
  /** How a file is named in the messages of findings copied to the other side (default: as the project names it). */
  nameOf?(path: string): string;
  /** The rules to run (default: all of kalint's). */
  ruleSet?: readonly Rule[];
  /** Called after each input is parsed, with how many of how many are. */
  onParsed?(parsed: number, total: number): void;
}

/** Findings by file, in order. */
export type ProjectFindings = Array<{ path: string; diagnostics: Diagnostic[] }>;

export interface ProjectLint {
  /**
   * Every input linted (not context), findings or not, in input order; then every other file with
   * findings (included files, context files' other sides), as they were read.
   */
  files: ProjectFindings;
  /**
   * What each settings group linted: its settings and its project (with context inputs, the part
   * of the project the wanted files' findings depend on).
   */
  groups: Array<{ settings: ProjectSettings; project: Project }>;
  /** The group whose findings count for a file. */
  groupOf(path: string): number;
}

/** What is settled before anything is parsed: which inputs are linted, and the settings groups. */
export interface ProjectPlan {
  /** The inputs linted, in order: those no other input includes. */
  inputs: ProjectInput[];
  /** The settings groups, in the order of their first wanted input. */
  groups: ProjectSettings[];
  /** The engine's options of each group: its settings, `segments` naming files as the run does. */
  lintOptions: LintOptions[];
  /** Keys of the wanted inputs, those read inside an includer too. */
  wanted: ReadonlySet<string>;
  /** Whether some inputs are context. */
  withContext: boolean;
  groupOf(path: string): number;
  keyOf(path: string): string;
}

/** Lint a project: see the module comment. */
export function lintProject(inputs: readonly ProjectInput[], options: LintProjectOptions): ProjectLint {
  return lintPlan(planProject(inputs, options), options);
}

/** Lint a project planned by `planProject` (for a caller that needs the plan first). */
export function lintPlan(plan: ProjectPlan, options: Omit<LintProjectOptions, 'settingsOf' | 'keyOf'>): ProjectLint {
  // Groups that read files alike share one parse (and, with context, one part).
  const parses = new Map<IncludeHost | undefined, Map<string, { files: ProjectFile[]; parts: Map<Segments | undefined, ReturnType<typeof partAround>> }>>();
  let reported: Set<string> | undefined;
  let first = true;
  const runs = plan.lintOptions.map((settings): LintResult => {
    const parseKey = `${settings.configId ?? ''}\0${settings.targetVersion ?? ''}`;
    let byKey = parses.get(settings.host);
    if (!byKey) parses.set(settings.host, (byKey = new Map()));
    let parsed = byKey.get(parseKey);
    if (!parsed) {
      // A parse cache serves one parse: parsing again with it moves the nodes of the first tree.
      const texts = first ? plan.inputs : plan.inputs.map(({ cache: _, ...input }) => input);
      first = false;
      byKey.set(parseKey, (parsed = { files: parseInputs(texts, { ...settings, ...(options.onParsed ? { onParsed: options.onParsed } : {}) }), parts: new Map() }));
    }
    const lintOptions: LintOptions = { ...settings, ...(options.ruleSet ? { ruleSet: options.ruleSet } : {}) };
    if (!plan.withContext) return lintParsed(parsed.files, lintOptions);
    // The wanted files and what they include, from the first group's reading.
    reported ??= reportedFiles(plan.wanted, parsed.files, plan.keyOf);
    // Configured segments join instances too: a part per set of them.
    let part = parsed.parts.get(settings.segments);
    if (!part) parsed.parts.set(settings.segments, (part = partAround(parsed.files, reported, plan.keyOf, settings.segments)));
    return lintParsed(part.files, { ...lintOptions, scope: part.scope });
  });
  return {
    files: collectFindings(plan, runs, reported, options.nameOf),
    groups: runs.map((run, g) => ({ settings: plan.groups[g]!, project: run.project })),
    groupOf: plan.groupOf,
  };
}

/** Which inputs are linted and how files are grouped, before anything is parsed. */
export function planProject(inputs: readonly ProjectInput[], options: Pick<LintProjectOptions, 'settingsOf' | 'keyOf'>): ProjectPlan {
  const keyOf = options.keyOf ?? ((path: string) => path);
  const included = includedInputs(inputs, (path) => options.settingsOf(path).host, keyOf);
  const kept = inputs.filter((input) => !included.has(keyOf(input.path)));
  const wantedInputs = inputs.filter((input) => !input.context);
  const groups: ProjectSettings[] = [];
  for (const input of wantedInputs) {
    const settings = options.settingsOf(input.path);
    if (!groups.includes(settings)) groups.push(settings);
  }
  // A run of context alone still lints (and reports nothing): with the first file's settings.
  if (groups.length === 0 && inputs.length > 0) groups.push(options.settingsOf(inputs[0]!.path));
  const groupByKey = new Map<string, number>();
  const groupOf = (path: string): number => {
    if (groups.length <= 1) return 0;
    const key = keyOf(path);
    let group = groupByKey.get(key);
    if (group === undefined) groupByKey.set(key, (group = Math.max(0, groups.indexOf(options.settingsOf(path)))));
    return group;
  };
  // Segments name interfaces' files by any name: the run names an input as given, another file as read.
  const keptByKey = new Map(kept.map((input) => [keyOf(input.path), input.path]));
  const runName = (file: string) => keptByKey.get(keyOf(file)) ?? file;
  const lintOptions = groups.map((settings): LintOptions => {
    const { segments, ...rest } = settings;
    if (!segments) return rest;
    const named: Record<string, Segments[string]> = {};
    for (const [name, segment] of Object.entries(segments)) {
      named[name] = segment.interfaces ? { ...segment, interfaces: segment.interfaces.map((i) => ({ ...i, file: runName(i.file) })) } : segment;
    }
    return { ...rest, segments: named };
  });
  return {
    inputs: kept,
    groups,
    lintOptions,
    wanted: new Set(wantedInputs.map((input) => keyOf(input.path))),
    withContext: kept.some((input) => input.context),
    groupOf,
    keyOf,
  };
}

/**
 * The findings of a project from one lint per settings group (`runs`, in the plan's group order):
 * each file's from its own group, once, files in order (see `ProjectLint.files`). With context,
 * `reported` holds the wanted files: a finding elsewhere counts only through its other sides.
 */
export function collectFindings(
  plan: ProjectPlan,
  runs: ReadonlyArray<{ files: LintResult['files']; project?: Project }>,
  reported?: ReadonlySet<string>,
  nameOf?: (path: string) => string,
): ProjectFindings {
  const { keyOf, groupOf } = plan;
  const byFile = new Map<string, { path: string; diagnostics: Diagnostic[] }>();
  for (const input of plan.inputs) if (!input.context) byFile.set(keyOf(input.path), { path: input.path, diagnostics: [] });
  const seen = new Set<string>();
  const add = (d: Diagnostic) => {
    const key = keyOf(d.file);
    // An input also reached through another input's include, or found by two groups, is reported once.
    const id = `${key}\0${d.ruleId}\0${d.range.start.offset}\0${d.range.end.offset}\0${d.message}`;
    if (seen.has(id)) return;
    seen.add(id);
    let entry = byFile.get(key);
    if (!entry) byFile.set(key, (entry = { path: d.file, diagnostics: [] }));
    entry.diagnostics.push(d);
  };
  const single = runs.length === 1;
  /** Findings in context files, with the group that found them and how that lint names files. */
  const inContext: Array<{ group: number; d: Diagnostic; name: (path: string) => string }> = [];
  runs.forEach((run, g) => {
    const project = run.project;
    const name = nameOf ?? (project ? (path: string) => project.fileName(path) : (path: string) => path);
    for (const file of run.files) {
      for (const d of file.diagnostics) {
        if (reported && !reported.has(keyOf(d.file))) inContext.push({ group: g, d, name });
        else if (single || groupOf(d.file) === g) add(d);
      }
    }
  });
  // Copies count as findings of their side for the copies after them.
  const found = (key: string) => byFile.get(key)?.diagnostics;
  for (const { group, d, name } of inContext) {
    for (const copy of otherSides(d, reported!, found, keyOf, name)) if (single || groupOf(copy.file) === group) add(copy);
  }
  const files = [...byFile.values()];
  for (const { diagnostics } of files) diagnostics.sort((a, b) => a.range.start.offset - b.range.start.offset || a.ruleId.localeCompare(b.ruleId));
  return files;
}

/** `include PATTERN` lines (keepalived's include directive may sit anywhere, `@id` prefix allowed). */
const INCLUDE = /^[ \t]*(?:@\^?\S+[ \t]+)?include[ \t]+(?:"([^"\r\n]+)"|([^\s#!]+))/gm;

/**
 * Keys of the inputs that another input includes (directly or through other inputs): they are read
 * inside their includer, as keepalived reads them. Of inputs only reachable through an include
 * cycle, the first of the cycle stays. Found from the texts, before any parse: each input's
 * `include` lines expanded by the host of its settings.
 */
export function includedInputs(inputs: readonly LintInput[], hostOf: (path: string) => IncludeHost | undefined, keyOf: (path: string) => string = (path) => path): Set<string> {
  const keys = inputs.map((input) => keyOf(input.path));
  const paths = new Set(keys);
  const includes = new Map<string, string[]>();
  let anyIncluded = false;
  inputs.forEach((input, i) => {
    const key = keys[i]!;
    const found: string[] = [];
    const host = input.text.includes('include') ? hostOf(input.path) : undefined;
    if (host) {
      for (const match of input.text.matchAll(INCLUDE)) {
        for (const file of host.expand(match[1] ?? match[2]!, dirname(input.path))) {
          const other = keyOf(file);
          if (other !== key && paths.has(other)) found.push(other);
        }
      }
    }
    if (found.length > 0) anyIncluded = true;
    if (!includes.has(key)) includes.set(key, found);
  });
  const included = new Set<string>();
  if (!anyIncluded) return included;
  const reachable = new Set<string>([...includes.values()].flat());
  // Everything reachable from a root (an input nobody includes) is covered by it.
  const covered = new Set<string>();
  const visit = (key: string) => {
    for (const next of includes.get(key) ?? []) {
      if (!covered.has(next)) {
        covered.add(next);
        visit(next);
      }
    }
  };
  const kept = new Set<string>();
  for (const key of keys) {
    if (!reachable.has(key)) {
      kept.add(key);
      visit(key);
    }
  }
  // Pure include cycles: keep one member of each, in order.
  for (const key of keys) {
    if (!covered.has(key) && !kept.has(key)) {
      kept.add(key);
      covered.add(key);
      visit(key);
    }
  }
  for (const key of keys) if (!kept.has(key)) included.add(key);
  return included;
}

/**
 * What decides which files must be linted together: a file's peer keys (`[key, file of the block,
 * whether it joins]`) and the files it includes. A key that does not join by itself (the model's
 * clustering joins through it only where another holder has it as an anchor: a VIP network's
 * wider prefixes, a unicast source) joins files only when one of them has it as a joining key.
 */
export interface PeerFacts {
  keys: Array<[key: string, file: string, joins: boolean]>;
  includes: string[];
}

/**
 * The peer facts of a parsed file, with the keys each set of configured segments adds (the
 * settings groups of a run may name different ones).
 */
export function peerFacts(file: ProjectFile, segments: ReadonlyArray<Segments | undefined> = [undefined]): PeerFacts {
  const keys: PeerFacts['keys'] = [];
  const seen = new Set<string>();
  for (const set of segments) {
    for (const entry of peerKeys(file.node, set)) {
      const id = `${entry.file}\0${entry.key}`;
      if (seen.has(id)) continue;
      seen.add(id);
      // Every key joins unless the model says it is no anchor.
      keys.push([entry.key, entry.file, !('anchor' in entry) || entry.anchor !== false]);
    }
  }
  return { keys, includes: includedFiles(file) };
}

/**
 * The independent parts of a run (lists of input indexes, ascending, ordered by their first) and
 * the peer keys too common to join anything. Files are joined by a peer key they share (unless
 * more than `MAX_FILES_PER_PEER_KEY` files have it: it then says nothing about clusters) or by a
 * file they both include; a lint of a part then reports for its files what a lint of the whole
 * run does, given the common keys and every file's name (`ProjectScope`).
 */
export function partition(inputs: ReadonlyArray<{ key: string }>, facts: readonly PeerFacts[]): { parts: number[][]; commonPeerKeys: string[] } {
  const sets = new UnionFind(inputs.length);
  // Keys counted as the project counts them: by the files of the nodes that have them. Most keys
  // (a pair's virtual IP, its virtual server) belong to one or two files: a set only when needed.
  const byKey = new Map<string, { file: string; files: Set<string> | undefined; inputs: number[]; joins: boolean }>();
  facts.forEach(({ keys }, i) => {
    for (const [key, file, joins] of keys) {
      const seen = byKey.get(key);
      if (seen === undefined) {
        byKey.set(key, { file, files: undefined, inputs: [i], joins });
        continue;
      }
      seen.joins ||= joins;
      if (file !== seen.file) (seen.files ??= new Set([seen.file])).add(file);
      if (seen.inputs[seen.inputs.length - 1] !== i) seen.inputs.push(i);
    }
  });
  const commonPeerKeys: string[] = [];
  for (const [key, { files, inputs: having, joins }] of byKey) {
    const count = files?.size ?? 1;
    if (count > MAX_FILES_PER_PEER_KEY) commonPeerKeys.push(key);
    else if (count >= 2 && joins) for (const i of having) sets.union(having[0]!, i);
  }
  // Files that include the same file (or another input) report on it together: one part.
  const includer = new Map<string, number>(inputs.map((input, i) => [input.key, i]));
  facts.forEach(({ includes }, i) => {
    for (const file of includes) {
      const other = includer.get(file);
      if (other === undefined) includer.set(file, i);
      else sets.union(other, i);
    }
  });
  return { parts: sets.sets(), commonPeerKeys };
}

/**
 * The files whose findings are wanted: the `wanted` files and every file they include, directly or
 * through other files (also when a wanted file is read as another file's include).
 */
export function reportedFiles(wanted: Iterable<string>, parsed: readonly ProjectFile[], keyOf: (file: string) => string): Set<string> {
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
  for (const path of wanted) visit(path);
  return reported;
}

/**
 * The files of `parsed` (the whole project) that the findings of the `reported` files depend on,
 * and what a lint of them must know of the rest to report as a lint of the whole would (see
 * `ProjectScope`): the independent parts of the project that hold a reported file or a file
 * including one.
 */
export function partAround(
  parsed: readonly ProjectFile[],
  reported: ReadonlySet<string>,
  keyOf: (file: string) => string,
  segments?: Segments,
): { files: ProjectFile[]; scope: ProjectScope } {
  const facts = parsed.map((file) => peerFacts(file, [segments]));
  const { parts, commonPeerKeys } = partition(
    parsed.map((file) => ({ key: keyOf(file.path) })),
    facts,
  );
  const concerns = (i: number) => reported.has(keyOf(parsed[i]!.path)) || facts[i]!.includes.some((file) => reported.has(keyOf(file)));
  const kept = parts
    .filter((part) => part.some(concerns))
    .flat()
    .sort((a, b) => a - b);
  return {
    files: kept.map((i) => parsed[i]!),
    scope: { namingPaths: [...new Set(parsed.flatMap((file, i) => [file.path, ...facts[i]!.includes]))], commonPeerKeys: new Set(commonPeerKeys) },
  };
}

/**
 * The other side of a finding in a context file: a copy of it in each reported file its related
 * places point into, at that place, unless that file already has the finding from its own side (a
 * finding of the same rule with the context file's line among its related places). Drift rules
 * report on both sides where both have something to point at (two different weights), but on one
 * side only where the other lacks something (a real server only one node balances to); a run on
 * the node that lacks it must still show it.
 * @param findingsOf the reported findings so far of a file, by key
 * @param nameOf how a file is named in the copy's message
 */
export function otherSides(
  finding: Diagnostic,
  reported: ReadonlySet<string>,
  findingsOf: (key: string) => readonly Diagnostic[] | undefined,
  keyOf: (file: string) => string,
  nameOf: (path: string) => string,
): Diagnostic[] {
  const where = keyOf(finding.file);
  const line = finding.range.start.line;
  const place = `As seen from ${nameOf(finding.file)} (line ${line + 1})`;
  const sides = new Set<string>();
  const copies: Diagnostic[] = [];
  for (const related of finding.related ?? []) {
    const side = keyOf(related.file);
    if (!reported.has(side) || sides.has(side)) continue;
    sides.add(side);
    const fromThisSide = (findingsOf(side) ?? []).some(
      (d) => d.ruleId === finding.ruleId && (d.related ?? []).some((r) => keyOf(r.file) === where && r.range.start.line === line),
    );
    if (fromThisSide) continue;
    copies.push({
      ruleId: finding.ruleId,
      severity: finding.severity,
      message: `${place}: ${finding.message}`,
      file: related.file,
      range: related.range,
      related: [{ file: finding.file, range: finding.range, message: `the other side, in ${nameOf(finding.file)}` }],
    });
  }
  return copies;
}
