/**
 * kalint's configuration files, as the command line and the language server both read them:
 * `.kalintrc.json` or `kalint.config.json`, the nearest one up from a file's directory (in one
 * directory `.kalintrc.json` is taken over `kalint.config.json`). Configurations are data: nothing
 * in them is ever executed. README, "Configuration files", describes the keys.
 */
import { statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
// The model's address reader, not node:net's isIP: the segments are matched with the model's
// networks, and loading node:net costs every run a few milliseconds of start-up.
import { familyOf } from '@kalint/model';
import { deployedDirectory, notADirectory } from './include-roots.js';

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
  /**
   * The configs of the project, as written: files, directories and globs relative to the
   * configuration file's directory, found as `kalint FILE|DIR|GLOB` finds them. A lint of some
   * of them reads the others as context (HA peers to compare with).
   */
  project?: string[];
  /** Deployed directory -> the absolute directory its included files are read from. */
  includeRoots?: Record<string, string>;
  /**
   * Segments named where the configurations cannot tell which VRRP instances share a link: by
   * name, networks (CIDRs) and interfaces of configuration files (absolute paths). The linter takes
   * them as `LintOptions.segments`, with each file as the run names it.
   */
  segments?: Record<string, SegmentSettings>;
}

/** One segment of the `segments` key. */
export interface SegmentSettings {
  /** Networks as written (`10.0.1.0/24`): an instance with a virtual IP or source address in one is on the segment. */
  networks: string[];
  /** Interfaces of configuration files: the file's absolute path, and the interface as its instances name it. */
  interfaces: Array<{ file: string; interface: string }>;
}

/** The `format` key: how `kalint fmt` lays files out. */
export interface FormatSettings {
  /** Indentation unit: a number of spaces or a tab. */
  indent?: number | 'tab';
}

/** The widest indentation unit accepted, in spaces. */
export const MAX_INDENT = 16;

/** A rule's setting, as the linter takes it (its `RuleSetting`). */
export type RuleSetting = 'off' | 'warn' | 'error';

/** The settings a rule may be given. */
export const RULE_SETTINGS: readonly string[] = ['off', 'warn', 'error'] satisfies RuleSetting[];
const KEYS = new Set(['$schema', 'rules', 'configId', 'targetVersion', 'hosts', 'format', 'project', 'includeRoots', 'segments']);

/** A keepalived release as `--target-version` and `targetVersion` take it. */
export const VERSION_PATTERN = /^v?\d+\.\d+(?:\.\d+)?$/;

/** Check the shape of a parsed configuration; `fail` turns a problem into the error thrown. */
export function validateConfig(data: unknown, path: string, knownRules: ReadonlySet<string> | null, fail: (problem: string) => Error): KalintConfig {
  if (!isObject(data)) throw fail('expected a JSON object');
  for (const key of Object.keys(data)) {
    if (!KEYS.has(key)) throw fail(`unknown key '${key}' (expected rules, configId, targetVersion, hosts, format, project, includeRoots, segments)`);
  }
  const config: KalintConfig = { path, rules: {}, hosts: {} };
  if (data.rules !== undefined) {
    if (!isObject(data.rules)) throw fail(`'rules' must be an object of rule id -> "off" | "warn" | "error"`);
    for (const [id, setting] of Object.entries(data.rules)) {
      if (knownRules && !knownRules.has(id)) throw fail(`'rules': unknown rule '${id}'`);
      if (typeof setting !== 'string' || !RULE_SETTINGS.includes(setting)) {
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
  if (data.project !== undefined) {
    const entries = data.project;
    if (!Array.isArray(entries) || entries.length === 0 || !entries.every((entry) => typeof entry === 'string' && entry !== '')) {
      throw fail(`'project' must be a non-empty list of files, directories or globs, such as ["."] or ["ha1/keepalived.conf", "ha2/keepalived.conf"]`);
    }
    config.project = entries as string[];
  }
  if (data.includeRoots !== undefined) {
    const example = '{ "/etc/keepalived": "roles/lb/files" }';
    if (!isObject(data.includeRoots)) throw fail(`'includeRoots' must be an object of deployed directory -> directory it is kept in here, such as ${example}`);
    config.includeRoots = {};
    for (const [written, to] of Object.entries(data.includeRoots)) {
      const from = deployedDirectory(written);
      if (from === undefined) throw fail(`'includeRoots': '${written}' must be an absolute directory as deployed, such as ${example}`);
      if (Object.hasOwn(config.includeRoots, from)) throw fail(`'includeRoots' names '${from}' twice`);
      if (typeof to !== 'string' || to === '') throw fail(`'includeRoots.${written}' must be a directory name, relative to the configuration file`);
      const directory = resolve(dirname(path), to);
      const problem = notADirectory(directory);
      if (problem !== undefined) throw fail(`'includeRoots.${written}': '${to}' ${problem}`);
      config.includeRoots[from] = directory;
    }
  }
  if (data.segments !== undefined) config.segments = validateSegments(data.segments, path, fail);
  return config;
}

/** The longest name the kernel gives an interface (`IFNAMSIZ` less its terminating byte). */
const MAX_INTERFACE_NAME = 15;

/**
 * The `segments` key: segment name -> a list of networks (`10.0.1.0/24`, `2001:db8:1::/64`) and
 * `FILE:INTERFACE` entries (the file relative to the configuration file, the interface as its
 * `interface` lines name it). An interface of a file belongs to one segment only.
 */
function validateSegments(data: unknown, path: string, fail: (problem: string) => Error): Record<string, SegmentSettings> {
  const example = '{ "dmz": ["10.0.1.0/24", "lb1/keepalived.conf:eth1"] }';
  if (!isObject(data)) throw fail(`'segments' must be an object of segment name -> networks and FILE:INTERFACE entries, such as ${example}`);
  const segments: Record<string, SegmentSettings> = {};
  const taken = new Map<string, string>();
  for (const [name, entries] of Object.entries(data)) {
    if (name.trim() === '') throw fail(`'segments': a segment needs a name, such as ${example}`);
    if (!Array.isArray(entries) || entries.length === 0 || !entries.every((entry) => typeof entry === 'string' && entry !== '')) {
      throw fail(`'segments.${name}' must be a non-empty list of networks (CIDR) and FILE:INTERFACE entries, such as ["10.0.1.0/24", "lb1/keepalived.conf:eth1"]`);
    }
    const segment: SegmentSettings = { networks: [], interfaces: [] };
    for (const entry of entries as string[]) {
      const cidr = /^(.+)\/(\d{1,3})$/.exec(entry);
      if (cidr) {
        const family = familyOf(cidr[1]!);
        if (family === null || Number(cidr[2]) > (family === 4 ? 32 : 128)) {
          throw fail(`'segments.${name}': '${entry}' is not a network: write an address and its prefix length, such as 10.0.1.0/24 or 2001:db8:1::/64`);
        }
        segment.networks.push(entry);
        continue;
      }
      if (familyOf(entry) !== null) throw fail(`'segments.${name}': '${entry}' is an address, not a network: add its prefix length, such as ${entry}/${entry.includes(':') ? 64 : 24}`);
      const colon = entry.lastIndexOf(':');
      if (colon <= 0 || colon === entry.length - 1) {
        throw fail(`'segments.${name}': '${entry}' is neither a network (CIDR, such as 10.0.1.0/24) nor FILE:INTERFACE (such as lb1/keepalived.conf:eth1)`);
      }
      const file = entry.slice(0, colon);
      const iface = entry.slice(colon + 1);
      if (iface.length > MAX_INTERFACE_NAME || /[\s/]/.test(iface)) {
        throw fail(`'segments.${name}': '${iface}' in '${entry}' is not an interface name (at most ${MAX_INTERFACE_NAME} characters, no '/' or blank)`);
      }
      const absolute = resolve(dirname(path), file);
      if (!isFile(absolute)) throw fail(`'segments.${name}': '${file}' in '${entry}' is not a file (FILE is relative to the configuration file)`);
      const key = `${absolute}\0${iface}`;
      const other = taken.get(key);
      if (other !== undefined && other !== name) throw fail(`'segments': '${entry}' is in segment '${other}' and in segment '${name}'; an interface is on one segment`);
      taken.set(key, name);
      segment.interfaces.push({ file: absolute, interface: iface });
    }
    segments[name] = segment;
  }
  return segments;
}

/**
 * An indentation unit: `"tab"`, or a whole number of spaces from 1 to `MAX_INDENT`; undefined
 * when `value` is neither. The command line's `--indent 2` is passed as the number 2.
 */
export function parseIndent(value: unknown): number | 'tab' | undefined {
  if (value === 'tab') return 'tab';
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= MAX_INDENT ? value : undefined;
}

/**
 * The configuration file of each directory a search for configs listed (`findConfigs`): its
 * absolute path (the preferred name of `CONFIG_NAMES` that is a file there), or null for none.
 * Looking configurations up in those directories then asks the file system nothing more: on an
 * inventory of thousands of directories, the two look-ups per directory were a twentieth of a run.
 */
export type ConfigFilesSeen = Map<string, string | null>;

/**
 * The nearest configuration up from a directory, looked up once per directory. The first directory
 * holding a configuration file decides, whatever `load` makes of it: a broken file is not skipped
 * in favour of one further up.
 */
export class NearestConfig<T> {
  private readonly byDirectory = new Map<string, T | null>();

  /**
   * @param load reads and checks the file at an absolute path: its configuration, or null to use none
   * @param listed what a directory search already saw (see `ConfigFilesSeen`): those directories
   *   are not asked again
   */
  constructor(
    private readonly load: (path: string) => T | null,
    private readonly listed?: ConfigFilesSeen,
  ) {}

  /** The configuration for the directory `directory` (absolute), or null when there is none. */
  forDirectory(directory: string): T | null {
    const cached = this.byDirectory.get(directory);
    if (cached !== undefined) return cached;
    let found: T | null = null;
    const seen = this.listed?.get(directory);
    const candidate = seen !== undefined ? (seen ?? undefined) : CONFIG_NAMES.map((name) => join(directory, name)).find(isFile);
    if (candidate !== undefined) found = this.load(candidate);
    else {
      const parent = dirname(directory);
      if (parent !== directory) found = this.forDirectory(parent);
    }
    this.byDirectory.set(directory, found);
    return found;
  }

  /** Forget every look-up (a configuration file changed). */
  clear(): void {
    this.byDirectory.clear();
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isFile(path: string): boolean {
  try {
    // Most candidates do not exist: asking for `undefined` spares making an error object for each,
    // which on an inventory of thousands of directories was a quarter of a second.
    return statSync(path, { throwIfNoEntry: false })?.isFile() ?? false;
  } catch {
    return false;
  }
}
