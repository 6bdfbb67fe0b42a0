import { childValues, readRouteLine } from '@kalint/model';
import type { Rule } from '../types.js';

/** Route lines keepalived drops, or the kernel refuses, for their addresses. */
export const routeAddress: Rule = {
  meta: {
    id: 'route-address',
    description: 'virtual_routes / static_routes lines with a gateway written with a prefix (keepalived drops the route) or an IPv4 destination with host bits set (the kernel refuses it)',
    defaultSeverity: 'error',
    fixable: false,
    scope: 'file',
  },
  file(file, { reportOncePerPlace }) {
    for (const statement of file.node.index.statements) {
      if (statement.path !== 'vrrp_instance/virtual_routes' && statement.path !== 'static_routes') continue;
      const when = statement.path === 'static_routes' ? 'at start-up' : 'when the instance becomes MASTER';
      for (const item of childValues(statement)) {
        const route = readRouteLine(item.words);
        if (route.gatewayWithPrefix) {
          const { keyword, address } = route.gatewayWithPrefix;
          const plain = address.text.slice(0, address.text.indexOf('/'));
          reportOncePerPlace({
            message:
              `keepalived reads the ${keyword.text} address of a route without a prefix: ${address.text} is not an address to it ("invalid route via address ${address.text}"), ` +
              `so it drops this whole route, which is never added ${when}. Write ${keyword.text === 'gw' ? 'via' : keyword.text} ${plain}.`,
            at: address,
          });
        }
        if (route.destination && route.network) {
          reportOncePerPlace({
            message:
              `The route destination ${route.destination.text} has host bits set: its network is ${route.network}. keepalived passes it to the kernel as written, ` +
              `and the kernel refuses it ("Invalid prefix for given prefix length"), so the route is not added ${when}. ` +
              `Write ${route.network}, or ${route.destination.text.slice(0, route.destination.text.indexOf('/'))}/32 for a host route.`,
            at: route.destination,
          });
        }
      }
    }
  },
};
