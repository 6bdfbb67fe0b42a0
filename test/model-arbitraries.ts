/**
 * Generators for the model's property tests: configurations whose top-level blocks are the
 * things the model works out (global_defs, tracked-object definitions, sync groups, VRRP
 * instances, virtual servers), with right and wrong values mixed the way real files mix them, laid
 * out in any of the styles people write (indent, brace on its own line, blank lines, comments).
 * A configuration is a list of top-level blocks, so a test can cut it at block boundaries.
 */
import fc from 'fast-check';
import { posix } from 'node:path';
import type { IncludeHost } from '@kalint/parser';

/** A line of a block: a keyword line, a keyword block, a value block, or a line kept verbatim (no comment added). */
export type Line = string | { head: string; body: Line[] } | { head: string; items: string[] } | { raw: string };

/** How a block is laid out (what the formatter normalises). */
export interface Layout {
  indent: string;
  /** Before `{`: ` ` (same line), `\n` (own line), `` (glued), `  `. */
  open: string;
  /** Between top-level blocks. */
  gap: string;
  /** An end-of-line comment on keyword lines, or none. */
  comment: string | null;
  /** A comment line before each block, or none. */
  banner: string | null;
  trailing: string;
}

export const layout: fc.Arbitrary<Layout> = fc.record({
  indent: fc.constantFrom('    ', '  ', '\t', '', ' \t', '        '),
  open: fc.constantFrom(' ', ' ', '\n', '', '  '),
  gap: fc.constantFrom('\n', '\n\n', '\n\n\n', '\n  \n'),
  comment: fc.constantFrom(null, null, '# note', '! bang'),
  banner: fc.constantFrom(null, '# ----', '!'),
  trailing: fc.constantFrom('', '', ' ', '\t'),
});

/** A top-level block as text, laid out. */
export function render(line: Line, style: Layout, depth = 0): string {
  const pad = style.indent.repeat(depth);
  if (typeof line === 'string') return `${pad}${line}${style.comment ? ` ${style.comment}` : ''}${style.trailing}`;
  if ('raw' in line) return `${pad}${line.raw}`;
  const open = style.open === '\n' ? `\n${pad}{` : `${style.open}{`;
  const inner = 'body' in line ? line.body.map((l) => render(l, style, depth + 1)) : line.items.map((item) => `${style.indent.repeat(depth + 1)}${item}${style.trailing}`);
  return [`${pad}${line.head}${open}`, ...inner, `${pad}}`].join('\n');
}

/** A configuration: its top-level blocks, laid out, joined. */
export function configText(blocks: readonly Line[], style: Layout): string {
  return blocks.map((b) => (style.banner ? `${style.banner}\n` : '') + render(b, style)).join(style.gap) + '\n';
}

// Small pools, so that names meet their definitions and addresses repeat across instances.
const scriptNames = ['chk_web', 'chk_db', 'chk_missing'];
const fileNames = ['tf_a', 'tf_b'];
const processNames = ['nginx', 'haproxy'];
const bfdNames = ['bfd_a', 'bfd_b'];
const instanceNames = ['VI_1', 'VI_2', 'VI_3'];

const ipv4 = fc.constantFrom('10.0.0.1', '10.0.0.2', '10.0.0.3', '10.0.1.100', '192.168.1.10', '192.168.1.11', '172.16.0.5');
const ipv6 = fc.constantFrom('2001:db8::1', '2001:DB8::2', 'fe80::1', '2001:db8:0:0::10', 'fd00::a');
const ip = fc.oneof({ weight: 3, arbitrary: ipv4 }, { weight: 1, arbitrary: ipv6 });
const bogus = fc.constantFrom('bogus', 'x', '-1', '999999', '1.5.', '');

function oneOf<T>(right: fc.Arbitrary<T>, wrong: fc.Arbitrary<T>, wrongWeight = 1): fc.Arbitrary<T> {
  return fc.oneof({ weight: 6, arbitrary: right }, { weight: wrongWeight, arbitrary: wrong });
}

const line = (keyword: string, word: fc.Arbitrary<string>): fc.Arbitrary<string> => word.map((w) => (w === '' ? keyword : `${keyword} ${w}`));

const boolWord = fc.constantFrom('', 'on', 'off', 'true', 'false', 'yes', 'no', 'maybe');
const weightWord = fc.integer({ min: -260, max: 260 }).map(String);
const trackItem = (names: readonly string[]): fc.Arbitrary<string> =>
  fc
    .tuple(fc.constantFrom(...names), fc.option(fc.tuple(oneOf(weightWord, bogus), fc.constantFrom('', '', 'reverse', 'noreverse')), { freq: 2 }))
    .map(([name, weight]) => (weight ? `${name} weight ${weight[0]}${weight[1] ? ` ${weight[1]}` : ''}`.trimEnd() : name));

const vipItem = fc.oneof(
  ip,
  fc.tuple(ipv4, fc.integer({ min: 8, max: 32 })).map(([a, p]) => `${a}/${p}`),
  fc.tuple(ipv4, fc.integer({ min: 8, max: 32 })).map(([a, p]) => `${a}/${p} dev eth0`),
  fc.tuple(ipv6, fc.integer({ min: 48, max: 128 })).map(([a, p]) => `${a}/${p}`),
  fc.constantFrom('10.0.0.300', 'not-an-address'),
);

/** A line of a `vrrp_instance` block: every keyword the model reads, right and wrong values. */
const instanceLine: fc.Arbitrary<Line> = fc.oneof(
  line('state', oneOf(fc.constantFrom('MASTER', 'BACKUP'), fc.constantFrom('master', 'bogus'))),
  line('interface', fc.constantFrom('eth0', 'eth1', 'bond0')),
  line('virtual_router_id', oneOf(fc.integer({ min: 1, max: 255 }).map(String), fc.constantFrom('0', '256', 'x', '51.0'))),
  line('priority', oneOf(fc.constantFrom('1', '50', '100', '150', '254', '255'), fc.constantFrom('0', '256', '100.5', '-1', 'high'))),
  line('advert_int', oneOf(fc.constantFrom('1', '2', '0.5', '0.01', '3.33'), fc.constantFrom('0', '256', '1.234', 'x'))),
  fc.constantFrom('nopreempt', 'preempt', 'native_ipv6'),
  line('preempt_delay', oneOf(fc.constantFrom('0', '5', '300', '0.5', '1000'), fc.constantFrom('1001', 'x', '-2'))),
  line('strict_mode', boolWord),
  line('version', fc.constantFrom('2', '3', '4')),
  fc
    .tuple(fc.option(fc.constantFrom('PASS', 'AH', 'NONE')), fc.option(fc.constantFrom('secret', 'longpassword123', '"a b"', 'pässwörd1')))
    .map(([type, pass]): Line => ({ head: 'authentication', body: [...(type ? [`auth_type ${type}`] : []), ...(pass ? [`auth_pass ${pass}`] : [])] })),
  fc.array(vipItem, { maxLength: 4 }).map((items): Line => ({ head: 'virtual_ipaddress', items })),
  fc.array(vipItem, { maxLength: 2 }).map((items): Line => ({ head: 'virtual_ipaddress_excluded', items })),
  line('unicast_src_ip', ip),
  fc.array(oneOf(ip, fc.constantFrom('nowhere')), { maxLength: 3 }).map((items): Line => ({ head: 'unicast_peer', items })),
  line('mcast_src_ip', ip),
  line('mcast_dst_ip', oneOf(fc.constantFrom('224.0.0.18', '224.0.0.19', 'ff02::12', 'FF02::13'), fc.constantFrom('bogus'))),
  fc.array(trackItem(scriptNames), { maxLength: 3 }).map((items): Line => ({ head: 'track_script', items })),
  fc.array(trackItem(['eth0', 'eth1']), { maxLength: 2 }).map((items): Line => ({ head: 'track_interface', items })),
  fc.array(trackItem(fileNames), { maxLength: 2 }).map((items): Line => ({ head: 'track_file', items })),
  fc.array(trackItem(processNames), { maxLength: 2 }).map((items): Line => ({ head: 'track_process', items })),
  fc.array(trackItem(bfdNames), { maxLength: 2 }).map((items): Line => ({ head: 'track_bfd', items })),
  // The preprocessor: `$NAME` references (defined or not), `@id` lines (no config id: `@^id` on,
  // `@id` off), `~SEQ` lines.
  fc.constantFrom<Line>('priority $PRIO', 'interface $IF', 'state $STATE', '@^main priority 90', '@main priority 10', '@^main state MASTER', 'virtual_router_id $VRID'),
  fc.constantFrom<Line>(
    { head: 'virtual_ipaddress', items: ['$VIP/24', '~SEQ(i, 1, 3) 10.0.2.$i/24'] },
    { head: 'unicast_peer', items: ['~LST(p, 10.0.0.2, 10.0.0.3) $p'] },
    { head: 'track_script', items: ['$CHK weight 5'] },
  ),
);

/** Definitions of the names instance lines refer to (a reference to an undefined name stays as written). */
const definitionLine: fc.Arbitrary<Line> = fc
  .constantFrom('$PRIO=150', '$PRIO=255', '$IF=eth1', '$STATE=MASTER', '$VRID=77', '$VIP=10.0.1.100', '$CHK=chk_web', '$PRIO=bogus')
  .map((raw) => ({ raw }));

const instance: fc.Arbitrary<Line> = fc
  .tuple(fc.constantFrom(...instanceNames), fc.array(instanceLine, { maxLength: 14 }))
  .map(([name, body]) => ({ head: `vrrp_instance ${name}`, body }));

const globalDefs: fc.Arbitrary<Line> = fc
  .array(
    fc.oneof(
      line('router_id', fc.constantFrom('lb1', 'lb2')),
      line('vrrp_strict', boolWord),
      line('vrrp_version', fc.constantFrom('2', '3', '4')),
      line('vrrp_mcast_group4', oneOf(fc.constantFrom('224.0.0.18', '224.0.0.20'), fc.constantFrom('ff02::12', 'bogus'))),
      line('vrrp_mcast_group6', oneOf(fc.constantFrom('ff02::12', 'FF02::21'), fc.constantFrom('224.0.0.18'))),
      fc.constantFrom('enable_script_security', 'script_user root'),
    ),
    { maxLength: 6 },
  )
  .map((body) => ({ head: 'global_defs', body }));

const weightLine = fc
  .tuple(oneOf(weightWord, bogus), fc.constantFrom('', '', 'reverse'))
  .map(([w, r]) => `weight ${w}${r ? ` ${r}` : ''}`.trimEnd());

const definition: fc.Arbitrary<Line> = fc.oneof(
  fc
    .tuple(fc.constantFrom(...scriptNames), fc.array(fc.oneof({ weight: 2, arbitrary: weightLine }, { weight: 1, arbitrary: fc.constantFrom('script "/bin/true"', 'interval 2', 'fall 2') }), { maxLength: 3 }))
    .map(([name, body]) => ({ head: `vrrp_script ${name}`, body })),
  fc
    .tuple(fc.constantFrom('track_file', 'vrrp_track_file'), fc.constantFrom(...fileNames), fc.array(fc.oneof(weightLine, fc.constant('file /var/run/ka')), { maxLength: 3 }))
    .map(([keyword, name, body]) => ({ head: `${keyword} ${name}`, body })),
  fc
    .tuple(fc.constantFrom(...processNames), fc.array(fc.oneof(weightLine, fc.constant('process nginx')), { maxLength: 3 }))
    .map(([name, body]) => ({ head: `vrrp_track_process ${name}`, body })),
  fc
    .tuple(fc.constantFrom(...bfdNames), fc.array(fc.oneof(weightLine, fc.constant('neighbor_ip 10.0.0.9')), { maxLength: 3 }))
    .map(([name, body]) => ({ head: `bfd_instance ${name}`, body })),
);

const syncGroup: fc.Arbitrary<Line> = fc
  .tuple(fc.constantFrom('G1', 'G2'), fc.subarray(instanceNames), fc.boolean())
  .map(([name, members, weight]) => ({ head: `vrrp_sync_group ${name}`, body: [{ head: 'group', items: members }, ...(weight ? ['sync_group_tracking_weight'] : [])] }));

const scheduler = oneOf(fc.constantFrom('rr', 'wrr', 'lc', 'wlc', 'sh', 'mh', 'dh', 'fo'), fc.constantFrom('bogus'));
const method = oneOf(fc.constantFrom('NAT', 'DR', 'TUN', 'dr'), fc.constantFrom('bogus'));

const realServer: fc.Arbitrary<Line> = fc
  .tuple(
    ip,
    fc.option(fc.constantFrom('80', '443', '8080')),
    fc.array(
      fc.oneof(
        line('weight', oneOf(fc.constantFrom('0', '1', '3', '100'), fc.constantFrom('-1', 'x', '2.5'))),
        line('lvs_method', method),
        line('lb_kind', method),
        fc.constant<Line>({ head: 'TCP_CHECK', body: ['connect_timeout 3'] }),
        fc.constant<Line>({ head: 'HTTP_GET', body: [{ head: 'url', body: ['path /', 'status_code 200'] }] }),
      ),
      { maxLength: 4 },
    ),
  )
  .map(([address, port, body]) => ({ head: `real_server ${address}${port ? ` ${port}` : ''}`, body }));

const virtualServer: fc.Arbitrary<Line> = fc
  .tuple(
    fc.oneof(
      fc.tuple(ip, fc.constantFrom('80', '443')).map(([a, p]) => `${a} ${p}`),
      fc.constantFrom('fwmark 1', 'fwmark 7', 'group VSG'),
    ),
    fc.array(
      fc.oneof(
        line('lb_algo', scheduler),
        line('lvs_sched', scheduler),
        line('lb_kind', method),
        line('lvs_method', method),
        line('protocol', oneOf(fc.constantFrom('TCP', 'UDP', 'SCTP', 'tcp'), fc.constantFrom('ICMP'))),
        line('delay_loop', oneOf(fc.constantFrom('6', '10', '0.5'), fc.constantFrom('x', '-3'))),
        fc.constantFrom('persistence_timeout 50', 'quorum 1'),
        realServer,
      ),
      { maxLength: 7 },
    ),
  )
  .map(([target, body]) => ({ head: `virtual_server ${target}`, body }));

/** Top-level blocks of a configuration the model reads in full. */
export const modelBlocks: fc.Arbitrary<Line[]> = fc.array(
  fc.oneof(
    { weight: 1, arbitrary: globalDefs },
    { weight: 2, arbitrary: definition },
    { weight: 1, arbitrary: syncGroup },
    { weight: 4, arbitrary: instance },
    { weight: 2, arbitrary: virtualServer },
    { weight: 1, arbitrary: definitionLine },
  ),
  { maxLength: 8 },
);

/**
 * Where the blocks of a configuration go: `cut[i]` starts a new part before block i; each part
 * stays in the main file or moves to an included file, named one of several ways.
 */
export const split = fc.record({
  cut: fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }),
  how: fc.array(fc.constantFrom('inline', 'relative', 'absolute', 'glob', 'nested', 'inner'), { minLength: 9, maxLength: 9 }),
});
export type Split = { cut: boolean[]; how: Array<'inline' | 'relative' | 'absolute' | 'glob' | 'nested' | 'inner'> };

export const MAIN = '/etc/keepalived/keepalived.conf';

/**
 * The configuration as a main file with `include` lines and the files they read: the blocks in
 * their order, each part either in the main file or in included files (one file; a glob over one
 * file per block; a file that includes another for its second half), or with the body of each of
 * its blocks in a file included inside the block.
 */
export function splitConfig(blocks: readonly Line[], style: Layout, { cut, how }: Split): Record<string, string> {
  const parts: Line[][] = [];
  blocks.forEach((block, i) => {
    if (i === 0 || cut[i % cut.length]) parts.push([]);
    parts[parts.length - 1]!.push(block);
  });
  const files: Record<string, string> = {};
  const main: string[] = [];
  parts.forEach((part, p) => {
    const kind = how[p % how.length]!;
    const text = configText(part, style);
    switch (kind) {
      case 'inline':
        main.push(text);
        break;
      case 'relative':
        files[`/etc/keepalived/conf.d/part${p}.conf`] = text;
        main.push(`include conf.d/part${p}.conf\n`);
        break;
      case 'absolute':
        files[`/srv/ka/part${p}.conf`] = text;
        main.push(`include /srv/ka/part${p}.conf\n`);
        break;
      case 'glob':
        // One file per block; glob order is name order (single digits keep it the block order).
        part.forEach((block, b) => (files[`/etc/keepalived/glob${p}/b${b}.conf`] = configText([block], style)));
        main.push(`include glob${p}/*.conf\n`);
        break;
      case 'nested': {
        const half = Math.ceil(part.length / 2);
        // Relative to the including file's directory: `inner` sits next to `outer`.
        files[`/etc/keepalived/nest${p}/inner.conf`] = configText(part.slice(half), style);
        files[`/etc/keepalived/nest${p}/outer.conf`] = configText(part.slice(0, half), style) + 'include inner.conf\n';
        main.push(`include nest${p}/outer.conf\n`);
        break;
      }
      case 'inner':
        part.forEach((block, b) => {
          if (typeof block === 'string' || !('body' in block)) return main.push(configText([block], style));
          files[`/etc/keepalived/body/p${p}b${b}.conf`] = block.body.map((l) => render(l, style)).join('\n') + '\n';
          main.push(`${block.head} {\n${style.indent}include body/p${p}b${b}.conf\n}\n`);
        });
        break;
    }
  });
  files[MAIN] = main.join('');
  return files;
}

/** An in-memory file system for `include`: `*` and `?` globs, matches in name order. */
export function memoryHost(files: Readonly<Record<string, string>>): IncludeHost {
  return {
    expand(pattern, from) {
      const absolute = posix.resolve(from, pattern);
      const source = absolute.replace(/[.+^$()|\\{}[\]]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]');
      const re = new RegExp(`^${source}$`);
      return Object.keys(files)
        .filter((path) => re.test(path))
        .sort();
    },
    read(path) {
      const text = files[path];
      return text === undefined ? { error: `cannot read '${path}'` } : { text };
    },
  };
}
