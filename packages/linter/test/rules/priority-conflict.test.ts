import { priorityConflict } from '../../src/rules/priority-conflict.js';
import { testRule } from '../rule-tester.js';

/** `lines` go between the interface and the VIPs, so a state line is line 3 and a priority line follows it. */
const node = (...lines: string[]) => `vrrp_instance web {
    interface eth0
${lines.map((l) => `    ${l}\n`).join('')}    virtual_router_id 51
    virtual_ipaddress {
        10.1.8.100/24
    }
}
`;

testRule(priorityConflict, {
  valid: [
    { name: 'MASTER above BACKUP', code: { 'ha1.conf': node('state MASTER', 'priority 110'), 'ha2.conf': node('state BACKUP', 'priority 100') } },
    {
      name: 'BACKUP/BACKUP with different priorities and nopreempt',
      code: { 'ha1.conf': node('state BACKUP', 'priority 150', 'nopreempt'), 'ha2.conf': node('state BACKUP', 'priority 100', 'nopreempt') },
    },
    { name: 'BACKUP/BACKUP with equal priorities: first up keeps the VIPs, by design', code: { 'ha1.conf': node('state BACKUP', 'priority 100'), 'ha2.conf': node('state BACKUP', 'priority 100') } },
    { name: 'no state or priority line (BACKUP 100) against BACKUP 100', code: { 'ha1.conf': node(), 'ha2.conf': node('state BACKUP', 'priority 100') } },
    { name: 'a higher BACKUP with nopreempt leaves the MASTER alone', code: { 'ha1.conf': node('state MASTER', 'priority 100'), 'ha2.conf': node('state BACKUP', 'priority 150', 'nopreempt') } },
    { name: 'two MASTERs with different priorities: the lower waits and yields', code: { 'ha1.conf': node('state MASTER', 'priority 101'), 'ha2.conf': node('state MASTER', 'priority 100') } },
    {
      name: 'strict mode runs state MASTER below 255 as BACKUP: two BACKUPs of equal priority, by design',
      code: { 'ha1.conf': `global_defs {\n    vrrp_strict\n}\n${node('state MASTER', 'priority 100')}`, 'ha2.conf': `global_defs {\n    vrrp_strict\n}\n${node('state BACKUP', 'priority 100')}` },
    },
    {
      name: 'three nodes in order',
      code: { 'n1.conf': node('state MASTER', 'priority 200'), 'n2.conf': node('state BACKUP', 'priority 100'), 'n3.conf': node('state BACKUP', 'priority 90') },
    },
  ],
  invalid: [
    {
      name: 'MASTER and BACKUP with the same priority',
      code: { 'ha1.conf': node('state MASTER', 'priority 150'), 'ha2.conf': node('state BACKUP', 'priority 150') },
      errors: [
        {
          file: 'ha1.conf',
          line: 4,
          column: 14,
          message:
            'vrrp_instance web is state MASTER with priority 150 here, but the BACKUP in ha2.conf (line 4) has the same priority: after a failover the BACKUP keeps the virtual IPs when this node returns (equal priority does not preempt), so state MASTER only decides who starts first',
          severity: 'error',
        },
        { file: 'ha2.conf', line: 4, column: 14, message: /has priority 150 here, the same as the MASTER in ha1\.conf \(line 4\)/ },
      ],
    },
    {
      name: 'default priority 100 on the BACKUP equals the MASTER',
      code: { 'ha1.conf': node('state MASTER', 'priority 100'), 'ha2.conf': node('state BACKUP') },
      errors: [
        { file: 'ha1.conf', line: 4, column: 14, message: /the BACKUP in ha2\.conf \(line 3\) has the same priority/ },
        { file: 'ha2.conf', line: 3, column: 11, message: /priority 100 \(no priority line: keepalived uses 100\) here, the same as the MASTER/ },
      ],
    },
    {
      name: 'a priority keepalived cannot read runs as 100',
      code: { 'ha1.conf': node('state MASTER', 'priority 100'), 'ha2.conf': node('state BACKUP', 'priority 300') },
      errors: [
        { file: 'ha1.conf', line: 4, column: 14, message: /the BACKUP in ha2\.conf \(line 4\) has the same priority/ },
        {
          file: 'ha2.conf',
          line: 4,
          column: 14,
          message:
            "vrrp_instance web has priority 100 (priority '300' is not 1 to 255, so keepalived uses 100) here, the same as the MASTER in ha1.conf (line 4): after a failover this node keeps the virtual IPs when the MASTER returns (equal priority does not preempt), so the MASTER does not take them back",
        },
      ],
    },
    {
      name: 'preempt after nopreempt: the BACKUP above the MASTER preempts',
      code: { 'ha1.conf': node('state MASTER', 'priority 100'), 'ha2.conf': node('state BACKUP', 'priority 150', 'nopreempt', 'preempt') },
      errors: [
        { file: 'ha1.conf', line: 4, column: 14, message: /the BACKUP in ha2\.conf \(line 4\) has the higher priority 150 and no nopreempt/ },
        { file: 'ha2.conf', line: 4, column: 14, message: /higher than the MASTER's 100 in ha1\.conf \(line 4\), and nopreempt is not set/ },
      ],
    },
    {
      name: 'two MASTERs with equal priority',
      code: { 'ha1.conf': node('state MASTER', 'priority 100'), 'ha2.conf': node('state MASTER', 'priority 100') },
      errors: [
        { file: 'ha1.conf', line: 4, column: 14, message: /state MASTER with the same priority in ha2\.conf \(line 4\): neither node is preferred/ },
        { file: 'ha2.conf', line: 4, column: 14, message: /neither node is preferred/ },
      ],
    },
    {
      name: 'a BACKUP above the MASTER without nopreempt',
      code: { 'ha1.conf': node('state MASTER', 'priority 100'), 'ha2.conf': node('state BACKUP', 'priority 150') },
      errors: [
        { file: 'ha1.conf', line: 4, column: 14, message: /the BACKUP in ha2\.conf \(line 4\) has the higher priority 150 and no nopreempt/ },
        {
          file: 'ha2.conf',
          line: 4,
          column: 14,
          message:
            "vrrp_instance web is state BACKUP with priority 150 here, higher than the MASTER's 100 in ha1.conf (line 4), and nopreempt is not set: this node takes the virtual IPs over whenever it runs, so the MASTER holds them only while this node is down",
        },
      ],
    },
    {
      name: 'state MASTER without priority means 255 (address owner) on both',
      code: { 'ha1.conf': node('state MASTER'), 'ha2.conf': node('priority 255') },
      errors: [
        { file: 'ha1.conf', line: 3, column: 11, message: /priority 255 \(no priority line: keepalived uses 255 for state MASTER\) \(address owner\) here and so has its peer in ha2\.conf \(line 3\)/ },
        { file: 'ha2.conf', line: 3, column: 14, message: /both claim to own the virtual IPs/ },
      ],
    },
  ],
});
