/**
 * Runs the rules over a project: parses every file (includes resolved through the injected host),
 * builds the model, walks it once handing each enabled rule the parts it subscribes to, applies
 * suppressions.
 */
import { schema } from '@kalint/grammar';
import { parseVersion, type Segments } from '@kalint/model';
import { parse, type IncludeHost, type ParseCache } from '@kalint/parser';
import { includedFiles, Project, projectFile, type ProjectFile, type ProjectScope } from './project.js';
import { rules as allRules } from './rules/index.js';
import type { HostFacts } from './sysctl.js';
import { unusedSuppression } from './rules/unused-suppression.js';
import { applySuppressions } from './suppressions.js';
import type { Diagnostic, Report, Rule, RuleContext, RuleMeta, RuleSetting, Severity } from './types.js';

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
  /**
   * Segments named where the configurations cannot tell which instances share a link (the
   * `segments` key of `.kalintrc.json`): by name, networks (CIDRs) and interfaces of files as this
   * run names them. VRRP clusters and collisions take them into account.
   */
  segments?: Segments;
  /** Called after each input is parsed, with how many of how many are (progress of a long run). */
  onParsed?: (parsed: number, total: number) => void;
}

export interface LintResult {
  /** Findings by file, files in input order, then included files; findings by position. */
  files: Array<{ path: string; diagnostics: Diagnostic[] }>;
  project: Project;
}

/** Every rule kalint can report, `unused-suppression` included. */
export const ruleMetas: readonly RuleMeta[] = allRules.map((r) => r.meta);

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
    const file = projectFile(path, text, result.ast, result.diagnostics, options.targetVersion);
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
  const targetVersion = options.targetVersion ?? schema.version;
  if (!parseVersion(targetVersion)) throw new Error(`targetVersion: '${targetVersion}' is not a version X.Y.Z`);
  const project = new Project(files, {
    ...(options.hosts ? { hosts: options.hosts } : {}),
    ...(options.scope ? { scope: options.scope } : {}),
    ...(options.segments ? { segments: options.segments } : {}),
  });
  const diagnostics: Diagnostic[] = [];
  const ruleSet = options.ruleSet ?? allRules;
  /** A rule's severity as configured; undefined when it is off. */
  const severityOf = (meta: RuleMeta): Severity | undefined => {
    const setting = options.rules?.[meta.id] ?? meta.defaultSeverity;
    return setting === 'off' ? undefined : setting === 'error' ? 'error' : 'warning';
  };
  const enabled = ruleSet.filter((rule) => severityOf(rule.meta) !== undefined);
  const enabledRules = enabled.map((rule) => rule.meta);
  const contexts = new Map<Rule, RuleContext>();
  for (const rule of enabled) {
    const severity = severityOf(rule.meta)!;
    // A rule may choose a severity per finding, but a user's setting always wins over that choice.
    const configured = options.rules?.[rule.meta.id] !== undefined;
    const places = new Set<string>();
    const context: RuleContext = {
      schema,
      project,
      targetVersion,
      enabledRules,
      reportOncePerPlace(report: Report) {
        const key = `${report.at.file}\u0000${report.at.range.start.offset}\u0000${report.at.range.end.offset}`;
        if (places.has(key)) return;
        places.add(key);
        context.report(report);
      },
      report(report: Report) {
        const diagnostic: Diagnostic = {
          ruleId: rule.meta.id,
          severity: configured ? severity : (report.severity ?? severity),
          message: report.message,
          file: report.at.file,
          range: report.at.range,
        };
        if (report.related) diagnostic.related = report.related;
        if (report.fix) diagnostic.fix = report.fix;
        if (report.tags) diagnostic.tags = report.tags;
        diagnostics.push(diagnostic);
      },
    };
    contexts.set(rule, context);
  }
  // One walk of the project; each rule gets the parts it subscribes to, rules in their order.
  const withHook = (hook: 'file' | 'instance' | 'virtualServer' | 'cluster' | 'collision' | 'service' | 'project') => enabled.filter((rule) => rule[hook] !== undefined);
  const onFile = withHook('file');
  const onInstance = withHook('instance');
  const onServer = withHook('virtualServer');
  for (const file of files) {
    for (const rule of onFile) rule.file!(file, contexts.get(rule)!);
    if (onInstance.length > 0) for (const instance of file.node.instances) for (const rule of onInstance) rule.instance!(instance, contexts.get(rule)!);
    if (onServer.length > 0) for (const server of file.node.virtualServers) for (const rule of onServer) rule.virtualServer!(server, contexts.get(rule)!);
  }
  const onCluster = withHook('cluster');
  if (onCluster.length > 0) for (const cluster of project.model.clusters) for (const rule of onCluster) rule.cluster!(cluster, contexts.get(rule)!);
  const onCollision = withHook('collision');
  if (onCollision.length > 0) for (const collision of project.model.collisions) for (const rule of onCollision) rule.collision!(collision, contexts.get(rule)!);
  const onService = withHook('service');
  if (onService.length > 0) for (const peers of project.model.serverPeers) for (const rule of onService) rule.service!(peers, contexts.get(rule)!);
  for (const rule of withHook('project')) rule.project!(contexts.get(rule)!);

  const byFile = new Map<string, Diagnostic[]>(files.map((f) => [f.path, []]));
  const inputCount = byFile.size;
  for (const d of diagnostics) {
    const list = byFile.get(d.file);
    if (list) list.push(d);
    else byFile.set(d.file, [d]);
  }
  // unused-suppression is configured like any rule; its findings are made while suppressions apply.
  const reportUnused = severityOf(unusedSuppression.meta);
  // Ids a comment may name: kalint's and the run's own (a caller's rule set).
  const metas = [...ruleMetas, ...ruleSet.map((rule) => rule.meta)];
  const knownRuleIds = new Set(metas.map((meta) => meta.id));
  const unsuppressible = new Set(metas.filter((meta) => meta.suppressible === false).map((meta) => meta.id));
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
    kept.sort((a, b) => a.range.start.offset - b.range.start.offset || a.ruleId.localeCompare(b.ruleId));
    return { path, diagnostics: kept };
  });
  return { files: result, project };
}
