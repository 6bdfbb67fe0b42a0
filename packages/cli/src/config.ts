/**
 * kalint's configuration files: `.kalintrc.json` or `kalint.config.json`, found by walking up
 * from a linted file's directory (the nearest wins; in one directory `.kalintrc.json` is taken
 * over `kalint.config.json`), or named with `--config`.
 *
 * ```json
 * { "rules": { "weight-drift": "error" }, "configId": "ha1", "hosts": { "10.1.8.11": "web1.sysctl.conf" },
 *   "format": { "indent": 2 } }
 * ```
 * Paths in `hosts` are relative to the configuration file. `format` is read by `kalint fmt`. Configurations are data: nothing in
 * them is ever executed.
 */
import { readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { RuleSetting } from '@kalint/linter';
import { UsageError } from './io.js';

/** File names looked for in each directory, in order of preference. */
export const CONFIG_NAMES = ['.kalintrc.json', 'kalint.config.json'] as const;

/** A loaded, validated configuration file. */
export interface KalintConfig {
  /** Absolute path of the file. */
  path: string;
  rules: Record<string, RuleSetting>;
  configId?: string;
  /** The keepalived release the configurations are for (`2.2.7`), for `keyword-version`. */
  targetVersion?: string;
  /** Real-server address -> absolute path of its sysctl facts file. */
  hosts: Record<string, string>;
  /** `kalint fmt`'s settings. */
  format?: FormatSettings;
}

/** The `format` key: how `kalint fmt` lays files out. */
export interface FormatSettings {
  /** Indentation unit: a number of spaces or a tab. */
  indent?: number | 'tab';
}

/** The widest indentation unit accepted, in spaces. */
export const MAX_INDENT = 16;

const SETTINGS: readonly string[] = ['off', 'warn', 'error'];
const KEYS = new Set(['$schema', 'rules', 'configId', 'targetVersion', 'hosts', 'format']);

/** A keepalived release as `--target-version` and `targetVersion` take it. */
export const VERSION_PATTERN = /^v?\d+\.\d+(?:\.\d+)?$/;

/**
 * Finds and caches the configuration that applies to each file.
 */
export class ConfigResolver {
  private readonly byDirectory = new Map<string, KalintConfig | null>();
  private readonly loaded = new Map<string, KalintConfig>();
  private readonly override: KalintConfig | undefined;

  /**
   * @param knownRules rule ids a configuration may name; null: any (`kalint fmt` does not load
   *   the linter, whose rules decide the ids, and uses no rule settings)
   * @param cwd the directory relative names (in messages, `--config`) are taken from
   * @param overridePath `--config`: this file applies to every linted file, no search is made
   */
  constructor(
    private readonly knownRules: ReadonlySet<string> | null,
    private readonly cwd: string,
    overridePath?: string,
  ) {
    if (overridePath !== undefined) this.override = this.load(resolve(cwd, overridePath));
  }

  /** The configuration for the file at absolute `path`, or null when there is none. */
  forFile(path: string): KalintConfig | null {
    return this.override ?? this.forDirectory(dirname(path));
  }

  private forDirectory(directory: string): KalintConfig | null {
    const cached = this.byDirectory.get(directory);
    if (cached !== undefined) return cached;
    let found: KalintConfig | null = null;
    for (const name of CONFIG_NAMES) {
      const candidate = join(directory, name);
      if (isFile(candidate)) {
        found = this.load(candidate);
        break;
      }
    }
    if (found === null) {
      const parent = dirname(directory);
      if (parent !== directory) found = this.forDirectory(parent);
    }
    this.byDirectory.set(directory, found);
    return found;
  }

  private load(path: string): KalintConfig {
    const known = this.loaded.get(path);
    if (known) return known;
    const shown = display(path, this.cwd);
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new UsageError(
        code === 'ENOENT' ? `configuration '${shown}' does not exist` : code === 'EISDIR' ? `configuration '${shown}' is a directory` : `cannot read configuration '${shown}': ${(error as Error).message}`,
      );
    }
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (error) {
      throw new UsageError(`invalid configuration '${shown}': ${(error as Error).message}`);
    }
    const config = validate(data, path, this.knownRules, (problem) => new UsageError(`invalid configuration '${shown}': ${problem}`));
    this.loaded.set(path, config);
    return config;
  }
}

/** Check the shape of a parsed configuration; `fail` turns a problem into the error thrown. */
export function validate(data: unknown, path: string, knownRules: ReadonlySet<string> | null, fail: (problem: string) => Error): KalintConfig {
  if (!isObject(data)) throw fail('expected a JSON object');
  for (const key of Object.keys(data)) {
    if (!KEYS.has(key)) throw fail(`unknown key '${key}' (expected rules, configId, targetVersion, hosts, format)`);
  }
  const config: KalintConfig = { path, rules: {}, hosts: {} };
  if (data.rules !== undefined) {
    if (!isObject(data.rules)) throw fail(`'rules' must be an object of rule id -> "off" | "warn" | "error"`);
    for (const [id, setting] of Object.entries(data.rules)) {
      if (knownRules && !knownRules.has(id)) throw fail(`'rules': unknown rule '${id}'`);
      if (typeof setting !== 'string' || !SETTINGS.includes(setting)) {
        throw fail(`'rules.${id}' must be "off", "warn" or "error", not ${JSON.stringify(setting)}`);
      }
      config.rules[id] = setting as RuleSetting;
    }
  }
  if (data.configId !== undefined) {
    if (typeof data.configId !== 'string' || data.configId === '') throw fail(`'configId' must be a non-empty string`);
    config.configId = data.configId;
  }
  if (data.targetVersion !== undefined) {
    if (typeof data.targetVersion !== 'string' || !VERSION_PATTERN.test(data.targetVersion)) {
      throw fail(`'targetVersion' must be a keepalived version such as "2.2.7", not ${JSON.stringify(data.targetVersion)}`);
    }
    config.targetVersion = data.targetVersion;
  }
  if (data.hosts !== undefined) {
    if (!isObject(data.hosts)) throw fail(`'hosts' must be an object of real-server address -> sysctl file`);
    for (const [address, file] of Object.entries(data.hosts)) {
      if (typeof file !== 'string' || file === '') throw fail(`'hosts.${address}' must be a file name`);
      config.hosts[address] = resolve(dirname(path), file);
    }
  }
  if (data.format !== undefined) {
    if (!isObject(data.format)) throw fail(`'format' must be an object, such as { "indent": 2 }`);
    config.format = {};
    for (const [key, value] of Object.entries(data.format)) {
      if (key !== 'indent') throw fail(`'format': unknown key '${key}' (expected indent)`);
      const indent = parseIndent(value);
      if (indent === undefined) throw fail(`'format.indent' must be a number of spaces from 1 to ${MAX_INDENT} or "tab", not ${JSON.stringify(value)}`);
      config.format.indent = indent;
    }
  }
  return config;
}

/**
 * An indentation unit: `"tab"`, or a whole number of spaces from 1 to `MAX_INDENT`; undefined
 * when `value` is neither. The command line's `--indent 2` is passed as the number 2.
 */
export function parseIndent(value: unknown): number | 'tab' | undefined {
  if (value === 'tab') return 'tab';
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= MAX_INDENT ? value : undefined;
}

/** `path` as the user would name it: relative to `cwd` when below it. */
export function display(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  if (rel === '') return '.';
  return rel !== '' && rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel) ? rel : path;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isFile(path: string): boolean {
  try {
    // Most candidates do not exist: asking for `undefined` spares making an error object for each,
    // which on an inventory of thousands of directories was a quarter of a second.
    return statSync(path, { throwIfNoEntry: false })?.isFile() ?? false;
  } catch {
    return false;
  }
}
