import { describe, expect, it } from 'vitest';
import { lint } from '@kalint/linter';

/** A node of a small HA pair: every pair of the inventory names its instance VI_1 and uses VRID 51 on eth0. */
function node(pair: number, side: 'a' | 'b', weight = 1): string {
  return [
    'vrrp_instance VI_1 {',
    `    state ${side === 'a' ? 'MASTER' : 'BACKUP'}`,
    '    interface eth0',
    '    virtual_router_id 51',
    `    priority ${side === 'a' ? 110 : 100}`,
    '    virtual_ipaddress {',
    `        10.${Math.floor(pair / 250)}.${pair % 250}.100/24`,
    '    }',
    '}',
    `virtual_server 10.${Math.floor(pair / 250)}.${pair % 250}.100 80 {`,
    '    lb_kind NAT',
    '    protocol TCP',
    `    real_server 10.${Math.floor(pair / 250)}.${pair % 250}.11 80 {`,
    `        weight ${weight}`,
    '    }',
    '}',
    '',
  ].join('\n');
}

describe('peer groups in an inventory of many HA pairs', () => {
  it('pairs each node with its own peer, not with every VI_1 on VRID 51', () => {
    const inputs = [];
    for (let pair = 0; pair < 40; pair++) {
      inputs.push({ path: `site${pair}/lb-a/keepalived.conf`, text: node(pair, 'a') });
      inputs.push({ path: `site${pair}/lb-b/keepalived.conf`, text: node(pair, 'b', pair === 7 ? 3 : 1) });
    }
    const { project, files } = lint(inputs);
    expect(project.instanceGroups.map((g) => g.members.length)).toEqual(new Array(40).fill(2));
    expect(project.instanceGroups.every((g) => g.members[0]!.vips[0]!.value === g.members[1]!.vips[0]!.value)).toBe(true);
    const drift = files.flatMap((f) => f.diagnostics.filter((d) => d.ruleId === 'weight-drift').map((d) => f.path));
    expect(drift).toEqual(['site7/lb-a/keepalived.conf', 'site7/lb-b/keepalived.conf']);
  });
});
