import { nopreemptTrackWeight } from '../../src/rules/nopreempt-track-weight.js';
import { testRule } from '../rule-tester.js';

/**
 * A node with `vrrp_script chk_nginx` (its `weight` line, when given, is line 4) and a BACKUP
 * instance that tracks it; `extra` lines (nopreempt) follow the virtual_router_id line, line 11
 * with a script weight.
 */
const node = (o: { priority: number; weight?: string; extra?: string[] }) => `vrrp_script chk_nginx {
    script "/usr/bin/pgrep nginx"
    interval 2
${o.weight !== undefined ? `    weight ${o.weight}\n` : ''}}
vrrp_instance web {
    state BACKUP
    interface eth0
    priority ${o.priority}
    virtual_router_id 51
${(o.extra ?? []).map((l) => `    ${l}\n`).join('')}    virtual_ipaddress {
        10.1.8.100/24
    }
    track_script {
        chk_nginx
    }
}
`;

testRule(nopreemptTrackWeight, {
  valid: [
    {
      name: 'nopreempt with an unweighted check: a failure puts the master in FAULT and the backup takes over',
      code: { 'lb1.conf': node({ priority: 150, extra: ['nopreempt'] }), 'lb2.conf': node({ priority: 100, extra: ['nopreempt'] }) },
    },
    { name: 'a weighted check without nopreempt: the backup preempts', code: { 'lb1.conf': node({ priority: 150, weight: '-60' }), 'lb2.conf': node({ priority: 100, weight: '-60' }) } },
    {
      name: 'nopreempt only on the master: the backup preempts',
      code: { 'lb1.conf': node({ priority: 150, weight: '-60', extra: ['nopreempt'] }), 'lb2.conf': node({ priority: 100, weight: '-60' }) },
    },
  ],
  invalid: [
    {
      // keepalived.conf(5), nopreempt: it "stops the higher priority machine taking over the master
      // role, and allows the lower priority machine to remain as master" — here the lower one is
      // the master whose check failed.
      name: 'both BACKUP with nopreempt and a weighted check',
      code: { 'lb1.conf': node({ priority: 150, weight: '-60', extra: ['nopreempt'] }), 'lb2.conf': node({ priority: 100, weight: '-60', extra: ['nopreempt'] }) },
      errors: [
        {
          file: 'lb1.conf',
          line: 4,
          column: 12,
          severity: 'error',
          message:
            "if chk_nginx fails on lb1, lb1 drops from 150 to 90 (weight -60), below lb2's 100, but lb2 has nopreempt (lb2.conf line 11): a BACKUP with nopreempt does not take over from a running MASTER of lower priority, so the VIPs of vrrp_instance web stay on lb1 while chk_nginx is failing. Track chk_nginx without a weight (its failure then puts lb1 in FAULT and lb2 takes over), or drop nopreempt",
        },
      ],
    },
  ],
});
