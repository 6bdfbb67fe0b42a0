import { anchor, childrenAt, type NodeModel, type VrrpInstance } from '@kalint/model';
import type { Report, Rule } from '../types.js';

/**
 * The definitions keepalived throws away when a block ends without a line it needs: a vrrp_script
 * without `script` (or with `script` and no command), a bfd_instance without `neighbor_ip`.
 */
function incompleteDefinitions(node: NodeModel, report: (r: Report) => void): void {
  for (const script of node.topLevel('vrrp_script')) {
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
  for (const bfd of node.topLevel('bfd_instance')) {
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

/** Why keepalived refuses an instance without VIPs, in the operator's words. */
function whyRequired(instance: VrrpInstance): string {
  if (instance.strict.value) return 'in strict mode keepalived requires one';
  if (instance.version.value === 3) return 'with VRRPv3 keepalived requires one';
  return `keepalived ${instance.node.release} requires one for an IPv6 instance`;
}

/** What keepalived does with an instance without an `interface` line, as the release the node is for reads it. */
function noInterface(instance: VrrpInstance): string {
  const name = `vrrp_instance ${instance.name}`;
  switch (instance.withoutInterface.value) {
    case 'no-source-address':
      return (
        `${name} has no interface and no unicast_src_ip: keepalived reports "Unicast instances must have unicast_src_ip or interface" ` +
        `and the VRRP process does not start. Add interface <name>, or unicast_src_ip <address>.`
      );
    case 'link-local-source':
      return (
        `${name} has no interface and a link-local unicast_src_ip: keepalived reports "Non link-local address required if interface omitted" ` +
        `and the VRRP process does not start. Add interface <name>.`
      );
    default: {
      // 2.2.7 refuses even a unicast instance with a source address; later releases accept it.
      const accepted = instance.unicastLine !== undefined && instance.unicastSrcIp !== undefined;
      return (
        `${name} has no interface: keepalived${accepted ? ` ${instance.node.release}` : ''} reports "Unknown interface!" and the VRRP process does not start` +
        (accepted ? ' (later releases accept a unicast instance with unicast_src_ip and no interface)' : '') +
        `. Add interface <name>.`
      );
    }
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
  file({ node }, { report }) {
    // Part of an instance may come from an included file kalint could not read.
    if (!node.complete) return;
    incompleteDefinitions(node, report);
    for (const instance of node.instances) {
      // keepalived skips a repeated instance name's whole block (duplicate-vrid reports it).
      if (instance.duplicateOf) continue;
      const at = anchor(instance.statement);
      let stops = false;
      // A line with a value keepalived refuses is invalid-argument's; here: no line at all.
      if (childrenAt(instance.statement, 'vrrp_instance/virtual_router_id').length === 0) {
        stops = true;
        report({
          message:
            `vrrp_instance ${instance.name} has no virtual_router_id: keepalived reports "the virtual router id must be set" and the VRRP process ` +
            `does not start, for any instance of this file. Add virtual_router_id <1-255>, the same on every peer.`,
          at,
        });
      }
      if (childrenAt(instance.statement, 'vrrp_instance/interface').length === 0 && instance.withoutInterface.value !== 'allowed') {
        stops = true;
        report({ message: noInterface(instance), at });
      }
      // keepalived stops before it looks at the VIPs; one finding per instance is enough.
      if (stops || instance.vips.length > 0 || instance.withoutVips.value === 'allowed') continue;
      const blocks = childrenAt(instance.statement, 'vrrp_instance/virtual_ipaddress');
      const required = instance.withoutVips.value === 'refused';
      const none = blocks.length > 0 ? 'no usable virtual IP address (every item is invalid or of the other family)' : 'no virtual_ipaddress';
      report({
        message: required
          ? `vrrp_instance ${instance.name} has ${none}: ${whyRequired(instance)} ("No VIP specified; at least one is required") ` +
            `and the VRRP process does not start.`
          : `vrrp_instance ${instance.name} has ${none}: keepalived reports "No VIP specified; at least one is sensible", and the instance ` +
            `elects a MASTER that moves no address.`,
        at: blocks[0]?.keyword ?? at,
        ...(required ? {} : { severity: 'warning' as const }),
      });
    }
  },
};
