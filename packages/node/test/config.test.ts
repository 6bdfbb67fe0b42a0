/** The `segments` key of kalint's configuration files. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateConfig } from '@kalint/node';

/** A fresh directory holding `files` (name -> text). */
function scratch(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'kalint-config-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

const fail = (problem: string) => new Error(problem);

function segments(value: unknown, dir = scratch({})) {
  return validateConfig({ segments: value }, join(dir, '.kalintrc.json'), null, fail).segments;
}

describe('segments', () => {
  it('takes networks and FILE:INTERFACE entries, files relative to the configuration file', () => {
    const dir = scratch({ 'lb1/keepalived.conf': '', 'lb2/keepalived.conf': '' });
    expect(segments({ dmz: ['10.0.1.0/24', '2001:db8:1::/64', 'lb1/keepalived.conf:eth1'], lan: ['lb2/keepalived.conf:eth0'] }, dir)).toEqual({
      dmz: { networks: ['10.0.1.0/24', '2001:db8:1::/64'], interfaces: [{ file: join(dir, 'lb1/keepalived.conf'), interface: 'eth1' }] },
      lan: { networks: [], interfaces: [{ file: join(dir, 'lb2/keepalived.conf'), interface: 'eth0' }] },
    });
  });

  it('is optional', () => {
    expect(validateConfig({}, '/x/.kalintrc.json', null, fail).segments).toBeUndefined();
  });

  it('says what is wrong with a value', () => {
    const dir = scratch({ 'lb1.conf': '' });
    expect(() => segments(['10.0.1.0/24'])).toThrow(/'segments' must be an object of segment name -> networks and FILE:INTERFACE entries/);
    expect(() => segments({ dmz: [] })).toThrow(/'segments.dmz' must be a non-empty list of networks \(CIDR\) and FILE:INTERFACE entries/);
    expect(() => segments({ dmz: '10.0.1.0/24' })).toThrow(/'segments.dmz' must be a non-empty list/);
    expect(() => segments({ '': ['10.0.1.0/24'] })).toThrow(/'segments': a segment needs a name/);
    expect(() => segments({ dmz: ['10.0.1.0/33'] })).toThrow(/'segments.dmz': '10.0.1.0\/33' is not a network: write an address and its prefix length/);
    expect(() => segments({ dmz: ['10.0.1/24'] })).toThrow(/'10.0.1\/24' is not a network/);
    expect(() => segments({ dmz: ['10.0.1.0'] })).toThrow(/'segments.dmz': '10.0.1.0' is an address, not a network: add its prefix length, such as 10.0.1.0\/24/);
    expect(() => segments({ dmz: ['lb1.conf'] }, dir)).toThrow(/'lb1.conf' is neither a network \(CIDR, such as 10.0.1.0\/24\) nor FILE:INTERFACE/);
    expect(() => segments({ dmz: ['lb1.conf:'] }, dir)).toThrow(/is neither a network/);
    expect(() => segments({ dmz: ['lb1.conf:averyveryverylongname'] }, dir)).toThrow(/'averyveryverylongname' in 'lb1.conf:averyveryverylongname' is not an interface name/);
    expect(() => segments({ dmz: ['lb9.conf:eth0'] }, dir)).toThrow(/'segments.dmz': 'lb9.conf' in 'lb9.conf:eth0' is not a file \(FILE is relative to the configuration file\)/);
    expect(() => segments({ dmz: ['lb1.conf:eth0'], lan: ['./lb1.conf:eth0'] }, dir)).toThrow(/'segments': '.\/lb1.conf:eth0' is in segment 'dmz' and in segment 'lan'; an interface is on one segment/);
  });

  it('is a known key', () => {
    expect(() => validateConfig({ segment: {} }, '/x/.kalintrc.json', null, fail)).toThrow(/unknown key 'segment' \(expected rules, configId, targetVersion, hosts, format, project, includeRoots, segments\)/);
  });
});
