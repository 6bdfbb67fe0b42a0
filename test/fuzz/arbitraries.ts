/**
 * Generators shared by the property tests and the long fuzz run (`npm run fuzz`): arbitrary
 * text, config-like text, configs generated from the keyword schema, and edits that break real
 * configs the way hands do.
 */
import fc from 'fast-check';
import { schema, ROOT, type ArgSpec, type KeywordSpec } from '@kalint/grammar';

/** Any text: full unicode (astral characters), lone surrogates, control characters, NULs. */
export function anyText(maxLength = 400): fc.Arbitrary<string> {
  return fc.oneof(
    fc.string({ unit: 'binary', maxLength }),
    fc.string({ unit: 'binary-ascii', maxLength }),
    // UTF-16 code units one by one: lone surrogates and the BMP's odd corners.
    fc.array(fc.integer({ min: 0, max: 0xffff }), { maxLength }).map((units) => String.fromCharCode(...units)),
  );
}

/** Fragments keepalived configs are made of, so generated text reaches deep into the reader. */
export const fragment = fc.constantFrom(
  'vrrp_instance', 'VI_1', 'virtual_server', '10.0.0.1', '80', 'real_server', 'weight', 'priority', 'state',
  'MASTER', 'virtual_ipaddress', 'global_defs', 'router_id', 'include', '{', '}', '"', "'", '#', '!', '\\',
  '\\#', '$X', '${X}', '$X=1', '$M=a \\', '@main', '@^main', '~SEQ(i, 1, 3)', '~LST(v, a, b)', '${_HASH}',
  ' ', ' ', '\t', '\n', '\n', '\r\n', '\u0000', 'é', '😀',
);

/** Config-like text: keepalived's words, braces, quotes, comments and preprocessor constructs in any order. */
export function configLike(maxLength = 200): fc.Arbitrary<string> {
  return fc.array(fragment, { maxLength }).map((parts) => parts.join(''));
}

/** Generated configs: nested statements, value blocks, comments, odd spacing and brace styles (for the formatter). */
const layoutWord = fc.constantFrom('state', 'MASTER', 'priority', '100', 'interface', 'eth0', 'weight', '10.0.0.1/24', 'router_id', '"a b"', 'x"y z"', 'notify', '/bin/true');
const space = fc.constantFrom(' ', '  ', '\t', ' \t ');
const comment = fc.constantFrom('# note', '! bang', '#', '# kalint-disable weight-drift');
const layoutStatement: fc.Memo<string> = fc.memo((depth) =>
  fc.oneof(
    { depthSize: 'small' },
    fc.tuple(fc.array(layoutWord, { minLength: 1, maxLength: 4 }), space).map(([ws, s]) => ws.join(s)),
    fc.tuple(layoutWord, fc.option(comment)).map(([w, c]) => (c ? `${w} ${c}` : w)),
    depth > 0
      ? fc
          .tuple(layoutWord, fc.array(layoutStatement(depth - 1), { maxLength: 4 }), fc.constantFrom(' {\n', '\n{\n', ' { ', '{'), fc.constantFrom('\n}', ' }', '}\n\n'))
          .map(([w, body, open, close]) => `${w}${open}${body.join('\n')}${close}`)
      : layoutWord,
  ),
);
export const layoutConfig = fc
  .tuple(fc.array(layoutStatement(3), { maxLength: 8 }), fc.array(fc.constantFrom('\n', '\n\n', '\n  \n'), { minLength: 8, maxLength: 8 }))
  .map(([statements, gaps]) => statements.map((s, i) => s + gaps[i]).join(''));

/** A word for one argument of the schema's kind; now and then a wrong one, as configs have. */
export function argument(spec: ArgSpec): fc.Arbitrary<string> {
  const right = ((): fc.Arbitrary<string> => {
    switch (spec.kind) {
      case 'integer':
        return fc.integer({ min: spec.min ?? -5, max: Math.min(spec.max ?? 100_000, Number.MAX_SAFE_INTEGER) }).map(String);
      case 'decimal':
        return fc.double({ min: spec.min ?? 0, max: spec.max ?? 1000, noNaN: true, noDefaultInfinity: true }).map((d) => d.toFixed(spec.places ?? 2));
      case 'boolean':
        return fc.constantFrom('on', 'off', 'true', 'false', 'yes', 'no');
      case 'ipv4':
        return fc.ipV4();
      case 'ipv6':
        return fc.ipV6();
      case 'ip':
        return fc.oneof(fc.ipV4(), fc.ipV6());
      case 'cidr':
        return fc.tuple(fc.ipV4(), fc.integer({ min: 0, max: 32 })).map(([ip, bits]) => `${ip}/${bits}`);
      case 'port':
        return fc.integer({ min: 0, max: 65535 }).map(String);
      case 'interface':
        return fc.constantFrom('eth0', 'ens3', 'lo', 'bond0.100', 'br-lan');
      case 'enum':
        return spec.values && spec.values.length > 0 ? fc.constantFrom(...spec.values) : fc.constant('x');
      case 'path':
        return fc.constantFrom('/etc/keepalived/x.conf', '/var/run/k.pid', 'relative/path', '"/with space/f"');
      case 'script':
        return fc.constantFrom('/etc/keepalived/notify.sh', '"/usr/local/bin/check --fast"', '"/bin/sh -c true"');
      case 'name':
      case 'string':
        return fc.constantFrom('VI_1', 'chk_web', 'G1', 'ha1', '"a quoted string"', 'x');
      case 'bitmask':
        return fc.oneof(fc.constantFrom('022', '0177', '0x3f'), fc.subarray(spec.values ?? ['IWOTH'], { minLength: 1 }).map((bits) => bits.join('|')));
    }
  })();
  return fc.oneof({ weight: 9, arbitrary: right }, { weight: 1, arbitrary: fc.constantFrom('', 'bogus', '-1', '999999999999', '{', '"unterminated', '$X') });
}

/** The argument words of a keyword: its positional arguments (optional ones sometimes left out), options, rest. */
function argumentsOf(keyword: KeywordSpec): fc.Arbitrary<string[]> {
  const positional = keyword.args.positional.map((spec) => (spec.optional ? fc.option(argument(spec), { nil: '' }) : argument(spec)));
  const options = Object.entries(keyword.args.options ?? {}).map(([name, spec]) => (spec ? argument(spec).map((v) => `${name} ${v}`) : fc.constant(name)));
  const rest = keyword.args.rest ? fc.array(argument(keyword.args.rest), { maxLength: 3 }) : fc.constant([]);
  return fc.tuple(fc.tuple(...positional), options.length > 0 ? fc.subarray(options).chain((o) => fc.tuple(...o)) : fc.constant([]), rest).map(([p, o, r]) => [...p, ...o, ...r].filter((w) => w !== ''));
}

/** A statement valid in the block at `path` (value lines in a value block), nested up to `depth` more levels. */
function statementIn(path: string, kind: 'keywords' | 'values', depth: number): fc.Arbitrary<string> {
  if (kind === 'values') {
    return fc.oneof(fc.ipV4(), fc.tuple(fc.ipV4(), fc.integer({ min: 0, max: 32 })).map(([ip, b]) => `${ip}/${b} dev eth0`), fc.constantFrom('chk_web', 'VI_1', '10.0.0.1 weight 2'));
  }
  const children = schema.childrenOf(path);
  if (children.length === 0) return fc.constant('');
  return fc.constantFrom(...children).chain((keyword) =>
    fc.tuple(argumentsOf(keyword), keyword.block && depth > 0 ? fc.array(statementIn(keyword.path, keyword.block, depth - 1), { maxLength: 4 }) : fc.constant(null)).map(([args, body]) => {
      const head = [keyword.name, ...args].join(' ');
      if (!keyword.block) return head;
      return `${head} {\n${(body ?? []).map((line) => line.replace(/^/gm, '    ')).join('\n')}\n}`;
    }),
  );
}

/** A config built from the keyword schema: random nesting of valid blocks with arguments of their kinds. */
export function schemaConfig(depth = 3, maxStatements = 8): fc.Arbitrary<string> {
  return fc.array(statementIn(ROOT, 'keywords', depth), { maxLength: maxStatements }).map((statements) => statements.join('\n') + '\n');
}

/** One edit of `mutate`: where (a fraction of the length), what kind, and the character for insertions. */
export const corpusEdit = fc.record({
  at: fc.double({ min: 0, max: 0.999, noNaN: true }),
  kind: fc.nat(3),
  char: fc.constantFrom('{', '}', '"', '#', '$', '@', '\n', 'x', '\\', '\u0000', '~SEQ(', 'include '),
});
export type CorpusEdit = { at: number; kind: number; char: string };

/** Edits that break configs the way hands do: drop a character (often a brace), double one, insert noise, truncate. */
export function mutate(text: string, edits: readonly CorpusEdit[]): string {
  let out = text;
  for (const { at, kind, char } of edits) {
    const i = Math.floor(at * out.length);
    if (kind === 0) out = out.slice(0, i) + out.slice(i + 1);
    else if (kind === 1) out = out.slice(0, i) + (out[i] ?? '') + out.slice(i);
    else if (kind === 2) out = out.slice(0, i) + char + out.slice(i);
    else out = out.slice(0, i);
  }
  return out;
}
