import { syncGroup } from '../../src/rules/sync-group.js';
import { testRule } from '../rule-tester.js';

const instance = (name: string, vrid: number, extra = '') => `vrrp_instance ${name} {
    interface ens33
    virtual_router_id ${vrid}
${extra}    virtual_ipaddress {
        10.1.8.${vrid}/24
    }
}
`;
const group = (name: string, members: string[], extra = '') =>
  `vrrp_sync_group ${name} {\n    group {\n${members.map((m) => `        ${m}\n`).join('')}    }\n${extra}}\n`;
const SCRIPT = 'vrrp_script chk {\n    script "/usr/bin/true"\n    weight 10\n}\n';
const TRACK = '    track_script {\n        chk\n    }\n';

testRule(syncGroup, {
  valid: [
    { name: 'two members', code: instance('VI_1', 51) + instance('VI_2', 52) + group('SG', ['VI_1', 'VI_2']) },
    { name: 'unweighted scripts in a group', code: SCRIPT.replace('weight 10', 'weight 0') + instance('VI_1', 51, TRACK) + instance('VI_2', 52) + group('SG', ['VI_1', 'VI_2']) },
    {
      name: 'global_tracking keeps weights too',
      code: SCRIPT + instance('VI_1', 51, TRACK) + instance('VI_2', 52) + group('SG', ['VI_1', 'VI_2'], '    global_tracking\n'),
    },
    {
      // keepalived looks track_script names up while it reads: a script defined after the instance is not tracked at all.
      name: 'a script defined after the member is not tracked, so nothing is dropped for the group',
      code: instance('VI_1', 51, TRACK) + SCRIPT + instance('VI_2', 52) + group('SG', ['VI_1', 'VI_2']),
    },
    {
      name: 'sync_group_tracking_weight keeps weights',
      code: SCRIPT + instance('VI_1', 51, TRACK) + instance('VI_2', 52) + group('SG', ['VI_1', 'VI_2'], '    sync_group_tracking_weight\n'),
    },
  ],
  invalid: [
    {
      name: 'a weighted script on a member',
      code: SCRIPT + instance('VI_1', 51, TRACK) + instance('VI_2', 52) + group('SG', ['VI_1', 'VI_2']),
      errors: [
        {
          line: 9,
          column: 9,
          // vrrp.c vrrp_complete_instance reports it with report_config_error: an error, and the weight is gone.
          severity: 'error',
          message: /^track_script chk in VI_1 has a weight, but VI_1 is in sync group SG: keepalived reports "ignoring tracked script with weights due to SYNC group" \(a configuration error\) and drops the script: when chk fails, nothing happens and the VIP never moves\./,
        },
      ],
    },
    {
      name: 'one member only, and a member of two groups',
      code: instance('VI_1', 51) + instance('VI_2', 52) + group('SG', ['VI_1', 'VI_2']) + group('SG2', ['VI_1']),
      errors: [{ line: 23, column: 9, message: /^VI_1 is already a member of sync group SG: .* leaves it out of SG2\./ }],
    },
    {
      // keepalived: "vrrp sync group SG already defined", and the second block is skipped, so VI_1 is
      // in SG once (the old check reported it as "already a member of sync group SG").
      name: 'a repeated group name',
      code: instance('VI_1', 51) + instance('VI_2', 52) + group('SG', ['VI_1', 'VI_2']) + group('SG', ['VI_1']),
      errors: [{ line: 21, column: 17, message: /^vrrp_sync_group SG is already defined \(line 15\): keepalived reports "vrrp sync group SG already defined" and skips this whole block/ }],
    },
    {
      // keepalived 2.2.7: "Sync group SG has only 1 virtual router(s)": a repeat is "cannot exist in more than one sync group".
      name: 'a member listed twice in one group',
      code: instance('VI_1', 51) + group('SG', ['VI_1', 'VI_1']),
      errors: [
        { line: 8, column: 17, message: /^sync group SG has only one member/ },
        { line: 11, column: 9, message: /^VI_1 is already a member of sync group SG: .* leaves it out of SG\./ },
      ],
    },
    {
      name: 'a group of one with sync_group_tracking_weight does nothing at all',
      code: instance('VI_1', 51) + group('SG', ['VI_1'], '    sync_group_tracking_weight\n'),
      errors: [{ line: 8, column: 17, message: /^sync group SG has only one member: a sync group makes several instances change state together, so one member does nothing; / }],
    },
    {
      // The deprecated global_tracking sets the same flag as sync_group_tracking_weight (vrrp_gglobal_tracking_handler).
      name: 'a weighted script with a weight given on the item, in a group',
      code: SCRIPT.replace('weight 10', 'weight 0') + instance('VI_1', 51, '    track_script {\n        chk weight 5\n    }\n') + instance('VI_2', 52) + group('SG', ['VI_1', 'VI_2']),
      errors: [{ line: 9, column: 9, message: /^track_script chk in VI_1 has a weight, but VI_1 is in sync group SG/ }],
    },
    {
      name: 'a group of one',
      code: instance('VI_1', 51) + group('SG', ['VI_1']),
      errors: [{ line: 8, column: 17, message: /^sync group SG has only one member/ }],
    },
  ],
});
