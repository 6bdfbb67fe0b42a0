import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findStatements, parse } from '@kalint/parser';
import { keywords, memoryHost, only, outline, parsed } from './helpers.js';

const fixture = (name: string) => new URL(`../../../fixtures/${name}`, import.meta.url);

describe('the article pair', () => {
  const text = readFileSync(fixture('article-pair/ha1.conf'), 'utf8');
  const { ast, diagnostics } = parse(text, { file: 'ha1.conf' });

  it('parses without syntax errors', () => {
    expect(diagnostics).toEqual([]);
  });

  it('gives vrrp_instance web and its virtual_router_id exact ranges', () => {
    const instance = only(ast, 'vrrp_instance');
    expect(instance.type).toBe('Statement');
    expect(instance.args.map((w) => w.text)).toEqual(['web']);
    expect(instance.range.start).toEqual({ offset: text.indexOf('vrrp_instance web'), line: 6, character: 0 });
    expect(instance.range.end.line).toBe(19);
    expect(instance.block?.kind).toBe('keywords');

    const vrid = only(ast, 'vrrp_instance/virtual_router_id');
    expect(vrid.args.map((w) => w.text)).toEqual(['51']);
    expect(vrid.keyword.range).toEqual({
      start: { offset: text.indexOf('virtual_router_id'), line: 9, character: 4 },
      end: { offset: text.indexOf('virtual_router_id') + 17, line: 9, character: 21 },
    });
    expect(vrid.args[0]!.range.start).toEqual({ offset: text.indexOf(' 51') + 1, line: 9, character: 22 });
    expect(vrid.spec?.args.positional[0]).toMatchObject({ kind: 'integer', min: 1, max: 255 });
  });

  it('types every real_server with its weight', () => {
    const realServers = findStatements(ast, 'virtual_server/real_server');
    expect(realServers.map((rs) => rs.args.map((w) => w.text).join(' '))).toEqual(['10.1.8.11 80', '10.1.8.12 80', '10.1.8.13 80']);
    const weights = findStatements(ast, 'virtual_server/real_server/weight');
    expect(weights.map((w) => [w.args[0]!.text, w.range.start.line + 1])).toEqual([
      ['1', 29],
      ['2', 37],
      ['2', 45],
    ]);
    expect(weights[1]!.args[0]!.range.start.character).toBe(15);
  });

  it('keeps the leading comment', () => {
    expect(ast.comments.map((c) => [c.marker, c.raw, c.range.start.line])).toEqual([['!', '! Configuration File for keepalived', 0]]);
  });
});

describe('comments', () => {
  it('start anywhere with ! or #, but not inside double quotes or after a backslash', () => {
    const { ast, errors } = parsed(
      [
        'global_defs { # trailing',
        '  router_id ha1 ! trailing',
        '  notification_email_from "a#b@example.com"',
        '  smtp_helo_name a\\#b',
        '  router_id x#y',
        '}',
      ].join('\n'),
    );
    expect(errors).toEqual([]);
    expect(outline(ast)).toEqual(['global_defs', '  router_id ha1', '  notification_email_from a#b@example.com', '  smtp_helo_name a#b', '  router_id x']);
    expect(ast.comments.map((c) => c.raw)).toEqual(['# trailing', '! trailing', '#y']);
  });

  it('are not protected by single quotes', () => {
    const { ast } = parsed("vrrp_script s {\n  script '/bin/echo #x'\n}");
    expect(outline(ast)).toEqual(['vrrp_script s', "  script '/bin/echo"]);
  });
});

describe('braces and words', () => {
  it('reads the three brace styles alike', () => {
    const styles = ['global_defs {\n  router_id a\n}', 'global_defs\n{\n  router_id a\n}', 'global_defs { router_id a }'];
    for (const style of styles) {
      const { ast, errors } = parsed(style);
      expect(errors).toEqual([]);
      expect(outline(ast)).toEqual(['global_defs', '  router_id a']);
    }
  });

  it('reads several blocks on one line and inline value blocks', () => {
    const { ast, errors } = parsed('vrrp_instance A { virtual_ipaddress { 10.0.0.2/24 10.0.0.3/24 } state BACKUP }');
    expect(errors).toEqual([]);
    expect(outline(ast)).toEqual(['vrrp_instance A', '  virtual_ipaddress', '    = 10.0.0.2/24 10.0.0.3/24', '  state BACKUP']);
  });

  it('splits words at double quotes and keeps spaces inside them', () => {
    const { ast } = parsed('global_defs {\n  router_id abc"def ghi"\n}');
    const routerId = only(ast, 'global_defs/router_id');
    expect(routerId.args.map((w) => [w.text, w.quoted])).toEqual([
      ['abc', false],
      ['def ghi', true],
    ]);
  });

  it('leaves unknown and misplaced keywords to the linter', () => {
    const { ast, errors } = parsed('vrrp_instance A {\n  lb_algo rr\n  Priority 5\n}');
    expect(errors).toEqual([]);
    expect(findStatements(ast, 'vrrp_instance')[0]!.block!.body.map((n) => n.type === 'Statement' && [n.keyword.text, n.path])).toEqual([
      ['lb_algo', null],
      ['Priority', null],
    ]);
  });
});

describe('syntax errors', () => {
  it('reports an extra } where it stands', () => {
    expect(parsed('global_defs {\n}\n}\nvrrp_instance A {\n}').errors).toEqual(['3:1 extra-close-brace']);
  });

  it('blames the block whose } is missing, going by indentation', () => {
    const text = [
      'vrrp_instance web {',
      '    authentication {',
      '        auth_type PASS',
      '    virtual_ipaddress {',
      '        10.1.8.100/24',
      '    }',
      '}',
    ].join('\n');
    const { errors, diagnostics } = parsed(text);
    expect(errors).toEqual(['2:5 missing-close-brace']);
    expect(diagnostics[0]!.message).toContain('before line 4');
  });

  it('reports a block that runs to the end of the file', () => {
    expect(parsed('global_defs {\n  router_id a\n}\nvrrp_instance A {\n  state MASTER\n').errors).toEqual(['4:1 missing-close-brace']);
  });

  it('reports a block keyword without its {, reading the next lines as its body as keepalived does', () => {
    const { ast, errors } = parsed('global_defs\n  router_id x\n}\nvrrp_instance A {\n}');
    expect(errors).toEqual(['1:1 missing-open-brace']);
    expect(outline(ast)).toEqual(['global_defs', '  router_id x', 'vrrp_instance A']);
  });

  it('reports a value block whose { is missing', () => {
    const { errors, diagnostics } = parsed('vrrp_instance A {\n  track_interface ens33\n  virtual_ipaddress_excluded 10.1.8.200/24\n}');
    expect(errors).toEqual(['2:3 missing-open-brace']);
    expect(diagnostics[0]!.message).toContain("ignores 'ens33'");
  });

  it('reports an unterminated double quote', () => {
    expect(parsed('global_defs {\n  smtp_helo_name "unterminated\n}').errors).toEqual(['2:18 unterminated-quote']);
  });

  it('reports braces that single quotes do not protect', () => {
    const { errors, diagnostics } = parsed("vrrp_instance A {\n  notify_backup '/bin/echo {braces}'\n}");
    expect(errors).toEqual(['2:28 unexpected-block']);
    expect(diagnostics[0]!.message).toContain('double quotes');
  });
});

describe('includes', () => {
  const host = memoryHost({
    '/etc/keepalived/keepalived.conf': 'global_defs {\n  router_id a\n}\ninclude conf.d/*.conf\nvrrp_instance X {\n  include inst/{a,b}.conf\n}',
    '/etc/keepalived/conf.d/10-vs.conf': 'virtual_server 10.0.0.1 80 {\n  lb_kind DR\n}',
    '/etc/keepalived/conf.d/20-script.conf': 'vrrp_script chk {\n  script "/bin/true"\n}',
    '/etc/keepalived/inst/a.conf': 'state MASTER',
    '/etc/keepalived/inst/b.conf': 'priority 100',
  });

  it('follows globs relative to the including file, in glob order, into the enclosing block', () => {
    const main = '/etc/keepalived/keepalived.conf';
    const { ast, errors, files } = parsed(host.read(main) && (host.read(main) as { text: string }).text, { file: main, host });
    expect(errors).toEqual([]);
    expect(files).toEqual([main, '/etc/keepalived/conf.d/10-vs.conf', '/etc/keepalived/conf.d/20-script.conf', '/etc/keepalived/inst/a.conf', '/etc/keepalived/inst/b.conf']);
    expect(outline(ast)).toEqual([
      'global_defs',
      '  router_id a',
      'virtual_server 10.0.0.1 80',
      '  lb_kind DR',
      'vrrp_script chk',
      '  script /bin/true',
      'vrrp_instance X',
      '  state MASTER',
      '  priority 100',
    ]);
    const priority = only(ast, 'vrrp_instance/priority');
    expect([priority.file, priority.range.start.line]).toEqual(['/etc/keepalived/inst/b.conf', 0]);
    expect(ast.includes.map((i) => [i.pattern, i.files.length])).toEqual([
      ['conf.d/*.conf', 2],
      ['inst/{a,b}.conf', 2],
    ]);
  });

  it('reports an include cycle with its chain instead of looping', () => {
    const cyclic = memoryHost({ '/a.conf': 'include b.conf', '/b.conf': 'include a.conf' });
    const { diagnostics } = parsed('include a.conf', { file: '/main.conf', host: cyclic });
    expect(diagnostics.map((d) => [d.code, d.file, d.message])).toEqual([
      ['include-cycle', '/b.conf', 'include cycle: /a.conf -> /b.conf -> /a.conf'],
    ]);
  });

  it('warns when a pattern matches nothing', () => {
    expect(parsed('include missing/*.conf', { file: '/main.conf', host: memoryHost({}) }).errors).toEqual(['1:1 include-not-found']);
  });
});

describe('definitions and substitution', () => {
  it('substitutes $NAME and ${NAME}, leaves undefined names alone, and maps words to the reference', () => {
    const text = ['$IF=ens33', '$SUB=8', 'vrrp_instance A {', '  interface $IF', '  virtual_ipaddress {', '    10.1.${SUB}.100/24', '  }', '  notify "$UNSET"', '}'].join('\n');
    const { ast, errors } = parsed(text);
    expect(errors).toEqual([]);
    expect(outline(ast)).toEqual(['vrrp_instance A', '  interface ens33', '  virtual_ipaddress', '    = 10.1.8.100/24', '  notify $UNSET']);
    const iface = only(ast, 'vrrp_instance/interface').args[0]!;
    expect([iface.expansion, iface.range.start.line, iface.range.start.character, iface.range.end.character]).toEqual(['substitution', 3, 12, 15]);
    expect(ast.definitions.map((d) => [d.name, d.lines])).toEqual([
      ['IF', ['ens33']],
      ['SUB', ['8']],
    ]);
  });

  it('expands multi-line definitions where the reference ends the line', () => {
    const text = ['$INST= \\', 'vrrp_instance VI_${N} { \\', '    virtual_router_id ${N} \\', '}', '$N=1', '$INST', '$N=2', '$INST'].join('\n');
    const { ast, errors } = parsed(text);
    expect(errors).toEqual([]);
    expect(outline(ast)).toEqual(['vrrp_instance VI_1', '  virtual_router_id 1', 'vrrp_instance VI_2', '  virtual_router_id 2']);
    expect(findStatements(ast, 'vrrp_instance')[1]!.range.start.line).toBe(7);
  });

  it("reads the braces of an undefined ${NAME} as keepalived does: the '{' is ignored, the '}' closes the block", () => {
    const text = 'global_defs {\n    router_id ${UNDEFINED}\n    notification_email_from a@example.com\n}\nvrrp_script chk {\n}\n';
    const { ast, errors } = parsed(text);
    expect(outline(ast)).toEqual(['global_defs', '  router_id $', '  UNDEFINED', 'notification_email_from a@example.com', 'vrrp_script chk']);
    expect(errors).toEqual(['2:16 unexpected-block', '4:1 extra-close-brace']);
    // Reading is back in step after the block written around the reference: `{` after an unknown keyword is hung on it again.
    expect(outline(parsed(text + 'frobnicate {\n    x\n}\n').ast).slice(-2)).toEqual(['frobnicate', '  x']);
  });

  it("keeps reading braces as keepalived does until the blocks written around the reference are closed", () => {
    const text = 'vrrp_instance ${NAME} {\n    virtual_ipaddress {\n        10.0.0.${N}/24\n        10.0.0.2/24\n    }\n    priority 100\n}\n';
    const { ast, errors } = parsed(text);
    // The reference's `{` opens the block vrrp_instance waits for; the written `{` after it is ignored.
    expect(outline(ast)).toEqual(['vrrp_instance $', '  NAME', 'virtual_ipaddress', '10.0.0.$', 'N', '/24', '10.0.0.2/24', 'priority 100']);
    // As keepalived 2.2.7 reports them: "Unexpected '{'" at lines 1, 2 and 3, "Unknown keyword '}'" at lines 3, 5 and 7.
    expect(errors).toEqual(['1:23 unexpected-open-brace', '2:23 unexpected-block', '3:17 unexpected-block', '3:19 extra-close-brace', '5:5 extra-close-brace', '7:1 extra-close-brace']);
    // Inside a value block the reference's `{` is an item, as keepalived's value block reader takes it.
    const items = parsed('vrrp_instance A {\n    virtual_ipaddress {\n        10.0.0.${N}/24\n    }\n}\n').ast;
    expect(outline(items)).toEqual(['vrrp_instance A', '  virtual_ipaddress', '    = 10.0.0.$', '    = {', '    = N', '  /24']);
  });

  it('substitutes a definition only in the lines after it, and ${_ENV NAME} only from keepalived 2.4.0', () => {
    expect(outline(parsed('global_defs {\n    router_id ${RID}\n}\n$RID=lb1\nglobal_defs {\n    router_id ${RID}\n}\n').ast)).toEqual([
      'global_defs',
      '  router_id $',
      '  RID',
      'global_defs',
      '  router_id lb1',
    ]);
    const env = 'global_defs {\n    router_id ${_ENV HOME}\n}\n';
    expect(outline(parsed(env, { env: { HOME: '/root' } }).ast)).toEqual(['global_defs', '  router_id /root']);
    expect(outline(parsed(env, { env: { HOME: '/root' }, targetVersion: '2.4.0' }).ast)).toEqual(['global_defs', '  router_id /root']);
    expect(outline(parsed(env, { env: { HOME: '/root' }, targetVersion: '2.3.4' }).ast)).toEqual(['global_defs', '  router_id $', '  _ENV HOME']);
  });

  it('lets ${_HASH} start a comment outside quotes, as keepalived does', () => {
    const { ast } = parsed('vrrp_instance A {\n  priority 1${_HASH}2\n  notify "a${_HASH}b"\n}');
    expect(outline(ast)).toEqual(['vrrp_instance A', '  priority 1', '  notify a#b']);
  });

  it('reports a definition that refers to itself instead of hanging (keepalived hangs on it)', () => {
    expect(parsed('$A=$A\nglobal_defs {\n  router_id $A\n}').errors).toEqual(['3:3 substitution-loop']);
  });

  it('stops a growing substitution at keepalived\'s 1023-byte line limit and reads the line as substituted so far, as keepalived does', () => {
    const { ast, errors, diagnostics } = parsed('$A=$A x\nglobal_defs {\n  router_id $A\n}');
    expect(errors).toEqual(['3:3 substitution-too-long']);
    expect(diagnostics[0]!.message).toMatch(/^parameter substitution makes this line longer than keepalived's 1023-byte limit: keepalived stops substituting there/);
    const routerId = findStatements(ast, 'global_defs/router_id')[0]!;
    const line = ['router_id', ...routerId.args.map((w) => w.text)].join(' ');
    expect(routerId.args[0]!.text).toBe('$A');
    expect(routerId.args.slice(1).every((w) => w.text === 'x')).toBe(true);
    // One more `$A` -> `$A x` would pass 1023 bytes.
    expect(line.length).toBeLessThanOrEqual(1023);
    expect(line.length + 2).toBeGreaterThan(1023);
  });
});

describe('conditional lines', () => {
  const text = ['@main $PRIO=240', '@^main $PRIO=100', 'vrrp_instance A {', '  priority $PRIO', '  @backup state BACKUP', '  @main state MASTER', '  @main', '}'].join('\n');

  it('selects lines by config id', () => {
    expect(outline(parsed(text, { configId: 'main' }).ast)).toEqual(['vrrp_instance A', '  priority 240', '  state MASTER']);
    expect(outline(parsed(text, { configId: 'backup' }).ast)).toEqual(['vrrp_instance A', '  priority 100', '  state BACKUP']);
  });

  it('without a config id, keeps only @^id lines', () => {
    expect(outline(parsed(text).ast)).toEqual(['vrrp_instance A', '  priority 100']);
  });
});

describe('~SEQ and ~LST', () => {
  it('repeat the rest of the line, mapping each copy to the template', () => {
    const text = 'virtual_server 10.1.1.1 80 {\n  ~SEQ(R, 1, 3) real_server 10.2.2.${R} 80 { weight ${R} }\n}';
    const { ast, errors } = parsed(text);
    expect(errors).toEqual([]);
    const weights = findStatements(ast, 'virtual_server/real_server/weight');
    expect(weights.map((w) => w.args[0]!.text)).toEqual(['1', '2', '3']);
    expect(weights.every((w) => w.range.start.line === 1 && w.keyword.expansion === 'sequence')).toBe(true);
  });

  it('support steps, hex and value sets', () => {
    expect(outline(parsed('global_defs {\n~SEQ(I, 10, -5, 0) router_id r$I\n~SEQx(H, 14, 16) router_id h$H\n}').ast)).toEqual([
      'global_defs',
      '  router_id r10',
      '  router_id r5',
      '  router_id r0',
      '  router_id he',
      '  router_id hf',
      '  router_id h10',
    ]);
    expect(outline(parsed('global_defs {\n~LST({A, B}, {x, 1}, {y}) router_id ${A}-$B\n}').ast)).toEqual(['global_defs', '  router_id x-1', '  router_id y-']);
  });

  it('report an invalid sequence', () => {
    expect(parsed('~SEQ(I, 1, 0, 5) x').errors).toEqual(['1:1 invalid-sequence']);
  });
});

describe('the source view', () => {
  it('keeps includes, definitions and prefixes as written, for the formatter', () => {
    const text = '$X=1 # one\n@main include a.conf\nglobal_defs {\n  @^main router_id $X\n}\n';
    const { ast, errors } = parsed(text, { expand: false });
    expect(errors).toEqual([]);
    expect(ast.body.map((n) => n.type)).toEqual(['Definition', 'Include', 'Statement']);
    expect(ast.definitions[0]).toMatchObject({ name: 'X', lines: ['1'], raw: '$X=1 # one' });
    expect(ast.includes[0]).toMatchObject({ pattern: 'a.conf', prefixes: [{ kind: 'conditional', raw: '@main' }] });
    expect(outline(ast)).toEqual(['Definition', 'Include', 'global_defs', '  router_id $X']);
  });
});

describe('hostile input', () => {
  it('handles 100,000 nested blocks without overflowing the stack', () => {
    const depth = 100_000;
    const { ast, errors } = parsed("a {\n".repeat(depth) + "}\n".repeat(depth));
    expect(errors).toEqual([]);
    expect(keywords(ast)).toHaveLength(depth);
  });

  it('handles a 5 MB line', () => {
    const { errors } = parsed('global_defs {\n  router_id ' + 'x'.repeat(5_000_000) + '\n}');
    expect(errors).toEqual(['2:1 line-too-long']);
  });

  it('handles NUL bytes and binary noise', () => {
    const result = parse('\u0000\u0001{"\uFFFD}\r\n\u0000', { file: 'bin' });
    expect(result.ast.type).toBe('ConfigFile');
  });
});

describe('a backslash ending a line', () => {
  it('sticks to the word before it, as keepalived reads it', () => {
    const { ast } = parsed('global_defs {\n  router_id \\\n  ha1\n}');
    expect(outline(ast)).toEqual(['global_defs', '  router_id\\', '  ha1']);
  });

  it('is a word of its own when anything follows it on the line, a blank or a comment', () => {
    // keepalived 2.2.7: `vrrp_garp_master_delay \ # c` gives "invalid number '\'", and `\#5` is an
    // escaped `#`, not a comment.
    expect(outline(parsed('global_defs {\n  router_id x \\ # note\n}').ast)).toEqual(['global_defs', '  router_id x \\']);
    expect(outline(parsed('global_defs {\n  router_id x \\ \n}').ast)).toEqual(['global_defs', '  router_id x \\']);
    expect(outline(parsed('global_defs {\n  router_id \\#5\n}').ast)).toEqual(['global_defs', '  router_id #5']);
    // The `\r`s of a CRLF line end are not part of the line.
    expect(outline(parsed('global_defs {\r\n  router_id x \\\r\n}').ast)).toEqual(['global_defs', '  router_id x\\']);
  });
});

describe('line ends as keepalived reads them', () => {
  it('reads a lone carriage return as a blank between words, not as a line end', () => {
    // keepalived 2.2.7 reads this as one `priority` line (its extra words ignored): the second
    // `priority` is never a statement.
    const { ast, errors } = parsed('vrrp_instance VI_1 {\n  virtual_router_id 51\r priority 300\n  priority 100\n}\n');
    expect(errors).toEqual([]);
    expect(outline(ast)).toEqual(['vrrp_instance VI_1', '  virtual_router_id 51 priority 300', '  priority 100']);
    // Lines are counted at `\n`: the statement after the carriage return is on line 3.
    expect(only(ast, 'vrrp_instance/priority').range.start).toMatchObject({ line: 2, character: 2 });
  });

  it('ends a line at \\n with every \\r before it, so CRLF files read as LF files', () => {
    const { ast, errors } = parsed('global_defs {\r\n  router_id ha1\r\r\n  # note\r\n}\r\n');
    expect(errors).toEqual([]);
    expect(outline(ast)).toEqual(['global_defs', '  router_id ha1']);
    expect(only(ast, 'global_defs/router_id').args[0]!.range.end).toMatchObject({ line: 1, character: 15 });
    expect(ast.comments.map((c) => [c.raw, c.range.start.line])).toEqual([['# note', 2]]);
  });

  it('reads a directive only after spaces and tabs at the start of a line', () => {
    // keepalived 2.2.7: a form feed, vertical tab or carriage return before `@id` or `include` gives
    // "Unknown keyword '@x'" / "Unknown keyword 'includem'".
    const { ast } = parsed('global_defs {\n\f@x router_id a\n\r@^x router_id b\n \t@^x router_id c\n}\n');
    expect(outline(ast)).toEqual(['global_defs', '  @x router_id a', '  @^x router_id b', '  router_id c']);
  });

  it('ignores the rest of a line after a NUL byte, with a warning', () => {
    // keepalived 2.2.7 reads up to the NUL: the vrrp_script after it does not exist, and the `}` before
    // it closes the block.
    const { ast, errors } = parsed('global_defs {\n  router_id a\n}\0 vrrp_script chk { script /bin/true }\nvrrp_instance VI_1 {\n}\n');
    expect(outline(ast)).toEqual(['global_defs', '  router_id a', 'vrrp_instance VI_1']);
    expect(errors).toEqual(['3:2 nul-byte']);
    // Double quotes do not protect the rest: keepalived never sees the closing quote.
    const nul = parse('router_id "a\0b" c\n', { file: 'f' }).diagnostics;
    expect(nul.map((d) => [d.code, d.severity, d.range.start.character, d.range.end.character])).toEqual([
      ['unterminated-quote', 'error', 10, 12],
      ['nul-byte', 'warning', 12, 17],
    ]);
    expect(nul[1]!.message).toBe('a NUL byte: keepalived 2.2.7 ignores the rest of the line after it, later releases ignore the whole line');
  });

  it('reads a multi-line definition up to a NUL byte on each of its lines', () => {
    const { ast } = parsed('$M=a \\\0junk\n b\0 \\\n c\n', { expand: false });
    const definition = ast.body[0]!;
    expect(definition.type === 'Definition' && definition.lines).toEqual(['a', 'b']);
    expect(outline({ ...ast, body: ast.body.slice(1) })).toEqual(['c']);
  });
});
