/**
 * Shared look-ups for the single-file semantic rules: children of a block, global_defs settings,
 * address families, and the VRRP version and strict mode keepalived derives for an instance.
 * Everything here reads the AST only; statements with a `null` path (unknown keywords, or the
 * contents of unknown blocks) are never returned.
 */
import { argSpecAt } from '@kalint/grammar';
import type { ConfigFile, Statement, Value, Word } from '@kalint/parser';
import { astIndex } from './file-index.js';
import { isIPv4 } from './schema-util.js';
import type { ProjectFile } from './project.js';
import type { VrrpInstance } from './model.js';

/** Statements directly inside a statement's block that keepalived knows at that place. */
export function childStatements(statement: Statement): Statement[] {
  if (!statement.block || statement.block.kind === 'unknown') return [];
  return statement.block.body.filter((n): n is Statement => n.type === 'Statement' && n.path !== null);
}

/** Item lines of a value block (`virtual_ipaddress { ... }`). */
export function childValues(statement: Statement): Value[] {
  if (!statement.block || statement.block.kind !== 'values') return [];
  return statement.block.body.filter((n): n is Value => n.type === 'Value');
}

/** Children of `statement` at the schema path `path`. */
export function childrenAt(statement: Statement, path: string): Statement[] {
  const found: Statement[] = [];
  if (!statement.block || statement.block.kind === 'unknown') return found;
  for (const n of statement.block.body) if (n.type === 'Statement' && n.path === path) found.push(n);
  return found;
}

/** The last child of `statement` at the schema path `path` (`childrenAt(...).at(-1)` without the list). */
export function lastChildAt(statement: Statement, path: string): Statement | undefined {
  if (!statement.block || statement.block.kind === 'unknown') return undefined;
  const body = statement.block.body;
  for (let i = body.length - 1; i >= 0; i--) {
    const n = body[i]!;
    if (n.type === 'Statement' && n.path === path) return n;
  }
  return undefined;
}

/** Top-level statements of a file with the given path, in document (read) order. */
export function topLevel(ast: ConfigFile, path: string): readonly Statement[] {
  return astIndex(ast).topLevel.get(path) ?? [];
}

/** The last `global_defs/<name>` statement of a file (keepalived keeps the last setting). */
export function globalSetting(ast: ConfigFile, name: string): Statement | undefined {
  return astIndex(ast).globalSetting(name);
}

/** Every statement of the file that keepalived knows at its place, in document order. */
export function knownStatements(ast: ConfigFile): readonly Statement[] {
  // Only known statements, and never into unknown blocks: keepalived reads their lines elsewhere.
  return astIndex(ast).known;
}

/** The address part of a VIP/peer word: `10.1.8.100/24` -> `10.1.8.100`. */
export function addressOf(text: string): string {
  const slash = text.indexOf('/');
  return (slash < 0 ? text : text.slice(0, slash)).toLowerCase();
}

/** 4 or 6 for a word that is an IPv4 or IPv6 address (with or without a prefix), else null. */
export function familyOf(text: string): 4 | 6 | null {
  const slash = text.indexOf('/');
  const address = slash < 0 ? text : text.slice(0, slash);
  // Dotted quads (no leading zeros, each at most 255) first, without lower-casing: most words are IPv4.
  if (isIPv4(address)) return 4;
  const lower = address.toLowerCase();
  if (/^[0-9a-f:.]+$/.test(lower) && lower.includes(':') && lower.split('::').length <= 2) return 6;
  return null;
}

/** Canonical text of an IPv4/IPv6 address (so `2001:DB8::1` equals `2001:db8:0::1`). */
export function canonicalAddress(text: string): string {
  const address = addressOf(text);
  if (familyOf(address) !== 6) return address;
  const [head = '', tail] = address.includes('::') ? address.split('::') : [address, undefined];
  // An embedded IPv4 tail counts as two groups.
  const groups = (part: string) =>
    (part ? part.split(':') : []).flatMap((p) => {
      if (!p.includes('.')) return [p];
      const b = p.split('.').map(Number);
      return [((b[0]! << 8) | b[1]!).toString(16), ((b[2]! << 8) | b[3]!).toString(16)];
    });
  const h = groups(head);
  const t = groups(tail ?? '');
  const fill = tail === undefined ? [] : new Array<string>(Math.max(0, 8 - h.length - t.length)).fill('0');
  return [...h, ...fill, ...t].map((g) => Number.parseInt(g || '0', 16).toString(16)).join(':');
}

/** An address of an instance that decides or must match its family, in the order keepalived reads them. */
export interface FamilyAddress {
  word: Word;
  kind: 'vip' | 'unicast_peer' | 'unicast_src_ip' | 'mcast_src_ip';
  family: 4 | 6;
}

/**
 * keepalived gives an instance the family of the first VIP, unicast peer or source address it
 * reads (or IPv6 after `native_ipv6`), and drops later ones of the other family. Returns that
 * family (IPv4 when there is none) and the addresses dropped.
 */
export function familyTrace(instance: VrrpInstance): { family: 4 | 6; mismatched: FamilyAddress[]; nativeIpv6: boolean } {
  let family: 4 | 6 | undefined;
  let nativeIpv6 = false;
  const mismatched: FamilyAddress[] = [];
  const see = (word: Word | undefined, kind: FamilyAddress['kind']) => {
    const f = word && familyOf(word.text);
    if (!word || !f) return;
    if (family === undefined) family = f;
    else if (f !== family) mismatched.push({ word, kind, family: f });
  };
  for (const child of childStatements(instance.statement)) {
    if (child.path === 'vrrp_instance/virtual_ipaddress') for (const v of childValues(child)) see(v.words[0], 'vip');
    else if (child.path === 'vrrp_instance/unicast_peer') for (const v of childValues(child)) see(v.words[0], 'unicast_peer');
    else if (child.path === 'vrrp_instance/unicast_src_ip') see(child.args[0], 'unicast_src_ip');
    else if (child.path === 'vrrp_instance/mcast_src_ip') see(child.args[0], 'mcast_src_ip');
    // `mcast_dst_ip` sets the family of an instance without addresses yet (keepalived then refuses a later
    // `native_ipv6` on an IPv4 one: "Cannot specify native_ipv6 with IPv4 addresses"; observed).
    else if (child.path === 'vrrp_instance/mcast_dst_ip' && family === undefined) family = familyOf(child.args[0]?.text ?? '') ?? undefined;
    // `native_ipv6` makes an instance without addresses yet IPv6 (keepalived 2.2.7 then drops IPv4 VIPs
    // with "address family must match VRRP instance"; observed with keepalived -t).
    else if (child.path === 'vrrp_instance/native_ipv6' && family === undefined) {
      family = 6;
      nativeIpv6 = true;
    }
  }
  return { family: family ?? 4, mismatched, nativeIpv6 };
}

/** The address family keepalived gives an instance (see `familyTrace`). */
export function instanceFamily(instance: VrrpInstance): 4 | 6 {
  return familyTrace(instance).family;
}

/**
 * Whether strict mode applies to an instance (`strict_mode` on it, or global `vrrp_strict`), as
 * keepalived `targetVersion` reads them (default: the newest): before 2.3.0 `vrrp_strict off` is
 * strict mode on.
 */
export function isStrict(file: ProjectFile, instance: VrrpInstance, targetVersion?: string): boolean {
  const own = childrenAt(instance.statement, 'vrrp_instance/strict_mode').at(-1);
  if (own) return booleanArg(own, targetVersion);
  const global = globalSetting(file.ast, 'vrrp_strict');
  return global ? booleanArg(global, targetVersion) : false;
}

/**
 * A flag keyword with an optional boolean word (`strict_mode`, `strict_mode false`), as keepalived
 * `targetVersion` reads it: a release that does not read the word (`ArgReading.ignored`) takes the
 * flag alone, which is true.
 */
export function booleanArg(statement: Statement, targetVersion?: string): boolean {
  const word = statement.args[0]?.text.toLowerCase();
  if (word === undefined) return true;
  const spec = statement.spec?.args.positional[0];
  if (targetVersion !== undefined && spec?.older !== undefined && argSpecAt(spec, targetVersion).ignored !== undefined) return true;
  return !['false', 'off', 'no', '0'].includes(word);
}

/** The VRRP version keepalived uses: the instance's `version`, IPv6 -> 3, global `vrrp_version`, else 2. */
export function instanceVersion(file: ProjectFile, instance: VrrpInstance, targetVersion?: string): 2 | 3 {
  if (instance.version && (instance.version.value === 2 || instance.version.value === 3)) {
    // Strict mode forces IPv6 instances to version 3.
    if (instance.version.value === 2 && instanceFamily(instance) === 6 && isStrict(file, instance, targetVersion)) return 3;
    return instance.version.value;
  }
  if (instanceFamily(instance) === 6) return 3;
  const global = globalSetting(file.ast, 'vrrp_version');
  return global?.args[0]?.text === '3' ? 3 : 2;
}

/** A word that came out of `$NAME` substitution or a `~SEQ` expansion, so no fix may rewrite it. */
export function isExpanded(word: Word): boolean {
  return word.expansion !== undefined;
}


/** Whether an instance starts as MASTER: any `state MASTER` counts (keepalived ignores a later BACKUP). */
export function wantsMaster(instance: VrrpInstance): boolean {
  return childrenAt(instance.statement, 'vrrp_instance/state').some((s) => s.args[0]?.text === 'MASTER');
}

/** The priority keepalived uses: the configured one, else 255 for `state MASTER` and 100 otherwise. */
export function effectivePriority(instance: VrrpInstance): number | undefined {
  const configured = childrenAt(instance.statement, 'vrrp_instance/priority').at(-1);
  if (!configured) return wantsMaster(instance) ? 255 : 100;
  // An invalid priority falls back to 100 (invalid-argument reports it).
  if (!/^\d+$/.test(configured.args[0]?.text ?? '')) return configured.args[0]?.text.includes('$') ? undefined : 100;
  const value = Number(configured.args[0]!.text);
  return value >= 1 && value <= 255 ? value : 100;
}

/** Sync groups of a file in order, with the member words of their `group { }` blocks. */
export function syncGroups(ast: ConfigFile): ReadonlyArray<{ statement: Statement; members: Word[]; trackingWeight: boolean }> {
  return astIndex(ast).syncGroups;
}

/** The sync group keepalived puts an instance in (the first that lists it), if any. */
export function syncGroupOf(ast: ConfigFile, name: string): { statement: Statement; trackingWeight: boolean } | undefined {
  return astIndex(ast).syncGroupByMember.get(name);
}

/**
 * Whether the file has an `include` that matched no file (or was not followed): definitions and
 * settings may then live in text kalint has not seen, so rules that need the whole picture stay quiet.
 */
export function hasUnresolvedIncludes(ast: ConfigFile): boolean {
  return ast.includes.some((include) => include.files.length === 0);
}
