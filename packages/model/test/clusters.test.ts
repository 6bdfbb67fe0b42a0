import { describe, expect, it } from 'vitest';
import { parse } from '@kalint/parser';
import { peerKeys, ProjectModel, type ProjectOptions } from '@kalint/model';

interface Node {
  name?: string;
  vrid?: number;
  vips?: string[];
  /** Unicast: [source or undefined, peers]. */
  unicast?: [string | undefined, string[]];
  extra?: string;
}

function instance({ name = 'VI_1', vrid = 51, vips = [], unicast, extra = '' }: Node): string {
  return [
    `vrrp_instance ${name} {`,
    '    interface eth0',
    `    virtual_router_id ${vrid}`,
    ...(unicast?.[0] ? [`    unicast_src_ip ${unicast[0]}`] : []),
    ...(unicast ? ['    unicast_peer {', ...unicast[1].map((p) => `        ${p}`), '    }'] : []),
    ...(vips.length > 0 ? ['    virtual_ipaddress {', ...vips.map((v) => `        ${v}`), '    }'] : []),
    ...(extra ? [extra] : []),
    '}',
    '',
  ].join('\n');
}

function model(files: Record<string, string>, options: ProjectOptions = {}): ProjectModel {
  return new ProjectModel(
    Object.entries(files).map(([path, text]) => ({ path, ast: parse(text, { file: path }).ast })),
    options,
  );
}

/** Clusters as `file:instance` lists. */
function clusters(m: ProjectModel): string[][] {
  return m.clusters.map((c) => c.members.map((i) => `${i.file}:${i.name}`));
}

/** Collisions as `file:instance -> file:instance (kind)`. */
function collisions(m: ProjectModel): string[] {
  return m.collisions.flatMap((c) => c.hears.map((h) => `${c.instance.file} -> ${h.instance.file} (${h.because.kind})`));
}

describe('VRRP clusters', () => {
  it('two clusters named VI_1 on VRIDs 51 and 52 with their own VIPs are two clusters, not one', () => {
    const m = model({
      'a1.conf': instance({ vrid: 51, vips: ['10.0.0.100/24'] }),
      'a2.conf': instance({ vrid: 51, vips: ['10.0.0.100/24'] }),
      'b1.conf': instance({ vrid: 52, vips: ['10.0.0.200/24'] }),
      'b2.conf': instance({ vrid: 52, vips: ['10.0.0.200/24'] }),
    });
    expect(clusters(m)).toEqual([
      ['a1.conf:VI_1', 'a2.conf:VI_1'],
      ['b1.conf:VI_1', 'b2.conf:VI_1'],
    ]);
    expect(collisions(m)).toEqual([]);
  });

  it('the same two clusters on one VRID, multicast on one network, hear each other: a collision', () => {
    const m = model({
      'a1.conf': instance({ vips: ['10.0.0.100/24'] }),
      'a2.conf': instance({ vips: ['10.0.0.100/24'] }),
      'b1.conf': instance({ vips: ['10.0.0.200/24'] }),
      'b2.conf': instance({ vips: ['10.0.0.200/24'] }),
    });
    expect(clusters(m)).toEqual([
      ['a1.conf:VI_1', 'a2.conf:VI_1'],
      ['b1.conf:VI_1', 'b2.conf:VI_1'],
    ]);
    expect(collisions(m)).toEqual([
      'a1.conf -> b1.conf (network)',
      'a1.conf -> b2.conf (network)',
      'a2.conf -> b1.conf (network)',
      'a2.conf -> b2.conf (network)',
      'b1.conf -> a1.conf (network)',
      'b1.conf -> a2.conf (network)',
      'b2.conf -> a1.conf (network)',
      'b2.conf -> a2.conf (network)',
    ]);
    const hearing = m.collisions[0]!.hears[0]!.because;
    expect(hearing).toEqual({ kind: 'network', network: '10.0.0.0/24', here: '10.0.0.100/24', there: '10.0.0.200/24' });
  });

  it('the same two clusters on one VRID with disjoint unicast peers never meet', () => {
    const m = model({
      'a1.conf': instance({ vips: ['10.0.0.100/24'], unicast: ['10.0.0.1', ['10.0.0.2']] }),
      'a2.conf': instance({ vips: ['10.0.0.100/24'], unicast: ['10.0.0.2', ['10.0.0.1']] }),
      'b1.conf': instance({ vips: ['10.0.0.200/24'], unicast: ['10.0.0.3', ['10.0.0.4']] }),
      'b2.conf': instance({ vips: ['10.0.0.200/24'], unicast: ['10.0.0.4', ['10.0.0.3']] }),
    });
    expect(clusters(m)).toEqual([
      ['a1.conf:VI_1', 'a2.conf:VI_1'],
      ['b1.conf:VI_1', 'b2.conf:VI_1'],
    ]);
    expect(collisions(m)).toEqual([]);
  });

  it('unicast peer lists that reach into the other cluster are a collision', () => {
    const m = model({
      'a1.conf': instance({ vips: ['10.0.0.100/24'], unicast: ['10.0.0.1', ['10.0.0.2', '10.0.0.3']] }),
      'a2.conf': instance({ vips: ['10.0.0.100/24'], unicast: ['10.0.0.2', ['10.0.0.1']] }),
      'b1.conf': instance({ vips: ['10.0.0.200/24'], unicast: ['10.0.0.3', ['10.0.0.4']] }),
      'b2.conf': instance({ vips: ['10.0.0.200/24'], unicast: ['10.0.0.4', ['10.0.0.3']] }),
    });
    expect(collisions(m)).toEqual(['a1.conf -> b1.conf (unicast)', 'b1.conf -> a1.conf (unicast)']);
    expect(m.collisions[0]!.hears[0]!.because).toMatchObject({ kind: 'unicast', address: '10.0.0.3' });
    expect(m.collisions[0]!.hears[0]!.because).toMatchObject({ sender: m.collisions[0]!.instance });
  });

  it('a pair without unicast_src_ip and with /32 VIPs still pairs by name', () => {
    const m = model({
      'ha1.conf': instance({ vips: ['10.0.0.100'], unicast: [undefined, ['10.0.0.2']] }),
      'ha2.conf': instance({ vips: ['10.0.0.101'], unicast: [undefined, ['10.0.0.1']] }),
    });
    expect(clusters(m)).toEqual([['ha1.conf:VI_1', 'ha2.conf:VI_1']]);
  });

  it('a VIP typo on one node is drift inside one cluster, joined by name', () => {
    const m = model({
      'ha1.conf': instance({ vips: ['10.1.8.100/24'] }),
      'ha2.conf': instance({ vips: ['10.1.8.101/24'] }),
    });
    expect(clusters(m)).toEqual([['ha1.conf:VI_1', 'ha2.conf:VI_1']]);
    expect(collisions(m)).toEqual([]);
  });

  it('a node without VIPs joins the cluster of its name', () => {
    const m = model({
      'ha1.conf': instance({}),
      'ha2.conf': instance({ vips: ['10.1.8.100'], unicast: ['10.1.8.2', ['10.1.8.1']] }),
    });
    expect(clusters(m)).toEqual([['ha1.conf:VI_1', 'ha2.conf:VI_1']]);
  });

  it('instances sharing a VIP are one router whatever their VRID and name', () => {
    const m = model({
      'a/keepalived.conf': instance({ name: 'VI_1', vrid: 10, vips: ['10.1.8.100/24'] }),
      'b/keepalived.conf': instance({ name: 'VI_2', vrid: 11, vips: ['10.1.8.100/24'] }),
    });
    expect(clusters(m)).toEqual([['a/keepalived.conf:VI_1', 'b/keepalived.conf:VI_2']]);
  });

  it('the name joins nothing across VRIDs', () => {
    const m = model({
      'ha1.conf': instance({ vrid: 51, vips: ['10.1.8.100'] }),
      'ha2.conf': instance({ vrid: 52, vips: ['10.1.8.101'] }),
    });
    expect(clusters(m)).toEqual([]);
  });

  it('the name joins nothing where the configs say the nodes never meet', () => {
    // VIP networks that do not overlap.
    expect(clusters(model({ 'a.conf': instance({ vips: ['10.1.8.100/24'] }), 'b.conf': instance({ vips: ['10.1.9.100/24'] }) }))).toEqual([]);
    // Unicast sources that neither sends to.
    expect(
      clusters(
        model({
          'a.conf': instance({ vips: ['10.1.8.100'], unicast: ['10.0.0.1', ['10.0.0.2']] }),
          'b.conf': instance({ vips: ['10.1.8.101'], unicast: ['10.0.0.3', ['10.0.0.4']] }),
        }),
      ),
    ).toEqual([]);
    // Different IPv4 multicast groups.
    expect(
      clusters(model({ 'a.conf': instance({ vips: ['10.1.8.100'], extra: '    mcast_dst_ip 224.0.0.19' }), 'b.conf': instance({ vips: ['10.1.8.101'] }) })),
    ).toEqual([]);
  });

  it('a lone instance on the network of a pair, on its VRID, collides with the pair', () => {
    const m = model({
      'ha1.conf': instance({ name: 'web', vips: ['10.1.8.100/24'] }),
      'ha2.conf': instance({ name: 'web', vips: ['10.1.8.100/24'] }),
      'other.conf': instance({ name: 'db', vips: ['10.1.8.200/24'] }),
    });
    expect(clusters(m)).toEqual([['ha1.conf:web', 'ha2.conf:web']]);
    expect(collisions(m)).toEqual(['ha1.conf -> other.conf (network)', 'ha2.conf -> other.conf (network)', 'other.conf -> ha1.conf (network)', 'other.conf -> ha2.conf (network)']);
    expect(m.collisions[2]!.cluster).toBeUndefined();
  });

  it('VIP networks of different lengths meet when one holds the other; a bare address meets none (private address plans repeat across sites)', () => {
    const pair = (a: string, b: string) =>
      model({
        'a1.conf': instance({ vips: [a] }),
        'a2.conf': instance({ vips: [a] }),
        'b1.conf': instance({ vips: [b] }),
        'b2.conf': instance({ vips: [b] }),
      });
    const m = pair('10.0.0.100/25', '10.0.0.200/24');
    expect(collisions(m)).toContain('a1.conf -> b1.conf (network)');
    expect(m.collisions[0]!.hears[0]!.because).toEqual({ kind: 'network', network: '10.0.0.0/24', here: '10.0.0.100/25', there: '10.0.0.200/24' });
    // 10.0.0.0/25 and 10.0.0.128/25 do not overlap.
    expect(collisions(pair('10.0.0.100/25', '10.0.0.200/25'))).toEqual([]);
    expect(collisions(pair('10.0.0.100', '10.0.0.200/24'))).toEqual([]);
  });

  it('instances that share a VIP are no collision, even where the VIP is too common to join them', () => {
    const files: Record<string, string> = {};
    // Ten files hold the VIP (too many to join them), six of them on VRID 51 (few enough to hear each other).
    for (let i = 0; i < 10; i++) files[`n${i}.conf`] = instance({ name: `x${i}`, vrid: i < 6 ? 51 : 52, vips: ['10.0.0.100/24'] });
    const m = model(files);
    expect(m.clusters).toEqual([]);
    expect(collisions(m)).toEqual([]);
  });

  it('a VIP on another interface says nothing of the advert segment', () => {
    const m = model({
      'a1.conf': instance({ vips: ['10.0.0.100/24 dev eth1'] }),
      'a2.conf': instance({ vips: ['10.0.0.100/24 dev eth1'] }),
      'b1.conf': instance({ vips: ['10.0.0.200/24 dev eth1'] }),
      'b2.conf': instance({ vips: ['10.0.0.200/24 dev eth1'] }),
    });
    expect(clusters(m)).toHaveLength(2);
    expect(collisions(m)).toEqual([]);
  });

  it('link-local VIPs (every IPv6 link has fe80::1) join nothing', () => {
    const m = model({
      'a.conf': instance({ name: 'x', vips: ['fe80::1/64'] }),
      'b.conf': instance({ name: 'y', vips: ['fe80::1/64'] }),
    });
    expect(clusters(m)).toEqual([]);
    expect(collisions(m)).toEqual([]);
  });

  it('configured segments: one segment makes multicast instances hear each other, two keep a VIP apart', () => {
    const files = {
      'a1.conf': instance({ vips: ['10.0.0.100'] }),
      'a2.conf': instance({ vips: ['10.0.0.100'] }),
      'b1.conf': instance({ vips: ['192.168.0.100'] }),
      'b2.conf': instance({ vips: ['192.168.0.100'] }),
    };
    expect(collisions(model(files))).toEqual([]);
    const dmz = { networks: ['10.0.0.0/24'], interfaces: [{ file: 'b1.conf', interface: 'eth0' }, { file: 'b2.conf', interface: 'eth0' }] };
    const m = model(files, { segments: { dmz } });
    expect(collisions(m)).toContain('a1.conf -> b1.conf (segment)');
    expect(m.collisions[0]!.hears[0]!.because).toEqual({ kind: 'segment', segment: 'dmz' });

    // Two sites that reuse one address are two clusters once the segments say so.
    const sites = {
      'site1/a.conf': instance({ vips: ['10.0.0.100'] }),
      'site1/b.conf': instance({ vips: ['10.0.0.100'] }),
      'site2/a.conf': instance({ vips: ['10.0.0.100'] }),
      'site2/b.conf': instance({ vips: ['10.0.0.100'] }),
    };
    expect(clusters(model(sites))).toHaveLength(1);
    const segments = {
      one: { interfaces: [{ file: 'site1/a.conf', interface: 'eth0' }, { file: 'site1/b.conf', interface: 'eth0' }] },
      two: { interfaces: [{ file: 'site2/a.conf', interface: 'eth0' }, { file: 'site2/b.conf', interface: 'eth0' }] },
    };
    expect(clusters(model(sites, { segments }))).toHaveLength(2);
  });

  it('pairs each node with its own peer in an inventory where every pair is VI_1 on VRID 51', () => {
    const files: Record<string, string> = {};
    for (let pair = 0; pair < 40; pair++) {
      for (const side of ['a', 'b']) files[`site${pair}/lb-${side}.conf`] = instance({ vips: [`10.${pair}.0.100/24`] });
    }
    const m = model(files);
    expect(m.clusters.map((c) => c.members.length)).toEqual(new Array(40).fill(2));
    expect(m.clusters.every((c) => c.members[0]!.vips[0]!.address === c.members[1]!.vips[0]!.address)).toBe(true);
    expect(m.instanceGroups).toHaveLength(40);
    expect(collisions(m)).toEqual([]);
  });

  it('peerKeys holds every key the clustering joins files through', () => {
    const files = {
      'a1.conf': instance({ vips: ['10.0.0.100'] }),
      'b1.conf': instance({ vips: ['10.0.0.200/25'], unicast: ['10.0.0.3', ['10.0.0.4']] }),
      'b2.conf': instance({ vips: ['10.0.0.200/25'], unicast: ['10.0.0.4', ['10.0.0.3']] }),
    };
    const m = model(files);
    const keys = new Map(m.nodes.map((n) => [n.file, new Set(peerKeys(n).map((k) => k.key))]));
    const share = (a: string, b: string) => [...keys.get(a)!].some((k) => keys.get(b)!.has(k));
    for (const cluster of m.clusters) for (const x of cluster.members) for (const y of cluster.members) if (x !== y) expect(share(x.file, y.file)).toBe(true);
    expect(share('b1.conf', 'b2.conf')).toBe(true);
  });
});
