import { describe, expect, it } from 'vitest';
import { argSpecAt, compareVersions, schema } from '../src/index.js';
import type { ArgSpec, KeywordSpec } from '../src/types.js';

/** Every argument spec of a keyword: positional, option values and the rest spec. */
function argSpecs(keyword: KeywordSpec): ArgSpec[] {
  const { positional, options, rest } = keyword.args;
  const specs = [...positional];
  for (const value of Object.values(options ?? {})) if (value) specs.push(value);
  if (rest) specs.push(rest);
  return specs;
}

function keyword(path: string): KeywordSpec {
  const found = schema.get(path);
  if (!found) throw new Error(`no keyword ${path}`);
  return found;
}

describe('schema integrity', () => {
  it('describes every keyword in at most 300 characters', () => {
    for (const k of schema.keywords) {
      expect(k.description.trim(), k.path).not.toBe('');
      expect(k.description.length, k.path).toBeLessThanOrEqual(300);
    }
  });

  it('has no duplicate paths', () => {
    const paths = schema.keywords.map((k) => k.path);
    expect(new Set(paths).size).toBe(paths.length);
  });

  it('places every keyword in root or in an existing block keyword', () => {
    for (const k of schema.keywords) {
      if (k.parent === 'root') {
        expect(k.path, k.path).toBe(k.name);
        continue;
      }
      const parent = schema.get(k.parent);
      expect(parent, k.path).toBeDefined();
      expect(parent?.block, k.path).not.toBeNull();
      expect(k.path, k.path).toBe(`${k.parent}/${k.name}`);
    }
  });

  it('gives numeric arguments numeric bounds and enums their values', () => {
    for (const k of schema.keywords) {
      for (const spec of argSpecs(k)) {
        const where = `${k.path} ${spec.name}`;
        if (spec.kind === 'integer' || spec.kind === 'decimal') {
          expect(typeof spec.min, where).toBe('number');
          expect(typeof spec.max, where).toBe('number');
          expect(spec.min!, where).toBeLessThanOrEqual(spec.max!);
        }
        if (spec.kind === 'integer') {
          expect(Number.isInteger(spec.min), where).toBe(true);
          expect(Number.isInteger(spec.max), where).toBe(true);
        }
        if (spec.kind === 'enum') expect(spec.values?.length, where).toBeGreaterThan(0);
        if (spec.kind === 'name') expect(spec.references, where).toBeTruthy();
      }
    }
  });

  it('dates every older reading of an argument and keeps the facts of each kind', () => {
    for (const k of schema.keywords) {
      for (const spec of argSpecs(k)) {
        const where = `${k.path} ${spec.name}`;
        if (spec.older !== undefined) {
          expect(spec.since, where).toMatch(/^v\d+\.\d+\.\d+$/);
          expect(compareVersions(spec.since!, k.since), where).toBeGreaterThan(0);
        }
        if (spec.multicast !== undefined) expect(['ip', 'ipv4', 'ipv6'], where).toContain(spec.kind);
        // A mask's words form one value: its first positional spec holds the facts, a rest spec only continues it.
        if (spec.kind === 'bitmask' && spec === k.args.rest) expect(k.args.positional[0]?.kind, where).toBe('bitmask');
        else if (spec.kind === 'bitmask') {
          expect(spec, where).toBe(k.args.positional[0]);
          expect(spec.values?.length, where).toBeGreaterThan(0);
          expect(typeof spec.max, where).toBe('number');
        }
        if (spec.onInvalid !== undefined) expect(spec.onInvalid, where).toMatch(/^keepalived /);
        // A word older releases do not read is optional: the keyword alone is what they do.
        if (spec.older?.ignored !== undefined) expect(spec.optional, where).toBe(true);
        if (spec.namedValues !== undefined) expect(spec.kind, where).toBe('integer');
        if (spec.pattern !== undefined) {
          expect(['string', 'name', 'path'], where).toContain(spec.kind);
          expect(() => new RegExp(spec.pattern!), where).not.toThrow();
          expect(spec.patternName, where).toBeTruthy();
        }
      }
    }
  });

  it('dates every option word newer than its keyword', () => {
    for (const k of schema.keywords) {
      for (const [word, since] of Object.entries(k.args.optionsSince ?? {})) {
        const where = `${k.path} ${word}`;
        expect(Object.keys(k.args.options ?? {}), where).toContain(word);
        expect(since.since, where).toMatch(/^v\d+\.\d+\.\d+$/);
        expect(compareVersions(since.since, k.since), where).toBeGreaterThan(0);
        expect(since.older, where).toMatch(/^it /);
      }
    }
  });

  it('keeps argument counts consistent', () => {
    for (const k of schema.keywords) {
      const { min, max, positional, rest, syntax } = k.args;
      expect(min, k.path).toBeGreaterThanOrEqual(0);
      expect(syntax.trim(), k.path).not.toBe('');
      if (max !== null) {
        expect(min, k.path).toBeLessThanOrEqual(max);
        expect(positional.length, k.path).toBeLessThanOrEqual(max);
      } else {
        expect(rest !== undefined || k.args.options !== undefined, k.path).toBe(true);
      }
      // Value blocks take nothing before `{`, except the group's name of virtual_server_group.
      if (k.block === 'values') expect(max, k.path).toBe(k.path === 'virtual_server_group' ? 1 : 0);
    }
  });

  it('fills every deprecation and removal', () => {
    for (const k of schema.keywords) {
      if (k.deprecated) expect(k.deprecated.replacement.trim(), k.path).not.toBe('');
    }
    const removedPaths = new Set<string>();
    for (const r of schema.removed) {
      expect(removedPaths.has(r.path), r.path).toBe(false);
      removedPaths.add(r.path);
      expect(r.description.trim(), r.path).not.toBe('');
      expect(r.description.length, r.path).toBeLessThanOrEqual(300);
      expect(r.since, r.path).toMatch(/^v\d+\.\d+\.\d+$/);
      expect(r.until, r.path).toMatch(/^v\d+\.\d+\.\d+$/);
      expect(r.path, r.path).toBe(r.parent === 'root' ? r.name : `${r.parent}/${r.name}`);
      expect(schema.get(r.path), `${r.path} is both current and removed`).toBeUndefined();
      if (r.parent !== 'root') expect(schema.get(r.parent), r.path).toBeDefined();
      if (r.replacement !== undefined) expect(r.replacement.trim(), r.path).not.toBe('');
    }
  });

  it('marks command-line keywords with a script argument', () => {
    for (const k of schema.keywords) {
      if (k.command) expect(k.args.positional[0]?.kind, k.path).toBe('script');
    }
  });
});

describe('facts a user sees', () => {
  it('vrrp_instance/priority is an integer 1..255', () => {
    const [arg] = keyword('vrrp_instance/priority').args.positional;
    expect(arg).toMatchObject({ kind: 'integer', min: 1, max: 255 });
  });

  it('vrrp_instance/virtual_router_id is an integer 1..255', () => {
    const [arg] = keyword('vrrp_instance/virtual_router_id').args.positional;
    expect(arg).toMatchObject({ kind: 'integer', min: 1, max: 255 });
  });

  it('vrrp_instance/state is MASTER or BACKUP', () => {
    const [arg] = keyword('vrrp_instance/state').args.positional;
    expect(arg?.kind).toBe('enum');
    expect([...(arg?.values ?? [])].sort()).toEqual(['BACKUP', 'MASTER']);
    expect(arg?.caseInsensitive).toBeFalsy();
  });

  it('real_server weight is an integer', () => {
    const [arg] = keyword('virtual_server/real_server/weight').args.positional;
    expect(arg?.kind).toBe('integer');
    expect(arg?.min).toBe(0);
  });

  it('lb_kind offers NAT, DR and TUN', () => {
    const [arg] = keyword('virtual_server/lb_kind').args.positional;
    expect(arg?.kind).toBe('enum');
    expect(arg?.values).toEqual(expect.arrayContaining(['NAT', 'DR', 'TUN']));
  });

  it('advert_int is a decimal with timer precision', () => {
    const [arg] = keyword('vrrp_instance/advert_int').args.positional;
    expect(arg).toMatchObject({ kind: 'decimal', min: 0.01, max: 255, places: 6 });
  });

  it('vrrp_script interval and timeout take decimals from 2.3.2, whole seconds before', () => {
    for (const path of ['vrrp_script/interval', 'vrrp_script/timeout']) {
      const [arg] = keyword(path).args.positional;
      expect(argSpecAt(arg!, '2.4.3'), path).toMatchObject({ kind: 'decimal', min: 0.001, max: 4294, places: 3, zeroBecomes: 1 });
      expect(argSpecAt(arg!, '2.3.2'), path).toMatchObject({ kind: 'decimal' });
      expect(argSpecAt(arg!, '2.3.1'), path).toMatchObject({ kind: 'integer', min: 1, max: 4294, zeroBecomes: 1, leadingNumber: true });
      expect(argSpecAt(arg!, '2.2.7').newer, path).toBe(arg);
    }
  });

  it('vrrp_strict and vrrp_skip_check_adv_addr read their BOOL from 2.3.0; 2.2.7 ignores it and turns the flag on', () => {
    for (const path of ['global_defs/vrrp_strict', 'global_defs/vrrp_skip_check_adv_addr']) {
      const [arg] = keyword(path).args.positional;
      expect(argSpecAt(arg!, '2.3.0'), path).toMatchObject({ kind: 'boolean', optional: true });
      expect(argSpecAt(arg!, '2.3.0').ignored, path).toBeUndefined();
      expect(argSpecAt(arg!, '2.2.7').ignored, path).toMatch(/\S/);
    }
    // The instance's own keywords read their word in 2.2.7 already.
    expect(keyword('vrrp_instance/strict_mode').args.positional[0]?.older).toBeUndefined();
  });

  it('garp_group intervals go up to 4294.967295 s from 2.3.2, 2147.483647 s before', () => {
    for (const path of ['garp_group/garp_interval', 'garp_group/gna_interval']) {
      const [arg] = keyword(path).args.positional;
      expect(argSpecAt(arg!, '2.3.2').max, path).toBe(4294.967295);
      expect(argSpecAt(arg!, '2.3.1').max, path).toBe(2147.483647);
    }
  });

  it('vrrp_ipsets reads a sixth set from 2.3.0; use_vmac and use_ipvlan know name and group from 2.3.0', () => {
    const sets = keyword('global_defs/vrrp_ipsets').args;
    expect(sets.positional).toHaveLength(6);
    expect(argSpecAt(sets.positional[5]!, '2.2.7').ignored).toMatch(/\S/);
    expect(argSpecAt(sets.positional[4]!, '2.2.7').ignored).toBeUndefined();
    expect(Object.keys(keyword('vrrp_instance/use_vmac').args.optionsSince ?? {}).sort()).toEqual(['group', 'name', 'netlink_notify_msg']);
    expect(Object.keys(keyword('vrrp_instance/use_ipvlan').args.optionsSince ?? {}).sort()).toEqual(['group', 'name']);
  });

  it('smtp_server takes an IP address or a host name', () => {
    const pattern = new RegExp(keyword('global_defs/smtp_server').args.positional[0]!.pattern!);
    for (const ok of ['mail.example.com', '10.1.8.25', '2001:db8::25', 'smtp-relay_1']) expect(ok).toMatch(pattern);
    for (const bad of ['<smtp.domain.com>', '**', '$SMTP']) expect(bad).not.toMatch(pattern);
  });

  it('umask knows IRWXU, IRWXG and IRWXO from 2.2.8', () => {
    const [arg] = keyword('global_defs/umask').args.positional;
    expect(arg).toMatchObject({ kind: 'bitmask', min: 0, max: 0o777 });
    expect(arg?.values).toEqual(expect.arrayContaining(['IRWXU', 'IRWXG', 'IRWXO', 'IWOTH']));
    expect(argSpecAt(arg!, '2.2.7').values).not.toContain('IRWXU');
    expect(argSpecAt(arg!, '2.2.7').values).toContain('IWOTH');
  });

  it('multicast groups: any group for vrrp_mcast_group4, link-local IPv6 for mcast_dst_ip', () => {
    expect(keyword('global_defs/vrrp_mcast_group4').args.positional[0]?.multicast).toBe('any');
    expect(keyword('global_defs/vrrp_mcast_group6').args.positional[0]?.multicast).toBe('link-local-advised');
    expect(keyword('vrrp_instance/mcast_dst_ip').args.positional[0]?.multicast).toBe('link-local');
    expect(keyword('global_defs/lvs_sync_daemon').args.options?.group?.multicast).toBe('any');
  });

  it('auth_pass mentions the 8-character limit', () => {
    expect(keyword('vrrp_instance/authentication/auth_pass').description).toMatch(/8/);
  });

  it('notify scripts are commands', () => {
    expect(keyword('vrrp_instance/notify_master').command).toBe(true);
    expect(keyword('vrrp_script/script').command).toBe(true);
    expect(keyword('virtual_server/real_server/MISC_CHECK/misc_path').command).toBe(true);
  });

  it('opens repeatable blocks for instances, servers and checkers', () => {
    for (const path of [
      'vrrp_instance',
      'virtual_server',
      'virtual_server/real_server',
      'virtual_server/real_server/TCP_CHECK',
      'virtual_server/real_server/HTTP_GET/url',
    ]) {
      expect(keyword(path).repeatable, path).toBe(true);
    }
    expect(keyword('vrrp_instance/priority').repeatable).toBe(false);
  });

  it('TCP_CHECK has no nb_get_retry but knows it as removed, replaced by retry', () => {
    expect(schema.child('virtual_server/real_server/TCP_CHECK', 'nb_get_retry')).toBeUndefined();
    expect(schema.child('virtual_server/real_server/TCP_CHECK', 'retry')).toBeDefined();
    const removed = schema.removedChild('virtual_server/real_server/TCP_CHECK', 'nb_get_retry');
    expect(removed?.replacement).toBe('retry');
  });

  it('HTTP_GET still accepts nb_get_retry as deprecated', () => {
    expect(keyword('virtual_server/real_server/HTTP_GET/nb_get_retry').deprecated?.replacement).toBe('retry');
  });

  it('knows nat_mask and lvs_id as removed', () => {
    expect(schema.removedChild('virtual_server', 'nat_mask')).toBeDefined();
    expect(schema.removedChild('global_defs', 'lvs_id')?.replacement).toBe('router_id');
  });
});

describe('value blocks whose items name definitions', () => {
  it('say what each item names', () => {
    expect(schema.get('vrrp_instance/track_script')?.items).toEqual({ name: 'track script', references: 'vrrp_script', definedBefore: true });
    expect(schema.get('vrrp_sync_group/group')?.items?.references).toBe('vrrp_instance');
    for (const k of schema.keywords) {
      if (!k.items) continue;
      expect(k.block, k.path).toBe('values');
      expect(schema.get(k.items.references)?.parent, k.path).toBe('root');
    }
  });
});
