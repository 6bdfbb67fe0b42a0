import { compareVersions, REPEATED_VIP_REPORTED_SINCE, type InstanceAddress, type VrrpInstance } from '@kalint/model';
import { lineOf } from '../messages.js';
import type { Rule } from '../types.js';

/** The same virtual IP address twice in one instance, or in two instances of one file. */
export const duplicateVirtualIp: Rule = {
  meta: {
    id: 'duplicate-virtual-ip',
    description: 'The same virtual_ipaddress twice in one vrrp_instance, or in two vrrp_instances of one file',
    defaultSeverity: 'error',
    fixable: false,
    scope: 'file',
  },
  file({ node }, { report }) {
    // What keepalived does with a repeat in one instance depends on the release (vrrp_data.c `vip_is_duplicate`).
    const reported = compareVersions(node.release, REPEATED_VIP_REPORTED_SINCE) >= 0;
    const owners = new Map<string, { instance: VrrpInstance; vip: InstanceAddress }>();
    for (const instance of node.instances) {
      // A repeated instance name is skipped by keepalived (duplicate-vrid reports it).
      if (instance.duplicateOf) continue;
      // The VIPs keepalived keeps: valid addresses of the instance's family.
      for (const vip of instance.vips) {
        const first = owners.get(vip.address);
        if (!first) {
          owners.set(vip.address, { instance, vip });
          continue;
        }
        const related = [{ file: first.vip.word.file, range: first.vip.word.range, message: `${first.vip.word.text} in ${first.instance.name}` }];
        if (first.instance === instance) {
          report({
            message:
              `virtual_ipaddress ${vip.word.text} is listed twice in ${instance.name} (first at line ${lineOf(first.vip.word)}): the address is added once; ` +
              (reported
                ? `keepalived reports "VIP duplicates a VIP" and ignores the line. Remove one.`
                : `keepalived ${node.release} is silent about it (from ${REPEATED_VIP_REPORTED_SINCE} it reports "VIP duplicates a VIP" and ignores the line). Remove one.`),
            at: vip.word,
            related,
            severity: 'warning',
          });
        } else {
          report({
            message:
              `virtual_ipaddress ${vip.word.text} is also a VIP of ${first.instance.name} (line ${lineOf(first.vip.word)}): ` +
              `both instances add and remove the same address as they change state, so one instance going BACKUP or FAULT ` +
              `deletes the address the other still serves. Keep each VIP in one instance.`,
            at: vip.word,
            related,
          });
        }
      }
    }
  },
};
