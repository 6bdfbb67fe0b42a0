/**
 * Real servers' kernel settings for the ARP checks: `--host ADDR=FILE` and a configuration's
 * `hosts`, each FILE in `sysctl.conf` syntax or `sysctl -a` output.
 */
import type { HostFacts, SysctlFacts } from '@kalint/linter';
import { display } from './config.js';
import { UsageError } from './io.js';
import { readConfig } from '@kalint/node';

/** Reads and parses sysctl files, each once per run. */
export class HostFactsLoader {
  private readonly cache = new Map<string, SysctlFacts>();

  constructor(
    private readonly cwd: string,
    private readonly parseSysctl: (text: string, source: string) => SysctlFacts,
  ) {}

  /**
   * Facts by address from `address -> absolute file` entries; later maps win over earlier ones.
   * @throws UsageError naming the file when one cannot be read
   */
  load(...maps: ReadonlyArray<Readonly<Record<string, string>>>): HostFacts {
    const facts: HostFacts = new Map();
    for (const map of maps) for (const [address, file] of Object.entries(map)) facts.set(address, this.read(file));
    return facts;
  }

  private read(path: string): SysctlFacts {
    const cached = this.cache.get(path);
    if (cached) return cached;
    const shown = display(path, this.cwd);
    const read = readConfig(path);
    if ('error' in read) throw new UsageError(`host facts: ${read.error.replace(`'${path}'`, `'${shown}'`)}`);
    const facts = this.parseSysctl(read.text, shown);
    this.cache.set(path, facts);
    return facts;
  }
}

/**
 * Split `--host ADDR=FILE` values into `address -> absolute file`.
 * @throws UsageError for a value without `=` or with an empty side
 */
export function parseHostOptions(values: readonly string[], cwd: string, resolvePath: (cwd: string, file: string) => string): Record<string, string> {
  const hosts: Record<string, string> = {};
  for (const value of values) {
    const at = value.indexOf('=');
    const address = value.slice(0, at).trim();
    const file = value.slice(at + 1);
    if (at < 0 || address === '' || file === '') throw new UsageError(`--host expects ADDR=FILE, not '${value}'`);
    hosts[address] = resolvePath(cwd, file);
  }
  return hosts;
}
