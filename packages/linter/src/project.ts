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

export class Project {
  readonly instanceGroups: Array<PeerGroup<VrrpInstance>>;
  readonly virtualServerGroups: Array<PeerGroup<VirtualServer>>;

  constructor(
    readonly files: ProjectFile[],
    /** What is known of the real servers' hosts (sysctl settings), by address. */
    readonly hosts: HostFacts,
  ) {
    this.instanceGroups = groupInstances(files);
    this.virtualServerGroups = groupBy(
      files.flatMap((f) => f.model.virtualServers),
      (vs) => [vs.key],
    );
  }
}

/** Parse-independent part of building a project file. */
export function projectFile(path: string, text: string, ast: ConfigFile, syntax: SyntaxDiagnostic[]): ProjectFile {
  return { path, text, ast, syntax, model: buildModel(ast) };
}

function groupInstances(files: ProjectFile[]): Array<PeerGroup<VrrpInstance>> {
  return groupBy(
    files.flatMap((f) => f.model.instances),
    (instance) => {
      const keys = [`name ${instance.name}`];
      if (instance.vrid) keys.push(`vrid ${instance.vrid.value} on ${instance.interface?.value ?? ''}`);
      for (const vip of instance.vips) keys.push(`vip ${vip.value.split('/')[0]}`);
      return keys;
    },
  );
}

/**
 * Union of items that share any key, keeping only groups that span two or more files. Items of
 * one file never become peers of each other (that is a duplicate, for the single-file rules).
 */
/**
 * A key shared by more files than this says nothing about which nodes form a cluster: in an
 * inventory of many HA pairs every pair may name its instance `VI_1` or use VRID 51 on `eth0`.
 * Such keys are not used to join peers (HA clusters have two or three nodes; includes and
 * templates account for the margin).
 */
export const MAX_FILES_PER_PEER_KEY = 8;

function groupBy<T extends { file: string }>(items: T[], keysOf: (item: T) => string[]): Array<PeerGroup<T>> {
  const parent = items.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  };
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
  for (const { items: sharing, files } of withKey.values()) {
    if (files.size < 2 || files.size > MAX_FILES_PER_PEER_KEY) continue;
    const first = find(sharing[0]!);
    for (let k = 1; k < sharing.length; k++) parent[find(sharing[k]!)] = first;
  }
  const groups = new Map<number, T[]>();
  items.forEach((item, i) => {
    const root = find(i);
    const members = groups.get(root);
    if (members) members.push(item);
    else groups.set(root, [item]);
  });
  return [...groups.values()].filter((members) => new Set(members.map((m) => m.file)).size >= 2).map((members) => ({ members }));
}
