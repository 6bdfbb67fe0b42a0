// Runs the real keepalived (`keepalived -t`) as a configuration checker, isolated from the machine it runs on.
//
// Every run is `unshare --net --mount` (a fresh network namespace and a private mount namespace, both gone when the
// process exits, so nothing needs cleaning up) in which:
//   * one veth per interface name the config uses is created (keepalived -t fails on interfaces that do not exist);
//   * /etc/passwd and /etc/group are replaced (bind mounts, private to the namespace) by copies WITHOUT a
//     `keepalived_script` user: when that user exists, keepalived 2.2.7 checks scripts as it and kills itself
//     (exit 143, no output), so results would depend on the host's users;
//   * keepalived runs with `-i kalint-oracle` so `@id` lines do not depend on the hostname.
// Needs root (CAP_SYS_ADMIN for the namespaces). See /work/shared/keepalived-facts/oracle.md.

import { spawn, spawnSync } from 'node:child_process';
import { accessSync, constants as fsConstants, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** The config id both keepalived (`-i`) and kalint (`configId`) use. */
export const CONFIG_ID = 'kalint-oracle';
/** Interface names the kernel accepts (at most 15 bytes; no '/', ':' or blanks). */
const IFNAME_RE = /^[A-Za-z0-9_.@-]{1,15}$/;

function which(name, dirs = ['/usr/sbin', '/sbin', '/usr/local/sbin', '/usr/bin', '/bin', '/usr/local/bin']) {
  const all = [...(process.env.PATH ?? '').split(path.delimiter).filter(Boolean), ...dirs];
  for (const dir of new Set(all)) {
    const p = path.join(dir, name);
    try {
      accessSync(p, fsConstants.X_OK);
      return p;
    } catch {
      /* next */
    }
  }
  return null;
}

/**
 * Can the oracle run here? `{ ok: true, keepalived, version, etcDir, dispose }` or `{ ok: false, reason }`.
 * `etcDir` holds the passwd/group copies; call `dispose()` when done.
 */
export function oracleAvailable() {
  if (process.platform !== 'linux') return { ok: false, reason: `network namespaces need Linux (platform ${process.platform})` };
  const keepalived = process.env.KALINT_ORACLE_KEEPALIVED || which('keepalived');
  if (!keepalived) return { ok: false, reason: 'keepalived is not installed (apt-get install keepalived)' };
  for (const tool of ['unshare', 'ip', 'mount']) {
    if (!which(tool)) return { ok: false, reason: `'${tool}' is not installed` };
  }
  if (typeof process.getuid === 'function' && process.getuid() !== 0) {
    return { ok: false, reason: `network and mount namespaces need root (running as uid ${process.getuid()})` };
  }
  const v = spawnSync(keepalived, ['--version'], { encoding: 'utf8', timeout: 60_000 });
  if (v.error) return { ok: false, reason: `cannot run ${keepalived}: ${v.error.message}` };
  const version = /Keepalived v(\d+\.\d+\.\d+)/.exec(`${v.stderr}${v.stdout}`)?.[1];
  if (!version) return { ok: false, reason: `cannot read the version of ${keepalived}` };
  const etcDir = mkdtempSync(path.join(tmpdir(), 'kalint-oracle-'));
  const withoutScriptUser = (file) =>
    readFileSync(file, 'utf8')
      .split('\n')
      .filter((l) => !l.startsWith('keepalived_script:'))
      .join('\n');
  writeFileSync(path.join(etcDir, 'passwd'), withoutScriptUser('/etc/passwd'));
  writeFileSync(path.join(etcDir, 'group'), withoutScriptUser('/etc/group'));
  // A smoke test: the namespaces, the veth and the bind mounts must work.
  const probe = spawnSync('unshare', ['--net', '--mount', '--propagation', 'private', 'sh', '-c', script(['kotest0'], etcDir, '/bin/true', [])], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (probe.status !== 0) {
    rmSync(etcDir, { recursive: true, force: true });
    return { ok: false, reason: `cannot create a network namespace with a veth: ${(probe.stderr || probe.error?.message || '').trim()}` };
  }
  return { ok: true, keepalived, version, etcDir, dispose: () => rmSync(etcDir, { recursive: true, force: true }) };
}

const shq = (s) => `'${String(s).replace(/'/g, `'\\''`)}'`;

function script(interfaces, etcDir, command, args) {
  const lines = ['set -e'];
  interfaces.forEach((name, i) => lines.push(`ip link add ${shq(name)} type veth peer name kopeer${i}`));
  lines.push(`mount --bind ${shq(path.join(etcDir, 'passwd'))} /etc/passwd`);
  lines.push(`mount --bind ${shq(path.join(etcDir, 'group'))} /etc/group`);
  lines.push(`exec ${[command, ...args].map(shq).join(' ')}`);
  return lines.join('\n');
}

/** Interface names that can be created as veths (the rest keepalived reports as missing: host-dependent). */
export function creatableInterfaces(names) {
  return [...new Set(names)].filter((n) => n !== 'lo' && IFNAME_RE.test(n)).sort();
}

/**
 * Run `keepalived -t -i kalint-oracle -f FILE` once, isolated, from directory `cwd`. Resolves to
 * `{ exitCode, signal, stderr, timedOut, ms }`; exitCode is shell-style (128+N for a signal).
 */
export function runKeepalived(oracle, file, interfaces, { timeoutMs = 20_000, cwd } = {}) {
  const ifnames = creatableInterfaces(interfaces);
  const body = script(ifnames, oracle.etcDir, oracle.keepalived, ['-t', '-i', CONFIG_ID, '-f', file]);
  return new Promise((resolve) => {
    const start = Date.now();
    const child = spawn('unshare', ['--net', '--mount', '--propagation', 'private', 'sh', '-c', body], { stdio: ['ignore', 'pipe', 'pipe'], ...(cwd ? { cwd } : {}) });
    const err = [];
    child.stdout.resume();
    child.stderr.on('data', (b) => err.push(b));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const signals = { SIGSEGV: 11, SIGTERM: 15, SIGKILL: 9, SIGABRT: 6 };
      resolve({
        exitCode: code ?? 128 + (signals[signal] ?? 0),
        signal,
        stderr: Buffer.concat(err).toString('utf8'),
        timedOut,
        ms: Date.now() - start,
        interfaces: ifnames,
      });
    });
  });
}

/** Run `tasks` (functions returning promises) `limit` at a time, results in order. */
export async function pool(tasks, limit) {
  const results = new Array(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const i = next++;
      results[i] = await tasks[i]();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  return results;
}
