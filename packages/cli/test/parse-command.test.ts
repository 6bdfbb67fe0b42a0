import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { run, type Io } from '../src/index.js';

const repo = fileURLToPath(new URL('../../../', import.meta.url));

/** Run the command in-process and collect what a user would see. */
async function kalint(args: string[], cwd = repo) {
  let stdout = '';
  let stderr = '';
  const io: Io = { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), isTTY: false, cwd, readStdin: async () => '' };
  const code = await run(args, io);
  return { code, stdout, stderr };
}

function scratch(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'kalint-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

describe('kalint parse', () => {
  it('prints the article pair as JSON with typed nodes and exits 0', async () => {
    const { code, stdout, stderr } = await kalint(['parse', 'fixtures/article-pair/ha1.conf']);
    expect([code, stderr]).toEqual([0, '']);
    const out = JSON.parse(stdout);
    expect(out.files).toEqual(['fixtures/article-pair/ha1.conf']);
    const instance = out.ast.body.find((n: { path: string }) => n.path === 'vrrp_instance');
    expect(instance.args[0].text).toBe('web');
    expect(instance.spec).toBeUndefined();
    const vrid = instance.block.body.find((n: { path: string }) => n.path === 'vrrp_instance/virtual_router_id');
    expect([vrid.args[0].text, vrid.range.start.line]).toEqual(['51', 9]);
  });

  it('resolves includes relative to the including file', async () => {
    const dir = scratch({
      'keepalived.conf': 'include conf.d/*.conf\n',
      'conf.d/vs.conf': 'virtual_server 10.0.0.1 80 {\n  lb_kind DR\n}\n',
    });
    const { code, stdout } = await kalint(['parse', 'keepalived.conf'], dir);
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    expect(out.files).toEqual(['keepalived.conf', join(dir, 'conf.d/vs.conf')]);
    expect(out.ast.body[0].keyword.text).toBe('virtual_server');
  });

  it('selects @id lines with --config-id', async () => {
    const dir = scratch({ 'k.conf': 'global_defs {\n  @ha1 router_id one\n  @ha2 router_id two\n}\n' });
    const { stdout } = await kalint(['parse', 'k.conf', '--config-id', 'ha2'], dir);
    expect(JSON.parse(stdout).ast.body[0].block.body.map((s: { args: Array<{ text: string }> }) => s.args[0]!.text)).toEqual(['two']);
  });

  it('exits 1 with file:line:col on stderr when there are syntax errors', async () => {
    const dir = scratch({ 'bad.conf': 'global_defs {\n}\n}\n' });
    const { code, stderr } = await kalint(['parse', 'bad.conf'], dir);
    expect(code).toBe(1);
    expect(stderr).toBe(`bad.conf:3:1: error: unexpected '}': no block is open here (keepalived: "Extra '}' found") [extra-close-brace]\n`);
  });

  it('exits 2 with one line for a missing file, a directory, a device, a bad option', async () => {
    expect(await kalint(['parse', 'nope.conf'])).toEqual({ code: 2, stdout: '', stderr: "kalint: 'nope.conf' does not exist\n" });
    expect((await kalint(['parse', 'fixtures'])).stderr).toBe("kalint: 'fixtures' is a directory\n");
    expect((await kalint(['parse', '/dev/zero'])).stderr).toBe("kalint: '/dev/zero' is not a regular file\n");
    const bad = await kalint(['parse', '--frobnicate', 'x']);
    expect([bad.code, bad.stderr.split('\n').length]).toEqual([2, 2]);
    expect((await kalint(['parse'])).code).toBe(2);
  });

  it('never follows an executable include, as keepalived skips them', async () => {
    const dir = scratch({ 'k.conf': 'include run.sh\n', 'run.sh': 'vrrp_instance X {\n}\n' });
    chmodSync(join(dir, 'run.sh'), 0o755);
    const { stdout, stderr } = await kalint(['parse', 'k.conf'], dir);
    expect(JSON.parse(stdout).ast.body).toEqual([]);
    expect(stderr).toContain('is executable');
  });
});

describe('the installed kalint binary', () => {
  it('runs from node_modules/.bin with the same exit codes', () => {
    const bin = join(repo, 'node_modules/.bin/kalint');
    const ok = execFileSync(bin, ['parse', 'fixtures/article-pair/ha2.conf'], { cwd: repo, encoding: 'utf8' });
    expect(JSON.parse(ok).ast.type).toBe('ConfigFile');
    const missing = spawnSync(bin, ['parse', 'missing.conf'], { cwd: repo, encoding: 'utf8' });
    expect([missing.status, missing.stderr]).toEqual([2, "kalint: 'missing.conf' does not exist\n"]);
  });
});
