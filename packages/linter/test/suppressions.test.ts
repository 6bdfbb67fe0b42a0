import { describe, expect, it } from 'vitest';
import { lint } from '@kalint/linter';

function findings(text: string) {
  return lint([{ path: 'keepalived.conf', text }]).files.flatMap((f) => f.diagnostics).map((d) => `${d.range.start.line + 1} ${d.ruleId}`);
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
});
