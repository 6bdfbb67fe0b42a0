/**
 * VRRP clusters as VRRP itself finds them. Instances on different nodes are one virtual router when
 * they exchange adverts: the same VRID and address family on the same segment (RFC 5798 5.1, and
 * keepalived's receive path, vrrp.c `vrrp_check_packet`, which takes any advert of its VRID that
 * reaches its socket). The configurations never name the segment, so it is inferred from what they
 * do say (virtual IPs and their networks, unicast peers and sources, the multicast group), or read
 * from the `segments` a kalint configuration names. The instance name is a hint only.
 *
 * Three relations, each found through index keys (never pair by pair, so a fleet of thousands of
 * files groups in linear time):
 *
 * - **hearing** (certain): two multicast instances of one VRID, family and group with evidence of
 *   one segment (overlapping VIP networks, one configured segment); two
 *   unicast instances of one VRID and family where one sends to the other's `unicast_src_ip`, or
 *   both send to one address. Connected instances form an *advert domain*.
 * - **intent**: instances that hold the same virtual IP are one virtual router (whatever their VRID:
 *   that a VRID differs is then drift, `vrid-mismatch`); instances without a virtual IP, or alone
 *   on their node, join another group of the same name, VRID and family unless something says they
 *   never meet (different configured segments, VIP networks that do not overlap, unicast sources
 *   that neither sends to, different IPv4 multicast groups).
 * - **collision**: one advert domain holding two intended clusters: they hear each other's
 *   adverts on one VRID.
 */
import { addressOf, canonicalAddress, inNetwork, isLinkLocal, networkOf } from './address.js';
import type { VrrpInstance } from './vrrp.js';
import { UnionFind } from './union-find.js';
import { compareVersions } from './version.js';

/**
 * A key shared by more files than this says nothing about which nodes form a cluster: in an
 * inventory of many HA pairs every pair may name its instance `VI_1` or use VRID 51 on `eth0`.
 * Such keys are not used to join peers (HA clusters have two or three nodes; includes and
 * templates account for the margin).
 */
export const MAX_FILES_PER_PEER_KEY = 8;

/**
 * A segment a kalint configuration names where the configurations cannot tell: the networks whose
 * addresses are on it, and interfaces of given configuration files that are on it.
 */
export interface SegmentDefinition {
  /** CIDRs (`10.0.1.0/24`): an instance with a virtual IP or source address in one is on the segment. */
  networks?: readonly string[];
  /** An instance on this interface (its `interface` line) of this file (as the run names it) is on the segment. */
  interfaces?: ReadonlyArray<{ file: string; interface: string }>;
}

/** Segments by name. */
export type Segments = Readonly<Record<string, SegmentDefinition>>;

/** Why two instances hear each other's adverts. */
export type Hearing =
  /**
   * Both have VIP networks that overlap on `network`: `here` and `there` are the VIPs as written
   * (one of them, or a third instance's, is `network`).
   */
  | { kind: 'network'; network: string; here: string; there: string }
  /** Both are on the configured segment. */
  | { kind: 'segment'; segment: string }
  /** `sender` sends its adverts to `address`, the other's `unicast_src_ip`. */
  | { kind: 'unicast'; address: string; sender: VrrpInstance }
  /** Both send their adverts to `address`, whose node then hears both. */
  | { kind: 'same-peer'; address: string };

/** Instances on two or more nodes that are one virtual router. */
export interface Cluster {
  /** Its instances, in the order of the run's files. */
  members: VrrpInstance[];
  /** Each member's counterparts: on each other node of the cluster, the instance that is the same router. */
  peers: ReadonlyMap<VrrpInstance, readonly VrrpInstance[]>;
}

/** An instance that hears the adverts of instances of other clusters on its VRID. */
export interface Collision {
  instance: VrrpInstance;
  /** The cluster the instance belongs to (undefined when it is a lone instance). */
  cluster: Cluster | undefined;
  hears: Array<{ instance: VrrpInstance; cluster: Cluster | undefined; because: Hearing }>;
}

/** What the clustering reads of an instance. */
interface Facts {
  instance: VrrpInstance;
  file: string;
  vrid: number | undefined;
  family: 4 | 6;
  unicast: boolean;
  /** `unicast_src_ip` / `mcast_src_ip`, canonical. */
  source: string | undefined;
  /** Unicast peers, canonical. */
  peers: Set<string>;
  group: string;
  /** Virtual IPs that name the router (link-local ones excepted: every segment has them), canonical. */
  vips: string[];
  /** VIP words on the advert interface with a network prefix (`10.1.8.100/24`). */
  networks: string[];
  /** Their networks as `networkOf` gives them, in the same order. */
  networkBits: string[];
  /** Addresses on the advert interface (VIPs as written, the source address). */
  addresses: string[];
  segment: string | undefined;
}

/** Shortest prefixes taken as a segment's network: a wider "network" says nothing of a segment. */
const MIN_PREFIX = { 4: 16, 6: 48 } as const;

function factsOf(instance: VrrpInstance, segments: Segments | undefined): Facts {
  const family = instance.family.value;
  const iface = instance.interface?.value;
  const vips: string[] = [];
  const networks: string[] = [];
  const networkBits: string[] = [];
  const addresses: string[] = [];
  for (const vip of instance.vips) {
    if (isLinkLocal(vip.address)) continue;
    vips.push(vip.address);
    // A VIP on another interface says nothing of the segment the adverts go to.
    if (vip.device !== undefined && vip.device !== iface) continue;
    const text = vip.prefix !== undefined ? `${vip.address}/${vip.prefix}` : vip.address;
    addresses.push(text);
    const width = family === 4 ? 32 : 128;
    if (vip.prefix !== undefined && vip.prefix >= MIN_PREFIX[family] && vip.prefix < width) {
      networks.push(text);
      networkBits.push(networkOf(text)!);
    }
  }
  const source = instance.unicastSrcIp?.value;
  if (source !== undefined && !isLinkLocal(source)) addresses.push(source);
  const facts: Facts = {
    instance,
    file: instance.file,
    vrid: instance.vrid?.value,
    family,
    unicast: instance.unicastPeers.length > 0,
    source: source !== undefined ? canonicalAddress(source) : undefined,
    peers: new Set(instance.unicastPeers.map((p) => p.address)),
    group: canonicalAddress(instance.multicastGroup.value),
    vips,
    networks,
    networkBits,
    addresses,
    segment: undefined,
  };
  facts.segment = segments ? segmentOf(facts, segments) : undefined;
  return facts;
}

/**
 * The configured segment of an instance: one that names its file and interface, else the most
 * specific network holding one of its addresses.
 */
function segmentOf(facts: Facts, segments: Segments): string | undefined {
  const instance = facts.instance;
  const iface = instance.interface?.value;
  let best: { name: string; prefix: number } | undefined;
  for (const [name, segment] of Object.entries(segments)) {
    if (iface !== undefined && segment.interfaces?.some((i) => i.interface === iface && (i.file === instance.node.file || i.file === instance.file))) return name;
    for (const network of segment.networks ?? []) {
      const prefix = Number(network.slice(network.indexOf('/') + 1));
      if ((best === undefined || prefix > best.prefix) && facts.addresses.some((a) => inNetwork(a, network))) best = { name, prefix };
    }
  }
  return best?.name;
}

/** One entry of a key: an instance, whether it makes the key join (an anchor), and the text it comes from. */
interface Entry {
  index: number;
  anchor: boolean;
  text: string;
}

type KeyKind = 'vip' | 'name' | 'network' | 'segment' | 'unicast';

/**
 * The keys an instance is heard through. A key joins the instances that have it when one of them
 * is an anchor: a unicast peer address (the instance sends there), a VIP network (the network is
 * there); the others (the `unicast_src_ip` sent to, an address inside a network) only meet anchors.
 */
function hearingKeys(
  facts: Facts,
  add: (kind: KeyKind, key: string, anchor: boolean, text: string) => void,
  /** The prefix lengths of the VIP networks of a multicast domain (`mc` key prefix); all when undefined. */
  lengths?: (mc: string) => ReadonlySet<number> | undefined,
): void {
  if (facts.vrid === undefined) return;
  const domain = `vrrp hear ${facts.family} ${facts.vrid}`;
  if (facts.unicast) {
    for (const peer of facts.peers) add('unicast', `${domain} uc ${peer}`, true, peer);
    if (facts.source !== undefined) add('unicast', `${domain} uc ${facts.source}`, false, facts.source);
    return;
  }
  // The same string the domain's prefix lengths are kept under (VrrpClusters).
  const mc = `${domain} mc ${facts.group}`;
  if (facts.segment !== undefined) add('segment', `${mc} seg ${facts.segment}`, true, facts.segment);
  facts.networks.forEach((network, i) => add('network', `${mc} net ${facts.networkBits[i]!}`, true, network));
  // Each VIP network meets the wider VIP networks that hold it: its own prefixes from the shortest
  // a segment's network may have (only those some network of the domain has, when known). (An
  // address written without a prefix, or a source address, says too little: the same private
  // address plan is used at many sites.)
  const only = lengths?.(mc);
  if (lengths && !only) return;
  facts.networks.forEach((network, i) => {
    const bits = facts.networkBits[i]!;
    const head = bits.indexOf(':') + 1;
    const prefix = bits.length - head;
    for (let p = MIN_PREFIX[facts.family]; p < prefix; p++) if (!only || only.has(p)) add('network', `${mc} net ${bits.slice(0, head + p)}`, false, network);
  });
}

/** The keys that make instances one intended virtual router: a shared virtual IP, the name. */
function intentKeys(facts: Facts): { vips: string[]; name: string } {
  return { vips: facts.vips.map((vip) => `vrrp vip ${vip}`), name: `vrrp name ${facts.instance.name}` };
}

/** Every key the clustering may join an instance's file through (see `peerKeys`). */
export function clusterKeys(instance: VrrpInstance, segments?: Segments): Array<{ key: string; anchor: boolean }> {
  const facts = factsOf(instance, segments);
  const { vips, name } = intentKeys(facts);
  const keys = [name, ...vips].map((key) => ({ key, anchor: true }));
  hearingKeys(facts, (_kind, key, anchor) => keys.push({ key, anchor }));
  return keys;
}

function overlaps(a: string, b: string): boolean {
  return inNetwork(a, b) || inNetwork(b, a);
}

/** Whether what the configurations say shows two instances can never exchange adverts. */
function neverMeet(a: Facts, b: Facts): boolean {
  if (a.family !== b.family) return true;
  if (a.segment !== undefined && b.segment !== undefined && a.segment !== b.segment) return true;
  if (a.networks.length > 0 && b.networks.length > 0 && !a.networks.some((n) => b.networks.some((m) => overlaps(n, m)))) return true;
  if (a.unicast && b.unicast && a.source !== undefined && b.source !== undefined) {
    if (!a.peers.has(b.source) && !b.peers.has(a.source) && ![...a.peers].some((p) => b.peers.has(p))) return true;
  }
  // An IPv4 socket bound to its group receives no other group; IPv6 may (vrrp.c `open_vrrp_read_socket`).
  if (!a.unicast && !b.unicast && a.family === 4 && a.group !== b.group) return true;
  return false;
}

/** Options of the clustering. */
export interface ClusterOptions {
  segments?: Segments;
  /** Keys too common in the whole run to join anything (see `ProjectScope.commonPeerKeys`). */
  common?: ReadonlySet<string>;
}

/** Buckets of keys: which instances have each key, and in how many files. */
class Buckets {
  // Most keys belong to one or two files: a set of files only when a second one comes.
  private readonly byKey = new Map<string, { kind: KeyKind; entries: Entry[]; file: string; files: Set<string> | undefined }>();

  add(kind: KeyKind, key: string, entry: Entry, file: string): void {
    const bucket = this.byKey.get(key);
    if (!bucket) {
      this.byKey.set(key, { kind, entries: [entry], file, files: undefined });
      return;
    }
    bucket.entries.push(entry);
    if (file !== bucket.file) (bucket.files ??= new Set([bucket.file])).add(file);
  }

  /** The buckets that join: two or more files, not too common, with an anchor. */
  *joining(common: ReadonlySet<string>): Generator<{ key: string; kind: KeyKind; entries: Entry[] }> {
    for (const [key, { kind, entries, files }] of this.byKey) {
      if (files === undefined || files.size > MAX_FILES_PER_PEER_KEY || common.has(key)) continue;
      if (!entries.some((e) => e.anchor)) continue;
      yield { key, kind, entries };
    }
  }
}

/** The clusters and collisions of a set of instances (the nodes of one run). */
export class VrrpClusters {
  readonly clusters: Cluster[] = [];
  readonly collisions: Collision[] = [];
  private readonly clusterByInstance = new Map<VrrpInstance, Cluster>();

  constructor(instances: readonly VrrpInstance[], options: ClusterOptions = {}) {
    const common = options.common ?? new Set<string>();
    const facts = instances.map((instance) => factsOf(instance, options.segments));

    // Hearing: advert domains. An address inside a network meets the networks of its domain, so
    // only the prefix lengths those networks have are looked at.
    const lengths = new Map<string, Set<number>>();
    for (const f of facts) {
      if (f.vrid === undefined || f.unicast || f.networks.length === 0) continue;
      const mc = `vrrp hear ${f.family} ${f.vrid} mc ${f.group}`;
      let set = lengths.get(mc);
      if (!set) lengths.set(mc, (set = new Set()));
      for (const bits of f.networkBits) set.add(bits.length - bits.indexOf(':') - 1);
    }
    const hearing = new Buckets();
    facts.forEach((f, index) => hearingKeys(f, (kind, key, anchor, text) => hearing.add(kind, key, { index, anchor, text }, f.file), (mc) => lengths.get(mc)));
    const domains = new UnionFind(facts.length);
    const heard: Array<{ kind: KeyKind; key: string; entries: Entry[] }> = [];
    for (const bucket of hearing.joining(common)) {
      for (const e of bucket.entries) domains.union(bucket.entries[0]!.index, e.index);
      heard.push(bucket);
    }

    // Intent: a shared virtual IP, then the name.
    const intent = new UnionFind(facts.length);
    const vipBuckets = new Buckets();
    const nameBuckets = new Buckets();
    facts.forEach((f, index) => {
      const { vips, name } = intentKeys(f);
      for (const key of vips) vipBuckets.add('vip', key, { index, anchor: true, text: key }, f.file);
      nameBuckets.add('name', name, { index, anchor: true, text: name }, f.file);
    });
    for (const { entries } of vipBuckets.joining(common)) joinBySegment(entries, facts, intent);
    const groupInfo = new GroupInfo(intent, facts);
    for (const { entries } of nameBuckets.joining(common)) joinByName(entries, facts, intent, domains, groupInfo);

    // Clusters: intended groups on two or more nodes.
    const sets = intent.sets();
    const groups = sets.map((set) => set.map((i) => facts[i]!.instance));
    const groupOf = new Int32Array(facts.length);
    sets.forEach((set, g) => set.forEach((i) => (groupOf[i] = g)));
    const clusterOfGroup: Array<Cluster | undefined> = groups.map((members) => {
      if (new Set(members.map((m) => m.file)).size < 2) return undefined;
      const cluster: Cluster = { members, peers: pairPeers(members) };
      this.clusters.push(cluster);
      for (const m of members) this.clusterByInstance.set(m, cluster);
      return cluster;
    });

    // Collisions: instances of two intended clusters that hear each other.
    const hears = new Map<number, Map<number, Hearing>>();
    const note = (a: number, b: number, because: Hearing) => {
      let map = hears.get(a);
      if (!map) hears.set(a, (map = new Map()));
      if (!map.has(b)) map.set(b, because);
    };
    for (const { kind, key, entries } of heard) {
      for (const x of entries) {
        for (const y of entries) {
          if (x.index === y.index || groupOf[x.index] === groupOf[y.index]) continue;
          const a = facts[x.index]!;
          const b = facts[y.index]!;
          // Instances of one file are duplicate-vrid's; a shared VIP is one router whose key was too common to join.
          if (a.file === b.file || sharesVip(a.instance, b.instance)) continue;
          const because = hearingOf(kind, key, entries, x, y, a, b);
          if (because) note(x.index, y.index, because);
        }
      }
    }
    for (const [index, others] of [...hears].sort(([a], [b]) => a - b)) {
      const instance = facts[index]!.instance;
      this.collisions.push({
        instance,
        cluster: clusterOfGroup[groupOf[index]!],
        hears: [...others].sort(([a], [b]) => a - b).map(([other, because]) => ({ instance: facts[other]!.instance, cluster: clusterOfGroup[groupOf[other]!], because })),
      });
    }
  }

  /** The cluster an instance belongs to, if it is one of a cluster. */
  clusterOf(instance: VrrpInstance): Cluster | undefined {
    return this.clusterByInstance.get(instance);
  }
}

/** How the instance of `x` hears that of `y` through the key `key` of `kind` (with `entries`), or undefined when it does not. */
function hearingOf(kind: KeyKind, key: string, entries: Entry[], x: Entry, y: Entry, a: Facts, b: Facts): Hearing | undefined {
  switch (kind) {
    case 'segment':
      return { kind: 'segment', segment: x.text };
    case 'network':
      return { kind: 'network', network: cidrOf(key.slice(key.lastIndexOf(' ') + 1)), here: x.text, there: y.text };
    case 'unicast':
      // Both send to one address: when its node is one of the run, each is heard by that node instead.
      if (x.anchor && y.anchor) return entries.every((e) => e.anchor) ? { kind: 'same-peer', address: x.text } : undefined;
      if (x.anchor) return { kind: 'unicast', address: x.text, sender: a.instance };
      if (y.anchor) return { kind: 'unicast', address: y.text, sender: b.instance };
      return undefined;
    default:
      return undefined;
  }
}

/** `4:00001010...` (a network as `networkOf` gives it) as `10.0.0.0/16`. */
function cidrOf(bits: string): string {
  const family = bits.startsWith('6:') ? 6 : 4;
  const prefix = bits.length - 2;
  const all = bits.slice(2).padEnd(family === 4 ? 32 : 128, '0');
  if (family === 4) return `${[0, 8, 16, 24].map((i) => Number.parseInt(all.slice(i, i + 8), 2)).join('.')}/${prefix}`;
  const groups: string[] = [];
  for (let i = 0; i < 128; i += 16) groups.push(Number.parseInt(all.slice(i, i + 16), 2).toString(16));
  // The longest run of zero groups written `::`, as people write addresses.
  let best = { at: -1, length: 1 };
  for (let i = 0; i < 8; ) {
    let j = i;
    while (j < 8 && groups[j] === '0') j++;
    if (j - i > best.length) best = { at: i, length: j - i };
    i = j === i ? i + 1 : j;
  }
  const text = best.at < 0 ? groups.join(':') : `${groups.slice(0, best.at).join(':')}::${groups.slice(best.at + best.length).join(':')}`;
  return `${text}/${prefix}`;
}

/**
 * Join the instances that hold one virtual IP, unless configured segments tell them apart: those
 * on one segment join, and those on none join the segment's when only one segment has the address.
 */
function joinBySegment(entries: Entry[], facts: Facts[], sets: UnionFind): void {
  const bySegment = new Map<string | undefined, number[]>();
  for (const { index } of entries) {
    const segment = facts[index]!.segment;
    const list = bySegment.get(segment);
    if (list) list.push(index);
    else bySegment.set(segment, [index]);
  }
  const named = [...bySegment.keys()].filter((s) => s !== undefined);
  for (const [segment, list] of bySegment) {
    for (const i of list) sets.union(list[0]!, i);
    if (segment === undefined && named.length === 1) sets.union(list[0]!, bySegment.get(named[0])![0]!);
  }
}

/**
 * The name joins what the virtual IPs leave apart, only when nothing says the instances never
 * meet: a group without virtual IPs, or on one node only (a typo in a VIP is drift inside one
 * cluster), joins the group of the same name, VRID and family (the one it hears, when several
 * would do; none when that is still ambiguous). Two groups on several nodes each, with virtual
 * IPs of their own, are two clusters that happen to share a name (the stock `VI_1`).
 */
function joinByName(entries: Entry[], facts: Facts[], sets: UnionFind, domains: UnionFind, groups: GroupInfo): void {
  const byRoot = new Map<number, number[]>();
  for (const { index } of entries) {
    const root = sets.find(index);
    const list = byRoot.get(root);
    if (list) list.push(index);
    else byRoot.set(root, [index]);
  }
  if (byRoot.size < 2) return;
  const strong = (root: number) => {
    const info = groups.of(root);
    return info.files.size >= 2 && info.vips;
  };
  const compatible = (a: number[], b: number[]) =>
    a.every((i) =>
      b.every((j) => {
        const x = facts[i]!;
        const y = facts[j]!;
        return (x.vrid === undefined || y.vrid === undefined || x.vrid === y.vrid) && !neverMeet(x, y);
      }),
    );
  const disjointFiles = (a: number, b: number) => {
    const files = groups.of(a).files;
    return ![...groups.of(b).files].some((f) => files.has(f));
  };
  const named = [...byRoot];
  for (const [w, mine] of named) {
    if (strong(w)) continue;
    // Candidates: the other groups of this name, as they are now (earlier joins included).
    const candidates = named.filter(([r, theirs]) => sets.find(r) !== sets.find(w) && disjointFiles(w, r) && compatible(mine, theirs));
    const strongOnes = [...new Map(candidates.filter(([r]) => strong(r)).map(([r, theirs]) => [sets.find(r), theirs])).values()];
    let target: number | undefined;
    if (strongOnes.length === 1) target = strongOnes[0]![0];
    else if (strongOnes.length > 1) {
      const heard = strongOnes.filter((theirs) => theirs.some((i) => mine.some((j) => domains.find(i) === domains.find(j))));
      if (heard.length === 1) target = heard[0]![0];
    } else {
      target = candidates[0]?.[0];
    }
    if (target !== undefined) groups.union(w, target);
  }
}

/** What the name joins ask of a group (by its root in the intent sets): its files, whether it has VIPs. */
class GroupInfo {
  private readonly byRoot = new Map<number, { files: Set<string>; vips: boolean }>();

  constructor(
    private readonly sets: UnionFind,
    facts: Facts[],
  ) {
    facts.forEach((f, i) => {
      const root = sets.find(i);
      let info = this.byRoot.get(root);
      if (!info) this.byRoot.set(root, (info = { files: new Set(), vips: false }));
      info.files.add(f.file);
      if (f.vips.length > 0) info.vips = true;
    });
  }

  of(index: number): { files: Set<string>; vips: boolean } {
    return this.byRoot.get(this.sets.find(index))!;
  }

  union(a: number, b: number): void {
    const x = this.of(a);
    const y = this.of(b);
    this.sets.union(a, b);
    this.byRoot.set(this.sets.find(a), { files: new Set([...x.files, ...y.files]), vips: x.vips || y.vips });
  }
}

/**
 * Pairs the instances of a cluster across nodes, one counterpart per other file: the same name
 * counts most, then a shared virtual IP, then the same VRID. A cluster can hold several instances
 * of one file; pairing compares the ones that are really the same router.
 */
function pairPeers(members: VrrpInstance[]): Map<VrrpInstance, VrrpInstance[]> {
  const peers = new Map<VrrpInstance, VrrpInstance[]>(members.map((m) => [m, []]));
  const files = [...new Set(members.map((m) => m.file))];
  for (let i = 0; i < files.length; i++) {
    for (let j = i + 1; j < files.length; j++) {
      const left = members.filter((m) => m.file === files[i]);
      const right = members.filter((m) => m.file === files[j]);
      const candidates: Array<{ a: VrrpInstance; b: VrrpInstance; score: number }> = [];
      for (const a of left) {
        for (const b of right) {
          const score = (a.name === b.name ? 4 : 0) + (sharesVip(a, b) ? 2 : 0) + (a.vrid !== undefined && a.vrid.value === b.vrid?.value ? 1 : 0);
          if (score > 0) candidates.push({ a, b, score });
        }
      }
      candidates.sort((x, y) => y.score - x.score);
      const taken = new Set<VrrpInstance>();
      for (const { a, b } of candidates) {
        if (taken.has(a) || taken.has(b)) continue;
        taken.add(a);
        taken.add(b);
        peers.get(a)!.push(b);
        peers.get(b)!.push(a);
      }
    }
  }
  return peers;
}

/** Whether two instances hold a virtual IP in common. */
export function sharesVip(a: VrrpInstance, b: VrrpInstance): boolean {
  const mine = new Set(a.vips.map((v) => v.address));
  return b.vips.some((v) => mine.has(v.address));
}

/** The release from which a VIP mismatch in an advert is only logged, not a reason to drop it (vrrp.c `vrrp_check_packet`). */
export const VIP_MISMATCH_ACCEPTED_SINCE = '2.3.3';

/**
 * What keepalived does with an advert of `sender` that reaches `receiver` (same VRID), following
 * the checks of vrrp.c `vrrp_check_packet` in their order: the VRRP version, the authentication
 * type and password (VRRPv2), the advert interval (VRRPv2), unicast against multicast, then the
 * virtual IPs, whose mismatch makes releases before 2.3.3 drop the advert and later ones only log
 * it (rate limited). `logged` is the line keepalived logs for each such advert, as far as the
 * configurations tell.
 */
export type Reception =
  | { accepted: true; logged?: string }
  | { accepted: false; because: 'version' | 'authentication' | 'advert-int' | 'mode' | 'vips'; logged: string };

export function reception(receiver: VrrpInstance, sender: VrrpInstance): Reception {
  const name = receiver.name;
  if (receiver.version.value !== sender.version.value) {
    return { accepted: false, because: 'version', logged: `(${name}) wrong version. Received ${sender.version.value} and expect ${receiver.version.value}` };
  }
  if (receiver.version.value === 2) {
    const mine = receiver.authentication.value;
    const theirs = sender.authentication.value;
    const code = { NONE: 0, PASS: 1, AH: 2 } as const;
    if (mine !== theirs) {
      const logged = mine === 'AH' || theirs === 'AH' ? `(${name}) ${theirs === 'AH' ? 'Received AH header but auth type not AH' : 'No AH header but auth type is AH'}` : `(${name}) received a ${code[theirs]} auth, expecting ${code[mine]}!`;
      return { accepted: false, because: 'authentication', logged };
    }
    if (mine === 'PASS' && receiver.authPass?.value !== sender.authPass?.value) return { accepted: false, because: 'authentication', logged: `(${name}) received an invalid passwd!` };
    if (receiver.advertInt.value !== sender.advertInt.value) {
      return { accepted: false, because: 'advert-int', logged: `(${name}) advertisement interval mismatch mine=${receiver.advertInt.value} sec rcv'd=${sender.advertInt.value} sec` };
    }
  }
  const unicast = receiver.unicastPeers.length > 0;
  if (unicast !== sender.unicastPeers.length > 0) {
    return { accepted: false, because: 'mode', logged: `(${name}) Expected ${unicast ? 'un' : 'mult'}icast packet but received ${unicast ? 'mult' : 'un'}icast packet` };
  }
  const theirs = new Set(sender.vips.map((v) => v.address));
  let logged: string | undefined;
  if (receiver.vips.length !== sender.vips.length) logged = `(${name}) expected ${receiver.vips.length} VIPs but received ${sender.vips.length}`;
  else {
    const missing = receiver.vips.find((v) => !theirs.has(v.address));
    if (missing) {
      const vrid = receiver.vrid?.value ?? '?';
      const address = addressOf(missing.word.text);
      logged =
        compareVersions(receiver.node.release, VIP_MISMATCH_ACCEPTED_SINCE) < 0
          ? `(${name}) ip address associated with VRID ${vrid} not present in MASTER advert: ${address}`
          : `(${name}) ip address associated with VRID ${vrid} not present in advert from ${sender.unicastSrcIp?.value ?? 'its address'}: ${address}`;
    }
  }
  if (logged === undefined) return { accepted: true };
  if (compareVersions(receiver.node.release, VIP_MISMATCH_ACCEPTED_SINCE) < 0) return { accepted: false, because: 'vips', logged };
  return { accepted: true, logged };
}
