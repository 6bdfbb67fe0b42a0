import { arpPrerequisites } from '../../src/rules/arp-prerequisites.js';
import { testRule } from '../rule-tester.js';

/** lb_kind on line 3, real servers from line 5 (two lines each). */
const service = (kind: string | undefined, reals: string[]) => `virtual_server 10.1.8.100 80 {
    lb_algo rr
${kind ? `    lb_kind ${kind}\n` : ''}    protocol TCP
${reals.map((r) => `    real_server ${r} 80 {\n    }\n`).join('')}}
`;
const arpOk = 'net.ipv4.conf.all.arp_ignore = 1\nnet.ipv4.conf.all.arp_announce = 2\n';

testRule(arpPrerequisites, {
  valid: [
    { name: 'DR with facts that pass', code: service('DR', ['10.1.8.11', '10.1.8.12']), hosts: { '10.1.8.11': arpOk, '10.1.8.12': arpOk } },
    {
      name: 'the interface value counts when it is higher than all',
      code: service('DR', ['10.1.8.11']),
      hosts: { '10.1.8.11': 'net.ipv4.conf.all.arp_ignore = 0\nnet.ipv4.conf.eth0.arp_ignore = 1\nnet.ipv4.conf.eth0.arp_announce = 2\n' },
    },
    { name: 'TUN with rp_filter loose', code: service('TUN', ['10.1.8.11']), hosts: { '10.1.8.11': 'net.ipv4.conf.all.rp_filter = 2\nnet.ipv4.conf.tunl0.rp_filter = 0\n' } },
    { name: 'NAT with a forwarding director', code: service('NAT', ['10.1.8.11']), hosts: { director: 'net.ipv4.ip_forward = 1\n' } },
    { name: 'a virtual server without real servers', code: 'virtual_server 10.1.8.100 80 {\n    lb_kind DR\n}\n' },
  ],
  invalid: [
    {
      name: 'DR without facts: one warning listing what to set',
      code: service('DR', ['10.1.8.11', '10.1.8.12']),
      errors: [
        {
          line: 3,
          column: 13,
          message:
            'lb_kind DR: the real servers 10.1.8.11 and 10.1.8.12 receive packets addressed to 10.1.8.100 and must not answer ARP for it. Each must hold 10.1.8.100 on lo or a dummy interface and set net.ipv4.conf.all.arp_ignore = 1 and net.ipv4.conf.all.arp_announce = 2; otherwise it answers ARP for 10.1.8.100 and takes traffic meant for the director. kalint can check the two settings only from their sysctl values: pass them as `--host ADDRESS=FILE`, once per server (`--host 10.1.8.11=FILE`), or in the "hosts" key of .kalintrc.json, with FILE in sysctl.conf syntax or `sysctl -a` output (the address on lo or dummy cannot be seen from sysctl)',
          severity: 'warning',
        },
      ],
    },
    {
      name: 'DR with facts that fall short: an error per setting, naming the facts file',
      code: service('DR', ['10.1.8.11', '10.1.8.12']),
      hosts: { '10.1.8.11': arpOk, '10.1.8.12': 'net.ipv4.conf.all.arp_ignore = 0\nnet.ipv4.conf.lo.arp_ignore = 1\nnet.ipv4.conf.all.arp_announce = 2\n' },
      errors: [
        {
          line: 7,
          column: 17,
          message:
            'real_server 10.1.8.12 80 (lb_kind DR): net.ipv4.conf.all.arp_ignore is 0 in 10.1.8.12.sysctl.conf (no network interface sets it higher); DR needs 1: the real server answers ARP requests for 10.1.8.100 and takes traffic meant for the director',
          severity: 'error',
        },
      ],
    },
    {
      name: 'facts for some real servers only: the others still get the warning',
      code: service('DR', ['10.1.8.11', '10.1.8.12']),
      hosts: { '10.1.8.11': 'net.ipv4.conf.all.arp_ignore = 1\n' },
      errors: [
        {
          line: 3,
          column: 13,
          message:
            'lb_kind DR: the real server 10.1.8.12 receives packets addressed to 10.1.8.100 and must not answer ARP for it. It must hold 10.1.8.100 on lo or a dummy interface and set net.ipv4.conf.all.arp_ignore = 1 and net.ipv4.conf.all.arp_announce = 2; otherwise it answers ARP for 10.1.8.100 and takes traffic meant for the director. kalint can check the two settings only from its sysctl values: pass them as `--host 10.1.8.12=FILE`, or in the "hosts" key of .kalintrc.json, with FILE in sysctl.conf syntax or `sysctl -a` output (the address on lo or dummy cannot be seen from sysctl)',
          severity: 'warning',
        },
        { line: 5, column: 17, message: /net\.ipv4\.conf\.all\.arp_announce is not set \(kernel default 0\) in 10\.1\.8\.11\.sysctl\.conf \(no network interface sets it higher\); DR needs 2/, severity: 'error' },
      ],
    },
    {
      name: 'TUN with strict rp_filter',
      code: service('TUN', ['10.1.8.11']),
      hosts: { '10.1.8.11': 'net.ipv4.conf.all.rp_filter = 1\n' },
      errors: [{ line: 5, column: 17, message: /net\.ipv4\.conf\.all\.rp_filter is 1 \(strict\) in 10\.1\.8\.11\.sysctl\.conf; TUN needs 0 or 2/, severity: 'error' }],
    },
    {
      name: 'TUN without facts',
      code: service('TUN', ['10.1.8.11']),
      errors: [
        {
          line: 3,
          column: 13,
          message:
            'lb_kind TUN: the real server 10.1.8.11 receives 10.1.8.100 through an IP tunnel. It must hold 10.1.8.100 on the tunnel interface (tunl0) and relax reverse-path filtering: net.ipv4.conf.all.rp_filter and net.ipv4.conf.tunl0.rp_filter 0 or 2, not 1; otherwise it drops the tunnelled packets. kalint cannot see this without its sysctl settings: pass them as `--host 10.1.8.11=FILE`, or in the "hosts" key of .kalintrc.json, with FILE in sysctl.conf syntax or `sysctl -a` output',
        },
      ],
    },
    {
      name: 'NAT by default: the director must forward',
      code: service(undefined, ['10.1.8.11']),
      errors: [
        {
          line: 1,
          column: 16,
          message: /^lb_kind NAT \(no lb_kind line: keepalived's default\): the director \(the node running this keepalived\) must forward packets: net\.ipv4\.ip_forward = 1.* pass them as `--host director=FILE` \(or under this node's router_id instead of director\), or in the "hosts" key of \.kalintrc\.json/,
        },
      ],
    },
    {
      name: 'a method keepalived does not know (lb_kind FNAT, of a patched LVS) leaves NAT: the director must forward',
      code: service('FNAT', ['10.1.8.11']),
      errors: [
        {
          line: 3,
          column: 13,
          message: /^lb_kind NAT \(keepalived does not know the method of 'lb_kind FNAT' and forwards by NAT, its default\): the director \(the node running this keepalived\) must forward packets/,
        },
      ],
    },
    {
      name: 'NAT with a director that does not forward, found by router_id',
      code: `global_defs {\n    router_id lb1\n}\n${service('NAT', ['10.1.8.11'])}`,
      hosts: { lb1: 'net.ipv4.ip_forward = 0\n' },
      errors: [{ line: 6, column: 13, message: /^lb_kind NAT: net\.ipv4\.ip_forward is 0 in lb1\.sysctl\.conf; NAT needs 1/, severity: 'error' }],
    },
  ],
});
