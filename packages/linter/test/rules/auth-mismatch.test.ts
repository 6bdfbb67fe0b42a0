import { authMismatch } from '../../src/rules/auth-mismatch.js';
import { testRule } from '../rule-tester.js';

const auth = (type: string, pass: string) => `    authentication {\n        auth_type ${type}\n        auth_pass ${pass}\n    }\n`;
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

/** A node of one of two clusters that both kept the sample's name VI_1. */
const vi1 = (vrid: number, vip: string, extra = '') => `vrrp_instance VI_1 {
    interface eth0
    virtual_router_id ${vrid}
${extra}    virtual_ipaddress {
        ${vip}
    }
}
`;

testRule(authMismatch, {
  valid: [
    {
      name: 'two clusters named VI_1 on VRIDs 51 and 52, each with its own password, are not peers',
      code: {
        'a1.conf': vi1(51, '10.0.0.100/24', auth('PASS', 'secret12')),
        'a2.conf': vi1(51, '10.0.0.100/24', auth('PASS', 'secret12')),
        'b1.conf': vi1(52, '10.0.0.200/24'),
        'b2.conf': vi1(52, '10.0.0.200/24'),
      },
    },
    {
      name: 'the same two clusters on one VRID and one network collide (vrid-collision), they are not peers',
      code: {
        'a1.conf': vi1(51, '10.0.0.100/24', auth('PASS', 'secret12')),
        'a2.conf': vi1(51, '10.0.0.100/24', auth('PASS', 'secret12')),
        'b1.conf': vi1(51, '10.0.0.200/24'),
        'b2.conf': vi1(51, '10.0.0.200/24'),
      },
    },
    { name: 'same password', code: { 'ha1.conf': node('MASTER', 110, auth('PASS', 'secret12')), 'ha2.conf': node('BACKUP', 100, auth('PASS', 'secret12')) } },
    {
      name: 'passwords that agree in the 8 characters keepalived keeps',
      code: { 'ha1.conf': node('MASTER', 110, auth('PASS', 'laoma@123')), 'ha2.conf': node('BACKUP', 100, auth('PASS', 'laoma@12')) },
    },
    { name: 'no authentication on either node', code: { 'ha1.conf': node('MASTER', 110), 'ha2.conf': node('BACKUP', 100) } },
    {
      name: 'VRRPv3 ignores authentication',
      code: { 'ha1.conf': node('MASTER', 110, `    version 3\n${auth('PASS', 'secret12')}`), 'ha2.conf': node('BACKUP', 100, '    version 3\n') },
    },
    {
      // Issue 13 (b): keepalived keeps the last strict_mode line it understands, so ha1 runs strict
      // and ignores its authentication, as ha2 (vrrp_strict) does: neither authenticates.
      name: 'strict_mode false then true: the last wins, so both nodes run without authentication',
      code: {
        'ha1.conf': node('MASTER', 110, `    strict_mode false\n    strict_mode true\n${auth('PASS', 'secret12')}`),
        'ha2.conf': `global_defs {\n    vrrp_strict\n}\n${node('BACKUP', 100)}`,
      },
    },
    {
      // Issue 13 (c): keepalived 2.2.7 takes `vrrp_strict false` as strict mode on, which ignores authentication.
      name: 'vrrp_strict false under keepalived 2.2.7 is strict mode: the passwords are not used',
      options: { targetVersion: '2.2.7' },
      code: {
        'ha1.conf': `global_defs {\n    vrrp_strict false\n}\n${node('MASTER', 110, auth('PASS', 'secret12'))}`,
        'ha2.conf': `global_defs {\n    vrrp_strict false\n}\n${node('BACKUP', 100, auth('PASS', 'secret34'))}`,
      },
    },
  ],
  invalid: [
    {
      // Issue 13 (c): from 2.3.0 keepalived reads the word, so strict mode is off and the passwords count.
      name: 'vrrp_strict false from keepalived 2.3.0 is strict mode off: the passwords must agree',
      code: {
        'ha1.conf': `global_defs {\n    vrrp_strict false\n}\n${node('MASTER', 110, auth('PASS', 'secret12'))}`,
        'ha2.conf': `global_defs {\n    vrrp_strict false\n}\n${node('BACKUP', 100, auth('PASS', 'secret34'))}`,
      },
      errors: [
        { file: 'ha1.conf', line: 11, column: 19, message: /differs from the one in ha2\.conf \(line 11\)/ },
        { file: 'ha2.conf', line: 11, column: 19, message: /differs from the one in ha1\.conf \(line 11\)/ },
      ],
    },
    {
      name: 'different passwords: values are not shown',
      code: { 'ha1.conf': node('MASTER', 110, auth('PASS', 'secret12')), 'ha2.conf': node('BACKUP', 100, auth('PASS', 'secret34')) },
      errors: [
        {
          file: 'ha1.conf',
          line: 8,
          column: 19,
          message:
            "vrrp_instance web: auth_pass here differs from the one in ha2.conf (line 8) within the first 8 characters, the only ones keepalived uses (values not shown): each node rejects the other's adverts, so both become MASTER and hold the virtual IPs at the same time (split brain)",
          severity: 'error',
        },
        { file: 'ha2.conf', line: 8, column: 19, message: /differs from the one in ha1\.conf \(line 8\)/ },
      ],
    },
    {
      name: 'PASS against AH',
      code: { 'ha1.conf': node('MASTER', 110, auth('PASS', 'secret12')), 'ha2.conf': node('BACKUP', 100, auth('AH', 'secret12')) },
      errors: [
        { file: 'ha1.conf', line: 7, column: 19, message: /authentication auth_type PASS here but auth_type AH in ha2\.conf \(line 7\)/ },
        { file: 'ha2.conf', line: 7, column: 19, message: /auth_type AH here but auth_type PASS in ha1\.conf \(line 7\)/ },
      ],
    },
    {
      name: 'one node with authentication, the other without',
      code: { 'ha1.conf': node('MASTER', 110, auth('PASS', 'secret12')), 'ha2.conf': node('BACKUP', 100) },
      errors: [
        { file: 'ha1.conf', line: 7, column: 19, message: /auth_type PASS here but none \(no authentication block\) in ha2\.conf \(line 1\)/ },
        { file: 'ha2.conf', line: 1, column: 15, message: /authentication none \(no authentication block\) here but auth_type PASS in ha1\.conf \(line 7\)/ },
      ],
    },
  ],
});
