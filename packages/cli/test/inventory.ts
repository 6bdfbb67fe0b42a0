/**
 * A generated inventory of HA pairs, for the tests of parallel linting: every pair in
 * `site<k>/lb-a|lb-b/keepalived.conf`, all naming their instance VI_1 with VRID 51 on eth0 (keys
 * more than 8 files share, which must join nothing), each pair with a virtual IP and a virtual
 * server of its own, and the cases where a split run could go wrong:
 *
 * - site3: weight drift between the two nodes (a peer finding naming the other node's file);
 * - site7: both nodes keep their instance in an included `vrrp.conf`, with the same priority
 *   (findings in included files, naming included files);
 * - site1/lb-a and site9/lb-b include one shared file, which has a finding of its own (two pairs
 *   far apart in the run's order that must be linted together);
 * - site5/lb-b: a syntax error;
 * - no configuration file anywhere.
 */
import { scratch } from './helpers.js';

export function inventory(pairs = 12): string {
  const files: Record<string, string> = {
    'shared/notify.conf': 'vrrp_script chk_haproxy {\n    script "/usr/bin/killall -0 haproxy"\n    interval 2\n    wieght 2\n}\n',
  };
  for (let pair = 0; pair < pairs; pair++) {
    for (const side of ['a', 'b'] as const) {
      const net = `10.20.${pair}`;
      const drift = pair === 3 && side === 'b';
      const included = pair === 7;
      const instance = `vrrp_instance VI_1 {
    state ${side === 'a' ? 'MASTER' : 'BACKUP'}
    interface eth0
    virtual_router_id 51
    priority ${included ? 100 : side === 'a' ? 110 : 100}
    advert_int 1
    virtual_ipaddress {
        ${net}.100/24
    }
}
`;
      const realServers = [11, 12]
        .map((host) => `    real_server ${net}.${host} 80 {\n        weight ${drift && host === 12 ? 3 : 1}\n        TCP_CHECK {\n            connect_timeout 3\n        }\n    }\n`)
        .join('');
      const shared = (pair === 1 && side === 'a') || (pair === 9 && side === 'b') ? 'include ../../shared/notify.conf\n' : '';
      const broken = pair === 5 && side === 'b' ? '}\n' : '';
      const dir = `site${pair}/lb-${side}`;
      if (included) files[`${dir}/vrrp.conf`] = instance;
      files[`${dir}/keepalived.conf`] =
        `global_defs {\n    router_id lb-${pair}-${side}\n}\n${shared}${broken}` +
        (included ? 'include vrrp.conf\n' : instance) +
        `virtual_server ${net}.100 80 {\n    lb_algo rr\n    lb_kind NAT\n    protocol TCP\n${realServers}}\n`;
    }
  }
  return scratch(files);
}
