import { vipMismatch } from '../../src/rules/vip-mismatch.js';
import { testRule } from '../rule-tester.js';

const node = (state: string, priority: number, vips: string[]) => `vrrp_instance web {
    state ${state}
    interface eth0
    virtual_router_id 51
    priority ${priority}
    virtual_ipaddress {
${vips.map((v) => `        ${v}\n`).join('')}    }
}
`;

testRule(vipMismatch, {
  valid: [
    { name: 'same set, other order', code: { 'ha1.conf': node('MASTER', 110, ['10.1.8.100/24', '10.1.8.101/24']), 'ha2.conf': node('BACKUP', 100, ['10.1.8.101/24', '10.1.8.100/24']) } },
    { name: 'no prefix is /32', code: { 'ha1.conf': node('MASTER', 110, ['10.1.8.100']), 'ha2.conf': node('BACKUP', 100, ['10.1.8.100/32 dev eth0']) } },
    {
      name: 'a stray word keepalived skips is left to the single-file rules',
      code: { 'ha1.conf': node('MASTER', 110, ['10.1.8.100']), 'ha2.conf': node('BACKUP', 100, ['Indicamos la ip virtual', '10.1.8.100']) },
    },
  ],
  invalid: [
    {
      name: 'an address on one node only',
      code: { 'ha1.conf': node('MASTER', 110, ['10.1.8.100/24', '10.1.8.101/24']), 'ha2.conf': node('BACKUP', 100, ['10.1.8.100/24']) },
      errors: [
        {
          file: 'ha1.conf',
          line: 8,
          column: 9,
          message:
            "vrrp_instance web: virtual_ipaddress differs from its peer's, compared with ha2.conf (line 6): 10.1.8.101/24 only here. After a failover the new MASTER brings up a different set of addresses: the ones it lacks stop answering, a different prefix changes the subnet route",
          severity: 'error',
        },
        { file: 'ha2.conf', line: 6, column: 5, message: /compared with ha1\.conf \(line 6\): 10\.1\.8\.101\/24 only in ha1\.conf/ },
      ],
    },
    {
      name: 'same address, different prefix',
      code: { 'ha1.conf': node('MASTER', 110, ['10.1.8.100/24']), 'ha2.conf': node('BACKUP', 100, ['10.1.8.100']) },
      errors: [
        { file: 'ha1.conf', line: 7, column: 9, message: /10\.1\.8\.100\/24 here but 10\.1\.8\.100\/32 in ha2\.conf \(line 7\)/ },
        { file: 'ha2.conf', line: 7, column: 9, message: /10\.1\.8\.100\/32 here but 10\.1\.8\.100\/24 in ha1\.conf \(line 7\)/ },
      ],
    },
  ],
});
