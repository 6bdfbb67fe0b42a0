import { trackWeightIneffective } from '../../src/rules/track-weight-ineffective.js';
import { testRule } from '../rule-tester.js';

/**
 * A node with `vrrp_script chk_nginx` (its `weight` line, when given, is line 4) and an instance
 * that tracks it (the priority is line 9 with a script weight, 8 without; the track item follows).
 */
const node = (o: { state: string; priority: number; weight?: string; item?: string; extra?: string[] }) => `vrrp_script chk_nginx {
    script "/usr/bin/pgrep nginx"
    interval 2
${o.weight !== undefined ? `    weight ${o.weight}\n` : ''}}
vrrp_instance web {
    state ${o.state}
    interface eth0
    priority ${o.priority}
    virtual_router_id 51
${(o.extra ?? []).map((l) => `    ${l}\n`).join('')}    virtual_ipaddress {
        10.1.8.100/24
    }
    track_script {
        ${o.item ?? 'chk_nginx'}
    }
}
`;

/** keepalived's doc/samples/keepalived.conf.vrrp.localcheck: chk_sshd "default prio: -4 if KO", on a MASTER at 100. */
const localcheck = (state: string, priority: number) => `vrrp_script chk_sshd {
    script "killall -0 sshd"
    interval 2
    weight -4
    fall 2
    rise 2
}
vrrp_instance VI_1 {
    interface eth0
    state ${state}
    virtual_router_id 51
    priority ${priority}
    virtual_ipaddress {
        192.168.200.18/25
    }
    track_script {
        chk_sshd
    }
}
`;

testRule(trackWeightIneffective, {
  valid: [
    { name: 'weight -100 takes the MASTER at 150 below the BACKUP at 70', code: { 'lb1.conf': node({ state: 'MASTER', priority: 150, weight: '-100' }), 'lb2.conf': node({ state: 'BACKUP', priority: 70, weight: '-100' }) } },
    { name: 'no weight: a failure puts the MASTER in FAULT', code: { 'lb1.conf': node({ state: 'MASTER', priority: 150 }), 'lb2.conf': node({ state: 'BACKUP', priority: 70 }) } },
    {
      name: 'a positive weight larger than the gap: the MASTER loses its bonus and falls below',
      code: { 'lb1.conf': node({ state: 'MASTER', priority: 100, item: 'chk_nginx weight 60' }), 'lb2.conf': node({ state: 'BACKUP', priority: 120 }) },
    },
    { name: "the sample's weight -4 against a BACKUP at 98 (the corrected variant)", code: { 'ha1.conf': localcheck('MASTER', 100), 'ha2.conf': localcheck('BACKUP', 98) } },
    {
      name: 'a weight keepalived drops (priority 255) is not this rule’s',
      code: { 'lb1.conf': node({ state: 'MASTER', priority: 255, weight: '-5' }), 'lb2.conf': node({ state: 'BACKUP', priority: 70, weight: '-5' }) },
    },
    {
      name: 'reverse: the failure raises the MASTER, nothing to move',
      code: { 'lb1.conf': node({ state: 'MASTER', priority: 150, item: 'chk_nginx weight -5 reverse' }), 'lb2.conf': node({ state: 'BACKUP', priority: 70 }) },
    },
  ],
  invalid: [
    {
      name: 'MASTER 150 with weight -5 against BACKUP 70',
      code: { 'lb1.conf': node({ state: 'MASTER', priority: 150, weight: '-5' }), 'lb2.conf': node({ state: 'BACKUP', priority: 70, weight: '-5' }) },
      errors: [
        {
          file: 'lb1.conf',
          line: 4,
          column: 12,
          severity: 'error',
          message:
            "if chk_nginx fails on lb1, lb1 drops from 150 to 145 (weight -5), still above lb2's 70: the VIPs of vrrp_instance web stay on lb1 while chk_nginx is failing. To move them the failure must take lb1 below 70 (lb2.conf line 9), or track chk_nginx without a weight so that its failure puts lb1 in FAULT",
        },
      ],
    },
    {
      name: 'weight +2 on priorities 100 and 50',
      code: { 'ha1.conf': node({ state: 'MASTER', priority: 100, item: 'chk_nginx weight 2' }), 'ha2.conf': node({ state: 'BACKUP', priority: 50, item: 'chk_nginx weight 2' }) },
      errors: [{ file: 'ha1.conf', line: 14, column: 26, message: /^if chk_nginx fails on ha1, ha1 drops from 102 to 100 \(weight \+2\), still above ha2's 52: the VIPs of vrrp_instance web stay on ha1/ }],
    },
    {
      name: 'the failure takes the MASTER exactly to the BACKUP’s priority',
      code: { 'lb1.conf': node({ state: 'MASTER', priority: 100, weight: '-10' }), 'lb2.conf': node({ state: 'BACKUP', priority: 90 }) },
      errors: [{ file: 'lb1.conf', line: 4, column: 12, message: /drops from 100 to 90 \(weight -10\), the same as lb2's 90 \(an equal priority does not take over\)/ }],
    },
    {
      // keepalived's doc/samples/keepalived.conf.vrrp.localcheck, with a BACKUP peer at 90.
      name: "keepalived's localcheck sample: chk_sshd weight -4 on a MASTER at 100 against a BACKUP at 90",
      code: { 'ha1.conf': localcheck('MASTER', 100), 'ha2.conf': localcheck('BACKUP', 90) },
      errors: [{ file: 'ha1.conf', line: 4, column: 12, message: /^if chk_sshd fails on ha1, ha1 drops from 100 to 96 \(weight -4\), still above ha2's 90/ }],
    },
  ],
});
