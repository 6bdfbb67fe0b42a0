/**
 * A line of `virtual_routes` / `static_routes` as keepalived reads it (keepalived/vrrp/vrrp_iproute.c
 * `alloc_route`, 2.2.7 to 2.4.3): `[src ADDR] [to] [TYPE] DEST [via|gw [inet|inet6] ADDR] ...`.
 * The destination is read by vrrp_ipaddress.c `parse_route` (a prefix is allowed; the address is
 * kept as written, host bits included); the gateway by `parse_ipaddress` without a prefix, so
 * `via 10.0.0.1/24` is not an address to keepalived: "invalid route via address", and the whole
 * route is dropped.
 */
import type { Word } from '@kalint/parser';

/** Route types keepalived reads before the destination (`blackhole 192.168.114.0/24`). */
const ROUTE_TYPES = new Set(['unicast', 'local', 'broadcast', 'multicast', 'throw', 'unreachable', 'prohibit', 'blackhole', 'nat', 'anycast']);

export interface RouteLine {
  /** The destination word, when the line has one kalint can tell. */
  destination: Word | undefined;
  /** The IPv4 network of a destination with host bits set (`10.0.0.5/24` → `10.0.0.0/24`). */
  network: string | undefined;
  /** A `via`/`gw` address written with a prefix: keepalived drops the route. */
  gatewayWithPrefix: { keyword: Word; address: Word } | undefined;
}

function ipv4(text: string): number | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (!m) return undefined;
  const parts = m.slice(1).map(Number);
  if (parts.some((p) => p > 255)) return undefined;
  return ((parts[0]! << 24) | (parts[1]! << 16) | (parts[2]! << 8) | parts[3]!) >>> 0;
}

function dotted(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

export function readRouteLine(words: readonly Word[]): RouteLine {
  let i = 0;
  if (words[i]?.text === 'src') i += 2;
  if (words[i]?.text === 'to') i++;
  if (words[i] && ROUTE_TYPES.has(words[i]!.text)) i++;
  const destination = words[i];
  let network: string | undefined;
  const m = destination && /^([^/]+)\/(\d{1,2})$/.exec(destination.text);
  if (m) {
    const address = ipv4(m[1]!);
    const prefix = Number(m[2]);
    if (address !== undefined && prefix <= 32) {
      const mask = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
      if ((address & ~mask) >>> 0 !== 0) network = `${dotted((address & mask) >>> 0)}/${prefix}`;
    }
  }
  let gatewayWithPrefix: RouteLine['gatewayWithPrefix'];
  for (let j = 0; j < words.length; j++) {
    const keyword = words[j]!;
    if (keyword.text !== 'via' && keyword.text !== 'gw') continue;
    let address = words[j + 1];
    if (address && (address.text === 'inet' || address.text === 'inet6')) address = words[j + 2];
    if (address && address.text.includes('/')) gatewayWithPrefix ??= { keyword, address };
  }
  return { destination, network, gatewayWithPrefix };
}
