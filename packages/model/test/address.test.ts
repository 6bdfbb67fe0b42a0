import { describe, expect, it } from 'vitest';
import {
  addressOf,
  canonicalAddress,
  familyOf,
  inetAton,
  inNetwork,
  isIPv4,
  isIPv6,
  isLinkLocal,
  isMulticast,
  multicastScope,
  networkOf,
  prefixOf,
  readPrefixedAddress,
  socketAddressFamily,
  withPrefix,
} from '@kalint/model';

describe('isIPv4 (inet_pton)', () => {
  it('takes four decimal parts up to 255', () => {
    for (const text of ['0.0.0.0', '10.1.8.100', '255.255.255.255', '192.168.0.1']) expect(isIPv4(text), text).toBe(true);
  });
  it('refuses leading zeros, big parts, too few or too many parts and other characters', () => {
    for (const text of ['010.1.1.1', '256.1.1.1', '1.2.3', '1.2.3.4.5', '1.2.3.', '.1.2.3', '1.2.3.4/24', '1.2.3.x', '', '1..2.3', '1234.1.1.1', ' 1.2.3.4']) {
      expect(isIPv4(text), text).toBe(false);
    }
  });
});

describe('isIPv6 (inet_pton)', () => {
  it('takes eight groups, one ::, and a dotted IPv4 tail', () => {
    for (const text of ['::', '::1', 'fe80::1', '2001:db8::', '2001:DB8:0:0:0:0:0:1', '1:2:3:4:5:6:7:8', '::ffff:10.1.2.3', '64:ff9b::192.0.2.1', '1:2:3:4:5:6:1.2.3.4']) {
      expect(isIPv6(text), text).toBe(true);
    }
  });
  it('refuses two ::, too many or too few groups, long groups, a misplaced IPv4 part', () => {
    for (const text of ['1::2::3', '1:2:3:4:5:6:7', '1:2:3:4:5:6:7:8:9', '1:2:3:4:5:6:7::8', '12345::1', '1.2.3.4::1', 'fe80::1%eth0', 'g::1', '', '10.1.2.3']) {
      expect(isIPv6(text), text).toBe(false);
    }
  });
});

describe('families and prefixes', () => {
  it('familyOf reads the address before the prefix, which must be digits', () => {
    expect(familyOf('10.1.8.100')).toBe(4);
    expect(familyOf('10.1.8.100/24')).toBe(4);
    expect(familyOf('fe80::1/64')).toBe(6);
    expect(familyOf('10.1.8.100/x')).toBeNull();
    expect(familyOf('10.1.8.100/')).toBeNull();
    expect(familyOf('eth0')).toBeNull();
    expect(familyOf('1:2:3')).toBeNull();
  });
  it('addressOf drops the prefix and lower-cases', () => {
    expect(addressOf('FE80::1/64')).toBe('fe80::1');
    expect(addressOf('10.1.8.100')).toBe('10.1.8.100');
  });
  it('prefixOf reads a written prefix length', () => {
    expect(prefixOf('10.0.0.1/24')).toBe(24);
    expect(prefixOf('10.0.0.1')).toBeUndefined();
    expect(prefixOf('10.0.0.1/2x')).toBeUndefined();
  });
  it('withPrefix gives the host prefix to an address written without one', () => {
    expect(withPrefix('10.0.0.1')).toBe('10.0.0.1/32');
    expect(withPrefix('10.0.0.1/24')).toBe('10.0.0.1/24');
    expect(withPrefix('FE80::1')).toBe('fe80:0:0:0:0:0:0:1/128');
  });
  it('socketAddressFamily reads an address as inet_stosockaddr does: the text before - or / only', () => {
    expect(socketAddressFamily('10.0.0.1-20')).toBe(4);
    expect(socketAddressFamily('10.0.0.1/24')).toBe(4);
    expect(socketAddressFamily('2001:db8::1-ff')).toBe(6);
    expect(socketAddressFamily('10.0.0')).toBeNull();
    expect(socketAddressFamily('1:2')).toBeNull();
  });
});

describe('canonical IPv6', () => {
  it('writes every group, without leading zeros, in lower case', () => {
    expect(canonicalAddress('2001:DB8::1')).toBe('2001:db8:0:0:0:0:0:1');
    expect(canonicalAddress('2001:db8:0::0001/64')).toBe('2001:db8:0:0:0:0:0:1');
    expect(canonicalAddress('::')).toBe('0:0:0:0:0:0:0:0');
    expect(canonicalAddress('::ffff:10.1.2.3')).toBe('0:0:0:0:0:ffff:a01:203');
  });
  it('equal addresses written differently have one canonical text', () => {
    expect(canonicalAddress('fe80::1')).toBe(canonicalAddress('FE80:0:0:0:0:0:0:1'));
    expect(canonicalAddress('fe80::1')).not.toBe(canonicalAddress('fe80::2'));
  });
  it('leaves IPv4 and words that are no address as they are (lower-cased)', () => {
    expect(canonicalAddress('10.1.8.100/24')).toBe('10.1.8.100');
    expect(canonicalAddress('Eth0')).toBe('eth0');
  });
});

describe('networkOf and inNetwork', () => {
  it('networkOf: the network a prefix says, none for a host prefix or none written', () => {
    expect(networkOf('10.1.8.100/24')).toBe(networkOf('10.1.8.7/24'));
    expect(networkOf('10.1.8.100/24')).not.toBe(networkOf('10.1.9.100/24'));
    expect(networkOf('10.1.8.100/24')).not.toBe(networkOf('10.1.8.100/25'));
    expect(networkOf('10.1.8.100/32')).toBeUndefined();
    expect(networkOf('10.1.8.100')).toBeUndefined();
    expect(networkOf('fe80::1/64')).toBe(networkOf('FE80::abcd/64'));
    expect(networkOf('fe80::1/128')).toBeUndefined();
    expect(networkOf('eth0/24')).toBeUndefined();
  });
  it('the families never share a network', () => {
    expect(networkOf('0.0.0.1/8')).not.toBe(networkOf('::1/8'));
  });
  it('inNetwork', () => {
    expect(inNetwork('10.1.8.100', '10.1.0.0/16')).toBe(true);
    expect(inNetwork('10.1.8.100/24', '10.1.0.0/16')).toBe(true);
    expect(inNetwork('10.2.8.100', '10.1.0.0/16')).toBe(false);
    expect(inNetwork('10.2.8.100', '0.0.0.0/0')).toBe(true);
    expect(inNetwork('2001:db8::5', '2001:db8::/32')).toBe(true);
    expect(inNetwork('2001:db9::5', '2001:db8::/32')).toBe(false);
    expect(inNetwork('10.1.8.100', '2001:db8::/32')).toBe(false);
    expect(inNetwork('10.1.8.100', '10.1.0.0')).toBe(false);
    expect(inNetwork('eth0', '10.1.0.0/16')).toBe(false);
  });
});

describe('readPrefixedAddress (parse_ipaddress)', () => {
  it('a colon makes the address IPv6', () => {
    expect(readPrefixedAddress('10.0.0.1/24')).toEqual({ family: 4, valid: true, width: 32 });
    expect(readPrefixedAddress('fe80::1/64')).toEqual({ family: 6, valid: true, width: 128 });
    expect(readPrefixedAddress('10.0.0.1:80')).toEqual({ family: 6, valid: false, width: 128 });
  });
  it('an address inet_pton does not read is invalid', () => {
    expect(readPrefixedAddress('10.0.0.256').valid).toBe(false);
    expect(readPrefixedAddress('$VIP').valid).toBe(false);
  });
  it('a prefix length it cannot read is reported, not fatal', () => {
    expect(readPrefixedAddress('10.0.0.1/33')).toEqual({ family: 4, valid: true, width: 32, badPrefix: '33' });
    expect(readPrefixedAddress('10.0.0.1/x')).toMatchObject({ valid: true, badPrefix: 'x' });
    expect(readPrefixedAddress('fe80::1/129').badPrefix).toBe('129');
    expect(readPrefixedAddress('fe80::1/128').badPrefix).toBeUndefined();
    expect(readPrefixedAddress('10.0.0.1/+8').badPrefix).toBeUndefined();
  });
  it('without a prefix allowed, the whole word is the address', () => {
    expect(readPrefixedAddress('10.0.0.1', false)).toEqual({ family: 4, valid: true, width: 32 });
    expect(readPrefixedAddress('10.0.0.1/24', false)).toEqual({ family: 4, valid: false, width: 32 });
    expect(readPrefixedAddress('fe80::1', false)).toEqual({ family: 6, valid: true, width: 128 });
  });
});

describe('multicast', () => {
  it('isMulticast: 224.0.0.0/4 and ff00::/8', () => {
    expect(isMulticast('224.0.0.18')).toBe(true);
    expect(isMulticast('239.255.255.255')).toBe(true);
    expect(isMulticast('240.0.0.1')).toBe(false);
    expect(isMulticast('223.255.255.255')).toBe(false);
    expect(isMulticast('ff02::12')).toBe(true);
    expect(isMulticast('FF05::1')).toBe(true);
    expect(isMulticast('fe80::1')).toBe(false);
    expect(isMulticast('::')).toBe(false);
    expect(isMulticast('no-address')).toBe(false);
  });
  it('multicastScope: the scope digit of an IPv6 group', () => {
    expect(multicastScope('ff02::12')).toBe(2);
    expect(multicastScope('ff05::1')).toBe(5);
    expect(multicastScope('fe80::1')).toBeUndefined();
    expect(multicastScope('224.0.0.18')).toBeUndefined();
  });
});

describe('inetAton', () => {
  it('reads 1 to 4 parts in decimal, octal or hex', () => {
    expect(inetAton('255.255.255.0')).toBe(0xffffff00);
    expect(inetAton('0xff.0377.255.0')).toBe(0xffffff00);
    expect(inetAton('24')).toBe(24);
    expect(inetAton('10.1')).toBe(0x0a000001);
    expect(inetAton('0')).toBe(0);
  });
  it('refuses what glibc refuses', () => {
    for (const text of ['256.0.0.0', '1.2.3.4.5', '08.1.1.1', '1.2.3.256', '10.16777216', 'x', '', '1..2']) expect(inetAton(text), text).toBeNull();
  });
});

describe('isLinkLocal', () => {
  it('is 169.254.0.0/16 and fe80::/10, written any way', () => {
    for (const text of ['169.254.1.1', 'fe80::1', 'FE80::1/64', 'febf:0:0::1', 'fe80:0000::1']) expect(isLinkLocal(text), text).toBe(true);
    for (const text of ['169.25.1.1', '10.169.254.1', 'fec0::1', 'fe8::1', '2001:db8::fe80', 'ff02::12']) expect(isLinkLocal(text), text).toBe(false);
  });
});
