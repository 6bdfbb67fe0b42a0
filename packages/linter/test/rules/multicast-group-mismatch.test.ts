import { multicastGroupMismatch } from '../../src/rules/multicast-group-mismatch.js';
import { testRule } from '../rule-tester.js';

const node = (state: string, priority: number, extra = '', globals = '') => `${globals}vrrp_instance VI_1 {
    state ${state}
    interface eth0
    virtual_router_id 51
    priority ${priority}
${extra}    virtual_ipaddress {
        10.1.8.100/24
    }
}
`;

testRule(multicastGroupMismatch, {
  valid: [
    { name: 'the default group on both', code: { 'lb1.conf': node('MASTER', 150), 'lb2.conf': node('BACKUP', 100) } },
    // The corrected variant: the same group on both nodes.
    {
      name: 'one group on both nodes',
      code: { 'lb1.conf': node('MASTER', 150, '    mcast_dst_ip 224.0.0.19\n'), 'lb2.conf': node('BACKUP', 100, '', 'global_defs {\n    vrrp_mcast_group4 224.0.0.19\n}\n') },
    },
    // keepalived ignores mcast_dst_ip of a unicast instance.
    {
      name: 'unicast instances',
      code: {
        'lb1.conf': node('MASTER', 150, '    mcast_dst_ip 239.1.1.1\n    unicast_src_ip 10.1.8.11\n    unicast_peer {\n        10.1.8.12\n    }\n'),
        'lb2.conf': node('BACKUP', 100, '    unicast_src_ip 10.1.8.12\n    unicast_peer {\n        10.1.8.11\n    }\n'),
      },
    },
  ],
  invalid: [
    {
      // keepalived.conf(5): vrrp_mcast_group4 "Defaults to ... 224.0.0.18 which You typically do not want to change".
      name: 'mcast_dst_ip on one node only',
      code: { 'lb1.conf': node('MASTER', 150, '    mcast_dst_ip 239.1.1.1\n'), 'lb2.conf': node('BACKUP', 100) },
      errors: [
        {
          file: 'lb1.conf',
          line: 6,
          column: 18,
          severity: 'error',
          message:
            "VI_1 sends its adverts to 239.1.1.1 (mcast_dst_ip, lb1.conf (line 6)) and listens on that group only, but its peer in lb2.conf uses 224.0.0.18 (keepalived's default): they never hear each other, so each becomes MASTER and the VIP is up on both. 239.1.1.1 is also outside 224.0.0.0/24, the link-local block switches flood to every port: IGMP-snooping switches forward it only to ports that joined it, and routers may carry it off the link. Use one group on every node (keepalived's default 224.0.0.18 unless the segment needs another).",
        },
      ],
    },
    {
      name: 'two global groups',
      code: {
        'lb1.conf': node('MASTER', 150, '', 'global_defs {\n    vrrp_mcast_group4 224.0.0.19\n}\n'),
        'lb2.conf': node('BACKUP', 100, '', 'global_defs {\n    vrrp_mcast_group4 224.0.0.20\n}\n'),
      },
      errors: [
        { file: 'lb1.conf', line: 2, column: 23, message: /^VI_1 sends its adverts to 224\.0\.0\.19 \(vrrp_mcast_group4, lb1\.conf \(line 2\)\) .* uses 224\.0\.0\.20 .* both\. Use one group/ },
        { file: 'lb2.conf', line: 2, column: 23, message: /^VI_1 sends its adverts to 224\.0\.0\.20/ },
      ],
    },
  ],
});
