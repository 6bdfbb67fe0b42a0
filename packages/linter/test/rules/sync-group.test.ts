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
          severity: 'warning',
          message: /^track_script chk in VI_1 has a weight, but VI_1 is in sync group SG: keepalived reports "ignoring tracked script with weights due to SYNC group" and drops the script/,
        },
      ],
    },
    {
      name: 'one member only, and a member of two groups',
      code: instance('VI_1', 51) + instance('VI_2', 52) + group('SG', ['VI_1', 'VI_2']) + group('SG2', ['VI_1']),
      errors: [{ line: 23, column: 9, message: /^VI_1 is already a member of sync group SG: .* leaves it out of SG2\./ }],
    },
    {
      name: 'a group of one',
      code: instance('VI_1', 51) + group('SG', ['VI_1']),
      errors: [{ line: 8, column: 17, message: /^sync group SG has only one member/ }],
    },
  ],
});
