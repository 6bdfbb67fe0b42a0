/**
 * All files of one run and the HA peer groups among them.
 *
 * VRRP instances in different files are peers when they share a name, a VRID on the same
 * interface, or a virtual IP; virtual servers are peers when they serve the same address, port
 * and protocol (or fwmark, or group). Matching goes through indexes, never pair by pair, so a fleet
 * of thousands of files groups in linear time.
 */
import type { ConfigFile, SyntaxDiagnostic } from '@kalint/parser';
import type { HostFacts } from './sysctl.js';
import { UnionFind } from './union-find.js';
import { buildModel, type ConfigModel, type VirtualServer, type VrrpInstance } from './model.js';

export interface ProjectFile {
  /** The file as named on the command line (or by the editor). */
  path: string;
  text: string;
  ast: ConfigFile;
  syntax: SyntaxDiagnostic[];
  model: ConfigModel;
}

/** Two or more nodes from different files that configure the same thing. */
export interface PeerGroup<T> {
  members: T[];
}

/** What a project learns from the rest of a run it is only part of (a parallel lint). */
export interface ProjectScope {
  /**
   * Every file the whole run names (inputs and the files they include), so messages name files as
   * a lint of the whole run would (`fileName`). Default: this project's files and their includes.
   */
  namingPaths?: readonly string[];
  /**
   * Peer keys (as `peerKeys` gives them) that more than `MAX_FILES_PER_PEER_KEY` files of the whole
   * run share: a part of the run may hold only a few of those files, and must not join them.
   */
  commonPeerKeys?: ReadonlySet<string>;
}

export class Project {
  readonly instanceGroups: Array<PeerGroup<VrrpInstance>>;
  readonly virtualServerGroups: Array<PeerGroup<VirtualServer>>;
  /** The files messages tell apart: see `ProjectScope.namingPaths`. */
  readonly namingPaths: readonly string[];

  constructor(
    readonly files: ProjectFile[],
    /** What is known of the real servers' hosts (sysctl settings), by address. */
    readonly hosts: HostFacts,
    scope: ProjectScope = {},
  ) {
    const common = scope.commonPeerKeys ?? new Set<string>();
    this.instanceGroups = groupBy(files.flatMap((f) => f.model.instances), instanceKeys, common);
    this.virtualServerGroups = groupBy(files.flatMap((f) => f.model.virtualServers), virtualServerKeys, common);
    this.namingPaths = scope.namingPaths ?? [...new Set(files.flatMap((f) => [f.path, ...includedFiles(f)]))];
  }
}

/** The files a project file includes, directly or not, in the order they were read. */
export function includedFiles(file: ProjectFile): string[] {
  return [...new Set(file.ast.includes.flatMap((include) => include.files))];
}

/** Parse-independent part of building a project file. */
export function projectFile(path: string, text: string, ast: ConfigFile, syntax: SyntaxDiagnostic[]): ProjectFile {
  return { path, text, ast, syntax, model: buildModel(ast) };
}

// Peer keys are namespaced by what they join (instances or virtual servers), so one set of keys
// can describe both (`peerKeys`, `ProjectScope.commonPeerKeys`).

function instanceKeys(instance: VrrpInstance): string[] {
  const keys = [`vrrp name ${instance.name}`];
  if (instance.vrid) keys.push(`vrrp vrid ${instance.vrid.value} on ${instance.interface?.value ?? ''}`);
  for (const vip of instance.vips) keys.push(`vrrp vip ${vip.value.split('/')[0]}`);
  return keys;
}

function virtualServerKeys(server: VirtualServer): string[] {
  return [`vs ${server.key}`];
}

/**
 * The peer keys of a file's instances and virtual servers, each with the file of the node that
 * has it (an included file, for nodes read through an include), without repeats. Two files are
 * peers only through a key they share; a parallel lint counts keys over the whole run with this to
 * know which files must be linted together.
 */
export function peerKeys(file: ProjectFile): Array<{ key: string; file: string }> {
  const seen = new Set<string>();
  const result: Array<{ key: string; file: string }> = [];
  const add = (node: { file: string }, keys: string[]) => {
    for (const key of keys) {
      const id = `${node.file}\0${key}`;
      if (seen.has(id)) continue;
      seen.add(id);
      result.push({ key, file: node.file });
    }
  };
  for (const instance of file.model.instances) add(instance, instanceKeys(instance));
  for (const server of file.model.virtualServers) add(server, virtualServerKeys(server));
  return result;
}

/**
 * A key shared by more files than this says nothing about which nodes form a cluster: in an
 * inventory of many HA pairs every pair may name its instance `VI_1` or use VRID 51 on `eth0`.
 * Such keys are not used to join peers (HA clusters have two or three nodes; includes and
 * templates account for the margin).
 */
export const MAX_FILES_PER_PEER_KEY = 8;

/**
 * Union of items that share any key, keeping only groups that span two or more files. Items of
 * one file never become peers of each other (that is a duplicate, for the single-file rules).
 * Keys in `common` are too common in the whole run, whatever this project sees of them.
 */
function groupBy<T extends { file: string }>(items: T[], keysOf: (item: T) => string[], common: ReadonlySet<string>): Array<PeerGroup<T>> {
  const sets = new UnionFind(items.length);
  const keys = items.map(keysOf);
  // Per key: the first item of each file that has it, in order, and those files.
  const withKey = new Map<string, { items: number[]; files: Set<string> }>();
  keys.forEach((itemKeys, i) => {
    const file = items[i]!.file;
    for (const key of itemKeys) {
      const seen = withKey.get(key);
      if (seen === undefined) withKey.set(key, { items: [i], files: new Set([file]) });
      else if (!seen.files.has(file)) {
        seen.items.push(i);
        seen.files.add(file);
      }
    }
  });
  // Join the items of each file that share a key, unless the key is too common to mean a cluster.
  for (const [key, { items: sharing, files }] of withKey) {
    if (files.size < 2 || files.size > MAX_FILES_PER_PEER_KEY || common.has(key)) continue;
    for (let k = 1; k < sharing.length; k++) sets.union(sharing[0]!, sharing[k]!);
  }
  return sets
    .sets()
    .map((set) => set.map((i) => items[i]!))
    .filter((members) => new Set(members.map((m) => m.file)).size >= 2)
    .map((members) => ({ members }));
}
