import type { Rule } from '../types.js';
import type { Valued, VrrpInstance } from '../model.js';
import { canonicalAddress, familyOf } from '../semantic-util.js';

/** The same virtual IP address twice in one instance, or in two instances of one file. */
export const duplicateVirtualIp: Rule = {
  meta: {
    id: 'duplicate-virtual-ip',
    description: 'The same virtual_ipaddress twice in one vrrp_instance, or in two vrrp_instances of one file',
    defaultSeverity: 'error',
    fixable: false,
    scope: 'file',
  },
  check({ project, report }) {
    for (const file of project.files) {
      const owners = new Map<string, { instance: VrrpInstance; vip: Valued<string> }>();
      const names = new Set<string>();
      for (const instance of file.model.instances) {
        // A second instance of the same name is skipped by keepalived (duplicate-vrid reports it).
        if (names.has(instance.name)) continue;
        names.add(instance.name);
        for (const vip of instance.vips) {
          if (familyOf(vip.value) === null) continue;
          const address = canonicalAddress(vip.value);
          const first = owners.get(address);
          if (!first) {
            owners.set(address, { instance, vip });
            continue;
          }
          const related = [{ file: first.vip.at.file, range: first.vip.at.range, message: `${first.vip.value} in ${first.instance.name}` }];
          if (first.instance === instance) {
            report({
              message:
                `virtual_ipaddress ${vip.value} is listed twice in ${instance.name} (first at line ${first.vip.at.range.start.line + 1}): ` +
                `the address is added once; keepalived 2.2.7 is silent, later releases report "VIP duplicates a VIP" and ignore the line. Remove one.`,
              at: vip.at,
              related,
              severity: 'warning',
            });
          } else {
            report({
              message:
                `virtual_ipaddress ${vip.value} is also a VIP of ${first.instance.name} (line ${first.vip.at.range.start.line + 1}): ` +
                `both instances add and remove the same address as they change state, so one instance going BACKUP or FAULT ` +
                `deletes the address the other still serves. Keep each VIP in one instance.`,
              at: vip.at,
              related,
            });
          }
        }
      }
    }
  },
};
