/**
 * Runs the rules over a project: parses every file (includes resolved through the injected host),
 * builds the peer model, runs each enabled rule, applies suppressions.
 */
import { schema } from '@kalint/grammar';
import { parse, type IncludeHost, type ParseCache } from '@kalint/parser';
import { includedFiles, Project, projectFile, type ProjectFile, type ProjectScope } from './project.js';
import { rules as allRules } from './rules/index.js';
import { parseVersion } from './rules/keyword-version.js';
import type { HostFacts } from './sysctl.js';
import { applySuppressions, unusedSuppression } from './suppressions.js';
import type { Diagnostic, Report, Rule, RuleMeta, RuleSetting } from './types.js';

export interface LintInput {
  /** The name reported in diagnostics. */
  path: string;
  text: string;
  /** Keep one per document across edits to parse only what changed (editors). */
  cache?: ParseCache;
}

export interface LintOptions {
  /** Resolves includes; without it includes are not followed. */
  host?: IncludeHost;
  /** Selects `@id` lines, as `keepalived -i` does. */
  configId?: string;
  /** Rule settings by id, over each rule's default. */
  rules?: Readonly<Record<string, RuleSetting>>;
  /** Real servers' sysctl settings by address, for `arp-prerequisites`. */
  hosts?: HostFacts;
  /** Report suppressions that silence nothing (default true). */
  reportUnusedSuppressions?: boolean;
  /** The rules to run (default: all of kalint's). */
  ruleSet?: readonly Rule[];
  /**
   * The keepalived release the configuration is for, `X.Y.Z` (a leading `v` is allowed): keywords
   * that release does not know are reported by `keyword-version`. Default: the newest release the
   * schema describes.
   */
  targetVersion?: string;
  /** What the project learns from a whole run it is only part of (a parallel lint; see `lintParsed`). */
  scope?: ProjectScope;
  /** Called after each input is parsed, with how many of how many are (progress of a long run). */
  onParsed?: (parsed: number, total: number) => void;
}

export interface LintResult {
  /** Findings by file, files in input order, then included files; findings by position. */
  files: Array<{ path: string; diagnostics: Diagnostic[] }>;
  project: Project;
}

/** Every rule id kalint can report: its rules' and the engine's own `unused-suppression`. */
export const ruleMetas: readonly RuleMeta[] = [...allRules.map((r) => r.meta), unusedSuppression];
const knownRuleIds: ReadonlySet<string> = new Set(ruleMetas.map((m) => m.id));
const unsuppressible: ReadonlySet<string> = new Set(ruleMetas.filter((m) => m.suppressible === false).map((m) => m.id));

/** Lint the files of one run together (so HA peers are compared). */
export function lint(inputs: LintInput[], options: LintOptions = {}): LintResult {
  return lintParsed(parseInputs(inputs, options), options);
}

/** Parse inputs into project files (includes followed through `options.host`), as `lint` does. */
export function parseInputs(inputs: LintInput[], options: Pick<LintOptions, 'host' | 'configId' | 'targetVersion' | 'onParsed'> = {}): ProjectFile[] {
  return inputs.map(({ path, text, cache }, i) => {
    const result = parse(text, {
      file: path,
      ...(cache ? { cache } : {}),
      ...(options.host ? { host: options.host } : {}),
      ...(options.configId !== undefined ? { configId: options.configId } : {}),
      // What keepalived substitutes depends on the release (`${_ENV NAME}` from 2.4.0).
      ...(options.targetVersion !== undefined ? { targetVersion: options.targetVersion } : {}),
    });
    const file = projectFile(path, text, result.ast, result.diagnostics);
    options.onParsed?.(i + 1, inputs.length);
    return file;
  });
}

/**
 * Lint files parsed by `parseInputs`. A parallel run lints each part of the run this way, with
 * `options.scope` telling it what it cannot see: the findings of a part are those a lint of the
 * whole run gives its files, as long as the part holds every file its files are peers of or
 * share an include with.
 */
export function lintParsed(files: ProjectFile[], options: LintOptions = {}): LintResult {
  const project = new Project(files, options.hosts ?? new Map(), options.scope);
  const targetVersion = options.targetVersion ?? schema.version;
  if (!parseVersion(targetVersion)) throw new Error(`targetVersion: '${targetVersion}' is not a version X.Y.Z`);
  const diagnostics: Diagnostic[] = [];
  const enabledRules = (options.ruleSet ?? allRules).filter((rule) => (options.rules?.[rule.meta.id] ?? rule.meta.defaultSeverity) !== 'off').map((rule) => rule.meta);
  for (const rule of options.ruleSet ?? allRules) {
    const configured = options.rules?.[rule.meta.id];
    const setting = configured ?? rule.meta.defaultSeverity;
    if (setting === 'off') continue;
    const severity = setting === 'error' ? 'error' : 'warning';
    // A rule may choose a severity per finding, but a user's setting always wins over that choice.
    const severityOf = configured === undefined ? (report: Report) => report.severity ?? severity : () => severity;
    rule.check({
      schema,
      project,
      targetVersion,
      enabledRules,
      report(report) {
        const diagnostic: Diagnostic = {
          ruleId: rule.meta.id,
          severity: severityOf(report),
          message: report.message,
          file: report.at.file,
          range: report.at.range,
        };
        if (report.related) diagnostic.related = report.related;
        if (report.fix) diagnostic.fix = report.fix;
        if (report.tags) diagnostic.tags = report.tags;
        diagnostics.push(diagnostic);
      },
    });
  }
  const byFile = new Map<string, Diagnostic[]>(files.map((f) => [f.path, []]));
  const inputCount = byFile.size;
  for (const d of diagnostics) {
    const list = byFile.get(d.file);
    if (list) list.push(d);
    else byFile.set(d.file, [d]);
  }
  const unusedSetting = options.rules?.[unusedSuppression.id] ?? unusedSuppression.defaultSeverity;
  const reportUnused = (options.reportUnusedSuppressions ?? true) && unusedSetting !== 'off';
  const fileByPath = new Map<string, ProjectFile>();
  for (const f of files) if (!fileByPath.has(f.path)) fileByPath.set(f.path, f);
  // Included files follow the inputs in the order they were first read, not in the order rules
  // happened to report them: a lint of part of a run then orders them as the whole run does.
  const readOrder = new Map<string, number>();
  for (const f of files) for (const included of includedFiles(f)) if (!readOrder.has(included)) readOrder.set(included, readOrder.size);
  const entries = [...byFile];
  const unread = Number.MAX_SAFE_INTEGER;
  const reached = entries.slice(inputCount).sort(([a], [b]) => (readOrder.get(a) ?? unread) - (readOrder.get(b) ?? unread));
  const result = [...entries.slice(0, inputCount), ...reached].map(([path, list]) => {
    const file = fileByPath.get(path);
    const kept = file ? applySuppressions(path, file.ast.comments, list, reportUnused, knownRuleIds, unsuppressible) : list;
    if (unusedSetting === 'error') for (const d of kept) if (d.ruleId === unusedSuppression.id) d.severity = 'error';
    kept.sort((a, b) => a.range.start.offset - b.range.start.offset || a.ruleId.localeCompare(b.ruleId));
    return { path, diagnostics: kept };
  });
  return { files: result, project };
}
