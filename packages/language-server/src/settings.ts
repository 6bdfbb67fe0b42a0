/**
 * What decides a document's lint options: the editor's `kalint` settings and the nearest
 * `.kalintrc.json` / `kalint.config.json`, read with the keys and rules of the command line's
 * configuration files (README, "Configuration files").
 *
 * Precedence: **the configuration file wins** over the editor settings, key by key (a rule the
 * file names takes the file's setting; rules it does not name keep the editor's). The file is
 * what the project's CI runs with, so the editor shows what CI will report; editor settings are
 * personal defaults for projects without one.
 *
 * The look-up duplicates `packages/cli/src/config.ts` on purpose: the server may not depend on
 * the command line, and the two are small. Both should move to a shared package together.
 */
import { readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import type { RuleSetting } from '@kalint/linter';

/** Which files a document is compared with as an HA peer. */
export type PeerScope = 'workspace' | 'openDocuments' | 'off';

/** The `kalint` section of the editor's settings. */
export interface EditorSettings {
  rules: Record<string, RuleSetting>;
  configId?: string;
  /** The keepalived release the configurations are for (`kalint.targetVersion`). */
  targetVersion?: string;
  /** Real-server address -> sysctl file (relative to the first workspace folder). */
  hosts: Record<string, string>;
  peers: { scope: PeerScope };
}

export const DEFAULT_SETTINGS: EditorSettings = { rules: {}, hosts: {}, peers: { scope: 'workspace' } };

const SETTINGS: readonly string[] = ['off', 'warn', 'error'];
const SCOPES: readonly string[] = ['workspace', 'openDocuments', 'off'];
/** A keepalived release, as the command line's `--target-version` takes it. */
const VERSION_PATTERN = /^v?\d+\.\d+(?:\.\d+)?$/;

/** The editor's settings with wrong values dropped (an editor may send anything). */
export function editorSettings(raw: unknown): EditorSettings {
  const settings: EditorSettings = { rules: {}, hosts: {}, peers: { scope: 'workspace' } };
  if (!isObject(raw)) return settings;
  if (isObject(raw.rules)) {
    for (const [id, value] of Object.entries(raw.rules)) if (typeof value === 'string' && SETTINGS.includes(value)) settings.rules[id] = value as RuleSetting;
  }
  if (typeof raw.configId === 'string' && raw.configId !== '') settings.configId = raw.configId;
  if (typeof raw.targetVersion === 'string' && VERSION_PATTERN.test(raw.targetVersion)) settings.targetVersion = raw.targetVersion;
  if (isObject(raw.hosts)) {
    for (const [address, file] of Object.entries(raw.hosts)) if (typeof file === 'string' && file !== '') settings.hosts[address] = file;
  }
  if (isObject(raw.peers) && typeof raw.peers.scope === 'string' && SCOPES.includes(raw.peers.scope)) settings.peers.scope = raw.peers.scope as PeerScope;
  return settings;
}

/** A loaded configuration file. */
export interface ConfigFile {
  path: string;
  rules: Record<string, RuleSetting>;
  configId?: string;
  targetVersion?: string;
  /** Address -> absolute path of the sysctl file. */
  hosts: Record<string, string>;
  format?: { indent?: number | 'tab' };
}

/** What the linter is run with for one document. */
export interface LintSettings {
  rules: Record<string, RuleSetting>;
  configId?: string;
  targetVersion?: string;
  /** Address -> absolute path of the sysctl file. */
  hosts: Record<string, string>;
}

/** The editor's settings under a configuration file (which wins, key by key). */
export function lintSettings(editor: EditorSettings, config: ConfigFile | null, workspaceRoot: string | undefined): LintSettings {
  const hosts: Record<string, string> = {};
  for (const [address, file] of Object.entries(editor.hosts)) hosts[address] = isAbsolute(file) || !workspaceRoot ? file : resolve(workspaceRoot, file);
  Object.assign(hosts, config?.hosts ?? {});
  const configId = config?.configId ?? editor.configId;
  const targetVersion = config?.targetVersion ?? editor.targetVersion;
  return {
    rules: { ...editor.rules, ...(config?.rules ?? {}) },
    ...(configId !== undefined ? { configId } : {}),
    ...(targetVersion !== undefined ? { targetVersion } : {}),
    hosts,
  };
}

const CONFIG_NAMES = ['.kalintrc.json', 'kalint.config.json'];
const KEYS = new Set(['$schema', 'rules', 'configId', 'targetVersion', 'hosts', 'format']);

/** Finds the configuration file of a document, as the command line does; caches by directory. */
export class ConfigFiles {
  private readonly byDirectory = new Map<string, ConfigFile | null>();
  /** Problems met while loading (a broken file is ignored, and said so once). */
  readonly problems = new Set<string>();

  constructor(private readonly knownRules: ReadonlySet<string>) {}

  /** Forget everything read (a configuration file changed). */
  clear(): void {
    this.byDirectory.clear();
  }

  /** The configuration for the file at absolute `path`, null when none applies. */
  forFile(path: string): ConfigFile | null {
    return isAbsolute(path) ? this.forDirectory(dirname(path)) : null;
  }

  private forDirectory(directory: string): ConfigFile | null {
    const cached = this.byDirectory.get(directory);
    if (cached !== undefined) return cached;
    let found: ConfigFile | null = null;
    let searched = false;
    for (const name of CONFIG_NAMES) {
      const candidate = join(directory, name);
      if (!isFile(candidate)) continue;
      searched = true;
      found = this.load(candidate);
      break;
    }
    if (!searched) {
      const parent = dirname(directory);
      if (parent !== directory) found = this.forDirectory(parent);
    }
    this.byDirectory.set(directory, found);
    return found;
  }

  private load(path: string): ConfigFile | null {
    try {
      return validate(JSON.parse(readFileSync(path, 'utf8')), path, this.knownRules);
    } catch (error) {
      this.problems.add(`kalint: ignoring configuration ${path}: ${(error as Error).message}`);
      return null;
    }
  }
}

function validate(data: unknown, path: string, knownRules: ReadonlySet<string>): ConfigFile {
  if (!isObject(data)) throw new Error('expected a JSON object');
  for (const key of Object.keys(data)) if (!KEYS.has(key)) throw new Error(`unknown key '${key}' (expected rules, configId, targetVersion, hosts, format)`);
  const config: ConfigFile = { path, rules: {}, hosts: {} };
  if (data.rules !== undefined) {
    if (!isObject(data.rules)) throw new Error(`'rules' must be an object of rule id -> "off" | "warn" | "error"`);
    for (const [id, setting] of Object.entries(data.rules)) {
      if (!knownRules.has(id)) throw new Error(`'rules': unknown rule '${id}'`);
      if (typeof setting !== 'string' || !SETTINGS.includes(setting)) throw new Error(`'rules.${id}' must be "off", "warn" or "error"`);
      config.rules[id] = setting as RuleSetting;
    }
  }
  if (data.configId !== undefined) {
    if (typeof data.configId !== 'string' || data.configId === '') throw new Error(`'configId' must be a non-empty string`);
    config.configId = data.configId;
  }
  if (data.targetVersion !== undefined) {
    if (typeof data.targetVersion !== 'string' || !VERSION_PATTERN.test(data.targetVersion)) throw new Error(`'targetVersion' must be a keepalived version such as "2.2.7"`);
    config.targetVersion = data.targetVersion;
  }
  if (data.hosts !== undefined) {
    if (!isObject(data.hosts)) throw new Error(`'hosts' must be an object of real-server address -> sysctl file`);
    for (const [address, file] of Object.entries(data.hosts)) {
      if (typeof file !== 'string' || file === '') throw new Error(`'hosts.${address}' must be a file name`);
      config.hosts[address] = resolve(dirname(path), file);
    }
  }
  if (data.format !== undefined) {
    if (!isObject(data.format)) throw new Error(`'format' must be an object, such as { "indent": 2 }`);
    const indent = data.format.indent;
    if (indent === 'tab' || (typeof indent === 'number' && Number.isInteger(indent) && indent >= 1 && indent <= 16)) config.format = { indent };
    else if (indent !== undefined) throw new Error(`'format.indent' must be a number of spaces from 1 to 16 or "tab"`);
  }
  return config;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
