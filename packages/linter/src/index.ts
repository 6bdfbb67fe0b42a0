/** `@kalint/linter`: keepalived.conf lint rules, for one file and across HA peers. */
export type * from './types.js';
export { lint, lintParsed, parseInputs, ruleMetas, type LintInput, type LintOptions, type LintResult } from './engine.js';
export { rules, ruleById } from './rules/index.js';
export { lintProject, lintPlan, planProject, collectFindings, includedInputs, partition, peerFacts, partAround, reportedFiles, otherSides, type ProjectInput, type ProjectSettings, type LintProjectOptions, type ProjectLint, type ProjectPlan, type ProjectFindings, type PeerFacts } from './lint-project.js';
export { unusedSuppression } from './rules/unused-suppression.js';
export { Project, includedFiles, type ProjectFile, type ProjectScope } from './project.js';
export { peerKeys, MAX_FILES_PER_PEER_KEY, UnionFind, parseVersion, compareVersions, type PeerGroup } from '@kalint/model';
export { parseSysctl, type HostFacts, type SysctlFacts } from './sysctl.js';
export { applyEdits, fixEdits, ownedRange, renameKeepsBlocks } from './fix.js';
export {
  contextsOf,
  differenceFromKeepalived,
  firstDifference,
  placeAsKalint,
  placeAsKeepalived,
  type LogicalLine,
  type PlacedLine,
  type ReaderVersion,
  type ReadingDifference,
  type ReadingOptions,
} from './keepalived-tree.js';
