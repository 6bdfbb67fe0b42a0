// Configs for the oracle, generated with fast-check from a fixed seed (so the regular test is deterministic):
//  * `schema`: a working vrrp_instance / virtual_server skeleton plus keywords drawn from the schema, with
//    arguments drawn from their ArgSpec (kinds, ranges, enums, options), inside the blocks the schema puts them in;
//  * `mutation`: a corpus config with one mistake: a dropped or doubled brace, a misspelled keyword, a keyword
//    moved into another block, an out-of-range or wrong-kind number, a deprecated or removed keyword.

import fc from 'fast-check';
import { schema } from '@kalint/grammar';

const IFACES = ['eth0', 'eth1', 'ens33', 'bond0'];
const WORDS = ['web', 'db', 'VI_1', 'chk', 'alpha', 'x1'];

/** Skip keywords whose mere presence makes keepalived depend on the machine or stop early. */
function usable(k) {
  if (!k.in227) return false; // the oracle is 2.2.7; version skew is tested by keyword-version's own table
  if (k.command) return false; // scripts: results depend on files and users of the machine
  if (k.args.min > k.args.positional.length) return false;
  if (/net_namespace|instance$|^include|dynamic_interfaces|use_vmac|use_ipvlan|vrf|script_user|^user$|_dir$|file$|^notify|^snmp|^dbus|fifo|cpu_affinity/.test(k.name)) return false; // CPU numbers are checked against this machine's CPUs
  return true;
}

function argArb(spec) {
  switch (spec.kind) {
    case 'integer': {
      const min = spec.min ?? 0;
      const max = spec.max ?? Math.max(min, 1000);
      return fc.integer({ min: Math.max(min, -1e9), max: Math.min(max, 1e9) }).map(String);
    }
    case 'decimal': {
      const min = spec.min ?? 0;
      const max = spec.max ?? 100;
      return fc.integer({ min: Math.ceil(min * 100), max: Math.floor(max * 100) }).map((n) => String(n / 100));
    }
    case 'boolean':
      return fc.constantFrom('true', 'false', 'on', 'off', 'yes', 'no');
    case 'ipv4':
    case 'ip':
      return fc.tuple(fc.integer({ min: 1, max: 223 }), fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 }), fc.integer({ min: 1, max: 254 })).map((a) => a.join('.'));
    case 'ipv6':
      return fc.integer({ min: 1, max: 0xffff }).map((n) => `fd00::${n.toString(16)}`);
    case 'cidr':
      return fc.tuple(fc.integer({ min: 1, max: 223 }), fc.integer({ min: 0, max: 255 }), fc.integer({ min: 8, max: 32 })).map(([a, b, p]) => `10.${a}.${b}.1/${p}`);
    case 'port':
      return fc.integer({ min: 1, max: 65535 }).map(String);
    case 'interface':
      return fc.constantFrom(...IFACES);
    case 'enum':
      return spec.values && spec.values.length > 0 ? fc.constantFrom(...spec.values) : fc.constantFrom(...WORDS);
    default:
      return fc.constantFrom(...WORDS);
  }
}

/** One keyword line with arguments drawn from its spec (positional ones, sometimes an option). */
function lineArb(k) {
  const positional = k.args.positional.filter((p, i) => !p.optional || i < k.args.min);
  const options = Object.entries(k.args.options ?? {});
  const opt = options.length > 0 ? fc.option(fc.constantFrom(...options), { nil: undefined }) : fc.constant(undefined);
  return fc.tuple(fc.tuple(...positional.map(argArb)), opt).chain(([args, option]) => {
    if (!option) return fc.constant([k.name, ...args].join(' '));
    const [word, spec] = option;
    return (spec ? argArb(spec) : fc.constant('')).map((v) => [k.name, ...args, word, v].filter(Boolean).join(' '));
  });
}

function scalarChildren(path) {
  return schema.childrenOf(path).filter((k) => !k.block && usable(k));
}

function extrasArb(path, max) {
  const children = scalarChildren(path);
  if (children.length === 0) return fc.constant([]);
  return fc.uniqueArray(fc.constantFrom(...children), { maxLength: max, selector: (k) => k.name }).chain((ks) => (ks.length === 0 ? fc.constant([]) : fc.tuple(...ks.map(lineArb))));
}

const indent = (lines, n) => lines.map((l) => ' '.repeat(n) + l);

/** A working config with extra keywords drawn from the schema. */
export const schemaConfigArb = fc
  .tuple(extrasArb('global_defs', 3), extrasArb('vrrp_instance', 4), extrasArb('virtual_server', 3), extrasArb('virtual_server/real_server', 2), extrasArb('virtual_server/real_server/TCP_CHECK', 2), fc.integer({ min: 1, max: 255 }), fc.constantFrom(...IFACES), fc.boolean())
  .map(([globals, vrrp, vs, rs, tcp, vrid, iface, withVs]) => {
    const lines = ['global_defs {', '    router_id oracle', ...indent(globals, 4), '}', ''];
    lines.push('vrrp_instance VI_1 {', '    state BACKUP', `    interface ${iface}`, `    virtual_router_id ${vrid}`, '    priority 100', '    advert_int 1');
    lines.push(...indent(vrrp, 4), '    virtual_ipaddress {', '        192.168.200.16/24', '    }', '}', '');
    if (withVs) {
      lines.push('virtual_server 192.168.200.16 80 {', '    delay_loop 6', '    lb_algo rr', '    lb_kind NAT', '    protocol TCP', ...indent(vs, 4));
      lines.push('    real_server 10.0.0.11 80 {', '        weight 1', ...indent(rs, 8), '        TCP_CHECK {', '            connect_timeout 3', ...indent(tcp, 12), '        }', '    }', '}', '');
    }
    return lines.join('\n');
  });

const KEYWORD_LINE = /^(\s*)([A-Za-z_][A-Za-z0-9_]*)(\s|$)/;

/** One mistake in a corpus text. */
function mutationArb(texts) {
  return fc.record({ file: fc.integer({ min: 0, max: texts.length - 1 }), kind: fc.constantFrom('drop-brace', 'double-brace', 'misspell', 'case', 'misplace', 'out-of-range', 'wrong-kind', 'deprecated'), pick: fc.nat(), pick2: fc.nat() }).map(({ file, kind, pick, pick2 }) => {
    const { name, text } = texts[file];
    const lines = text.split('\n');
    const at = (pred) => {
      const idx = lines.map((l, i) => (pred(l) ? i : -1)).filter((i) => i >= 0);
      return idx.length === 0 ? -1 : idx[pick % idx.length];
    };
    let i = -1;
    switch (kind) {
      case 'drop-brace': {
        i = at((l) => /[{}]/.test(l.replace(/[#!].*/, '')));
        if (i >= 0) {
          const want = pick2 % 2 ? '}' : '{';
          lines[i] = lines[i].replace(lines[i].includes(want) ? want : want === '{' ? '}' : '{', ' ');
        }
        break;
      }
      case 'double-brace':
        i = at((l) => /[{}]/.test(l.replace(/[#!].*/, '')));
        if (i >= 0) lines[i] = lines[i].replace(/[{}]/, (b) => `${b} ${b}`);
        break;
      case 'misspell':
        i = at((l) => KEYWORD_LINE.test(l) && l.trim().length > 3);
        if (i >= 0) lines[i] = lines[i].replace(KEYWORD_LINE, (_, sp, kw, end) => `${sp}${kw.length > 3 ? kw.slice(0, 1) + kw.slice(2, 3) + kw.slice(1, 2) + kw.slice(3) : kw + 'x'}${end}`);
        break;
      case 'case':
        i = at((l) => KEYWORD_LINE.test(l));
        if (i >= 0) lines[i] = lines[i].replace(KEYWORD_LINE, (_, sp, kw, end) => `${sp}${kw.toUpperCase() === kw ? kw.toLowerCase() : kw.toUpperCase()}${end}`);
        break;
      case 'misplace': {
        // Move a keyword line without braces into another block (right after another line that opens a block).
        i = at((l) => KEYWORD_LINE.test(l) && !/[{}]/.test(l));
        const j = at((l) => /\{\s*$/.test(l));
        if (i >= 0 && j >= 0 && i !== j) {
          const [moved] = lines.splice(i, 1);
          lines.splice(j < i ? j + 1 : j, 0, moved);
          i = j < i ? j + 1 : j;
        } else i = -1;
        break;
      }
      case 'out-of-range':
        i = at((l) => KEYWORD_LINE.test(l) && /\s\d+\s*$/.test(l));
        if (i >= 0) lines[i] = lines[i].replace(/\d+(\s*)$/, `${['-1', '0', '256', '65536', '4294967296', '99999999999'][pick2 % 6]}$1`);
        break;
      case 'wrong-kind':
        i = at((l) => KEYWORD_LINE.test(l) && /\s\S+\s*$/.test(l) && !/[{}]/.test(l));
        if (i >= 0) lines[i] = lines[i].replace(/\S+(\s*)$/, `${['abc', '1.5', '10.0.0.300', 'yes', '-', '0x10'][pick2 % 6]}$1`);
        break;
      case 'deprecated': {
        const renames = [
          [/\bretry\b/, 'nb_get_retry'],
          [/\bdelay_before_retry\b/, 'nb_sock_retry'],
          [/\bvirtual_router_id\b/, 'virtual_router_id'],
          [/\bstate MASTER\b/, 'state MASTER\n    lvs_sync_daemon_interface eth0'],
          [/\bnotification_email_from\b/, 'notification_email_from'],
          [/\bgarp_master_delay\b/, 'vrrp_garp_master_delay'],
          [/\bpersistence_timeout\b/, 'persistence_timeout'],
          [/\bvia\b/, 'gw'],
        ];
        const [re, to] = renames[pick2 % renames.length];
        i = at((l) => re.test(l));
        if (i >= 0) lines[i] = lines[i].replace(re, to);
        break;
      }
    }
    return { source: name, kind, line: i + 1, text: lines.join('\n') };
  });
}

/**
 * `count` configs from `seed`: about half built from the schema, half mutated corpus texts (`texts`: `{ name, text }`).
 * Returns `{ key, origin, text }`; the key `generated:SEED:INDEX` is what KNOWN-DIFFERENCES.md names. Without
 * texts (no corpus) every config is built from the schema, and the keys are `generated-schema-only:SEED:INDEX`: the
 * same index names another config then.
 */
export function generateConfigs({ count, seed, texts }) {
  if (count <= 0) return [];
  const half = texts.length > 0 ? Math.ceil(count / 2) : count;
  const schemaTexts = fc.sample(schemaConfigArb, { seed, numRuns: half });
  const mutated = texts.length > 0 ? fc.sample(mutationArb(texts), { seed: seed + 1, numRuns: count - half }) : [];
  return [
    ...schemaTexts.map((text) => ({ origin: 'schema', text })),
    ...mutated.map((m) => ({ origin: `${m.kind} of ${m.source}${m.line > 0 ? ` at line ${m.line}` : ''}`, text: m.text })),
  ].map((g, index) => ({ key: `${texts.length > 0 ? 'generated' : 'generated-schema-only'}:${seed}:${index}`, ...g }));
}
