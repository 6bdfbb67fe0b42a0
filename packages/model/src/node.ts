/**
 * One node: the configuration one keepalived process reads (a file and what it includes), as the
 * release it is for runs it. Built from the parsed tree; every part is worked out on first use and
 * kept by the node itself.
 */
import type { ConfigFile, Statement, Word } from '@kalint/parser';
import { familyOf } from './address.js';
import { indexFile, type FileIndex } from './file-index.js';
import { buildVirtualServer, type VirtualServer } from './lvs.js';
import { NameIndex } from './names.js';
import { byDefault, fromGlobal, type Setting } from './origin.js';
import { childValues, knownChildren } from './tree.js';
import { flagValue, NEWEST_RELEASE } from './version.js';
import { buildInstance, MULTICAST_GROUP, type VrrpInstance } from './vrrp.js';

export interface NodeOptions {
  /** The keepalived release the configuration is for, `X.Y.Z` (default: the newest the schema describes). */
  release?: string;
}

export interface SyncGroup {
  name: string;
  statement: Statement;
  /** The member words of its `group { }` block. */
  members: Word[];
  /** `sync_group_tracking_weight`: members' track weights move priority instead of faulting the group. */
  trackingWeight: boolean;
}

export class NodeModel {
  readonly release: string;
  private cached: {
    index?: FileIndex;
    names?: NameIndex;
    instances?: VrrpInstance[];
    virtualServers?: VirtualServer[];
    syncGroups?: SyncGroup[];
    syncGroupByMember?: Map<string, SyncGroup>;
    vrrpStrict?: Setting<boolean>;
    vrrpVersion?: Setting<2 | 3>;
  } = {};

  constructor(
    /** The file as the run names it. */
    readonly file: string,
    readonly ast: ConfigFile,
    options: NodeOptions = {},
  ) {
    this.release = options.release ?? NEWEST_RELEASE;
  }

  get index(): FileIndex {
    return (this.cached.index ??= indexFile(this.ast));
  }

  /** Definitions and references of names. */
  get names(): NameIndex {
    return (this.cached.names ??= new NameIndex(this.index));
  }

  /**
   * Whether every `include` was read. With one that matched nothing (or was not followed), the
   * configuration may hold text kalint has not seen.
   */
  get complete(): boolean {
    return !this.ast.includes.some((include) => include.files.length === 0);
  }

  /** Top-level statements at a schema path, in read order. */
  topLevel(path: string): readonly Statement[] {
    return this.index.topLevel.get(path) ?? [];
  }

  /** The `global_defs` line keepalived keeps for a keyword (the last). */
  global(keyword: string): Statement | undefined {
    return this.index.globalSetting(keyword);
  }

  get instances(): VrrpInstance[] {
    if (!this.cached.instances) {
      this.cached.instances = [];
      for (const statement of this.topLevel('vrrp_instance')) this.cached.instances.push(buildInstance(statement, this));
    }
    return this.cached.instances;
  }

  get virtualServers(): VirtualServer[] {
    return (this.cached.virtualServers ??= this.topLevel('virtual_server').map(buildVirtualServer));
  }

  get syncGroups(): SyncGroup[] {
    return (this.cached.syncGroups ??= this.topLevel('vrrp_sync_group').map((statement) => {
      const members: Word[] = [];
      let trackingWeight = false;
      for (const child of knownChildren(statement)) {
        if (child.path === 'vrrp_sync_group/group') for (const value of childValues(child)) for (const word of value.words) members.push(word);
        else if (child.path === 'vrrp_sync_group/sync_group_tracking_weight') trackingWeight = true;
      }
      return { name: statement.args[0]?.text ?? '', statement, members, trackingWeight };
    }));
  }

  /** The sync group keepalived puts an instance in: the first that lists it. */
  syncGroupOf(instance: string): SyncGroup | undefined {
    if (!this.cached.syncGroupByMember) {
      const map = new Map<string, SyncGroup>();
      for (const group of this.syncGroups) for (const member of group.members) if (!map.has(member.text)) map.set(member.text, group);
      this.cached.syncGroupByMember = map;
    }
    return this.cached.syncGroupByMember.get(instance);
  }

  /**
   * Global strict mode: `vrrp_strict` (global_parser.c `vrrp_strict_handler`). 2.2.7 ignores the
   * word after it (`vrrp_strict off` is on); 2.3.0 reads it, and leaves the setting as it was for a
   * word it does not know.
   */
  get vrrpStrict(): Setting<boolean> {
    if (!this.cached.vrrpStrict) {
      let setting: Setting<boolean> = byDefault(false, 'no vrrp_strict in global_defs');
      for (const defs of this.topLevel('global_defs')) {
        for (const line of knownChildren(defs)) {
          if (line.path !== 'global_defs/vrrp_strict') continue;
          const value = flagValue(line, this.release);
          if (value !== undefined) setting = fromGlobal(value, line, line.args[0] ?? line.keyword);
        }
      }
      this.cached.vrrpStrict = setting;
    }
    return this.cached.vrrpStrict;
  }

  /** The VRRP version of IPv4 instances that set none: `vrrp_version` (global_parser.c), else 2. */
  get vrrpVersion(): Setting<2 | 3> {
    if (!this.cached.vrrpVersion) {
      let setting: Setting<2 | 3> = byDefault(2, 'no version line and no vrrp_version in global_defs: keepalived runs VRRP version 2');
      for (const defs of this.topLevel('global_defs')) {
        for (const line of knownChildren(defs)) {
          const word = line.args[0]?.text;
          if (line.path === 'global_defs/vrrp_version' && (word === '2' || word === '3')) setting = fromGlobal(Number(word) as 2 | 3, line);
        }
      }
      this.cached.vrrpVersion = setting;
    }
    return this.cached.vrrpVersion;
  }

  /** The multicast group of instances that set no `mcast_dst_ip`: `vrrp_mcast_group4`/`6`, else the VRRP group. */
  multicastGroup(family: 4 | 6): Setting<string> {
    const line = this.global(family === 4 ? 'vrrp_mcast_group4' : 'vrrp_mcast_group6');
    const word = line?.args[0]?.text;
    if (line && word !== undefined && familyOf(word) === family) return fromGlobal(word.toLowerCase(), line);
    return byDefault(MULTICAST_GROUP[family], `the VRRP multicast group ${MULTICAST_GROUP[family]}`);
  }
}
