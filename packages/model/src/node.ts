/**
 * One node: the configuration one keepalived process reads (a file and what it includes), as the
 * release it is for runs it. Built from the parsed tree; every part is worked out on first use and
 * kept by the node itself.
 */
import type { ConfigFile, Statement, Word } from '@kalint/parser';
import { canonicalAddress } from './address.js';
import { indexFile, type FileIndex } from './file-index.js';
import { buildVirtualServer, type VirtualServer } from './lvs.js';
import { NameIndex, type NameReference } from './names.js';
import { byDefault, fromGlobal, written, type Setting } from './origin.js';
import { childValues, knownChildren } from './tree.js';
import { flagValue, NEWEST_RELEASE } from './version.js';
import { readInt } from './numbers.js';
import { buildInstance, isMulticastGroup, knownIn, MULTICAST_GROUP, type VrrpInstance } from './vrrp.js';

export interface NodeOptions {
  /** The keepalived release the configuration is for, `X.Y.Z` (default: the newest the schema describes). */
  release?: string;
}

export interface SyncGroup {
  name: string;
  statement: Statement;
  /** The member words of its first `group { }` block (vrrp_parser.c `vrrp_group_handler` ignores a second one). */
  members: Word[];
  /**
   * `sync_group_tracking_weight` (or the deprecated `global_tracking`): members' tracked objects
   * keep their weights; without it keepalived drops or zeroes them (vrrp.c `vrrp_complete_instance`).
   */
  trackingWeight: Setting<boolean>;
  /**
   * An earlier `vrrp_sync_group` of the same name: keepalived reports "already defined" and skips
   * this block (vrrp_parser.c `vrrp_sync_group_handler`), so it has no members.
   */
  duplicateOf: SyncGroup | undefined;
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
    multicastGroups?: { 4?: Setting<string>; 6?: Setting<string> };
    referenceByWord?: Map<Word, NameReference>;
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

  /**
   * Every `vrrp_instance` block, in read order. A block whose name an earlier one has is kept with
   * `duplicateOf` set: keepalived skips it (vrrp_parser.c `vrrp_handler`).
   */
  get instances(): VrrpInstance[] {
    if (!this.cached.instances) {
      this.cached.instances = [];
      const byName = new Map<string, VrrpInstance>();
      for (const statement of this.topLevel('vrrp_instance')) {
        const name = statement.args[0]?.text ?? '';
        const instance = buildInstance(statement, this, byName.get(name));
        // A block without a name is refused on its own ("must have a name"), not as a repeat.
        if (name !== '' && !byName.has(name)) byName.set(name, instance);
        this.cached.instances.push(instance);
      }
    }
    return this.cached.instances;
  }

  /**
   * The definition keepalived finds for a name a word refers to: the first of that kind and name,
   * and, when keepalived looks the name up while it reads (`definedBefore`), one read before the word.
   */
  definitionFor(kind: string, word: Word, definedBefore: boolean): Statement | undefined {
    const definition = this.names.definition(kind, word.text);
    if (!definition || !definedBefore) return definition?.statement;
    if (!this.cached.referenceByWord) {
      this.cached.referenceByWord = new Map();
      for (const reference of this.names.references) this.cached.referenceByWord.set(reference.word, reference);
    }
    const reference = this.cached.referenceByWord.get(word);
    return reference === undefined || definition.order < reference.order ? definition.statement : undefined;
  }

  get virtualServers(): VirtualServer[] {
    return (this.cached.virtualServers ??= this.topLevel('virtual_server').map(buildVirtualServer));
  }

  /** Every `vrrp_sync_group` block, in read order (a repeated name with `duplicateOf` set). */
  get syncGroups(): SyncGroup[] {
    if (!this.cached.syncGroups) {
      const byName = new Map<string, SyncGroup>();
      this.cached.syncGroups = this.topLevel('vrrp_sync_group').map((statement) => {
        const name = statement.args[0]?.text ?? '';
        const members: Word[] = [];
        let groupBlock: Statement | undefined;
        let trackingWeight: Setting<boolean> = byDefault(false, 'no sync_group_tracking_weight: the members\' tracked objects must not carry weights');
        for (const child of knownChildren(statement)) {
          if (!knownIn(child.spec, this.release)) continue;
          if (child.path === 'vrrp_sync_group/group' && !groupBlock) {
            groupBlock = child;
            for (const value of childValues(child)) for (const word of value.words) members.push(word);
          } else if (child.path === 'vrrp_sync_group/sync_group_tracking_weight' || child.path === 'vrrp_sync_group/global_tracking') {
            trackingWeight = written(true, child, child.keyword);
          }
        }
        const group: SyncGroup = { name, statement, members, trackingWeight, duplicateOf: byName.get(name) };
        if (!byName.has(name)) byName.set(name, group);
        return group;
      });
    }
    return this.cached.syncGroups;
  }

  /**
   * The sync group keepalived puts an instance in: the first group that lists it (vrrp_sync.c
   * `vrrp_sync_set_group`: "cannot exist in more than one sync group"), skipped groups aside.
   */
  syncGroupOf(instance: string): SyncGroup | undefined {
    if (!this.cached.syncGroupByMember) {
      const map = new Map<string, SyncGroup>();
      for (const group of this.syncGroups) {
        if (group.duplicateOf) continue;
        for (const member of group.members) if (!map.has(member.text)) map.set(member.text, group);
      }
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

  /**
   * The VRRP version of IPv4 instances that set none: `vrrp_version` 2 or 3 (global_parser.c
   * `vrrp_version_handler`; another value leaves it as it was), else 2.
   */
  get vrrpVersion(): Setting<2 | 3> {
    if (!this.cached.vrrpVersion) {
      let setting: Setting<2 | 3> = byDefault(2, 'no version line and no vrrp_version in global_defs: keepalived runs VRRP version 2');
      for (const defs of this.topLevel('global_defs')) {
        for (const line of knownChildren(defs)) {
          if (line.path !== 'global_defs/vrrp_version') continue;
          const value = readInt(line.args[0]?.text, 2, 3);
          if (value !== undefined) setting = fromGlobal(value as 2 | 3, line);
        }
      }
      this.cached.vrrpVersion = setting;
    }
    return this.cached.vrrpVersion;
  }

  /**
   * The multicast group of instances that set no `mcast_dst_ip`: the last valid `vrrp_mcast_group4`
   * or `vrrp_mcast_group6` (global_parser.c `vrrp_mcast_group4_handler`, `vrrp_mcast_group6_handler`
   * skip an address of the other family or not multicast), else the VRRP group.
   */
  multicastGroup(family: 4 | 6): Setting<string> {
    const cache = (this.cached.multicastGroups ??= {});
    let setting = cache[family];
    if (!setting) {
      setting = byDefault(canonicalAddress(MULTICAST_GROUP[family]), `the VRRP multicast group ${MULTICAST_GROUP[family]}`);
      const path = family === 4 ? 'global_defs/vrrp_mcast_group4' : 'global_defs/vrrp_mcast_group6';
      for (const defs of this.topLevel('global_defs')) {
        for (const line of knownChildren(defs)) {
          const word = line.args[0]?.text;
          if (line.path === path && word !== undefined && isMulticastGroup(word, family, false)) setting = fromGlobal(canonicalAddress(word.split(/[-/]/)[0]!), line);
        }
      }
      cache[family] = setting;
    }
    return setting;
  }
}
