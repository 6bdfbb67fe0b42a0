/**
 * keepalived's block dispatch played over logical lines, kalint's tree placed the same way, and
 * where the two first differ. The logical lines below are what keepalived's reader hands its
 * dispatch for the text beside them: braces split off as lines of their own, comments gone.
 */
import { describe, expect, it } from 'vitest';
import { parse, type IncludeHost } from '@kalint/parser';
import { contextsOf, differenceFromKeepalived, firstDifference, placeAsKalint, placeAsKeepalived, type LogicalLine, type PlacedLine } from '@kalint/linter';

/** Logical lines from `[line, 'words ...']` pairs. */
const lines = (...pairs: Array<[number, string]>): LogicalLine[] => pairs.map(([line, text]) => ({ line, words: text.split(' ') }));
/** `kind word @ within` for each placed line, for compact expectations. */
const show = (placed: PlacedLine[]) => placed.map((p) => `${p.line} ${p.kind} ${p.word} @ ${p.within.join('/')}`);

/** Issue 11, X1: a `{` on the line after a keyword that opens no block. */
const X1 =
  'vrrp_instance VI_1 {\n    lvs_sync_daemon_interface eth0\n{\n    # primary node\n    state MASTER\n    interface eth0\n' +
  '    virtual_router_id 51\n    priority 100\n    virtual_ipaddress {\n        10.0.0.1/24\n    }\n}\n';
const X1_LINES = lines(
  [1, 'vrrp_instance VI_1'],
  [1, '{'],
  [2, 'lvs_sync_daemon_interface eth0'],
  [3, '{'],
  [5, 'state MASTER'],
  [6, 'interface eth0'],
  [7, 'virtual_router_id 51'],
  [8, 'priority 100'],
  [9, 'virtual_ipaddress'],
  [9, '{'],
  [10, '10.0.0.1/24'],
  [11, '}'],
  [12, '}'],
);

describe('placeAsKeepalived: keepalived 2.2.7 block dispatch', () => {
  it("ignores a '{' after a keyword that opens no block, and reads its lines in the enclosing block (X1)", () => {
    expect(show(placeAsKeepalived(X1_LINES, '2.2.7'))).toEqual([
      '1 keyword vrrp_instance @ ',
      '2 keyword lvs_sync_daemon_interface @ vrrp_instance',
      '3 ignored { @ vrrp_instance',
      '5 keyword state @ vrrp_instance',
      '6 keyword interface @ vrrp_instance',
      '7 keyword virtual_router_id @ vrrp_instance',
      '8 keyword priority @ vrrp_instance',
      '9 keyword virtual_ipaddress @ vrrp_instance',
      '10 value 10.0.0.1/24 @ vrrp_instance/virtual_ipaddress',
    ]);
  });

  it("an unknown keyword opens no block: its lines stay at the level, its '}' closes the enclosing block or is an unknown keyword at the top", () => {
    const placed = placeAsKeepalived(lines([1, 'frobnicate'], [1, '{'], [2, 'foo bar'], [3, '}'], [4, 'global_defs'], [4, '{'], [5, 'tcp_check'], [5, '{'], [6, '}'], [7, 'router_id a'], [8, '}']), 'newer');
    expect(show(placed)).toEqual([
      '1 keyword frobnicate @ ',
      '1 ignored { @ ',
      '2 keyword foo @ ',
      '3 keyword } @ ',
      '4 keyword global_defs @ ',
      '5 keyword tcp_check @ global_defs',
      '5 ignored { @ global_defs',
      '7 keyword router_id @ ',
      '8 keyword } @ ',
    ]);
  });

  it("a keyword block without its '{' reads the next lines as its body anyway", () => {
    expect(show(placeAsKeepalived(lines([1, 'global_defs'], [2, 'router_id a'], [3, '}'], [4, 'vrrp_script chk']), '2.2.7'))).toEqual([
      '1 keyword global_defs @ ',
      '2 keyword router_id @ global_defs',
      '4 keyword vrrp_script @ ',
    ]);
  });

  it("a value block without its '{' reads items up to the next '}', even the enclosing block's", () => {
    const placed = placeAsKeepalived(
      lines([1, 'vrrp_instance A'], [1, '{'], [2, 'track_interface eth0'], [3, 'virtual_ipaddress_excluded 10.1.8.200/24'], [4, '}'], [5, 'vrrp_instance B'], [5, '{'], [6, '}']),
      '2.2.7',
    );
    expect(show(placed)).toEqual([
      '1 keyword vrrp_instance @ ',
      '2 keyword track_interface @ vrrp_instance',
      '3 value virtual_ipaddress_excluded @ vrrp_instance/track_interface',
      // Still inside A, where vrrp_instance is no keyword: its '{' is ignored, its '}' closes A.
      '5 keyword vrrp_instance @ vrrp_instance',
      '5 ignored { @ vrrp_instance',
    ]);
  });

  it("items after 'KEYWORD {' on one line, and a '}' ending an item line", () => {
    const placed = placeAsKeepalived(lines([1, 'static_ipaddress { 10.0.0.1/24 dev eth0'], [2, '10.0.0.2/24 }'], [3, 'global_defs'], [3, '{'], [3, '}']), 'newer');
    expect(show(placed)).toEqual(['1 keyword static_ipaddress @ ', '1 value 10.0.0.1/24 @ static_ipaddress', '2 value 10.0.0.2/24 @ static_ipaddress', '3 keyword global_defs @ ']);
  });

  it('uses the keyword table of the release: auth_hmac opens a block after 2.2.7 only', () => {
    const input = lines([1, 'vrrp_instance A'], [1, '{'], [2, 'auth_hmac'], [2, '{'], [3, 'key 1'], [4, '}'], [5, 'priority 100'], [6, '}']);
    expect(show(placeAsKeepalived(input, 'newer')).slice(1)).toEqual(['2 keyword auth_hmac @ vrrp_instance', '3 keyword key @ vrrp_instance/auth_hmac', '5 keyword priority @ vrrp_instance']);
    expect(show(placeAsKeepalived(input, '2.2.7')).slice(1)).toEqual([
      '2 keyword auth_hmac @ vrrp_instance',
      '2 ignored { @ vrrp_instance',
      '3 keyword key @ vrrp_instance',
      '5 keyword priority @ ',
      '6 keyword } @ ',
    ]);
  });
});

describe('placeAsKalint and firstDifference', () => {
  it('X1: kalint hangs the block on lvs_sync_daemon_interface, keepalived ignores its brace', () => {
    const kalint = placeAsKalint(parse(X1).ast);
    expect(firstDifference(placeAsKeepalived(X1_LINES, '2.2.7'), kalint)).toEqual({
      line: 3,
      message:
        "keepalived reads the '{' on line 3 as a brace it ignores in `vrrp_instance`, kalint the '{' on line 3 as opening a block in `vrrp_instance` > `lvs_sync_daemon_interface`",
    });
  });

  it('agree on a config both read alike', () => {
    const text = 'global_defs {\n    router_id a\n}\nvrrp_instance VI_1 {\n    state MASTER\n    virtual_ipaddress {\n        10.0.0.1/24 dev eth0\n    }\n}\n';
    const keepalived = lines(
      [1, 'global_defs'],
      [1, '{'],
      [2, 'router_id a'],
      [3, '}'],
      [4, 'vrrp_instance VI_1'],
      [4, '{'],
      [5, 'state MASTER'],
      [6, 'virtual_ipaddress'],
      [6, '{'],
      [7, '10.0.0.1/24 dev eth0'],
      [8, '}'],
      [9, '}'],
    );
    expect(firstDifference(placeAsKeepalived(keepalived, 'newer'), placeAsKalint(parse(text).ast))).toBeNull();
  });

  it("with the parse's diagnostics, places the braces kalint ignores and an extra '}' as keepalived does", () => {
    // The '}' of ${X}, which nothing defines, closes global_defs: its written '}' is extra.
    const text = 'global_defs {\n    router_id ${X}\n}\n';
    const parsed = parse(text);
    expect(show(placeAsKalint(parsed.ast))).toEqual(['1 keyword global_defs @ ', '2 keyword router_id @ global_defs', '2 keyword X @ global_defs']);
    const keepalived = lines([1, 'global_defs'], [1, '{'], [2, 'router_id $'], [2, '{'], [2, 'X'], [2, '}'], [3, '}']);
    expect(show(placeAsKalint(parsed.ast, parsed.diagnostics))).toEqual(show(placeAsKeepalived(keepalived, 'newer')));
    expect(show(placeAsKalint(parsed.ast, parsed.diagnostics))).toEqual([
      '1 keyword global_defs @ ',
      '2 keyword router_id @ global_defs',
      '2 ignored { @ global_defs',
      '2 keyword X @ global_defs',
      '3 keyword } @ ',
    ]);
  });

  it('names the line one reading has and the other does not', () => {
    const one = placeAsKeepalived(lines([1, 'global_defs'], [1, '{'], [1, '}'], [2, '}']), 'newer');
    expect(firstDifference(one, placeAsKalint(parse('global_defs {}\n').ast))).toEqual({
      line: 2,
      message: 'keepalived reads `}` on line 2 as a keyword at the top level, which kalint does not read',
    });
  });
});

describe('contextsOf', () => {
  const files: Record<string, string> = {
    '/etc/keepalived/keepalived.conf': 'virtual_server 10.0.0.1 80 {\n    include rs.conf\n}\nvrrp_instance A {\n    virtual_ipaddress {\n        include vips.conf\n    }\n}\ninclude top.conf\n',
    '/etc/keepalived/rs.conf': 'real_server 10.0.0.2 80 {\n    weight 1\n}\n',
    '/etc/keepalived/vips.conf': '10.0.0.100/24\n',
    '/etc/keepalived/top.conf': 'global_defs {\n}\n',
  };
  const host: IncludeHost = {
    expand: (pattern, from) => [`${from}/${pattern}`].filter((path) => path in files),
    read: (path) => (path in files ? { text: files[path]! } : { error: 'no such file' }),
  };
  const ast = parse(files['/etc/keepalived/keepalived.conf']!, { file: '/etc/keepalived/keepalived.conf', host }).ast;

  it('gives the keywords of the blocks an included file stands in, or the top level', () => {
    expect(contextsOf([ast], (file) => file.endsWith('/rs.conf'))).toEqual([['virtual_server']]);
    expect(contextsOf([ast], (file) => file.endsWith('/vips.conf'))).toEqual([['vrrp_instance', 'virtual_ipaddress']]);
    expect(contextsOf([ast], (file) => file.endsWith('/top.conf'))).toEqual([[]]);
    expect(contextsOf([ast], (file) => file.endsWith('/keepalived.conf'))).toEqual([[]]);
    expect(contextsOf([ast], () => false)).toEqual([[]]);
  });
});

describe('differenceFromKeepalived: the parser against the independent reader', () => {
  it('X1: the first line read differently, by the first reading compared', () => {
    expect(differenceFromKeepalived(X1)).toEqual({
      line: 3,
      message:
        "keepalived 2.2.7 reads the '{' on line 3 as a brace it ignores in `vrrp_instance`, kalint the '{' on line 3 as opening a block in `vrrp_instance` > `lvs_sync_daemon_interface`",
    });
  });

  it('agree on a config with definitions, conditionals, sequences and includes', () => {
    const text =
      '$IF=eth0\n@ha1 $PRIO=150\n@^ha1 $PRIO=100\ninclude conf.d/*.conf\nvrrp_instance VI_1 {\n    interface $IF\n    priority $PRIO\n' +
      '    virtual_ipaddress { 10.0.0.1/24 }\n}\nvirtual_server 10.0.0.1 80 {\n~SEQ(R, 1, 3) real_server 10.0.0.${R} 80 { weight ${R} }\n}\n';
    for (const configId of [undefined, 'ha1']) expect(differenceFromKeepalived(text, configId ? { configId } : {})).toBeNull();
  });

  it('reads an included file in the blocks it is included in', () => {
    const rs = 'real_server 10.0.0.2 80 {\n    weight 1\n}\n';
    expect(differenceFromKeepalived(rs, { context: ['virtual_server'] })).toBeNull();
    // At the top level keepalived knows no real_server, and ignores its brace; lines are the file's own.
    expect(differenceFromKeepalived(rs)?.message).toBe(
      "keepalived 2.2.7 reads the '{' on line 1 as a brace it ignores at the top level, kalint the '{' on line 1 as opening a block in `real_server`",
    );
    expect(differenceFromKeepalived('    weight 1\n}\n}\nvrrp_script chk {\n}\n', { context: ['virtual_server', 'real_server'] })).toBeNull();
  });

  it("compares the release's reading: auth_hmac opens a block only after 2.2.7", () => {
    const text = 'vrrp_instance A {\n    auth_hmac {\n        key 1\n    }\n    priority 100\n}\n';
    expect(differenceFromKeepalived(text, { targetVersion: '2.4.3' })).toBeNull();
    expect(differenceFromKeepalived(text, { targetVersion: '2.2.7' })?.line).toBe(2);
    // Without a release, both must agree.
    expect(differenceFromKeepalived(text)?.line).toBe(2);
  });
});
