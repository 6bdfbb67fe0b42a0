/**
 * The values a VRRP instance runs with, each with its origin, as keepalived derives them
 * (vrrp_parser.c handlers, vrrp.c `vrrp_complete_instance`, global_parser.c), for the release the
 * model is built for.
 */
import { describe, expect, it } from 'vitest';
import { parse, type Located } from '@kalint/parser';
import { NodeModel, type Setting, type VrrpInstance } from '@kalint/model';

function node(text: string, release?: string): NodeModel {
  const { ast } = parse(text, { file: 'keepalived.conf', ...(release ? { targetVersion: release } : {}) });
  return new NodeModel('keepalived.conf', ast, release ? { release } : {});
}

/** The instances of a config. */
function instances(text: string, release?: string): VrrpInstance[] {
  return node(text, release).instances;
}

/** The one instance of a config. */
function instance(body: string, options: { global?: string; before?: string; after?: string; release?: string } = {}): VrrpInstance {
  const text = `${options.global ? `global_defs {\n${options.global}}\n` : ''}${options.before ?? ''}vrrp_instance VI_1 {\n${body}}\n${options.after ?? ''}`;
  return instances(text, options.release)[0]!;
}

const V4 = '    interface eth0\n    virtual_router_id 51\n    virtual_ipaddress {\n        10.1.8.100/24\n    }\n';
const V6 = '    interface eth0\n    virtual_router_id 51\n    virtual_ipaddress {\n        2001:db8::100/64\n    }\n';

/** `line:column` (1-based) of where an origin points. */
function place(setting: Setting<unknown>): string {
  const origin = setting.origin;
  if (origin.kind === 'default') return 'default';
  const at: Located = origin.at;
  return `${at.range.start.line + 1}:${at.range.start.character + 1}`;
}

describe('priority and state', () => {
  it('state MASTER without priority: 255, derived from the state line', () => {
    const i = instance(`    state MASTER\n${V4}`);
    expect(i.priority.value).toBe(255);
    expect(i.priority.origin.kind).toBe('derived');
    expect(place(i.priority)).toBe('2:11');
    expect(i.state).toMatchObject({ value: 'MASTER', origin: { kind: 'written' } });
  });

  it('no priority and no state: 100 and BACKUP, keepalived defaults', () => {
    const i = instance(V4);
    expect(i.priority).toMatchObject({ value: 100, origin: { kind: 'default' } });
    expect(i.state).toMatchObject({ value: 'BACKUP', origin: { kind: 'default' } });
  });

  it('priority 255 without state starts as MASTER, derived from the priority', () => {
    const i = instance(`    priority 255\n${V4}`);
    expect(i.state).toMatchObject({ value: 'MASTER', origin: { kind: 'derived' } });
    expect(place(i.state)).toBe('2:14');
  });

  it('a priority out of range is 100, derived from the word', () => {
    const i = instance(`    priority 300\n${V4}`);
    expect(i.priority).toMatchObject({ value: 100, origin: { kind: 'derived' } });
  });

  it('BACKUP after MASTER is ignored; a word other than MASTER or BACKUP is BACKUP even after MASTER', () => {
    expect(instance(`    state MASTER\n    state BACKUP\n${V4}`).state.value).toBe('MASTER');
    const unknown = instance(`    state MASTER\n    state master\n${V4}`);
    expect(unknown.state).toMatchObject({ value: 'BACKUP', origin: { kind: 'derived' } });
    expect(place(unknown.state)).toBe('3:11');
  });

  it('strict mode: the state follows being the address owner; stateRead keeps what the lines say', () => {
    const i = instance(`    strict_mode\n    state MASTER\n    priority 100\n${V4}`);
    expect(i.state).toMatchObject({ value: 'BACKUP', origin: { kind: 'derived' } });
    expect(i.stateRead).toMatchObject({ value: 'MASTER', origin: { kind: 'written' } });
    expect(instance(V4).stateRead).toBeUndefined();
  });

  it('AH authentication with state MASTER starts as BACKUP', () => {
    const i = instance(`    state MASTER\n    priority 100\n    authentication {\n        auth_type AH\n        auth_pass secret\n    }\n${V4}`);
    expect(i.authentication.value).toBe('AH');
    expect(i.state).toMatchObject({ value: 'BACKUP', origin: { kind: 'derived' } });
  });
});

describe('VRRP version', () => {
  it('no version line: 2, keepalived default', () => {
    expect(instance(V4).version).toMatchObject({ value: 2, origin: { kind: 'default' } });
  });

  it('global vrrp_version 3: 3, inherited from global_defs', () => {
    const i = instance(V4, { global: '    vrrp_version 3\n' });
    expect(i.version).toMatchObject({ value: 3, origin: { kind: 'global' } });
    expect(place(i.version)).toBe('2:18');
  });

  it('an IPv6 instance runs version 3, derived', () => {
    expect(instance(V6).version).toMatchObject({ value: 3, origin: { kind: 'derived' } });
  });

  it('version 2 before an IPv6 address, without strict mode: version 2 as written', () => {
    expect(instance(`    version 2\n${V6}`).version).toMatchObject({ value: 2, origin: { kind: 'written' } });
  });

  it('version 2 after an IPv6 address is ignored: version 3, derived at the version line', () => {
    const i = instance(`${V6}    version 2\n`);
    expect(i.version).toMatchObject({ value: 3, origin: { kind: 'derived' } });
    expect(place(i.version)).toBe('7:13');
  });

  // The old peers-util said 2 here (the written version); keepalived says "cannot use IPv6 with
  // VRRP version 2; setting version 3" (vrrp_complete_instance).
  it('IPv6 + vrrp_strict + version 2: version 3, derived from strict mode', () => {
    const i = instance(`    version 2\n${V6}`, { global: '    vrrp_strict\n' });
    expect(i.strict).toMatchObject({ value: true, origin: { kind: 'global' } });
    expect(i.version.value).toBe(3);
    expect(i.version.origin).toMatchObject({ kind: 'derived', because: expect.stringMatching(/strict mode/) });
    expect(place(i.version)).toBe('5:13');
  });

  it('native_ipv6: IPv6 and version 3; a later version 2 is ignored', () => {
    const i = instance(`    native_ipv6\n    version 2\n    interface eth0\n    virtual_router_id 51\n`);
    expect(i.family).toMatchObject({ value: 6, origin: { kind: 'derived' } });
    expect(i.version).toMatchObject({ value: 3, origin: { kind: 'derived' } });
    expect(i.nativeIpv6).toBe(true);
  });
});

describe('strict mode', () => {
  // The old peers-util read the first strict_mode line; keepalived keeps the last one it understands.
  it('strict_mode false then strict_mode true: the last wins, strict', () => {
    const i = instance(`    strict_mode false\n    strict_mode true\n${V4}`);
    expect(i.strict).toMatchObject({ value: true, origin: { kind: 'written' } });
    expect(place(i.strict)).toBe('3:17');
  });

  it('a word check_true_false does not know leaves the setting as it was', () => {
    expect(instance(`    strict_mode off\n    strict_mode maybe\n${V4}`).strict).toMatchObject({ value: false, origin: { kind: 'written' } });
    // Case matters: FALSE and 0 are not words keepalived knows, so global strict mode stays.
    expect(instance(`    strict_mode FALSE\n${V4}`, { global: '    vrrp_strict\n' }).strict).toMatchObject({ value: true, origin: { kind: 'global' } });
    expect(instance(`    strict_mode 0\n${V4}`, { global: '    vrrp_strict\n' }).strict.value).toBe(true);
  });

  // The old peers-util took any vrrp_strict line as on, for every release.
  it('vrrp_strict false: off for 2.3.0 and later, on for 2.2.7 (which reads no word)', () => {
    const global = '    vrrp_strict false\n';
    expect(instance(V4, { global, release: '2.3.0' }).strict).toMatchObject({ value: false, origin: { kind: 'global' } });
    expect(instance(V4, { global }).strict.value).toBe(false);
    expect(instance(V4, { global, release: '2.2.7' }).strict).toMatchObject({ value: true, origin: { kind: 'global' } });
  });

  it('no strict_mode and no vrrp_strict: off, keepalived default', () => {
    expect(instance(V4).strict).toMatchObject({ value: false, origin: { kind: 'default' } });
  });

  it('the instance line wins over global_defs', () => {
    expect(instance(`    strict_mode off\n${V4}`, { global: '    vrrp_strict\n' }).strict).toMatchObject({ value: false, origin: { kind: 'written' } });
  });
});

describe('authentication', () => {
  const auth = (type: string, pass = '        auth_pass secret\n') => `    authentication {\n        auth_type ${type}\n${pass}    }\n`;

  it('PASS with VRRPv2: used as written', () => {
    const i = instance(auth('PASS') + V4);
    expect(i.authentication).toMatchObject({ value: 'PASS', origin: { kind: 'written' } });
    expect(i.authPass).toMatchObject({ value: 'secret', origin: { kind: 'written' } });
  });

  it('VRRPv3, strict mode, no password, AH with IPv6: none, derived', () => {
    expect(instance(auth('PASS') + V4, { global: '    vrrp_version 3\n' }).authentication.origin).toMatchObject({ kind: 'derived', because: expect.stringMatching(/version 3/) });
    expect(instance(auth('PASS') + V4, { global: '    vrrp_strict\n' }).authentication.origin).toMatchObject({ kind: 'derived', because: expect.stringMatching(/strict mode/) });
    expect(instance(auth('PASS', '') + V4).authentication).toMatchObject({ value: 'NONE', origin: { kind: 'derived' } });
    expect(instance(`    version 2\n${auth('AH')}${V6}`).authentication.origin).toMatchObject({ kind: 'derived', because: expect.stringMatching(/IPv6/) });
  });

  it('IPv6 + vrrp_strict + version 2: strict mode, not VRRPv2, decides', () => {
    expect(instance(`    version 2\n${auth('PASS')}${V6}`, { global: '    vrrp_strict\n' }).authentication.origin).toMatchObject({ kind: 'derived', because: expect.stringMatching(/strict mode/) });
  });

  it('auth_pass keeps the first 8 bytes', () => {
    expect(instance(auth('PASS', '        auth_pass 0123456789\n') + V4).authPass?.value).toBe('01234567');
  });
});

describe('advert_int', () => {
  it('none: 1 second, keepalived default', () => {
    const i = instance(V4);
    expect(i.advertInt).toMatchObject({ value: 1, origin: { kind: 'default' } });
    expect(i.advertIntRead).toBeUndefined();
  });

  it('VRRPv2 rounds a fraction half up to whole seconds', () => {
    const i = instance(`    advert_int 2.5\n${V4}`);
    expect(i.advertIntRead).toMatchObject({ value: 2.5, origin: { kind: 'written' } });
    expect(i.advertInt).toMatchObject({ value: 3, origin: { kind: 'derived' } });
    expect(instance(`    advert_int 0.4\n${V4}`).advertInt.value).toBe(1);
  });

  it('VRRPv3 rounds to 10 ms and caps at 40.95 s', () => {
    expect(instance(`    version 3\n    advert_int 0.015\n${V4}`).advertInt).toMatchObject({ value: 0.02, origin: { kind: 'derived' } });
    expect(instance(`    version 3\n    advert_int 0.5\n${V4}`).advertInt).toMatchObject({ value: 0.5, origin: { kind: 'written' } });
    expect(instance(`    version 3\n    advert_int 50\n${V4}`).advertInt).toMatchObject({ value: 40.95, origin: { kind: 'derived' } });
  });

  it('a VRRPv3 rounding to 40.96 s is capped from 2.3.2 on', () => {
    expect(instance(`    version 3\n    advert_int 40.955\n${V4}`).advertInt.value).toBe(40.95);
    expect(instance(`    version 3\n    advert_int 40.955\n${V4}`, { release: '2.2.7' }).advertInt.value).toBe(40.96);
  });

  it('an IPv6 instance with vrrp_strict and version 2 runs VRRPv3 timing', () => {
    expect(instance(`    version 2\n    advert_int 0.5\n${V6}`, { global: '    vrrp_strict\n' }).advertInt.value).toBe(0.5);
    expect(instance(`    version 2\n    advert_int 0.5\n${V6}`).advertInt.value).toBe(1);
  });

  it('a value keepalived cannot read is ignored', () => {
    expect(instance(`    advert_int 300\n${V4}`).advertIntRead).toBeUndefined();
    expect(instance(`    advert_int 0.001\n${V4}`).advertInt.origin.kind).toBe('default');
  });
});

describe('preemption', () => {
  it('nopreempt with priority 255 or state MASTER is cleared, derived', () => {
    expect(instance(`    priority 255\n    nopreempt\n${V4}`).nopreempt).toMatchObject({ value: false, origin: { kind: 'derived' } });
    expect(instance(`    state MASTER\n    priority 100\n    nopreempt\n${V4}`).nopreempt).toMatchObject({ value: false, origin: { kind: 'derived' } });
    expect(instance(`    state BACKUP\n    nopreempt\n${V4}`).nopreempt).toMatchObject({ value: true, origin: { kind: 'written' } });
  });

  it('preempt_delay is cleared with state MASTER, strict mode or nopreempt', () => {
    expect(instance(`    preempt_delay 10\n${V4}`).preemptDelay).toMatchObject({ value: 10, origin: { kind: 'written' } });
    expect(instance(`    state MASTER\n    priority 100\n    preempt_delay 10\n${V4}`).preemptDelay).toMatchObject({ value: 0, origin: { kind: 'derived' } });
    expect(instance(`    strict_mode\n    preempt_delay 10\n${V4}`).preemptDelay).toMatchObject({ value: 0, origin: { kind: 'derived' } });
    expect(instance(`    nopreempt\n    preempt_delay 10\n${V4}`).preemptDelay).toMatchObject({ value: 0, origin: { kind: 'derived' } });
    expect(instance(`    nopreempt\n    preempt_delay 10\n${V4}`).preemptDelayRead).toMatchObject({ value: 10, origin: { kind: 'written' } });
    expect(instance(`    preempt_delay 1001\n${V4}`).preemptDelayRead).toBeUndefined();
  });
});

describe('addresses and family', () => {
  it('the first address decides the family; later ones of the other family are dropped', () => {
    const i = instance('    interface eth0\n    virtual_router_id 51\n    virtual_ipaddress {\n        10.1.8.100/24\n        2001:db8::1/64\n    }\n');
    expect(i.family).toMatchObject({ value: 4, origin: { kind: 'derived' } });
    expect(i.vips.map((v) => v.address)).toEqual(['10.1.8.100']);
    expect(i.dropped.map((d) => [d.kind, d.word.text])).toEqual([['vip', '2001:db8::1/64']]);
  });

  it('excluded VIPs may be of either family and do not decide it', () => {
    const i = instance('    interface eth0\n    virtual_router_id 51\n    virtual_ipaddress_excluded {\n        2001:db8::1/64\n    }\n    virtual_ipaddress {\n        10.1.8.100/24\n    }\n');
    expect(i.family.value).toBe(4);
    expect(i.dropped).toEqual([]);
    expect(i.excludedVips.map((v) => [v.address, v.family])).toEqual([['2001:db8:0:0:0:0:0:1', 6]]);
  });

  it('no address: IPv4, keepalived default', () => {
    expect(instance('    interface eth0\n    virtual_router_id 51\n').family).toMatchObject({ value: 4, origin: { kind: 'default' } });
  });

  it('mcast_src_ip sets the source address too; one of the other family clears it', () => {
    expect(instance(`${V4}    mcast_src_ip 10.1.8.1\n`).unicastSrcIp).toMatchObject({ value: '10.1.8.1', origin: { kind: 'written' } });
    const cleared = instance(`${V4}    unicast_src_ip 10.1.8.1\n    unicast_src_ip 2001:db8::2\n`);
    expect(cleared.unicastSrcIp).toBeUndefined();
    expect(cleared.dropped.map((d) => d.kind)).toEqual(['unicast_src_ip']);
  });

  it('the multicast group: mcast_dst_ip, else global_defs, else the VRRP group', () => {
    expect(instance(V4).multicastGroup).toMatchObject({ value: '224.0.0.18', origin: { kind: 'default' } });
    expect(instance(V4, { global: '    vrrp_mcast_group4 224.0.0.19\n' }).multicastGroup).toMatchObject({ value: '224.0.0.19', origin: { kind: 'global' } });
    // Not multicast: keepalived skips the line.
    expect(instance(V4, { global: '    vrrp_mcast_group4 10.0.0.1\n' }).multicastGroup.origin.kind).toBe('default');
    expect(instance(`${V4}    mcast_dst_ip 224.0.0.20\n`).multicastGroup).toMatchObject({ value: '224.0.0.20', origin: { kind: 'written' } });
    expect(instance(`${V4}    mcast_dst_ip 10.0.0.1\n`).multicastGroup.origin.kind).toBe('default');
  });

  it('without VIPs: refused with VRRPv3 or strict mode; as IPv6 only by 2.2.7; allowed by no_virtual_ipaddress from 2.2.8', () => {
    const peers6 = '    interface eth0\n    virtual_router_id 51\n    version 2\n    unicast_peer {\n        2001:db8::2\n    }\n';
    expect(instance('    interface eth0\n    virtual_router_id 51\n').withoutVips).toMatchObject({ value: 'warned', origin: { kind: 'default' } });
    expect(instance('    interface eth0\n    virtual_router_id 51\n    version 3\n').withoutVips).toMatchObject({ value: 'refused', origin: { kind: 'derived' } });
    expect(instance('    interface eth0\n    virtual_router_id 51\n', { global: '    vrrp_strict\n' }).withoutVips.value).toBe('refused');
    expect(instance(peers6).withoutVips.value).toBe('warned');
    expect(instance(peers6, { release: '2.2.7' }).withoutVips.value).toBe('refused');
    expect(instance('    interface eth0\n    virtual_router_id 51\n    no_virtual_ipaddress\n').withoutVips).toMatchObject({ value: 'allowed', origin: { kind: 'written' } });
    expect(instance('    interface eth0\n    virtual_router_id 51\n    no_virtual_ipaddress\n', { release: '2.2.7' }).withoutVips.value).toBe('warned');
  });
});

describe('without an interface', () => {
  const unicast = (src: string) => `    virtual_router_id 51\n${src}    unicast_peer {\n        10.1.8.12\n    }\n    virtual_ipaddress {\n        10.1.8.100/24\n    }\n`;
  it('2.2.7 refuses every instance without interface', () => {
    expect(instance(unicast('    unicast_src_ip 10.1.8.11\n'), { release: '2.2.7' }).withoutInterface).toMatchObject({ value: 'unknown-interface', origin: { kind: 'default' } });
  });
  it('from 2.2.8 a unicast instance with a source address runs without one', () => {
    expect(instance(unicast('    unicast_src_ip 10.1.8.11\n'), { release: '2.2.8' }).withoutInterface).toMatchObject({ value: 'allowed', origin: { kind: 'derived' } });
    expect(instance(unicast('')).withoutInterface).toMatchObject({ value: 'no-source-address', origin: { kind: 'derived' } });
    expect(instance('    virtual_router_id 51\n').withoutInterface.value).toBe('unknown-interface');
    expect(instance('    virtual_router_id 51\n    unicast_src_ip fe80::1\n    unicast_peer {\n        fe80::2\n    }\n').withoutInterface.value).toBe('link-local-source');
  });
});

describe('tracked objects', () => {
  const script = (weight: string) => `vrrp_script chk {\n    script "/bin/true"\n${weight}}\n`;
  const track = '    track_script {\n        chk\n    }\n';
  const group = (extra = '') => `vrrp_sync_group SG {\n    group {\n        VI_1\n        VI_2\n    }\n${extra}}\n`;
  const second = 'vrrp_instance VI_2 {\n    interface eth0\n    virtual_router_id 52\n    virtual_ipaddress {\n        10.1.8.101/24\n    }\n}\n';

  it("a script's weight: the item's, else the definition's, else 0 (FAULT)", () => {
    expect(instance(track + V4, { before: script('    weight 10\n') }).tracks[0]!.weight).toMatchObject({ value: 10, origin: { kind: 'derived' } });
    expect(instance('    track_script {\n        chk weight -20\n    }\n' + V4, { before: script('    weight 10\n') }).tracks[0]!.weight).toMatchObject({ value: -20, origin: { kind: 'written' } });
    expect(instance(track + V4, { before: script('') }).tracks[0]!.weight).toMatchObject({ value: 0, origin: { kind: 'default' } });
  });

  it('a script defined after the instance, or not at all, is not tracked', () => {
    expect(instance(track + V4, { after: script('') }).tracks[0]!.dropped?.value).toBe('undefined');
    expect(instance(track + V4).tracks[0]!.dropped?.value).toBe('undefined');
  });

  it('a repeated item and one with a word other than weight are not tracked', () => {
    const tracks = instance('    track_script {\n        chk\n        chk\n        chk rise 2\n    }\n' + V4, { before: script('') }).tracks;
    expect(tracks.map((t) => t.dropped?.value)).toEqual([undefined, 'duplicate', 'duplicate']);
    expect(instance('    track_script {\n        chk rise 2\n    }\n' + V4, { before: script('') }).tracks[0]!.dropped?.value).toBe('option');
  });

  it('a weighted script of a sync group member is dropped, unless the group has sync_group_tracking_weight', () => {
    const [member] = instances(script('    weight 10\n') + `vrrp_instance VI_1 {\n${track}${V4}}\n` + second + group());
    expect(member!.syncGroup?.name).toBe('SG');
    expect(member!.tracks[0]!.dropped).toMatchObject({ value: 'sync-group', origin: { kind: 'derived' } });
    const [weighted] = instances(script('    weight 10\n') + `vrrp_instance VI_1 {\n${track}${V4}}\n` + second + group('    sync_group_tracking_weight\n'));
    expect(weighted!.tracks[0]!.dropped).toBeUndefined();
    expect(weighted!.syncGroup?.trackingWeight).toMatchObject({ value: true, origin: { kind: 'written' } });
  });

  it('a weighted interface of a sync group member keeps tracking with weight 0', () => {
    const [member] = instances(`vrrp_instance VI_1 {\n    track_interface {\n        eth1 weight 10\n    }\n${V4}}\n` + second + group());
    expect(member!.tracks[0]!.dropped).toBeUndefined();
    expect(member!.tracks[0]!.weight).toMatchObject({ value: 0, origin: { kind: 'derived' } });
  });

  it('an address owner drops weighted scripts', () => {
    expect(instance(`    priority 255\n${track}${V4}`, { before: script('    weight 10\n') }).tracks[0]!.dropped?.value).toBe('address-owner');
    expect(instance(`    priority 255\n${track}${V4}`, { before: script('    weight 0\n') }).tracks[0]!.dropped).toBeUndefined();
  });
});

describe('names keepalived skips', () => {
  it('a second vrrp_instance of one name is a duplicate of the first', () => {
    const [first, second] = instances(`vrrp_instance VI_1 {\n${V4}}\nvrrp_instance VI_1 {\n${V4}}\n`);
    expect(first!.duplicateOf).toBeUndefined();
    expect(second!.duplicateOf).toBe(first);
    // Blocks without a name are refused each on its own.
    expect(instances(`vrrp_instance {\n${V4}}\nvrrp_instance {\n${V4}}\n`)[1]!.duplicateOf).toBeUndefined();
  });

  it('sync groups: a repeated name is skipped, a second group block is ignored, the first group listing an instance wins', () => {
    const n = node(
      `vrrp_instance VI_1 {\n${V4}}\n` +
        'vrrp_sync_group SG {\n    group {\n        VI_1\n    }\n    group {\n        VI_2\n    }\n}\n' +
        'vrrp_sync_group SG {\n    group {\n        VI_3\n    }\n}\n' +
        'vrrp_sync_group SG2 {\n    group {\n        VI_1\n    }\n    global_tracking\n}\n',
    );
    const [sg, again, sg2] = n.syncGroups;
    expect(sg!.members.map((w) => w.text)).toEqual(['VI_1']);
    expect(again!.duplicateOf).toBe(sg);
    expect(n.syncGroupOf('VI_3')).toBeUndefined();
    expect(n.syncGroupOf('VI_1')).toBe(sg);
    expect(sg2!.trackingWeight).toMatchObject({ value: true, origin: { kind: 'written' } });
    expect(sg!.trackingWeight).toMatchObject({ value: false, origin: { kind: 'default' } });
  });
});

describe('every value has an origin', () => {
  const isSetting = (v: unknown): v is Setting<unknown> => typeof v === 'object' && v !== null && 'value' in v && 'origin' in v;
  it('on a config that exercises most keywords', () => {
    const text =
      'global_defs {\n    vrrp_strict false\n    vrrp_version 3\n}\n' +
      'vrrp_script chk {\n    script "/bin/true"\n    weight 5\n}\n' +
      `vrrp_instance VI_1 {\n    state MASTER\n    nopreempt\n    preempt_delay 5\n    advert_int 0.015\n    track_script {\n        chk\n    }\n    authentication {\n        auth_type PASS\n        auth_pass secret\n    }\n    unicast_src_ip 10.1.8.1\n    unicast_peer {\n        10.1.8.2\n    }\n${V4}}\n`;
    for (const release of ['2.2.7', '2.3.0', undefined]) {
      const i = instances(text, release)[0]!;
      const settings: Array<[string, Setting<unknown>]> = [];
      for (const [key, value] of Object.entries(i)) {
        if (isSetting(value)) settings.push([key, value]);
      }
      for (const t of i.tracks) settings.push(['track weight', t.weight]);
      expect(settings.length).toBeGreaterThan(10);
      for (const [key, setting] of settings) {
        expect(['written', 'global', 'derived', 'default'], key).toContain(setting.origin.kind);
        if (setting.origin.kind === 'derived' || setting.origin.kind === 'default') expect(setting.origin.because.length, key).toBeGreaterThan(0);
        else expect(setting.origin.at.file, key).toBe('keepalived.conf');
      }
    }
  });
});
