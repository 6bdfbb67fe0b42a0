import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

// One node of the benchmark fleet: pair `pair`, side 'a' (primary) or 'b' (secondary). Every pair
// names its instance VI_1 on eth0 with VRID 51 and a VIP of its own, as real inventories do; one
// pair in 50 (pair % 50 === 7) has weight drift on side b. Used by bench/fleet.mjs and bench/digest.mjs.
export function fleetConfig(pair, side) {
  const net = `10.${Math.floor(pair / 250)}.${pair % 250}`;
  const drift = side === 'b' && pair % 50 === 7;
  const realServers = [11, 12, 13]
    .map((host) => `    real_server ${net}.${host} 80 {\n        weight ${drift && host === 12 ? 2 : 1}\n        TCP_CHECK {\n            connect_timeout 3\n            retry 3\n            delay_before_retry 3\n        }\n    }`)
    .join('\n');
  return `! ${side === 'a' ? 'primary' : 'secondary'} director of site ${pair}
global_defs {
    router_id lb-${pair}-${side}
}

vrrp_instance VI_1 {
    state ${side === 'a' ? 'MASTER' : 'BACKUP'}
    interface eth0
    virtual_router_id 51
    priority ${side === 'a' ? 110 : 100}
    advert_int 1
    authentication {
        auth_type PASS
        auth_pass s${pair}
    }
    virtual_ipaddress {
        ${net}.100/24
    }
}

virtual_server ${net}.100 80 {
    delay_loop 6
    lb_algo rr
    lb_kind NAT
    protocol TCP
${realServers}
}
`;
}

/** Write `pairs` pairs into DIR as site<k>/lb-a|lb-b/keepalived.conf; returns the bytes written. */
export function writeFleet(dir, pairs) {
  let bytes = 0;
  for (let pair = 0; pair < pairs; pair++) {
    for (const side of ['a', 'b']) {
      const folder = path.join(dir, `site${pair}`, `lb-${side}`);
      mkdirSync(folder, { recursive: true });
      const text = fleetConfig(pair, side);
      bytes += text.length;
      writeFileSync(path.join(folder, 'keepalived.conf'), text);
    }
  }
  return bytes;
}
