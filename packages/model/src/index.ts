/**
 * `@kalint/model`: what keepalived will run from a configuration. Between the parser and the
 * linter: effective values with their origins and keepalived's defaults, one name index, and the
 * VRRP clusters instances form across nodes.
 */
export * from './address.js';
export * from './origin.js';
export * from './tree.js';
export * from './version.js';
export * from './numbers.js';
export { indexFile, type FileIndex, type IndexedStatement, type Scope } from './file-index.js';
export * from './names.js';
export * from './vrrp.js';
export * from './lvs.js';
export * from './checkers.js';
export { NodeModel, type NodeOptions, type SyncGroup } from './node.js';
export { UnionFind } from './union-find.js';
export * from './project.js';
export * from './election.js';
export * from './accept.js';
export * from './script-line.js';
export * from './routes.js';
export * from './strict.js';
export * from './election-findings.js';
