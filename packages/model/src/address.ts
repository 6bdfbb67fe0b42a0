/**
 * Addresses as keepalived reads them: the one place kalint parses an IP address. keepalived reads
 * addresses with `inet_pton` (glibc), and the address lists it keeps (VIPs, unicast peers) skip
 * any word that is not one, so every rule and every derivation asks here.
 */

/** `inet_pton(AF_INET, ...)` as glibc implements it: four decimal parts, no leading zeros. */
export function isIPv4(text: string): boolean {
  // Four parts split at '.', each /^(0|[1-9]\d{0,2})$/ and at most 255 (hand-written: this runs for every address word).
  let parts = 0;
  let value = 0;
  let digits = 0;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 46; /* '.' ends the last part */
    if (c === 46) {
      if (digits === 0 || value > 255) return false;
      parts++;
      value = 0;
      digits = 0;
    } else if (c >= 48 && c <= 57) {
      if (digits === 1 && value === 0) return false; // a leading zero
      if (++digits > 3) return false;
      value = value * 10 + (c - 48);
    } else {
      return false;
    }
  }
  return parts === 4;
}

/** `inet_pton(AF_INET6, ...)`: hex groups, at most one `::`, an optional dotted IPv4 tail. */
export function isIPv6(text: string): boolean {
  if (!/^[0-9A-Fa-f:.]+$/.test(text)) return false;
  const doubles = text.split('::').length - 1;
  if (doubles > 1) return false;
  let groups = 0;
  const sides = doubles === 1 ? text.split('::') : [text];
  for (let s = 0; s < sides.length; s++) {
    const side = sides[s]!;
    if (side === '') continue;
    const parts = side.split(':');
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i]!;
      const lastOverall = s === sides.length - 1 && i === parts.length - 1;
      if (part.includes('.')) {
        if (!lastOverall || !isIPv4(part)) return false;
        groups += 2;
      } else if (/^[0-9A-Fa-f]{1,4}$/.test(part)) {
        groups += 1;
      } else {
        return false;
      }
    }
  }
  return doubles === 1 ? groups <= 7 : groups === 8;
}

/** The address part of an address word: `10.1.8.100/24` -> `10.1.8.100`, lower-cased. */
export function addressOf(text: string): string {
  const slash = text.indexOf('/');
  return (slash < 0 ? text : text.slice(0, slash)).toLowerCase();
}

/**
 * 4 or 6 for a word that is an IPv4 or IPv6 address (with or without a prefix length), else null.
 * A prefix length, when written, must be digits only (keepalived reads no other).
 */
export function familyOf(text: string): 4 | 6 | null {
  const slash = text.indexOf('/');
  const address = slash < 0 ? text : text.slice(0, slash);
  if (slash >= 0 && !/^\d{1,3}$/.test(text.slice(slash + 1))) return null;
  // Dotted quads first, without lower-casing: most words are IPv4.
  if (isIPv4(address)) return 4;
  return isIPv6(address) ? 6 : null;
}

/** An address as keepalived's `inet_stosockaddr` reads it: anything after `-` or `/` is dropped, `:` means IPv6. */
export function socketAddressFamily(text: string): 4 | 6 | null {
  const cut = text.search(/[-/]/);
  const address = cut >= 0 ? text.slice(0, cut) : text;
  if (address.includes(':')) return isIPv6(address) ? 6 : null;
  return isIPv4(address) ? 4 : null;
}

/** The 8 16-bit groups of an IPv6 address (a valid one: see `isIPv6`). */
function ipv6Groups(address: string): number[] {
  const [head = '', tail] = address.includes('::') ? address.split('::') : [address, undefined];
  // An embedded IPv4 tail counts as two groups.
  const groups = (part: string) =>
    (part ? part.split(':') : []).flatMap((p) => {
      if (!p.includes('.')) return [Number.parseInt(p || '0', 16)];
      const b = p.split('.').map(Number);
      return [(b[0]! << 8) | b[1]!, (b[2]! << 8) | b[3]!];
    });
  const h = groups(head);
  const t = groups(tail ?? '');
  const fill = tail === undefined ? [] : new Array<number>(Math.max(0, 8 - h.length - t.length)).fill(0);
  return [...h, ...fill, ...t];
}

/** Canonical text of an address word without its prefix (so `2001:DB8::1` equals `2001:db8:0::1`). */
export function canonicalAddress(text: string): string {
  const address = addressOf(text);
  if (familyOf(address) !== 6) return address;
  return ipv6Groups(address)
    .map((g) => g.toString(16))
    .join(':');
}

/** The prefix length written after `/`, or undefined. */
export function prefixOf(text: string): number | undefined {
  const slash = text.indexOf('/');
  if (slash < 0) return undefined;
  const prefix = text.slice(slash + 1);
  return /^\d{1,3}$/.test(prefix) ? Number(prefix) : undefined;
}

/** `10.1.8.100` -> `10.1.8.100/32`; `fe80::1` -> `fe80::1/128` (keepalived's prefix for an address written without one). */
export function withPrefix(text: string): string {
  const family = familyOf(text);
  return `${canonicalAddress(text)}/${prefixOf(text) ?? (family === 6 ? 128 : 32)}`;
}

/** The address's bits, most significant first (32 or 128 of them), for a valid address. */
function bits(address: string): boolean[] {
  const family = familyOf(address);
  const out: boolean[] = [];
  if (family === 4) {
    for (const part of addressOf(address).split('.')) for (let b = 7; b >= 0; b--) out.push(((Number(part) >> b) & 1) === 1);
  } else if (family === 6) {
    for (const group of ipv6Groups(addressOf(address))) for (let b = 15; b >= 0; b--) out.push(((group >> b) & 1) === 1);
  }
  return out;
}

/**
 * The network an address word says it is on: `10.1.8.100/24` -> `10.1.8.0/24`. Undefined when no
 * prefix length is written, or it is a host prefix (/32, /128): then the word says nothing of its
 * network.
 */
export function networkOf(text: string): string | undefined {
  const family = familyOf(text);
  const prefix = prefixOf(text);
  if (family === null || prefix === undefined) return undefined;
  const width = family === 4 ? 32 : 128;
  if (prefix >= width) return undefined;
  return `${family}:${bits(text)
    .slice(0, prefix)
    .map((b) => (b ? '1' : '0'))
    .join('')}`;
}

/** Whether the address of `text` lies in the network `cidr` (`10.1.0.0/16`); false when either is no address. */
export function inNetwork(text: string, cidr: string): boolean {
  const family = familyOf(text);
  const prefix = prefixOf(cidr);
  if (family === null || familyOf(cidr) !== family || prefix === undefined) return false;
  const a = bits(addressOf(text));
  const n = bits(addressOf(cidr));
  for (let i = 0; i < prefix && i < a.length; i++) if (a[i] !== n[i]) return false;
  return true;
}

/**
 * An address with an optional prefix length, as keepalived reads a virtual, excluded or static
 * address and the `from`/`to` of a rule (vrrp_ipaddress.c `parse_ipaddress`): a `:` anywhere
 * makes it IPv6; the part before `/` must be an address `inet_pton` reads for that family, else
 * keepalived skips the line; a prefix length it cannot read as a number up to the family's width
 * is reported and replaced by the host prefix (/32, /128).
 */
export interface PrefixedAddress {
  family: 4 | 6;
  /** Whether the address before `/` is one of its family. */
  valid: boolean;
  /** The text after `/` when keepalived cannot read it as a prefix length (it then uses `width`). */
  badPrefix?: string;
  /** The family's host prefix: 32 or 128. */
  width: 32 | 128;
}

/** `allowPrefix` false: the whole word is the address, as for the `peer` of an address (a `/` makes it invalid). */
export function readPrefixedAddress(text: string, allowPrefix = true): PrefixedAddress {
  const family = text.includes(':') ? 6 : 4;
  const width = family === 6 ? 128 : 32;
  const slash = allowPrefix ? text.indexOf('/') : -1;
  const address = slash >= 0 ? text.slice(0, slash) : text;
  const found: PrefixedAddress = { family, valid: family === 6 ? isIPv6(address) : isIPv4(address), width };
  if (slash >= 0) {
    // `read_unsigned` skips leading blanks and takes a `+`.
    const prefix = text.slice(slash + 1).replace(/^\s+/, '');
    if (!/^\+?\d+$/.test(prefix) || Number(prefix) > width) found.badPrefix = text.slice(slash + 1);
  }
  return found;
}

/** The address before any `-` or `/`, as `inet_stosockaddr` reads it. */
function socketAddress(text: string): string {
  const cut = text.search(/[-/]/);
  return cut >= 0 ? text.slice(0, cut) : text;
}

/**
 * Whether a valid address (see `socketAddressFamily`) is a multicast group: 224.0.0.0/4 for IPv4,
 * ff00::/8 for IPv6.
 */
export function isMulticast(text: string): boolean {
  const address = socketAddress(text);
  const family = socketAddressFamily(address);
  if (family === 4) {
    const first = Number(address.slice(0, address.indexOf('.')));
    return first >= 224 && first <= 239;
  }
  return family === 6 && ipv6Groups(address.toLowerCase())[0]! >> 8 === 0xff;
}

/** The scope of an IPv6 multicast group (its fourth hex digit: 2 is link-local, `ff02::12`), else undefined. */
export function multicastScope(text: string): number | undefined {
  const address = socketAddress(text);
  if (socketAddressFamily(address) !== 6 || !isMulticast(address)) return undefined;
  return ipv6Groups(address.toLowerCase())[0]! & 0xf;
}

/**
 * An IPv4 address as glibc's `inet_aton` (and `getaddrinfo` with a numeric host) reads it: 1 to 4
 * parts, each decimal, 0-octal or 0x-hex, the last filling the remaining bytes. keepalived reads
 * the netmask of `persistence_granularity` this way (check_parser.c `pgr_handler`). The address
 * as a number, or null.
 */
export function inetAton(text: string): number | null {
  const parts = text.split('.');
  if (parts.length > 4) return null;
  const values: number[] = [];
  for (const part of parts) {
    let n: number;
    if (/^0[xX][0-9a-fA-F]+$/.test(part)) n = Number.parseInt(part.slice(2), 16);
    else if (/^0[0-7]*$/.test(part)) n = Number.parseInt(part, 8);
    else if (/^[1-9][0-9]*$/.test(part)) n = Number(part);
    else return null;
    values.push(n);
  }
  const last = values.pop()!;
  if (values.some((v) => v > 255) || last >= 2 ** (8 * (4 - values.length))) return null;
  return values.reduce((sum, v, i) => sum + v * 2 ** (8 * (3 - i)), 0) + last;
}

/** The bytes of an address (4 for IPv4, 16 for IPv6), in order; undefined when it is none. */
function addressBytes(text: string): number[] | undefined {
  const family = familyOf(text);
  if (family === 4) return canonicalAddress(text).split('.').map(Number);
  if (family !== 6) return undefined;
  return canonicalAddress(text)
    .split(':')
    .flatMap((g) => {
      const n = Number.parseInt(g, 16);
      return [n >> 8, n & 0xff];
    });
}

/**
 * Compares two addresses of one family as keepalived does between equal priorities (vrrp.c
 * `vrrp_saddr_cmp`, `inet_sockaddrcmp`, in network byte order; RFC 5798 6.4.3): > 0 when `a` is
 * higher, 0 when equal; undefined when they are not two addresses of one family.
 */
export function compareAddresses(a: string, b: string): number | undefined {
  const x = addressBytes(a);
  const y = addressBytes(b);
  if (!x || !y || x.length !== y.length) return undefined;
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
  return 0;
}

/** Whether an address is link-local: 169.254.0.0/16 or fe80::/10 (canonical or as written). */
export function isLinkLocal(text: string): boolean {
  const address = canonicalAddress(text);
  if (address.startsWith('169.254.')) return familyOf(address) === 4;
  if (!address.includes(':')) return false;
  const first = Number.parseInt(address.slice(0, address.indexOf(':')), 16);
  return (first & 0xffc0) === 0xfe80;
}
