import { advertIntMismatch } from '../../src/rules/advert-int-mismatch.js';
import { testRule } from '../rule-tester.js';

const node = (state: string, priority: number, extra = '') => `vrrp_instance web {
    state ${state}
    interface eth0
    virtual_router_id 51
    priority ${priority}
${extra}    virtual_ipaddress {
        10.1.8.100/24
    }
}
`;

testRule(advertIntMismatch, {
  valid: [
    { name: 'same interval', code: { 'ha1.conf': node('MASTER', 110, '    advert_int 2\n'), 'ha2.conf': node('BACKUP', 100, '    advert_int 2\n') } },
    { name: 'absent means 1', code: { 'ha1.conf': node('MASTER', 110, '    advert_int 1\n'), 'ha2.conf': node('BACKUP', 100) } },
    {
      name: 'VRRPv2 rounds an interval to whole seconds: 1.5 runs as 2',
      code: { 'ha1.conf': node('MASTER', 110, '    advert_int 1.5\n'), 'ha2.conf': node('BACKUP', 100, '    advert_int 2\n') },
    },
    {
      name: 'VRRPv3 backups adopt the master interval',
      code: { 'ha1.conf': node('MASTER', 110, '    version 3\n    advert_int 2\n'), 'ha2.conf': node('BACKUP', 100, '    version 3\n') },
    },
    {
      // Issue 13 (a): strict mode runs an IPv6 instance as VRRP version 3 whatever its version line
      // says, and a VRRPv3 backup adopts the master's interval.
      name: 'IPv6 with vrrp_strict and version 2 runs VRRPv3: the backup adopts the master interval',
      code: {
        'ha1.conf': `global_defs {\n    vrrp_strict\n}\n${node('MASTER', 255, '    version 2\n    advert_int 1\n').replace('10.1.8.100/24', 'fd00::100/64')}`,
        'ha2.conf': `global_defs {\n    vrrp_strict\n}\n${node('BACKUP', 100, '    version 2\n    advert_int 2\n').replace('10.1.8.100/24', 'fd00::100/64')}`,
      },
    },
  ],
  invalid: [
    {
      name: 'advert_int 2 against the default',
      code: { 'ha1.conf': node('MASTER', 110, '    advert_int 2\n'), 'ha2.conf': node('BACKUP', 100) },
      errors: [
        {
          file: 'ha1.conf',
          line: 6,
          column: 16,
          message:
            'vrrp_instance web has advert_int 2 here but 1 (the default: no advert_int line) in ha2.conf (line 1): VRRPv2 drops adverts whose interval differs from its own, so the nodes never hear each other and each becomes MASTER (split brain)',
          severity: 'error',
        },
        { file: 'ha2.conf', line: 1, column: 15, message: /advert_int 1 \(the default: no advert_int line\) here but 2 in ha1\.conf \(line 6\)/ },
      ],
    },
    {
      name: 'an interval VRRPv2 rounds, against the default',
      code: { 'ha1.conf': node('MASTER', 110, '    advert_int 1.5\n'), 'ha2.conf': node('BACKUP', 100) },
      errors: [
        {
          file: 'ha1.conf',
          line: 6,
          column: 16,
          message:
            'vrrp_instance web has advert_int 2 (VRRPv2 adverts carry whole seconds: keepalived rounds advert_int 1.5 to 2) here but 1 (the default: no advert_int line) in ha2.conf (line 1): VRRPv2 drops adverts whose interval differs from its own, so the nodes never hear each other and each becomes MASTER (split brain)',
        },
        { file: 'ha2.conf', line: 1, column: 15, message: /advert_int 1 \(the default: no advert_int line\) here but 2 \(VRRPv2 adverts carry whole seconds: keepalived rounds advert_int 1\.5 to 2\) in ha1\.conf \(line 6\)/ },
      ],
    },
    {
      name: 'vrrp_version 2 from global_defs',
      code: {
        'ha1.conf': `global_defs {\n    vrrp_version 2\n}\n${node('MASTER', 110, '    advert_int 3\n')}`,
        'ha2.conf': node('BACKUP', 100, '    advert_int 1\n'),
      },
      errors: [
        { file: 'ha1.conf', line: 9, column: 16, message: /advert_int 3 here but 1 in ha2\.conf \(line 6\)/ },
        { file: 'ha2.conf', line: 6, column: 16, message: /advert_int 1 here but 3 in ha1\.conf \(line 9\)/ },
      ],
    },
  ],
});
