/**
 * Braces of a `${NAME}` that keepalived leaves as written (issue 12, item 10). Nothing substitutes
 * an undefined name, and keepalived's brace splitting then reads the `{` and `}` in it as block
 * delimiters: the `{` is ignored ("Unexpected '{'") unless a block keyword waits for it, and the
 * `}` closes the block the line stands in. kalint's tree must place every line where keepalived
 * does: it is compared here with the independent model of keepalived's reader and block dispatch
 * (`readAsKeepalived`, `placeAsKeepalived`), on the cases below and on generated configurations.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse, readAsKeepalived, type ParseOptions } from '@kalint/parser';
import { differenceFromKeepalived, lint, placeAsKalint, placeAsKeepalived, type PlacedLine } from '@kalint/linter';

const show = (placed: PlacedLine[]) => placed.map((p) => `${p.line} ${p.kind} ${p.word} @ ${p.within.join('/')}`);

/**
 * Both readings of `text`, placed line by line: keepalived's, and kalint's tree with the braces
 * kalint reports and keeps no node for (a `{` it ignores, an extra `}` at the top level, which
 * keepalived reads as an unknown keyword).
 */
function readings(text: string, version: '2.2.7' | 'newer', options: ParseOptions = {}) {
  const parsed = parse(text, { file: 'keepalived.conf', ...options });
  return {
    parsed,
    kalint: show(placeAsKalint(parsed.ast, parsed.diagnostics)),
    keepalived: show(placeAsKeepalived(readAsKeepalived(text, { version }).lines, version)),
  };
}

/** The issue's block, with what keepalived needs besides (it reports the missing VIP only then). */
const ISSUE = `vrrp_instance VI_1 {
    interface eth0
    virtual_router_id 51
    unicast_src_ip \${IP}
    unicast_peer {
        10.0.0.2
    }
    virtual_ipaddress {
        10.0.0.100
    }
}
`;

describe("an undefined ${NAME}: kalint's tree places every line where keepalived does", () => {
  it("the issue's block: the '}' of ${IP} closes vrrp_instance VI_1, and what follows is read at the top level", () => {
    const { parsed, kalint, keepalived } = readings(ISSUE, 'newer');
    expect(kalint).toEqual(keepalived);
    expect(kalint).toEqual([
      '1 keyword vrrp_instance @ ',
      '2 keyword interface @ vrrp_instance',
      '3 keyword virtual_router_id @ vrrp_instance',
      '4 keyword unicast_src_ip @ vrrp_instance',
      '4 ignored { @ vrrp_instance',
      '4 keyword IP @ vrrp_instance',
      '5 keyword unicast_peer @ ',
      '5 ignored { @ ',
      '6 keyword 10.0.0.2 @ ',
      '7 keyword } @ ',
      '8 keyword virtual_ipaddress @ ',
      '8 ignored { @ ',
      '9 keyword 10.0.0.100 @ ',
      '10 keyword } @ ',
      '11 keyword } @ ',
    ]);
    // So --fix, which writes a file only when the two readings agree, may fix it.
    expect(differenceFromKeepalived(ISSUE, { targetVersion: '2.2.7' })).toBeNull();
    // Top-level statements, unknown there, with no block of their own.
    const top = parsed.ast.body.filter((n) => n.type === 'Statement');
    expect(top.map((s) => [s.keyword.text, s.path, s.block])).toEqual([
      ['vrrp_instance', 'vrrp_instance', expect.anything()],
      ['unicast_peer', null, null],
      ['10.0.0.2', null, null],
      ['virtual_ipaddress', null, null],
      ['10.0.0.100', null, null],
    ]);
    expect(parsed.diagnostics.map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${d.code}`)).toEqual([
      '4:21 unexpected-block',
      '5:18 unexpected-block',
      '7:5 extra-close-brace',
      '8:23 unexpected-block',
      '10:5 extra-close-brace',
      '11:1 extra-close-brace',
    ]);
    expect(parsed.diagnostics[0]!.message).toBe(
      `the '{' of '\${IP}', which keepalived leaves as written: it reports "Unexpected '{'" and ignores the brace, so the '}' closes 'vrrp_instance VI_1' at this line and the lines after it are read at the top level`,
    );
  });

  it('the findings follow that reading: no VIP, as keepalived reports, and the moved lines as keepalived names them', () => {
    const findings = lint([{ path: 'keepalived.conf', text: ISSUE }]).files[0]!.diagnostics.map((d) => `${d.range.start.line + 1} ${d.ruleId}: ${d.message}`);
    expect(findings).toContainEqual(expect.stringMatching(/^1 vrrp-instance-incomplete: vrrp_instance VI_1 has no virtual_ipaddress: keepalived reports "No VIP specified/));
    expect(findings).toContainEqual(
      `4 undefined-reference: '\${IP}' is not defined, so keepalived leaves it as written and splits the line at its braces: it reports "Unexpected '{'" and ignores the '{', reads 'IP' as a keyword line, and the '}' closes 'vrrp_instance VI_1' at this line: the rest of that block is read at the top level. Define $IP= before this line or write the value.`,
    );
    expect(findings).toContainEqual(expect.stringMatching(/^5 misplaced-keyword: `unicast_peer` is not a keyword at the top level/));
    expect(findings).toContainEqual(expect.stringMatching(/^6 unknown-keyword: Unknown keyword `10\.0\.0\.2` at the top level/));
    expect(findings).toContainEqual(expect.stringMatching(/^8 misplaced-keyword: `virtual_ipaddress` is not a keyword at the top level/));
  });

  const cases: Array<[string, string, ('2.2.7' | 'newer')?, ParseOptions?]> = [
    // Observed with keepalived 2.2.7 (language.md §6.4): the `}` closes global_defs early.
    ['router_id ${UNDEFINED} in global_defs', 'global_defs {\n    router_id ${UNDEFINED}\n    notification_email_from a@example.com\n}\n'],
    ['a block name: the `{` opens the block, the `}` closes it at once', 'vrrp_instance ${NAME} {\n    interface eth0\n    virtual_ipaddress {\n        10.0.0.100\n    }\n}\n'],
    ['an item of a value block', 'vrrp_instance VI_1 {\n    virtual_ipaddress {\n        10.0.0.${N}/24\n        10.0.0.2/24\n    }\n    priority 100\n}\n'],
    [
      'in a nested block, with a block after it',
      'virtual_server 10.0.0.1 80 {\n    protocol TCP\n    real_server 10.0.0.2 80 {\n        weight ${W}\n        TCP_CHECK {\n            connect_timeout 3\n        }\n    }\n}\nglobal_defs {\n    router_id b\n}\n',
    ],
    ['at the top level', 'foo ${X}\nglobal_defs {\n    router_id b\n}\n'],
    ['in a real_server address', 'virtual_server 10.0.0.1 80 {\n    real_server ${RS} 80 {\n        weight 1\n    }\n}\n'],
    ['defined only further down', 'global_defs {\n    router_id ${RID}\n}\n$RID=lb1\nglobal_defs {\n    router_id ${RID}\n}\n'],
    ['a multi-line definition with text after it', '$M=a \\\nb\nglobal_defs {\n    router_id ${M} x\n}\n'],
    ['${_ENV HOME} for 2.2.7, which has no _ENV', 'global_defs {\n    router_id ${_ENV HOME}\n    enable_script_security\n}\n', '2.2.7', { targetVersion: '2.2.7' }],
  ];
  it.each(cases)('%s', (_name, text, version = 'newer', options = {}) => {
    const { kalint, keepalived } = readings(text, version, options);
    expect(kalint).toEqual(keepalived);
    expect(differenceFromKeepalived(text, { targetVersion: version === '2.2.7' ? '2.2.7' : '2.4.3' })).toBeNull();
  });

  it('${_ENV HOME} for 2.2.7 closes global_defs; for the newest release it is substituted', () => {
    const text = 'global_defs {\n    router_id ${_ENV HOME}\n    enable_script_security\n}\n';
    const old = parse(text, { targetVersion: '2.2.7' });
    expect(old.ast.body.map((n) => (n.type === 'Statement' ? n.keyword.text : n.type))).toEqual(['global_defs', 'enable_script_security']);
    const newest = parse(text, { env: { HOME: '/root' } });
    expect(newest.diagnostics).toEqual([]);
    expect(newest.ast.body.map((n) => (n.type === 'Statement' ? n.keyword.text : n.type))).toEqual(['global_defs']);
  });

  it('a defined ${X} stays a substitution: no brace, no finding', () => {
    const text = '$IP=10.0.0.1\nvrrp_instance VI_1 {\n    unicast_src_ip ${IP}\n    virtual_ipaddress {\n        10.0.0.100\n    }\n}\n';
    const { parsed, kalint, keepalived } = readings(text, 'newer');
    expect(kalint).toEqual(keepalived);
    expect(parsed.diagnostics).toEqual([]);
    const statements = parsed.ast.body.flatMap((n) => (n.type === 'Statement' ? n.block?.body ?? [] : []));
    expect(statements.map((n) => (n.type === 'Statement' ? [n.keyword.text, ...n.args.map((w) => w.text)].join(' ') : n.type))).toEqual([
      'unicast_src_ip 10.0.0.1',
      'virtual_ipaddress',
    ]);
  });

  it('the source view keeps the text as written', () => {
    const { ast } = parse('global_defs {\n    router_id ${UNDEFINED}\n    notification_email_from a@example.com\n}\n', { expand: false });
    const globalDefs = ast.body[0]!;
    expect(globalDefs.type === 'Statement' && globalDefs.block?.body.map((n) => (n.type === 'Statement' ? n.keyword.text : n.type))).toEqual([
      'router_id',
      'notification_email_from',
    ]);
  });
});

/** A slot of a generated configuration: its value as written, or a reference in its place. */
const SLOT = /\{v:([^}]*)\}/g;
const BLOCKS = [
  'global_defs {\n    router_id {v:lb1}\n    notification_email_from {v:ops@example.com}\n}\n',
  'vrrp_script chk {\n    script "/bin/true"\n    interval {v:2}\n}\n',
  'vrrp_instance {v:VI_1} {\n    interface {v:eth0}\n    virtual_router_id {v:51}\n    unicast_src_ip {v:10.0.0.1}\n    unicast_peer {\n        {v:10.0.0.2}\n    }\n' +
    '    virtual_ipaddress {\n        10.0.0.{v:100}/24\n    }\n    track_script {\n        {v:chk}\n    }\n}\n',
  'virtual_server 10.0.0.1 {v:80} {\n    protocol TCP\n    real_server 10.0.0.2 {v:80} {\n        weight {v:1}\n        TCP_CHECK {\n            connect_timeout {v:3}\n        }\n    }\n}\n',
  'static_ipaddress {\n    {v:10.0.0.5/24} dev eth0\n}\n',
];
/** What a slot holds: mostly its value; else a reference, undefined, defined before, or defined only further down. */
const filling = fc.constantFrom('value', 'value', 'value', 'value', '${UNDEF}', 'x${UNDEF}y', '${A}', '${LATER}');

describe('generated configurations with references in various places', () => {
  it("kalint's statements and blocks are keepalived's", () => {
    let undefinedRead = 0;
    fc.assert(
      fc.property(fc.array(fc.nat(BLOCKS.length - 1), { minLength: 1, maxLength: 4 }), fc.array(filling, { minLength: 40, maxLength: 40 }), (blocks, fills) => {
        let slot = 0;
        const body = blocks
          .map((b) =>
            BLOCKS[b]!.replace(SLOT, (_, value: string) => {
              const fill = fills[slot++ % fills.length]!;
              return fill === 'value' ? value : fill;
            }),
          )
          .join('');
        const text = `$A=7\n${body}$LATER=8\n`;
        const { kalint, keepalived } = readings(text, 'newer');
        expect(kalint, text).toEqual(keepalived);
        if (/\$\{(UNDEF|LATER)\}/.test(body)) undefinedRead++;
      }),
      { numRuns: 300 },
    );
    // Runs whose slots all kept their values check only ordinary configurations.
    expect(undefinedRead, 'runs with a reference keepalived leaves as written').toBeGreaterThanOrEqual(150);
  });
});
