/**
 * Host facts for real servers: kernel settings read from `sysctl.conf`-style files or
 * `sysctl -a` output (`key = value` lines). The linter only receives the text; reading files is
 * the caller's business.
 */

/** The sysctl settings of one host and where they were read. */
export interface SysctlFacts {
  source: string;
  values: Map<string, string>;
}

/** Real-server address -> its host's settings. */
export type HostFacts = Map<string, SysctlFacts>;

/** Parse `key = value` lines (`#` and `;` comments, `/` or `.` separators, `-` prefixes). */
export function parseSysctl(text: string, source: string): SysctlFacts {
  const values = new Map<string, string>();
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/[#;].*$/, '').trim();
    const match = /^-?\s*([^=\s]+)\s*=\s*(.*)$/.exec(line);
    if (!match) continue;
    values.set(match[1]!.replace(/\//g, '.'), match[2]!.trim());
  }
  return { source, values };
}
