/** The include host under include roots: which includes are read from where. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeIncludeHost } from '@kalint/node';

/** A fresh directory holding `files` (name -> text). */
function scratch(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'kalint-roots-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

const DEPLOYED = '/etc/kalint-test-deployed/keepalived';

describe('nodeIncludeHost with include roots', () => {
  it('reads an include under a deployed directory from its root, and only those', () => {
    const dir = scratch({ 'repo/conf.d/a.conf': '', 'repo/conf.d/b.conf': '', 'main/conf.d/c.conf': '' });
    const host = nodeIncludeHost(dir, undefined, undefined, { [DEPLOYED]: join(dir, 'repo') });
    expect(host.expand(`${DEPLOYED}/conf.d/*.conf`, 'main')).toEqual([join(dir, 'repo/conf.d/a.conf'), join(dir, 'repo/conf.d/b.conf')]);
    // A relative include from elsewhere is read where it points, as before.
    expect(host.expand('conf.d/*.conf', 'main')).toEqual([join(dir, 'main/conf.d/c.conf')]);
    expect(host.readFrom!('conf.d/*.conf', 'main')).toBeUndefined();
    expect(host.readFrom!(`${DEPLOYED}/conf.d/*.conf`, 'main')).toBe('repo/conf.d/*.conf');
  });

  it('maps a relative include that resolves under a deployed directory', () => {
    const dir = scratch({ 'repo/conf.d/a.conf': '' });
    const host = nodeIncludeHost(dir, undefined, undefined, { [DEPLOYED]: join(dir, 'repo') });
    expect(host.expand('conf.d/a.conf', DEPLOYED)).toEqual([join(dir, 'repo/conf.d/a.conf')]);
    expect(host.expand('../conf.d/*.conf', `${DEPLOYED}/conf.d`)).toEqual([join(dir, 'repo/conf.d/a.conf')]);
  });

  it('maps each brace alternative on its own, in keepalived order, by the longest deployed directory', () => {
    const dir = scratch({ 'repo/a.conf': '', 'scripts/x.conf': '', 'local/b.conf': '' });
    const host = nodeIncludeHost(dir, undefined, undefined, { [DEPLOYED]: join(dir, 'repo'), [`${DEPLOYED}/scripts`]: join(dir, 'scripts') });
    expect(host.expand(`{${DEPLOYED}/a.conf,${DEPLOYED}/scripts/*.conf,local/b.conf}`, dir)).toEqual([
      join(dir, 'repo/a.conf'),
      join(dir, 'scripts/x.conf'),
      join(dir, 'local/b.conf'),
    ]);
    expect(host.readFrom!(`{${DEPLOYED}/a.conf,local/b.conf}`, dir)).toBe("repo/a.conf', 'local/b.conf");
  });

  it('takes the root directory as a name, not a pattern', () => {
    const dir = scratch({ 'files[1]/a.conf': '', 'files1/a.conf': '' });
    const host = nodeIncludeHost(dir, undefined, undefined, { [DEPLOYED]: join(dir, 'files[1]') });
    expect(host.expand(`${DEPLOYED}/*.conf`, dir)).toEqual([join(dir, 'files[1]/a.conf')]);
  });

  it('keeps the size limit for a file read through a root', () => {
    const dir = scratch({ 'repo/big.conf': 'x'.repeat(2000) });
    const host = nodeIncludeHost(dir, 1000, undefined, { [DEPLOYED]: join(dir, 'repo') });
    const [path] = host.expand(`${DEPLOYED}/big.conf`, dir);
    expect(host.read(path!)).toEqual({ error: `'${join(dir, 'repo/big.conf')}' is 2000 bytes, over the 1000-byte limit` });
  });
});
