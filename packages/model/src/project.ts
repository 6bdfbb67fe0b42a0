/**
 * The nodes of one run and what they form together: the VRRP clusters (instances that are one
 * virtual router on several nodes, found as VRRP finds them: clusters.ts), and the virtual servers
 * that are one service on several directors.
 *
 * Matching goes through indexes, never pair by pair, so a fleet of thousands of files groups in
 * linear time.
 */
import type { ConfigFile } from '@kalint/parser';
import { clusterKeys, MAX_FILES_PER_PEER_KEY, VrrpClusters, type Cluster, type Collision, type Segments } from './clusters.js';
import { stuckFailures, type StuckFailure } from './election-findings.js';
import { realServerDestination, type RealServer, type VirtualServer } from './lvs.js';
import { NodeModel, type NodeOptions } from './node.js';
import { UnionFind } from './union-find.js';
import type { VrrpInstance } from './vrrp.js';

export { MAX_FILES_PER_PEER_KEY, reception, sharesVip, VIP_MISMATCH_ACCEPTED_SINCE, type Cluster, type Reception, type ClusterOptions, type Collision, type Hearing, type SegmentDefinition, type Segments } from './clusters.js';

/** Two or more nodes from different files that configure the same thing. */
export interface PeerGroup<T> {
  members: T[];
}

/** What a project learns from the rest of a run it is only part of (a parallel lint). */
export interface ProjectScope {
  /**
   * Peer keys (as `peerKeys` gives them) that more than `MAX_FILES_PER_PEER_KEY` files of the whole
   * run share: a part of the run may hold only a few of those files, and must not join them.
   */
  commonPeerKeys?: ReadonlySet<string>;
}

export interface ProjectOptions extends NodeOptions {
  scope?: ProjectScope;
  /** Segments a kalint configuration names, for what the configurations cannot tell (clusters.ts). */
  segments?: Segments;
}

/** An instance and, in each other file of its cluster, the instance it pairs with. */
export interface InstancePeers {
  instance: VrrpInstance;
  peers: readonly VrrpInstance[];
}

/** A virtual server and the same service on each comparable peer. */
export interface ServerPeers {
  server: VirtualServer;
  peers: VirtualServer[];
}

export class ProjectModel {
  readonly nodes: NodeModel[];
  private readonly common: ReadonlySet<string>;
  private readonly segments: Segments | undefined;
  private cached: {
    vrrp?: VrrpClusters;
    instanceGroups?: Array<PeerGroup<VrrpInstance>>;
    virtualServerGroups?: Array<PeerGroup<VirtualServer>>;
    instancePeers?: InstancePeers[];
    peerFiles?: ReadonlyMap<string, ReadonlyMap<string, readonly VrrpInstance[]>>;
    serverPeers?: ServerPeers[];
    nodeByFile?: Map<string, NodeModel>;
    stuck?: Map<Cluster, StuckFailure[]>;
  } = {};

  constructor(files: ReadonlyArray<{ path: string; ast: ConfigFile; node?: NodeModel }>, options: ProjectOptions = {}) {
    this.nodes = files.map((f) => f.node ?? new NodeModel(f.path, f.ast, options));
    this.common = options.scope?.commonPeerKeys ?? new Set<string>();
    this.segments = options.segments;
  }

  /** The node a file was read as (the first, when a file is given twice). */
  node(file: string): NodeModel | undefined {
    if (!this.cached.nodeByFile) {
      this.cached.nodeByFile = new Map();
      for (const node of this.nodes) if (!this.cached.nodeByFile.has(node.file)) this.cached.nodeByFile.set(node.file, node);
    }
    return this.cached.nodeByFile.get(file);
  }

  private get vrrp(): VrrpClusters {
    return (this.cached.vrrp ??= new VrrpClusters(
      // A repeated instance name is skipped by keepalived: nothing of that block runs.
      this.nodes.flatMap((n) => n.instances.filter((i) => i.duplicateOf === undefined)),
      { common: this.common, ...(this.segments ? { segments: this.segments } : {}) },
    ));
  }

  /** The VRRP clusters of the run: instances on two or more nodes that are one virtual router. */
  get clusters(): readonly Cluster[] {
    return this.vrrp.clusters;
  }

  /** The cluster an instance belongs to, if any. */
  clusterOf(instance: VrrpInstance): Cluster | undefined {
    return this.vrrp.clusterOf(instance);
  }

  /** Instances that hear the adverts of another cluster on their VRID. */
  get collisions(): readonly Collision[] {
    return this.vrrp.collisions;
  }

  /**
   * The tracked failures that leave a cluster's VIPs on the failed master (election-findings.ts
   * `stuckFailures`), worked out once per cluster for every rule that asks.
   */
  stuckFailures(cluster: Cluster): StuckFailure[] {
    const cache = (this.cached.stuck ??= new Map());
    let found = cache.get(cluster);
    if (!found) cache.set(cluster, (found = stuckFailures(cluster)));
    return found;
  }

  /** The members of each cluster (what the language server shows as an instance's peers). */
  get instanceGroups(): Array<PeerGroup<VrrpInstance>> {
    return (this.cached.instanceGroups ??= this.clusters.map((cluster) => ({ members: cluster.members })));
  }

  get virtualServerGroups(): Array<PeerGroup<VirtualServer>> {
    return (this.cached.virtualServerGroups ??= groupBy(
      this.nodes.flatMap((n) => n.virtualServers),
      virtualServerKeys,
      this.common,
    ));
  }

  /** Each clustered instance and its counterpart on each other node of its cluster. */
  get instancePeers(): InstancePeers[] {
    return (this.cached.instancePeers ??= this.clusters.flatMap((cluster) =>
      cluster.members.flatMap((instance) => {
        const peers = cluster.peers.get(instance) ?? [];
        return peers.length > 0 ? [{ instance, peers }] : [];
      }),
    ));
  }

  /** Files that share a VRRP instance group, by file. */
  get vrrpPeerFiles(): ReadonlyMap<string, ReadonlyMap<string, readonly VrrpInstance[]>> {
    if (this.cached.peerFiles) return this.cached.peerFiles;
    const result = new Map<string, Map<string, VrrpInstance[]>>();
    for (const { instance, peers } of this.instancePeers) {
      let byFile = result.get(instance.file);
      if (!byFile) result.set(instance.file, (byFile = new Map()));
      for (const peer of peers) {
        const shared = byFile.get(peer.file) ?? [];
        shared.push(instance);
        byFile.set(peer.file, shared);
      }
    }
    return (this.cached.peerFiles = result);
  }

  /**
   * Whether two files' virtual servers should be compared: they share a VRRP instance group, or one
   * of them has no VRRP at all (an LVS-only director, compared through the services it shares).
   */
  serversComparable(a: string, b: string): boolean {
    if (a === b) return false;
    if (this.vrrpPeerFiles.get(a)?.has(b)) return true;
    const hasVrrp = (path: string) => (this.node(path)?.instances.length ?? 0) > 0;
    return !hasVrrp(a) || !hasVrrp(b);
  }

  /** Each virtual server and the same service on each comparable peer. */
  get serverPeers(): ServerPeers[] {
    if (this.cached.serverPeers) return this.cached.serverPeers;
    const result: ServerPeers[] = [];
    for (const group of this.virtualServerGroups) {
      for (const server of group.members) {
        // One counterpart per file: the first with the same key.
        const seen = new Set<string>();
        const peers: VirtualServer[] = [];
        for (const other of group.members) {
          if (other.file === server.file || seen.has(other.file)) continue;
          if (!this.serversComparable(server.file, other.file)) continue;
          seen.add(other.file);
          peers.push(other);
        }
        if (peers.length > 0) result.push({ server, peers });
      }
    }
    return (this.cached.serverPeers = result);
  }
}

/** Pairs the real servers of two peers' virtual servers. */
export function realServerPairs(a: VirtualServer, b: VirtualServer): Array<[RealServer, RealServer]> {
  const byKey = new Map<string, RealServer>();
  for (const real of b.realServers) if (!byKey.has(realServerDestination(b, real))) byKey.set(realServerDestination(b, real), real);
  const pairs: Array<[RealServer, RealServer]> = [];
  for (const real of a.realServers) {
    const other = byKey.get(realServerDestination(a, real));
    if (other) pairs.push([real, other]);
  }
  return pairs;
}

// Peer keys are namespaced by what they join (instances or virtual servers), so one set of keys
// can describe both (`peerKeys`, `ProjectScope.commonPeerKeys`).

function virtualServerKeys(server: VirtualServer): string[] {
  return [`vs ${server.key}`];
}

/**
 * The peer keys of a node's instances and virtual servers, each with the file of the block that
 * has it (an included file, for blocks read through an include), without repeats. Two files are
 * peers (or their instances collide) only through a key they share; a parallel lint counts keys
 * over the whole run with this to know which files must be linted together. Pass the run's
 * `segments` when it has some: they join instances too. A key that is no `anchor` (an address
 * inside a network, a `unicast_src_ip` sent to) joins files only where another holder has it as
 * an anchor.
 */
export function peerKeys(node: NodeModel, segments?: Segments): Array<{ key: string; file: string; anchor: boolean }> {
  const index = new Map<string, { key: string; file: string; anchor: boolean }>();
  const result: Array<{ key: string; file: string; anchor: boolean }> = [];
  const add = (block: { file: string }, keys: Array<{ key: string; anchor: boolean }>) => {
    for (const { key, anchor } of keys) {
      const id = `${block.file}\0${key}`;
      const seen = index.get(id);
      // A key joins through a file when any of its holders there has it as an anchor.
      if (seen) seen.anchor ||= anchor;
      else {
        const entry = { key, file: block.file, anchor };
        index.set(id, entry);
        result.push(entry);
      }
    }
  };
  for (const instance of node.instances) add(instance, clusterKeys(instance, segments));
  for (const server of node.virtualServers) add(server, virtualServerKeys(server).map((key) => ({ key, anchor: true })));
  return result;
}

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

