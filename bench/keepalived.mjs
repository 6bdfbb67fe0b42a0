// Run the real keepalived as a config checker (`keepalived -t -f FILE`) and time it, for the kalint benchmark.
//
//   import { keepalivedCheck } from './keepalived.mjs';
//   const r = await keepalivedCheck('x.conf', { runs: 3 });
//   if (!r.ok) console.log(`keepalived baseline unavailable: ${r.reason}`);
//   else console.log(r.ms, r.exitCode, r.stderrLines);
//
//   import { openNamespace } from './keepalived.mjs';
//   const ns = await openNamespace(text);   // the namespace alone, to time keepalived as a whole process
//   if (ns.ok) { spawnSync(ns.prefix[0], [...ns.prefix.slice(1), '/usr/bin/time', ns.keepalived, '-t', '-f', file]); ns.close(); }
//
// keepalived -t fails (exit 5) when an interface named in the config does not exist, so every run happens inside a
// throwaway network namespace `kalint-bench-<pid>` holding one veth per interface name the config uses
// (`ip -n NS link add NAME type veth peer name PEER`; the `dummy` link type is not available on every kernel). The
// namespace is always deleted, also when keepalived fails or the process is interrupted. Creating it needs root
// (CAP_SYS_ADMIN + CAP_NET_ADMIN); when that, `ip` or keepalived is missing the function resolves to
// { ok: false, reason } instead of throwing. keepalived -t's exit codes: 0 ok, 2 missing parameter, 5 config
// error/warning, 6 script security, 139/143 crashes of 2.2.7.
//
// Timing (keepalivedCheck): wall clock (process.hrtime.bigint) from spawn to exit of `ip netns exec NS keepalived
// -t -f FILE`. The cost of `ip netns exec` itself (exec of ip, a mount namespace, a /sys remount: from a few ms on an
// idle machine to tens of ms on a busy one) is measured with `ip netns exec NS /bin/true` and subtracted; `rawMs`
// keeps the unadjusted figure. keepalived's own process start-up is included, as it is for anyone running
// `keepalived -t`. `npm run bench` times keepalived as a whole process instead (openNamespace, bench/throughput.mjs).

import { spawn, spawnSync } from 'node:child_process';
import { access, readFile } from 'node:fs/promises';
import { constants as fsConstants } from 'node:fs';
import { constants as osConstants } from 'node:os';
import path from 'node:path';

const SEARCH_DIRS = ['/usr/sbin', '/sbin', '/usr/local/sbin', '/usr/bin', '/bin', '/usr/local/bin'];
const MAX_STDERR_LINES = 1000;
const IFNAME_RE = /^[A-Za-z0-9_.:@-]{1,15}$/;

async function findExecutable(name, explicit) {
  if (explicit) {
    try {
      await access(explicit, fsConstants.X_OK);
      return explicit;
    } catch {
      return null;
    }
  }
  const dirs = [...(process.env.PATH ?? '').split(path.delimiter).filter(Boolean), ...SEARCH_DIRS];
  for (const dir of new Set(dirs)) {
    const p = path.join(dir, name);
    try {
      await access(p, fsConstants.X_OK);
      return p;
    } catch {
      /* try next */
    }
  }
  return null;
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * Interface names a keepalived config refers to: `interface X`, `dev X` (VIPs, routes), `track_interface { X ... }`,
 * `lvs_sync_daemon X`. Comments (`!`/`#` outside double quotes) are ignored. Good enough for the benchmark; pass
 * `interfaces` explicitly for anything exotic.
 * @param {string} text
 * @returns {string[]}
 */
export function findInterfaces(text) {
  const names = new Set();
  let inTrack = false;
  for (const raw of text.split('\n')) {
    let line = raw;
    let q = false;
    for (let i = 0; i < line.length; i++) {
      const c = line[i];
      if (c === '"') q = !q;
      else if (!q && (c === '#' || c === '!') && line[i - 1] !== '\\') {
        line = line.slice(0, i);
        break;
      }
    }
    const words = line.replace(/[{}]/g, ' $& ').trim().split(/\s+/).filter(Boolean).map((w) => w.replace(/^"|"$/g, ''));
    if (words.length === 0) continue;
    if (inTrack) {
      if (words[0] === '}') inTrack = false;
      else names.add(words[0]);
      continue;
    }
    if (words[0] === 'track_interface') {
      inTrack = true;
      continue;
    }
    if ((words[0] === 'interface' || words[0] === 'lvs_sync_daemon') && words[1]) names.add(words[1]);
    for (let i = 0; i + 1 < words.length; i++) if (words[i] === 'dev') names.add(words[i + 1]);
  }
  names.delete('lo');
  return [...names].filter((n) => IFNAME_RE.test(n)).sort();
}

function run(cmd, args, { timeoutMs = 0 } = {}) {
  return new Promise((resolve) => {
    const start = process.hrtime.bigint();
    let child;
    try {
      child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (err) {
      resolve({ error: err, ms: 0, code: null, signal: null, stdout: '', stderr: '' });
      return;
    }
    const out = [];
    const err = [];
    child.stdout.on('data', (b) => out.push(b));
    child.stderr.on('data', (b) => err.push(b));
    let timer;
    if (timeoutMs > 0) timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    let spawnError = null;
    child.on('error', (e) => (spawnError = e));
    child.on('close', (code, signal) => {
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      if (timer) clearTimeout(timer);
      resolve({
        error: spawnError,
        ms,
        code,
        signal,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
      });
    });
  });
}

const ipSync = (ip, args) => spawnSync(ip, args, { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });

/**
 * Is the keepalived baseline possible here? Resolves to { ok: true, keepalived, ip, version } or { ok: false, reason }.
 * @param {{ keepalived?: string }} [opts]
 */
export async function keepalivedAvailable({ keepalived } = {}) {
  const bin = await findExecutable('keepalived', keepalived);
  if (!bin) return { ok: false, reason: `keepalived is not installed (${keepalived ?? 'not found in PATH or /usr/sbin'})` };
  const ip = await findExecutable('ip');
  if (!ip) return { ok: false, reason: "the 'ip' command (iproute2) is not installed; it is needed for network namespaces" };
  if (process.platform !== 'linux') return { ok: false, reason: `network namespaces need Linux (platform: ${process.platform})` };
  if (typeof process.getuid === 'function' && process.getuid() !== 0) {
    return { ok: false, reason: `creating network namespaces needs root (running as uid ${process.getuid()})` };
  }
  const v = await run(bin, ['--version'], { timeoutMs: 10_000 });
  if (v.error) return { ok: false, reason: `cannot run ${bin}: ${v.error.message}` };
  const version = (v.stderr + v.stdout).split('\n').find((l) => /keepalived/i.test(l))?.trim() ?? 'unknown version';
  return { ok: true, keepalived: bin, ip, version };
}

/**
 * Run `keepalived -t -f file` `runs` times in a throwaway network namespace and time it.
 *
 * Resolves to { ok: false, reason } when the baseline cannot be run here, otherwise to
 * { ok: true, ms, rawMs, overheadMs, runsMs, exitCode, signal, stderrLines, stderrLineCount, consistent,
 *   interfaces, namespace, version, keepalived }.
 * `ms` is the median over the runs with the `ip netns exec` overhead subtracted; exitCode is the shell-style status
 * of the first run (128+N for a signal: 139 SIGSEGV, 143 SIGTERM); `consistent` is false if the runs disagreed.
 * Never throws.
 *
 * @param {string} file
 * @param {{ runs?: number, interfaces?: string[], keepalived?: string, timeoutMs?: number, extraArgs?: string[] }} [opts]
 */
export async function keepalivedCheck(file, opts = {}) {
  try {
    return await keepalivedCheckInner(file, opts);
  } catch (err) {
    return { ok: false, reason: `unexpected error: ${err?.message ?? err}` };
  }
}

/**
 * A throwaway network namespace `kalint-bench-<pid>` holding a veth for each interface name the config text names
 * (and any in `interfaces`), for running keepalived -t there as a whole process. Resolves to { ok: false, reason }
 * when that cannot be done here, otherwise to { ok: true, namespace, prefix, interfaces, close, keepalived, ip,
 * version }: `prefix` (`ip netns exec NS`) goes before a command to run it inside; `close()` deletes the namespace
 * (also done at exit and on SIGINT/SIGTERM). Never throws.
 * @param {string} text the config, to find its interface names
 * @param {{ interfaces?: string[], keepalived?: string }} [opts]
 */
export async function openNamespace(text, { interfaces, keepalived } = {}) {
  try {
    return await openNamespaceInner(text, { interfaces, keepalived });
  } catch (err) {
    return { ok: false, reason: `unexpected error: ${err?.message ?? err}` };
  }
}

async function openNamespaceInner(text, { interfaces, keepalived }) {
  const avail = await keepalivedAvailable({ keepalived });
  if (!avail.ok) return avail;
  const { ip } = avail;
  const ifnames = [...new Set([...(interfaces ?? []), ...findInterfaces(text)])].filter((n) => n !== 'lo').sort();
  const bad = ifnames.find((n) => !IFNAME_RE.test(n));
  if (bad) return { ok: false, reason: `interface name '${bad}' cannot be created (max 15 chars, no blanks or '/')` };

  const ns = `kalint-bench-${process.pid}`;
  let closed = false;
  const cleanup = () => {
    if (closed) return;
    closed = true;
    ipSync(ip, ['netns', 'delete', ns]);
    process.removeListener('exit', cleanup);
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
  };
  const onSignal = (sig) => {
    cleanup();
    process.kill(process.pid, sig);
  };
  // A stale namespace can only come from an earlier crashed run with the same pid; it is ours to remove.
  if (ipSync(ip, ['netns', 'list']).stdout?.split('\n').some((l) => l.split(' ')[0] === ns)) ipSync(ip, ['netns', 'delete', ns]);

  const add = ipSync(ip, ['netns', 'add', ns]);
  if (add.status !== 0) {
    return { ok: false, reason: `cannot create network namespace ${ns}: ${(add.stderr || add.error?.message || '').trim()}` };
  }
  process.once('exit', cleanup);
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const taken = new Set(ifnames);
  let p = 0;
  for (const name of ifnames) {
    let peer;
    do peer = `kbpeer${p++}`;
    while (taken.has(peer));
    taken.add(peer);
    const r = ipSync(ip, ['-n', ns, 'link', 'add', name, 'type', 'veth', 'peer', 'name', peer]);
    if (r.status !== 0) {
      cleanup();
      return { ok: false, reason: `cannot create veth ${name} in ${ns}: ${(r.stderr || r.error?.message || '').trim()}` };
    }
  }
  const probe = await run(ip, ['netns', 'exec', ns, '/bin/true'], { timeoutMs: 10_000 });
  if (probe.error || probe.code !== 0) {
    cleanup();
    return { ok: false, reason: `ip netns exec does not work here: ${(probe.stderr || probe.error?.message || `exit ${probe.code}`).trim()}` };
  }
  return { ok: true, namespace: ns, prefix: [ip, 'netns', 'exec', ns], interfaces: ifnames, close: cleanup, keepalived: avail.keepalived, ip, version: avail.version };
}

async function keepalivedCheckInner(file, { runs = 1, interfaces, keepalived, timeoutMs = 120_000, extraArgs = [] }) {
  let text;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    return { ok: false, reason: `cannot read ${file}: ${err.message}` };
  }
  const space = await openNamespace(text, { interfaces, keepalived });
  if (!space.ok) return space;
  const { ip, namespace: ns } = space;
  try {
    // Overhead of `ip netns exec` (median of 5), subtracted from keepalived's time.
    const oh = [];
    for (let i = 0; i < 5; i++) {
      const r = await run(ip, ['netns', 'exec', ns, '/bin/true'], { timeoutMs: 10_000 });
      if (r.error || r.code !== 0) {
        return { ok: false, reason: `ip netns exec does not work here: ${(r.stderr || r.error?.message || `exit ${r.code}`).trim()}` };
      }
      oh.push(r.ms);
    }
    const overheadMs = median(oh);

    const results = [];
    for (let i = 0; i < Math.max(1, runs); i++) {
      const r = await run(ip, ['netns', 'exec', ns, space.keepalived, '-t', '-f', file, ...extraArgs], { timeoutMs });
      if (r.error) return { ok: false, reason: `cannot run keepalived: ${r.error.message}` };
      const exitCode = r.code ?? 128 + (osConstants.signals[r.signal] ?? 0);
      results.push({ ...r, exitCode });
    }
    const first = results[0];
    const all = first.stderr.split('\n').filter((l) => l.length > 0);
    const rawMs = median(results.map((r) => r.ms));
    return {
      ok: true,
      ms: Math.max(0, rawMs - overheadMs),
      rawMs,
      overheadMs,
      runsMs: results.map((r) => Math.max(0, r.ms - overheadMs)),
      exitCode: first.exitCode,
      signal: first.signal ?? null,
      stderrLines: all.slice(0, MAX_STDERR_LINES),
      stderrLineCount: all.length,
      consistent: results.every((r) => r.exitCode === first.exitCode && r.stderr === first.stderr),
      interfaces: space.interfaces,
      namespace: ns,
      version: space.version,
      keepalived: space.keepalived,
    };
  } finally {
    space.close();
  }
}
