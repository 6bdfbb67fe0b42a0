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
 * The look-up and the checks of configuration files are the command line's (@kalint/node); a
 * broken file is ignored here, and said so once, where the command line stops.
 */
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import type { RuleSetting } from '@kalint/linter';
import { NearestConfig, RULE_SETTINGS, validateConfig, VERSION_PATTERN, type KalintConfig } from '@kalint/node';

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

const SCOPES: readonly string[] = ['workspace', 'openDocuments', 'off'];

/** The editor's settings with wrong values dropped (an editor may send anything). */
export function editorSettings(raw: unknown): EditorSettings {
  const settings: EditorSettings = { rules: {}, hosts: {}, peers: { scope: 'workspace' } };
  if (!isObject(raw)) return settings;
  if (isObject(raw.rules)) {
    for (const [id, value] of Object.entries(raw.rules)) if (typeof value === 'string' && RULE_SETTINGS.includes(value)) settings.rules[id] = value as RuleSetting;
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
export type ConfigFile = KalintConfig;

/** What the linter is run with for one document. */
export interface LintSettings {
  rules: Record<string, RuleSetting>;
  configId?: string;
  targetVersion?: string;
  /** Address -> absolute path of the sysctl file. */
  hosts: Record<string, string>;
  /** Deployed directory -> the absolute directory its includes are read from (the configuration file's). */
  includeRoots: Record<string, string>;
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
    includeRoots: { ...config?.includeRoots },
  };
}

/** Finds the configuration file of a document, as the command line does; caches by directory. */
export class ConfigFiles {
  private readonly nearest = new NearestConfig<ConfigFile>((path) => this.load(path));
  /** Problems met while loading (a broken file is ignored, and said so once). */
  readonly problems = new Set<string>();

  constructor(private readonly knownRules: ReadonlySet<string>) {}

  /** Forget everything read (a configuration file changed). */
  clear(): void {
    this.nearest.clear();
  }

  /** The configuration for the file at absolute `path`, null when none applies. */
  forFile(path: string): ConfigFile | null {
    return isAbsolute(path) ? this.nearest.forDirectory(dirname(path)) : null;
  }

  private load(path: string): ConfigFile | null {
    try {
      return validateConfig(JSON.parse(readFileSync(path, 'utf8')), path, this.knownRules, (problem) => new Error(problem));
    } catch (error) {
      this.problems.add(`kalint: ignoring configuration ${path}: ${(error as Error).message}`);
      return null;
    }
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
