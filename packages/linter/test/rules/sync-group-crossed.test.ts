import { syncGroupCrossed } from '../../src/rules/sync-group-crossed.js';
import { testRule } from '../rule-tester.js';

/**
 * A node with sync group G of VI_1 (VRID 51, 10.1.8.100) and VI_2 (VRID 52, 10.1.9.100). The
 * priority of VI_1 is on line 10, that of VI_2 on line 19.
 */
const node = (p1: number, p2: number, group = 'vrrp_sync_group G {\n    group {\n        VI_1\n        VI_2\n    }\n}\n') => `${group}vrrp_instance VI_1 {
    state BACKUP
    interface eth0
    priority ${p1}
    virtual_router_id 51
    virtual_ipaddress {
        10.1.8.100/24
    }
}
vrrp_instance VI_2 {
    state BACKUP
    interface eth1
    priority ${p2}
    virtual_router_id 52
    virtual_ipaddress {
        10.1.9.100/24
    }
}
`;

testRule(syncGroupCrossed, {
  valid: [
    { name: 'both instances higher on lb1', code: { 'lb1.conf': node(150, 150), 'lb2.conf': node(100, 100) } },
    { name: 'one instance equal, the other higher on lb1', code: { 'lb1.conf': node(100, 150), 'lb2.conf': node(100, 100) } },
    { name: 'crossed priorities without a sync group: each VIP has its own master (active/active)', code: { 'lb1.conf': node(150, 100, ''), 'lb2.conf': node(100, 150, '') } },
  ],
  invalid: [
    {
      // keepalived.conf(5), VRRP synchronization group: "half instances having higher priority on
      // machine A half others with higher priority on machine B will lead to constant re-elections".
      name: "the manual's case: VI_1 higher on lb1, VI_2 higher on lb2, one sync group",
      code: { 'lb1.conf': node(150, 100), 'lb2.conf': node(100, 150) },
      errors: [
        {
          file: 'lb1.conf',
          line: 10,
          column: 14,
          severity: 'error',
          message:
            "vrrp_instance VI_1 has priority 150 here, above the 100 of its peer in lb2.conf (line 10), but VI_2, in the same sync group G, has 100 here, below the 150 of its peer in lb2.conf (line 19): a sync group goes MASTER only when all its instances want to, and one that sees a higher priority takes the whole group to BACKUP, so the priorities never decide where the group runs: it stays on whichever node took it first and does not fail back, and when both nodes contend (starting together) each pulls its group back to BACKUP and the election repeats (keepalived's manual: constant re-elections). Give every instance of the group its higher priority on the same node",
        },
        { file: 'lb2.conf', line: 19, column: 14, message: /^vrrp_instance VI_2 has priority 150 here, above the 100 of its peer in lb1\.conf \(line 19\), but VI_1, in the same sync group G, has 100 here/ },
      ],
    },
  ],
});
