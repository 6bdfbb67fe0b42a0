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
        if (spec.namedValues !== undefined) expect(spec.kind, where).toBe('integer');
        if (spec.pattern !== undefined) {
          expect(['string', 'name', 'path'], where).toContain(spec.kind);
          expect(() => new RegExp(spec.pattern!), where).not.toThrow();
          expect(spec.patternName, where).toBeTruthy();
        }
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
