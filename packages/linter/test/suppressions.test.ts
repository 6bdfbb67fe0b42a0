import { describe, expect, it } from 'vitest';
import { lint } from '@kalint/linter';

function diagnostics(text: string, rules?: Record<string, 'off' | 'warn' | 'error'>) {
  return lint([{ path: 'keepalived.conf', text }], rules ? { rules } : {}).files.flatMap((f) => f.diagnostics);
}

function findings(text: string) {
  return diagnostics(text).map((d) => `${d.range.start.line + 1} ${d.ruleId}`);
}

/** The unused-suppression findings: line, message, whether a removal is offered. */
function unused(text: string) {
  return diagnostics(text)
    .filter((d) => d.ruleId === 'unused-suppression')
    .map((d) => `${d.range.start.line + 1} ${d.message}${d.fix ? ' [fix]' : ''}`);
}

const truncated = 'vrrp_instance VI_1 {\n    state MASTER\n    interface eth0\n    virtual_router_id 51\n    priority 100\n    authentication {\n        auth_type PASS\n        auth_pass longpassword\n    }\n    virtual_ipaddress {\n        10.0.0.1/24\n    }\n}\n';

describe('inline suppressions', () => {
  it('are needed: the unsuppressed config has the finding', () => {
    expect(findings(truncated)).toEqual(['8 auth-pass-truncated']);
  });

  it('kalint-disable-next-line silences the rule on the next line only, with a reason', () => {
    const text = truncated.replace('        auth_pass', '        # kalint-disable-next-line auth-pass-truncated -- the peers use the same 8 characters\n        auth_pass');
    expect(findings(text)).toEqual([]);
  });

  it('kalint-disable silences the rule in the whole file', () => {
    expect(findings('! kalint-disable auth-pass-truncated, unused-definition\n' + truncated)).toEqual(['1 unused-suppression']);
  });

  it('reports a suppression that silences nothing', () => {
    const text = truncated.replace('    priority 100', '    # kalint-disable-next-line weight-drift\n    priority 100');
    expect(findings(text)).toEqual(['5 unused-suppression', '9 auth-pass-truncated']);
  });

  it('never silences syntax errors', () => {
    expect(findings('# kalint-disable syntax\nglobal_defs {\n}\n}\n')).toEqual(['1 unused-suppression', '4 syntax']);
  });

  it('kalint-disable-line silences the rule on its own line', () => {
    const text = truncated.replace('auth_pass longpassword', 'auth_pass longpassword # kalint-disable-line auth-pass-truncated -- same 8 characters on both peers');
    expect(findings(text)).toEqual([]);
  });

  it('kalint-disable-line does not reach the next line', () => {
    const text = truncated.replace('auth_type PASS', 'auth_type PASS # kalint-disable-line auth-pass-truncated');
    expect(findings(text)).toEqual(['7 unused-suppression', '8 auth-pass-truncated']);
  });

  it('kalint-enable closes a kalint-disable range: findings after it are reported again', () => {
    const second = truncated.replace('VI_1', 'VI_2').replace('virtual_router_id 51', 'virtual_router_id 52').replace('10.0.0.1/24', '10.0.0.2/24');
    const text = '# kalint-disable auth-pass-truncated\n' + truncated + '# kalint-enable auth-pass-truncated\n' + second;
    expect(findings(text)).toEqual(['23 auth-pass-truncated']);
  });

  it('a kalint-disable below a finding does not silence it', () => {
    expect(findings(truncated + '# kalint-disable auth-pass-truncated\n')).toEqual(['8 auth-pass-truncated', '14 unused-suppression']);
  });

  it('a kalint-enable that closes nothing is reported, with a removal', () => {
    expect(unused(truncated.replace('    priority 100', '    # kalint-enable auth-pass-truncated\n    priority 100'))).toEqual([
      '5 kalint-enable auth-pass-truncated closes no kalint-disable auth-pass-truncated above it; remove it [fix]',
    ]);
  });

  it("an unknown rule id is named as such, with the nearest rule, and no removal is offered", () => {
    const text = truncated.replace('        auth_pass', '        # kalint-disable-next-line auth-pass-truncate\n        auth_pass');
    expect(unused(text)).toEqual([
      "8 kalint-disable-next-line names 'auth-pass-truncate', which is not a kalint rule; did you mean 'auth-pass-truncated'? ",
    ].map((m) => m.trimEnd()));
    // The finding it was meant for is still shown.
    expect(findings(text)).toEqual(['8 unused-suppression', '9 auth-pass-truncated']);
  });

  it('an unknown rule id with nothing near it says so without a guess', () => {
    expect(unused('# kalint-disable no-such-thing-at-all\n' + truncated)).toEqual(["1 kalint-disable names 'no-such-thing-at-all', which is not a kalint rule"]);
  });

  it('a directive naming no rule is reported', () => {
    expect(unused('# kalint-disable-next-line -- why\n' + truncated)).toEqual(['1 kalint-disable-next-line names no rule: list the rule ids it applies to']);
  });

  it('a comment whose rules are partly used offers no removal (it would un-silence the used rule)', () => {
    const text = truncated.replace('        auth_pass', '        # kalint-disable-next-line auth-pass-truncated, weight-drift\n        auth_pass');
    expect(unused(text)).toEqual(['8 kalint-disable-next-line weight-drift suppresses nothing here; remove it from the list']);
  });

  it("the 'unused-suppression' setting applies to these findings too", () => {
    const text = '# kalint-disable weigth-drift\n' + truncated;
    expect(diagnostics(text, { 'unused-suppression': 'error' }).filter((d) => d.ruleId === 'unused-suppression').map((d) => d.severity)).toEqual(['error']);
    expect(diagnostics(text, { 'unused-suppression': 'off' }).map((d) => d.ruleId)).toEqual(['auth-pass-truncated']);
  });
});
