/**
 * `kalint fmt --write` under adverse conditions, with the real file system: the owner and mode
 * survive, and a write that fails (a read-only mount, a full disk) leaves the original byte for
 * byte, no temporary file behind, exit 2 and one line naming the file.
 *
 * Root ignores permission bits, so `chmod 555` cannot make a directory unwritable for the tests
 * (CI runs as root). Instead the built binary runs in its own mount namespace (`unshare -m`) where
 * the directory is bind-mounted read-only, or is a 64 KiB tmpfs filled up. Without the privilege
 * to do that (not root, no unshare) these tests are skipped; write-atomic.test.ts and
 * fmt-command.test.ts cover the same paths with injected failures.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kalint, repo, scratch } from './helpers.js';

const bin = join(repo, 'node_modules/.bin/kalint');
const MESSY = 'global_defs {\nrouter_id ha1\n}\n';
const FORMATTED = 'global_defs {\n    router_id ha1\n}\n';
const isRoot = process.getuid?.() === 0;
const canUnshare = isRoot && spawnSync('unshare', ['-m', 'true']).status === 0;

/** Run `script` (sh) in a private mount namespace; `$KALINT` is the binary. */
function inNamespace(script: string): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync('unshare', ['-m', 'sh', '-c', script], { encoding: 'utf8', timeout: 180_000, env: { ...process.env, KALINT: bin, NO_COLOR: '1' } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('kalint fmt --write keeps what the file was', () => {
  it.skipIf(!isRoot)('its owner and group (as root) and its mode', async () => {
    const dir = scratch({ 'k.conf': MESSY });
    const file = join(dir, 'k.conf');
    chownSync(file, 1234, 5678);
    chmodSync(file, 0o640);
    const { code } = await kalint(['fmt', '--write', 'k.conf'], { cwd: dir });
    expect(code).toBe(0);
    const stat = statSync(file);
    expect([readFileSync(file, 'utf8'), stat.uid, stat.gid, stat.mode & 0o7777]).toEqual([FORMATTED, 1234, 5678, 0o640]);
    expect(readdirSync(dir)).toEqual(['k.conf']);
  });

  it('a file it cannot parse, byte for byte (CRLF, NUL and trailing blanks included)', async () => {
    const text = 'global_defs {\r\n  router_id a\u0000 \t\r\n}\r\n}}\r\n';
    const dir = scratch({ 'k.conf': text });
    const before = statSync(join(dir, 'k.conf'));
    const run = await kalint(['fmt', '--write', 'k.conf'], { cwd: dir });
    expect(run.code).toBe(1);
    expect(readFileSync(join(dir, 'k.conf'), 'utf8')).toBe(text);
    // Not even rewritten with the same bytes: the same inode, the same modification time.
    expect([statSync(join(dir, 'k.conf')).ino, statSync(join(dir, 'k.conf')).mtimeMs]).toEqual([before.ino, before.mtimeMs]);
  });
});

describe.skipIf(!canUnshare)('a write that fails leaves the original intact (unshare -m, as root)', () => {
  it('a read-only directory (a read-only bind mount): exit 2, one line, the file as it was', () => {
    const dir = scratch({ 'k.conf': MESSY });
    const run = inNamespace(`mount --bind '${dir}' '${dir}' && mount -o remount,bind,ro '${dir}' && cd '${dir}' && "$KALINT" fmt --write k.conf`);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^kalint: cannot write 'k\.conf': EROFS: read-only file system, open '.*\.k\.conf\.kalint-\d+-[0-9a-f]+\.tmp' \(file left unchanged\)\n$/);
    expect(readFileSync(join(dir, 'k.conf'), 'utf8')).toBe(MESSY);
    expect(readdirSync(dir)).toEqual(['k.conf']);
  });

  it('a full disk (a 64 KiB tmpfs, filled): exit 2, one line, the file as it was, no temporary file left', () => {
    const dir = scratch({});
    // A config whose formatted text is larger than what is left on the file system.
    const messy = `global_defs {\n${'router_id ha1\n'.repeat(2000)}}\n`;
    writeFileSync(join(dir, 'messy.conf'), messy);
    mkdirSync(join(dir, 'full'));
    const full = join(dir, 'full');
    const run = inNamespace(
      [
        `mount -t tmpfs -o size=64k tmpfs '${full}'`,
        `cp '${dir}/messy.conf' '${full}/k.conf'`,
        // Fill what is left (dd stops at ENOSPC).
        `dd if=/dev/zero of='${full}/fill' bs=1k 2>/dev/null; true`,
        `cd '${full}' && "$KALINT" fmt --write k.conf; echo "exit $?"`,
        `cmp -s k.conf '${dir}/messy.conf' && echo intact`,
        `ls -A '${full}'`,
      ].join('\n'),
    );
    expect(run.stderr).toMatch(/^kalint: cannot write 'k\.conf': ENOSPC: no space left on device, write \(file left unchanged\)\n$/);
    expect(run.stdout).toBe('exit 2\nintact\nfill\nk.conf\n');
  });
});
