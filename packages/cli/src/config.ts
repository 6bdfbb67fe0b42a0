/**
 * kalint's configuration files for the command line: `.kalintrc.json` or `kalint.config.json`,
 * found by walking up from a linted file's directory (the nearest wins; in one directory
 * `.kalintrc.json` is taken over `kalint.config.json`), or named with `--config`. The keys and
 * their checks are shared with the language server (@kalint/node); a problem here stops the run.
 *
 * ```json
 * { "rules": { "weight-drift": "error" }, "configId": "ha1", "hosts": { "10.1.8.11": "web1.sysctl.conf" },
 *   "format": { "indent": 2 } }
 * ```
 * Paths in `hosts` are relative to the configuration file. `format` is read by `kalint fmt`. Configurations are data: nothing in
 * them is ever executed.
 */
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { NearestConfig, validateConfig, type ConfigFilesSeen, type KalintConfig } from '@kalint/node';
import { UsageError } from './io.js';

/**
 * Finds and caches the configuration that applies to each file.
 */
export class ConfigResolver {
  private readonly nearest: NearestConfig<KalintConfig>;
  private readonly loaded = new Map<string, KalintConfig>();
  private readonly override: KalintConfig | undefined;

  /**
   * @param knownRules rule ids a configuration may name; null: any (`kalint fmt` does not load
   *   the linter, whose rules decide the ids, and uses no rule settings)
   * @param cwd the directory relative names (in messages, `--config`) are taken from
   * @param overridePath `--config`: this file applies to every linted file, no search is made
   * @param configFiles what the directory searches of the run saw (`discover`): not asked again
   */
  constructor(
    private readonly knownRules: ReadonlySet<string> | null,
    private readonly cwd: string,
    overridePath?: string,
    configFiles?: ConfigFilesSeen,
  ) {
    this.nearest = new NearestConfig<KalintConfig>((path) => this.load(path), configFiles);
    if (overridePath !== undefined) this.override = this.load(resolve(cwd, overridePath));
  }

  /** The configuration for the file at absolute `path`, or null when there is none. */
  forFile(path: string): KalintConfig | null {
    return this.override ?? this.nearest.forDirectory(dirname(path));
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
    const config = validateConfig(data, path, this.knownRules, (problem) => new UsageError(`invalid configuration '${shown}': ${problem}`));
    this.loaded.set(path, config);
    return config;
  }
}

/** `path` as the user would name it: relative to `cwd` when below it. */
export function display(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  if (rel === '') return '.';
  return rel !== '' && rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel) ? rel : path;
}
