import type { Statement } from '@kalint/parser';
import type { Report, Rule } from '../types.js';
import { childValues, childrenAt, familyTrace, familyOf, hasUnresolvedIncludes, instanceVersion, isStrict, topLevel } from '../semantic-util.js';

/**
 * The definitions keepalived throws away when a block ends without a line it needs: a vrrp_script
 * without `script` (or with `script` and no command), a bfd_instance without `neighbor_ip`.
 */
function incompleteDefinitions(scripts: readonly Statement[], bfds: readonly Statement[], report: (r: Report) => void): void {
  for (const script of scripts) {
    const name = script.args[0]?.text;
    if (name === undefined || !script.block) continue;
    if (childrenAt(script, 'vrrp_script/script').some((line) => line.args.length > 0)) continue;
    report({
      message:
        `vrrp_script ${name} has no script to run: keepalived reports "No script set for vrrp_script ${name} - removing" and drops the definition, ` +
        `so an instance that tracks it tracks nothing. Add script <command>.`,
      at: script.args[0]!,
      severity: 'warning',
    });
  }
  for (const bfd of bfds) {
    const name = bfd.args[0]?.text;
    if (name === undefined || !bfd.block) continue;
    if (childrenAt(bfd, 'bfd_instance/neighbor_ip').length > 0 || childrenAt(bfd, 'bfd_instance/neighbour_ip').length > 0) continue;
    report({
      message:
        `bfd_instance ${name} has no neighbor_ip: keepalived reports "BFD instance ${name} has no neighbor address set, disabling instance", ` +
        `so no BFD session runs and whatever tracks it tracks nothing. Add neighbor_ip <address>.`,
      at: bfd.args[0]!,
      severity: 'warning',
    });
  }
}

/**
 * A vrrp_instance without what keepalived needs to run it: virtual_router_id, interface, a VIP;
 * and a vrrp_script or bfd_instance that keepalived removes because it lacks its script or neighbour.
 */
export const vrrpInstanceIncomplete: Rule = {
  meta: {
    id: 'vrrp-instance-incomplete',
    needsEveryInclude: 'instances and scripts missing a line keepalived needs',
    description:
      'A vrrp_instance without virtual_router_id or interface (the VRRP process does not start) or without any virtual IP; a vrrp_script without script or a bfd_instance without neighbor_ip, which keepalived removes',
    defaultSeverity: 'error',
    fixable: false,
    scope: 'file',
  },
  check({ project, targetVersion, report }) {
    for (const file of project.files) {
      // Part of an instance may come from an included file kalint could not read.
      if (hasUnresolvedIncludes(file.ast)) continue;
      incompleteDefinitions(topLevel(file.ast, 'vrrp_script'), topLevel(file.ast, 'bfd_instance'), report);
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
