import { describe, expect, it } from 'vitest';
import { lint, rules } from '@kalint/linter';

const peerRules = new Set(rules.filter((r) => r.meta.scope === 'project').map((r) => r.meta.id));

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
    expect(project.model.instanceGroups.map((g) => g.members.length)).toEqual(new Array(40).fill(2));
    expect(project.model.instanceGroups.every((g) => g.members[0]!.vips[0]!.address === g.members[1]!.vips[0]!.address)).toBe(true);
    const drift = files.flatMap((f) => f.diagnostics.filter((d) => d.ruleId === 'weight-drift').map((d) => f.path));
    expect(drift).toEqual(['site7/lb-a/keepalived.conf', 'site7/lb-b/keepalived.conf']);
  });
});

/**
 * Two correct clusters that both kept the stock sample's instance name VI_1: each has its own
 * VIP, password and priorities. Only VRRP decides whether they meet.
 */
function clusterNode(cluster: 'a' | 'b', side: 1 | 2, vrid: number, extra = ''): string {
  return [
    'vrrp_instance VI_1 {',
    `    state ${side === 1 ? 'MASTER' : 'BACKUP'}`,
    '    interface eth0',
    `    virtual_router_id ${vrid}`,
    `    priority ${cluster === 'a' ? (side === 1 ? 150 : 100) : side === 1 ? 101 : 100}`,
    '    advert_int 1',
    extra,
    '    authentication {',
    '        auth_type PASS',
    `        auth_pass ${cluster === 'a' ? 'alpha123' : 'bravo456'}`,
    '    }',
    '    virtual_ipaddress {',
    `        10.0.0.${cluster === 'a' ? 100 : 200}/24`,
    '    }',
    '}',
    '',
  ].join('\n');
}

function twoClusters(vridA: number, vridB: number, unicast = false) {
  const peers = (self: number, other: number) => (unicast ? `    unicast_src_ip 10.0.0.${self}\n    unicast_peer {\n        10.0.0.${other}\n    }` : '');
  const inputs = [
    { path: 'a1/keepalived.conf', text: clusterNode('a', 1, vridA, peers(1, 2)) },
    { path: 'a2/keepalived.conf', text: clusterNode('a', 2, vridA, peers(2, 1)) },
    { path: 'b1/keepalived.conf', text: clusterNode('b', 1, vridB, peers(3, 4)) },
    { path: 'b2/keepalived.conf', text: clusterNode('b', 2, vridB, peers(4, 3)) },
  ];
  const { files, project } = lint(inputs);
  const findings = files.flatMap((f) => f.diagnostics.filter((d) => peerRules.has(d.ruleId)).map((d) => `${f.path}:${d.range.start.line + 1} ${d.ruleId} ${d.severity}`));
  return { findings, project };
}

describe('two clusters that both kept the stock name VI_1', () => {
  it('on VRIDs 51 and 52 with their own VIPs: two clusters, no finding', () => {
    const { findings, project } = twoClusters(51, 52);
    expect(project.model.clusters.map((c) => c.members.map((m) => m.file))).toEqual([
      ['a1/keepalived.conf', 'a2/keepalived.conf'],
      ['b1/keepalived.conf', 'b2/keepalived.conf'],
    ]);
    expect(findings).toEqual([]);
  });

  it('on one VRID, multicast on one network: a collision on each node, and no vip, auth or priority mismatch between them', () => {
    const { findings } = twoClusters(51, 51);
    expect(findings).toEqual([
      'a1/keepalived.conf:4 vrid-collision warning',
      'a2/keepalived.conf:4 vrid-collision warning',
      'b1/keepalived.conf:4 vrid-collision warning',
      'b2/keepalived.conf:4 vrid-collision warning',
    ]);
  });

  it('on one VRID with disjoint unicast peers: they never meet, no finding', () => {
    expect(twoClusters(51, 51, true).findings).toEqual([]);
  });
});
