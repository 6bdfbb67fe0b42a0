import type { Rule } from '../types.js';
import { childValues, childrenAt, familyTrace, familyOf, hasUnresolvedIncludes, instanceVersion, isStrict } from '../semantic-util.js';

/** A vrrp_instance without what keepalived needs to run it: virtual_router_id, interface, a VIP. */
export const vrrpInstanceIncomplete: Rule = {
  meta: {
    id: 'vrrp-instance-incomplete',
    description: 'A vrrp_instance without virtual_router_id or interface (the VRRP process does not start), or without any virtual IP',
    defaultSeverity: 'error',
    fixable: false,
    scope: 'file',
  },
  check({ project, targetVersion, report }) {
    for (const file of project.files) {
      // Part of an instance may come from an included file kalint could not read.
      if (hasUnresolvedIncludes(file.ast)) continue;
      for (const instance of file.model.instances) {
        const at = instance.statement.args[0] ?? instance.statement.keyword;
        let stops = false;
        if (childrenAt(instance.statement, 'vrrp_instance/virtual_router_id').length === 0) {
          stops = true;
          report({
            message:
              `vrrp_instance ${instance.name} has no virtual_router_id: keepalived reports "the virtual router id must be set" and the VRRP process ` +
              `does not start, for any instance of this file. Add virtual_router_id <1-255>, the same on every peer.`,
            at,
          });
        }
        if (childrenAt(instance.statement, 'vrrp_instance/interface').length === 0) {
          stops = true;
          const unicast = instance.unicastSrcIp !== undefined && instance.unicastPeers.length > 0;
          report({
            message:
              `vrrp_instance ${instance.name} has no interface: keepalived 2.2.7 reports "Unknown interface!" and the VRRP process does not start` +
              (unicast ? ' (later releases accept a unicast instance with unicast_src_ip and no interface)' : '') +
              `. Add interface <name>.`,
            at,
          });
        }
        // keepalived stops before it looks at the VIPs; one finding per instance is enough.
        if (stops) continue;
        const blocks = childrenAt(instance.statement, 'vrrp_instance/virtual_ipaddress');
        const { family } = familyTrace(instance);
        const vips = blocks.flatMap(childValues).filter((v) => v.words[0] && familyOf(v.words[0].text) === family);
        if (vips.length > 0) continue;
        const required = instanceVersion(file, instance, targetVersion) === 3 || isStrict(file, instance, targetVersion);
        const where = blocks[0]?.keyword ?? at;
        const none = blocks.length > 0 ? 'no usable virtual IP address (every item is invalid or of the other family)' : 'no virtual_ipaddress';
        report({
          message: required
            ? `vrrp_instance ${instance.name} has ${none}: with VRRPv3 or strict mode keepalived requires one ("No VIP specified; at least one is required") ` +
              `and the VRRP process does not start.`
            : `vrrp_instance ${instance.name} has ${none}: keepalived reports "No VIP specified; at least one is sensible", and the instance ` +
              `elects a MASTER that moves no address.`,
          at: where,
          ...(required ? {} : { severity: 'warning' as const }),
        });
      }
    }
  },
};
