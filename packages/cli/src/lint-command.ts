/**
 * `kalint [options] FILE|DIR|GLOB...`: lint keepalived configs. Every file of a run belongs to
 * one project, so HA peers (two keepalived.conf of one cluster) are compared with each other. A
 * large run may be linted on worker threads (parallel.ts), with the same findings.
 *
 * Only argument handling is loaded up front; the linter, the parser and the chosen output format
 * are imported once the arguments are known to be good, so `--help`, `--version` and usage
 * errors answer at once.
 */
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import type { Diagnostic, HostFacts, LintProjectOptions, ProjectFindings, ProjectInput, ProjectLint, ProjectSettings, Rule, RuleMeta, RuleSetting } from '@kalint/linter';
import type { IncludeHost } from '@kalint/parser';
import { parseCommandLine } from './args.js';
import { ConfigResolver, display } from './config.js';
import { discover, type Target } from './discover.js';
import { runFixes, type ProjectLint as ProjectFixLint } from './fix.js';
import { FORMAT_NAMES, loadFormatter, type FileResult, type FormatName } from './formats/index.js';
import { HostFactsLoader, parseHostOptions } from './host-facts.js';
import { UsageError, type Io } from './io.js';
import { Progress } from './progress.js';
import { contextTargets, type ProjectMode } from './project-context.js';
import { nodeIncludeHost, parseIncludeRoot, readConfig, VERSION_PATTERN, type ConfigFilesSeen, type IncludeRoots, type KalintConfig } from '@kalint/node';
import { notUtf8, parseMaxFileSize, readInput, readStdin } from './read-input.js';
import { version } from './version.js';

export const lintUsage = `Usage: kalint [options] FILE|DIR|GLOB...
       kalint [options] -        (standard input; with files too)
       kalint fmt [--check | --diff | --write] FILE|DIR|GLOB...   (see kalint fmt --help)
       kalint parse FILE|- [--config-id ID] [--no-expand]
       kalint rules [--format json]
       kalint simulate [--scenario TEXT] [--format json] FILE...   (see kalint simulate --help)

Lint keepalived configurations. All files of one run are one project: HA peers among them are
compared. With --project, or when a configuration file lists the project, the project's other
configs are read too and compared with the files given, whose findings alone are reported.
Directories are searched for keepalived configs; see the README for the rules.

Options:
  --format NAME          stylish (default), json (ESLint's), sarif (2.1.0), github, gcc
  --fix                  apply safe fixes in place (atomically), then report what remains
  --fix-dry-run          compute fixes without writing; json output carries the fixed text
  --max-warnings N       exit 1 when there are more than N warnings
  --quiet                report errors only
  --rule ID:SEVERITY     set a rule to off, warn or error (repeatable; over the config)
  --config PATH          use this configuration file instead of searching for one
  --config-id ID         select @ID conditional lines, as keepalived -i ID does
  --target-version X.Y.Z the keepalived release the configs are for: keywords it does not
                         know are errors (keyword-version; default: the newest, 2.4.3)
  --host ADDR=FILE       sysctl settings of real server ADDR (sysctl.conf or sysctl -a output;
                         repeatable)
  --include-root FROM=TO read includes under the deployed directory FROM (/etc/keepalived)
                         from TO here (roles/lb/files); repeatable, the longest FROM wins
  --project              read the rest of the project (the configuration file's "project"
                         list, or else the git repository) to compare the files with
  --no-project           compare the files given only with each other
  --stdin                lint standard input (as the file '-' does)
  --stdin-filename NAME  the name standard input is linted as (its config, its peers)
  --max-file-size BYTES  refuse files and standard input (and skip includes) larger than this
                         (K, M, G; default 16M)
  -j, --jobs N|auto      worker threads (default auto: one per core, up to 8, with 3 or more
                         cores and 1,000 files or 2 MB; 1: none). Same findings either way
  --color, --no-color    force colours on or off (default: on for a terminal unless NO_COLOR)
  -h, --help             show this help
  -v, --version          print kalint's version

Exit status: 0 no errors (and warnings within --max-warnings), 1 lint errors or too many
warnings, 2 usage or I/O error.
`;

/** Test and embedding seams; the command line passes none. */
export interface RunOptions {
  /** The rules to run instead of kalint's own (tests use fixable rules of their own). */
  ruleSet?: readonly Rule[];
  /** How `--fix` writes a file (default: `writeAtomic`). */
  writeFile?: (path: string, text: string) => void;
  /**
   * The worker script of a parallel lint (default: the one beside the command; the sources the
   * tests run have none, so they name the built one).
   */
  lintWorker?: URL;
}

/** What standard input is called when `--stdin-filename` is not given. */
const STDIN = '<stdin>';
/**
 * When `--jobs auto` lints with worker threads. Starting a worker (loading the linter into it) and
 * sending it the texts costs about as much as linting a few hundred typical files, so a run goes
 * parallel from 1,000 files or 2 MB of text; pre-commit hooks and editors' runs stay on one thread.
 */
const PARALLEL_MIN_FILES = 1000;
const PARALLEL_MIN_BYTES = 2 * 1024 * 1024;
/**
 * Nor below this many cores: a lint on one thread already keeps about one and a half cores busy
 * (V8 collects garbage and compiles on threads of its own), so on two cores a second lint thread
 * only competes with them. Measured on the fleet benchmark (10,000 files, 2 cores): one thread
 * 3.4 s, two workers 3.6 s; one thread confined to one core 4.5 s.
 */
const PARALLEL_MIN_CORES = 3;
/** More workers than this (under `--jobs auto`) mostly add memory: reading and reporting stay on one thread. */
const MAX_AUTO_WORKERS = 8;

interface Options {
  format: FormatName;
  fix: boolean;
  dryRun: boolean;
  maxWarnings: number | undefined;
  quiet: boolean;
  rules: Record<string, RuleSetting>;
  config: string | undefined;
  configId: string | undefined;
  targetVersion: string | undefined;
  hosts: string[];
  /** `--include-root`: deployed directory -> absolute directory it is read from. */
  includeRoots: Record<string, string>;
  stdin: boolean;
  stdinFilename: string | undefined;
  maxFileSize: number;
  color: boolean;
  jobs: number | 'auto';
  project: ProjectMode;
  files: string[];
}

/** Run the lint command; resolves to the exit status. Usage and I/O problems throw `UsageError`. */
export async function lintCommand(argv: string[], io: Io, runOptions: RunOptions = {}): Promise<number> {
  const options = parseOptions(argv, io);
  if (options === 'help') {
    io.stdout(lintUsage);
    return 0;
  }
  if (options === 'version') {
    io.stdout(`kalint ${version()}\n`);
    return 0;
  }
  const progress = new Progress(io);
  try {
    // Every write of the run erases the progress line first; so does the end, whatever happens.
    return await lintRun(options, progress.io, runOptions, progress);
  } finally {
    progress.clear();
  }
}

async function lintRun(options: Options, io: Io, runOptions: RunOptions, progress: Progress): Promise<number> {
  const linter = await import('@kalint/linter');
  // The rules of the run, for the report: kalint's, or a test's; any of either can be configured.
  const rulesMeta: RuleMeta[] = runOptions.ruleSet ? runOptions.ruleSet.map((r) => r.meta) : [...linter.ruleMetas];
  const knownRules = new Set([...rulesMeta, ...linter.ruleMetas].map((meta) => meta.id));
  for (const id of Object.keys(options.rules)) {
    if (!knownRules.has(id)) throw new UsageError(`--rule: unknown rule '${id}'`);
  }
  const cwd = io.cwd;
  const absoluteOf = (file: string) => (file === STDIN ? STDIN : resolve(cwd, file));
  const displayOf = (file: string) => (file === STDIN ? STDIN : display(resolve(cwd, file), cwd));

  // Which files, and their texts.
  const texts = new Map<string, string>();
  /** The configuration file of each directory searched, for the configuration look-ups below. */
  const configFiles: ConfigFilesSeen = new Map();
  let targets: Target[] = options.files.length > 0 ? discover(options.files, cwd, texts, false, configFiles) : [];
  let stdinKey: string | undefined;
  /** Texts the include host must see instead of the disk: standard input, files fixed in memory. */
  const overlay = new Map<string, string>();
  /** Files that are not valid UTF-8: --fix never writes them back (their text is not their bytes). */
  const lossy = new Set<string>();
  if (options.stdin) {
    stdinKey = options.stdinFilename !== undefined ? resolve(cwd, options.stdinFilename) : STDIN;
    const read = await readStdin(io, options.maxFileSize, displayOf(stdinKey));
    if (read.warning !== undefined) {
      io.stderr(`kalint: warning: ${notUtf8(displayOf(stdinKey), read)}\n`);
      lossy.add(stdinKey);
    }
    const text = read.text;
    texts.set(stdinKey, text);
    overlay.set(stdinKey, text);
    if (!targets.some((t) => t.path === stdinKey)) targets.push({ path: stdinKey, explicit: true });
    else targets = targets.map((t) => (t.path === stdinKey ? { ...t, explicit: true } : t));
  }
  if (targets.length === 0) throw new UsageError('no files given (see kalint --help)');

  // The rest of the project, when asked for: read and compared, its own findings not reported.
  const resolver = new ConfigResolver(knownRules, cwd, options.config, configFiles);
  const configKey = (key: string) => (key === STDIN ? resolve(cwd, STDIN) : key);
  const given = targets;
  let context = contextTargets(
    given.map((t) => t.path),
    options.project,
    (key) => resolver.forFile(configKey(key)),
    displayOf,
    texts,
  );
  const toRead = given.length + context.length;
  given.forEach((target, i) => {
    progress.files('reading', i + 1, toRead);
    if (target.path === stdinKey) return;
    const read = readInput(target.path, displayOf(target.path), options.maxFileSize, io);
    if (read.warning !== undefined) lossy.add(target.path);
    texts.set(target.path, read.text);
  });
  context = context.filter((target, i) => {
    progress.files('reading', given.length + i + 1, toRead);
    const read = readConfig(target.path, options.maxFileSize);
    if ('error' in read) {
      // Not among the files given: said, and left out of the comparison rather than stopping the run.
      io.stderr(`kalint: warning: ${read.error.replace(`'${target.path}'`, `'${displayOf(target.path)}'`)}; the files given are not compared with it\n`);
      return false;
    }
    texts.set(target.path, read.text);
    return true;
  });
  /** Include roots under a configuration: its `includeRoots`, each `--include-root` over the same directory. */
  const rootsOf = (config: KalintConfig | null): IncludeRoots => ({ ...config?.includeRoots, ...options.includeRoots });
  /** Include hosts by include roots (standard input and fixed texts over the disk): configurations with the same roots read files alike. */
  const hostsByRoots = new Map<string, IncludeHost>();
  const hostFor = (roots: IncludeRoots): IncludeHost => {
    const key = JSON.stringify(Object.entries(roots).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    let found = hostsByRoots.get(key);
    if (found === undefined) hostsByRoots.set(key, (found = nodeIncludeHost(cwd, options.maxFileSize, overlay, roots)));
    return found;
  };

  // Settings: each file's nearest configuration, the command line over it; one object per
  // configuration, so the files under one are one group.
  const hostLoader = new HostFactsLoader(cwd, linter.parseSysctl);
  const cliHosts = parseHostOptions(options.hosts, cwd, resolve);
  const settingsByConfig = new Map<string, ProjectSettings>();
  const rootsOfSettings = new Map<ProjectSettings, IncludeRoots>();
  const settingsFor = (config: KalintConfig | null): ProjectSettings => {
    const key = config?.path ?? '';
    let found = settingsByConfig.get(key);
    if (found !== undefined) return found;
    const configId = options.configId ?? config?.configId;
    const targetVersion = options.targetVersion ?? config?.targetVersion;
    const segments = config?.segments;
    let hosts: HostFacts | undefined;
    found = {
      rules: { ...config?.rules, ...options.rules },
      ...(configId !== undefined ? { configId } : {}),
      ...(targetVersion !== undefined ? { targetVersion } : {}),
      ...(segments !== undefined ? { segments } : {}),
      host: hostFor(rootsOf(config)),
      // Read when the settings lint a group: a context file's configuration may never.
      get hosts(): HostFacts {
        return (hosts ??= hostLoader.load(config?.hosts ?? {}, cliHosts) as HostFacts);
      },
    };
    settingsByConfig.set(key, found);
    rootsOfSettings.set(found, rootsOf(config));
    return found;
  };
  const projectOptions: LintProjectOptions = {
    settingsOf: (path) => settingsFor(resolver.forFile(configKey(absoluteOf(path)))),
    keyOf: absoluteOf,
    nameOf: displayOf,
    ...(runOptions.ruleSet ? { ruleSet: runOptions.ruleSet } : {}),
    onParsed: (parsed, total) => {
      if (parsed < total) progress.files('parsing', parsed, total);
      else progress.phase('checking', total);
    },
  };
  /** The project as the texts are now: the files given, then the rest of the project as context. */
  const projectInputs = (): ProjectInput[] => [
    ...given.map((t) => ({ path: displayOf(t.path), text: texts.get(t.path)! })),
    ...context.map((t) => ({ path: displayOf(t.path), text: texts.get(t.path)!, context: true })),
  ];
  // A given file that another linted config includes is read where keepalived reads it, inside
  // its includer (its findings still under its own name), never also alone.
  const plan = linter.planProject(projectInputs(), projectOptions);
  const linted = new Set(plan.inputs.map((input) => absoluteOf(input.path)));
  /** The files a report lists even when clean: the inputs given, and files named explicitly. */
  const listed = given.filter((t) => linted.has(t.path) || t.explicit).map((t) => t.path);

  /** Findings by absolute file, the listed files first. */
  const shown = (files: ProjectFindings): Map<string, Diagnostic[]> => {
    const byFile = new Map<string, Diagnostic[]>(listed.map((key) => [key, []]));
    for (const { path, diagnostics } of files) {
      const key = absoluteOf(path);
      const kept = options.quiet ? diagnostics.filter((d) => d.severity === 'error') : diagnostics;
      const list = byFile.get(key);
      if (list) for (const d of kept) list.push(d);
      else if (kept.length > 0) byFile.set(key, kept);
    }
    return byFile;
  };
  const fixLint = (result: ProjectLint): ProjectFixLint => ({ findings: shown(result.files), projects: result.groups.map((group) => group.project) });

  /**
   * The same lint on worker threads, when that pays and the run allows it: one parse for every
   * settings group (so one `configId`, one `targetVersion` and one set of include roots), kalint's
   * own rules (a rule set of the caller's cannot be sent to a thread), no fixes (they lint again
   * and again), no standard input and no context (a run with context lints only the part of the
   * project around the given files, on one thread). Undefined otherwise, or when a worker fails
   * (after a warning: the main thread then does the work).
   */
  const lintInWorkers = async (): Promise<Map<string, Diagnostic[]> | undefined> => {
    const groups = plan.groups;
    const configIds = new Set(groups.map((group) => group.configId));
    // What keepalived substitutes depends on the release (`${_ENV NAME}` from 2.4.0).
    const targetVersions = new Set(groups.map((group) => group.targetVersion));
    const hosts = new Set(groups.map((group) => group.host));
    if (options.jobs === 1 || options.fix || options.dryRun || stdinKey !== undefined || runOptions.ruleSet || configIds.size > 1 || targetVersions.size > 1 || hosts.size > 1 || plan.withContext) return undefined;
    const inputs = plan.inputs;
    let workers: number;
    if (options.jobs === 'auto') {
      const cores = availableParallelism();
      const bytes = inputs.reduce((n, i) => n + i.text.length, 0);
      if (cores < PARALLEL_MIN_CORES || (inputs.length < PARALLEL_MIN_FILES && bytes < PARALLEL_MIN_BYTES)) return undefined;
      workers = Math.min(cores, MAX_AUTO_WORKERS);
    } else {
      workers = options.jobs;
    }
    workers = Math.min(workers, inputs.length);
    if (workers < 2) return undefined;
    const parallel = await import('./parallel.js');
    const workerUrl = runOptions.lintWorker ?? parallel.lintWorkerUrl();
    if (workerUrl === undefined) return undefined;
    const first = groups[0]!;
    try {
      const runs = await parallel.lintInParallel({
        inputs: inputs.map((i) => ({ key: absoluteOf(i.path), path: i.path, text: i.text })),
        setup: {
          cwd,
          maxFileSize: options.maxFileSize,
          configId: first.configId,
          targetVersion: first.targetVersion,
          includeRoots: rootsOfSettings.get(first)!,
          segments: [...new Set(plan.lintOptions.map((group) => group.segments))],
        },
        // Everything but the include host, which the workers make from the setup.
        settings: plan.lintOptions.map(({ host: _, ...settings }) => settings),
        workers,
        workerUrl,
        progress,
      });
      return shown(linter.collectFindings(plan, runs.map((files) => ({ files }))));
    } catch (error) {
      if (!(error instanceof parallel.WorkerFailure)) throw error;
      io.stderr(`kalint: warning: a lint worker failed (${error.message.split('\n')[0]}); linting on one thread\n`);
      return undefined;
    }
  };

  let findings: Map<string, Diagnostic[]>;
  let original = new Map<string, string>();
  if (options.fix || options.dryRun) {
    const textOf = (key: string): string | undefined => {
      const known = texts.get(key);
      if (known !== undefined) return known;
      const read = readConfig(key, options.maxFileSize);
      if ('error' in read) return undefined;
      if (read.warning !== undefined) lossy.add(key);
      texts.set(key, read.text);
      return read.text;
    };
    const settingsOf = (key: string) => {
      const index = plan.groupOf(key);
      const { configId, targetVersion } = plan.groups[index]!;
      return { project: index, ...(configId !== undefined ? { configId } : {}), ...(targetVersion !== undefined ? { targetVersion } : {}) };
    };
    const outcome = await runFixes({
      linter,
      initial: fixLint(linter.lintPlan(plan, projectOptions)),
      // Each pass lints the texts as the fixes left them.
      lint: () => fixLint(linter.lintProject(projectInputs(), projectOptions)),
      texts,
      overlay,
      textOf,
      keyOf: absoluteOf,
      lossy,
      settingsOf,
      displayOf,
    });
    findings = outcome.findings;
    original = outcome.original;
    // Said whether or not anything is written: a dry run reports what --fix would do.
    for (const [key, why] of outcome.refused) io.stderr(`kalint: warning: '${displayOf(key)}' not fixed: ${why}\n`);
  } else {
    findings = (await lintInWorkers()) ?? shown(linter.lintPlan(plan, projectOptions).files);
  }
  const changed = [...original.keys()];
  if (options.fix && !options.dryRun) {
    const write = runOptions.writeFile ?? (await import('./write-atomic.js')).writeAtomic;
    for (const key of changed) {
      // Standard input is never written back, even when named after a file on disk.
      if (key === stdinKey) continue;
      try {
        write(key, texts.get(key)!);
      } catch (error) {
        throw new UsageError(`cannot write '${displayOf(key)}': ${(error as Error).message} (file left unchanged)`);
      }
    }
  }

  // Report.
  const results: FileResult[] = [...findings].map(([key, diagnostics]) => {
    const result: FileResult = { path: displayOf(key), absolutePath: key, diagnostics };
    const source = texts.get(key);
    if (source !== undefined) result.source = source;
    if ((options.dryRun || key === stdinKey) && original.has(key)) result.output = source!;
    return result;
  });
  const formatter = await loadFormatter(options.format);
  const report = formatter({ results, cwd, color: options.color, rules: rulesMeta, displayPath: displayOf, absolutePath: absoluteOf });
  // json and sarif come in chunks: a report of 200,000 findings is never one string, nor, waiting
  // for stdout between chunks, a pile of them in memory.
  if (typeof report === 'string') io.stdout(report);
  else {
    for (const chunk of report) {
      io.stdout(chunk);
      await io.drained?.();
    }
  }
  const errors = results.reduce((n, r) => n + r.diagnostics.filter((d) => d.severity === 'error').length, 0);
  const warnings = results.reduce((n, r) => n + r.diagnostics.filter((d) => d.severity !== 'error').length, 0);
  if (options.maxWarnings !== undefined && warnings > options.maxWarnings) {
    io.stderr(`kalint: too many warnings (${warnings}; --max-warnings ${options.maxWarnings})\n`);
    return 1;
  }
  return errors > 0 ? 1 : 0;
}

/** Parse and check the command line; `help`/`version` when those were asked for. */
function parseOptions(argv: string[], io: Io): Options | 'help' | 'version' {
  const { values, positionals } = parseCommandLine(
    argv,
    {
      format: { type: 'string', short: 'f' },
      fix: { type: 'boolean' },
      'fix-dry-run': { type: 'boolean' },
      'max-warnings': { type: 'string' },
      quiet: { type: 'boolean', short: 'q' },
      rule: { type: 'string', multiple: true },
      config: { type: 'string', short: 'c' },
      'config-id': { type: 'string' },
      'target-version': { type: 'string' },
      host: { type: 'string', multiple: true },
      'include-root': { type: 'string', multiple: true },
      stdin: { type: 'boolean' },
      'stdin-filename': { type: 'string' },
      'max-file-size': { type: 'string' },
      jobs: { type: 'string', short: 'j' },
      project: { type: 'boolean' },
      'no-project': { type: 'boolean' },
      color: { type: 'boolean' },
      'no-color': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
      version: { type: 'boolean', short: 'v' },
    },
    'kalint --help',
  );
  if (values.help) return 'help';
  if (values.version) return 'version';
  const format = values.format ?? 'stylish';
  if (!(FORMAT_NAMES as readonly string[]).includes(format)) {
    throw new UsageError(`unknown --format '${format}' (expected ${FORMAT_NAMES.join(', ')})`);
  }
  if (values.fix && values['fix-dry-run']) throw new UsageError('--fix and --fix-dry-run cannot be used together');
  let maxWarnings: number | undefined;
  if (values['max-warnings'] !== undefined) {
    if (!/^\d+$/.test(values['max-warnings'])) throw new UsageError(`--max-warnings expects a number of warnings, not '${values['max-warnings']}'`);
    maxWarnings = Number(values['max-warnings']);
  }
  const rules: Record<string, RuleSetting> = {};
  for (const value of values.rule ?? []) {
    const match = /^([^:\s]+):(off|warn|error)$/.exec(value.trim());
    if (!match) throw new UsageError(`--rule expects ID:off, ID:warn or ID:error, not '${value}'`);
    rules[match[1]!] = match[2] as RuleSetting;
  }
  // `-` is standard input, as for `kalint fmt -` and most tools; `--stdin` says the same.
  const stdin = values.stdin === true || positionals.includes('-');
  if (values['stdin-filename'] !== undefined && !stdin) throw new UsageError("--stdin-filename needs --stdin or '-'");
  if (values['stdin-filename'] === '') throw new UsageError('--stdin-filename needs a name');
  if (values.config === '') throw new UsageError('--config needs a file name');
  const targetVersion = values['target-version'];
  if (targetVersion !== undefined && !VERSION_PATTERN.test(targetVersion)) {
    throw new UsageError(`--target-version expects a keepalived version such as 2.2.7, not '${targetVersion}'`);
  }
  const includeRoots: Record<string, string> = {};
  for (const value of values['include-root'] ?? []) {
    const root = parseIncludeRoot(value, io.cwd);
    if ('error' in root) throw new UsageError(root.error);
    // The last one for a directory wins, as for --rule.
    includeRoots[root.from] = root.to;
  }
  let jobs: number | 'auto' = 'auto';
  if (values.jobs !== undefined && values.jobs !== 'auto') {
    if (!/^[1-9]\d{0,2}$/.test(values.jobs)) throw new UsageError(`--jobs expects a number of threads (1 to 999) or auto, not '${values.jobs}'`);
    jobs = Number(values.jobs);
  }
  // The later of --color and --no-color wins, as with other tools' paired flags.
  const forced = values.color || values['no-color'] ? argv.lastIndexOf('--color') > argv.lastIndexOf('--no-color') : undefined;
  // So do --project and --no-project; without either, a configuration's `project` list decides.
  const project: ProjectMode = values.project || values['no-project'] ? (argv.lastIndexOf('--project') > argv.lastIndexOf('--no-project') ? 'on' : 'off') : 'auto';
  const env = io.env ?? process.env;
  const color = forced ?? (io.isTTY && (env.NO_COLOR === undefined || env.NO_COLOR === ''));
  return {
    format: format as FormatName,
    fix: values.fix === true,
    dryRun: values['fix-dry-run'] === true,
    maxWarnings,
    quiet: values.quiet === true,
    rules,
    config: values.config,
    configId: values['config-id'],
    targetVersion,
    hosts: values.host ?? [],
    includeRoots,
    stdin,
    stdinFilename: values['stdin-filename'],
    maxFileSize: parseMaxFileSize(values['max-file-size']),
    color,
    jobs,
    project,
    files: positionals.filter((file) => file !== '-'),
  };
}
