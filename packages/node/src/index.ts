/** `@kalint/node`: file access on Node.js shared by kalint's command line and language server. */
export { decode, DEFAULT_MAX_FILE_BYTES, nodeIncludeHost, readConfig, unreadable, type ConfigText } from './files.js';
export { findConfigs, IGNORED, looksLikeKeepalived } from './find-configs.js';
export { deployedDirectory, mapAlternative, parseIncludeRoot, type IncludeRoots } from './include-roots.js';
export {
  CONFIG_NAMES,
  MAX_INDENT,
  NearestConfig,
  parseIndent,
  RULE_SETTINGS,
  validateConfig,
  VERSION_PATTERN,
  type ConfigFilesSeen,
  type FormatSettings,
  type KalintConfig,
} from './config.js';
