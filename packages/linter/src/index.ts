/** `@kalint/linter`: keepalived.conf lint rules, for one file and across HA peers. */
export type * from './types.js';
export { lint, type LintInput, type LintOptions, type LintResult } from './engine.js';
export { rules } from './rules/index.js';
export { Project, type ProjectFile, type PeerGroup } from './project.js';
export type * from './model.js';
export { argsText } from './model.js';
export { parseSysctl, type HostFacts, type SysctlFacts } from './sysctl.js';
export { applyEdits, fixEdits } from './fix.js';
export { parseVersion, compareVersions } from './rules/keyword-version.js';
