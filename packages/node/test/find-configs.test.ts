/** Finding keepalived configs in a directory, and the configuration files seen on the way. */
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findConfigs, NearestConfig, type ConfigFilesSeen } from '@kalint/node';

const VRRP = 'vrrp_instance VI_1 {\n    interface eth0\n}\n';

/** A fresh directory holding `files` (name -> text). */
function scratch(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'kalint-find-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

describe('findConfigs', () => {
  it('finds keepalived configs below a directory, sorted, skipping dot-files, dot-directories and node_modules', () => {
    const dir = scratch({
      'b/keepalived.conf': 'anything',
      'a/lb.keepalived.conf': 'anything',
      'keepalived/x.conf': 'anything',
      'c/vrrp.conf': VRRP,
      'c/nginx.conf': 'server { listen 80; }\n',
      'c/.hidden.conf': VRRP,
      '.git/keepalived.conf': VRRP,
      'node_modules/pkg/keepalived.conf': VRRP,
      'c/node_modules/keepalived.conf': VRRP,
      'd/keepalived.CONF': VRRP,
      'e.conf/readme.txt': '',
    });
    const texts = new Map<string, string>();
    expect(findConfigs(dir, texts)).toEqual(['a/lb.keepalived.conf', 'b/keepalived.conf', 'c/vrrp.conf', 'keepalived/x.conf'].map((f) => join(dir, f)));
    // The texts read to recognise a config are handed back, so they are not read twice.
    expect([...texts.keys()]).toEqual([join(dir, 'c/vrrp.conf')]);
  });

  it('follows no symbolic link, to a directory or to a file', () => {
    const elsewhere = scratch({ 'keepalived.conf': VRRP, 'sub/keepalived.conf': VRRP });
    const dir = scratch({ 'real/keepalived.conf': VRRP });
    symlinkSync(join(elsewhere, 'sub'), join(dir, 'linked-dir'));
    symlinkSync(join(elsewhere, 'keepalived.conf'), join(dir, 'linked.keepalived.conf'));
    expect(findConfigs(dir)).toEqual([join(dir, 'real/keepalived.conf')]);
  });

  it('finds nothing in a directory it cannot read', () => {
    expect(findConfigs(join(scratch({}), 'missing'))).toEqual([]);
  });

  it("notes each directory's configuration file, as the nearest-configuration look-up would find it", () => {
    const dir = scratch({
      'both/.kalintrc.json': '{}',
      'both/kalint.config.json': '{}',
      'both/keepalived.conf': VRRP,
      'second/kalint.config.json': '{}',
      'second/keepalived.conf': VRRP,
      'none/keepalived.conf': VRRP,
      'linked/keepalived.conf': VRRP,
      'dir-named/.kalintrc.json/x': '',
      'dir-named/keepalived.conf': VRRP,
      'target.json': '{}',
    });
    symlinkSync(join(dir, 'target.json'), join(dir, 'linked/.kalintrc.json'));
    const seen: ConfigFilesSeen = new Map();
    findConfigs(dir, new Map(), seen);
    expect(seen.get(join(dir, 'both'))).toBe(join(dir, 'both/.kalintrc.json'));
    expect(seen.get(join(dir, 'second'))).toBe(join(dir, 'second/kalint.config.json'));
    expect(seen.get(join(dir, 'none'))).toBeNull();
    expect(seen.get(join(dir, 'linked'))).toBe(join(dir, 'linked/.kalintrc.json'));
    expect(seen.get(join(dir, 'dir-named'))).toBeNull();
    expect(seen.get(dir)).toBeNull();
    // The look-up with what the search saw finds what it finds by asking the file system.
    const asked = new NearestConfig((path) => path);
    const told = new NearestConfig((path) => path, seen);
    for (const sub of ['both', 'second', 'none', 'linked', 'dir-named']) {
      expect(told.forDirectory(join(dir, sub)), sub).toBe(asked.forDirectory(join(dir, sub)));
    }
  });
});
