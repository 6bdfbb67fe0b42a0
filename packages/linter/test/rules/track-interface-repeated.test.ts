import { trackInterfaceRepeated } from '../../src/rules/track-interface-repeated.js';
import { testRule } from '../rule-tester.js';

const instance = (name: string, vrid: number, lines = '') => `vrrp_instance ${name} {
    interface ens33
    virtual_router_id ${vrid}
    priority 100
${lines}    virtual_ipaddress {
        10.1.8.${vrid}/24
    }
}
`;
const group = (lines = '') => `vrrp_sync_group SG {
    group {
        VI_1
        VI_2
    }
${lines}}
`;
const TRACK_ETH1 = '    track_interface {\n        ens34\n    }\n';

testRule(trackInterfaceRepeated, {
  valid: [
    // The corrected variants: tracked in one place.
    { name: 'on the sync group only', code: instance('VI_1', 51) + instance('VI_2', 52) + group(TRACK_ETH1) },
    { name: 'on the instance only', code: instance('VI_1', 51, TRACK_ETH1) + instance('VI_2', 52) + group() },
    { name: 'different interfaces', code: instance('VI_1', 51, TRACK_ETH1) + instance('VI_2', 52) + group('    track_interface {\n        ens35\n    }\n') },
    { name: 'no sync group', code: instance('VI_1', 51, TRACK_ETH1) + instance('VI_2', 52) },
  ],
  invalid: [
    {
      // vrrp.c add_vrrp_to_interface: "track_interface %s is configured on VRRP instance and sync group".
      name: 'on the instance and its sync group',
      code: instance('VI_1', 51, TRACK_ETH1) + instance('VI_2', 52) + group(TRACK_ETH1),
      errors: [
        {
          line: 6,
          column: 9,
          severity: 'warning',
          message:
            'VI_1 tracks interface ens34, and so does its sync group SG (line 26): keepalived reports "track_interface ens34 is configured on VRRP instance and sync group" and tracks it once. Remove it from the instance or from the sync group.',
        },
      ],
    },
  ],
});
