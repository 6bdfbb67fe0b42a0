#!/usr/bin/env node
// Hostile input (issue 11): every reproduction run as a whole kalint process, with its wall and CPU
// seconds and its peak memory (the process's maximum resident set, from GNU time when present: bench/process.mjs),
// beside the bounds the hostile tests state: at most 10 s and 1 GB on an idle 2-core machine.
// The tests (test/hostile/bounds.test.ts) enforce the memory and the counts; the seconds are
// measured here, where a busy machine only makes a slower figure, not a failed test.
//
//   node bench/hostile.mjs             every input, once; exit 1 when one is over a bound
//   node bench/hostile.mjs --no-fail   the same, exit 0 (npm run bench records the figures)
//
// The command is bin/kalint.cjs (the bundle `npm run build` makes) when it is built, otherwise the
// workspace's packages/cli/bin/kalint.js (`npx tsc -b`).
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { measure as measureProcess, timed } from './process.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const noFail = process.argv.includes('--no-fail');
const BOUNDS = { seconds: 10, megabytes: 1024 };

const bundle = path.join(root, 'bin', 'kalint.cjs');
const bin = existsSync(path.join(root, 'dist', 'kalint.cjs')) ? bundle : path.join(root, 'packages', 'cli', 'bin', 'kalint.js');
const dir = mkdtempSync(path.join(os.tmpdir(), 'kalint-hostile-'));

/** The inputs: name, files to write (name -> text), kalint's arguments. */
const include30 = Object.fromEntries(
  Array.from({ length: 30 }, (_, i) => [`fan/f${i}.conf`, i < 29 ? `include f${i + 1}.conf\ninclude f${i + 1}.conf\n` : 'global_defs {\n   router_id ha1\n}\n']),
);
let doubling = '$A=x x\n$B0=$A $A\n';
for (let i = 1; i < 40; i++) doubling += `$B${i}=$B${i - 1} $B${i - 1}\n`;
const inputs = [
  ['H1 150,000 findings, stylish', { 'x.conf': 'x\n'.repeat(150_000) }, ['x.conf']],
  ['H1 150,000 findings, sarif', {}, ['--format', 'sarif', 'x.conf']],
  ['1,000,000 findings (2 MB of x lines), json', { 'x1m.conf': 'x\n'.repeat(1_000_000) }, ['--format', 'json', 'x1m.conf']],
  ['1,000,000 findings (2 MB of x lines), sarif', {}, ['--format', 'sarif', 'x1m.conf']],
  ['H3 30 files, each includes the next twice', include30, ['fan/f0.conf']],
  ['H3 ~SEQ x ~SEQ x ~SEQ (10^9 vrrp_scripts)', { 'seq3.conf': '~SEQ(i,1,1000) ~SEQ(j,1,1000) ~SEQ(k,1,1000) vrrp_script s${i}_${j}_$k { script /bin/true }\n' }, ['seq3.conf']],
  ['H3 $L=~SEQ(i,1,100000) $L, then $L', { 'self.conf': '$L=~SEQ(i,1,100000) $L\n$L\n' }, ['self.conf']],
  ['H3 a definition doubled 40 times', { 'grow.conf': doubling + 'global_defs {\n router_id $B39\n}\n' }, ['grow.conf']],
  ['H3 a 6 MB line of {}', { 'braces.conf': '{}'.repeat(3 * 1024 * 1024) + '\n' }, ['braces.conf']],
  ['H3 a 6 MB line of {}, fmt --check', {}, ['fmt', '--check', 'braces.conf']],
  ['16 MB of {} (the default --max-file-size)', { 'braces16.conf': '{}'.repeat(8 * 1024 * 1024 - 8) + '\n' }, ['braces16.conf']],
  ['H4 parse of 10 MB of global_defs { x x ... }', { 'words.conf': 'global_defs { ' + 'x '.repeat(5 * 1024 * 1024) + '}\n' }, ['parse', 'words.conf']],
  ['H4 100,000 unclosed blocks', { 'open.conf': 'vrrp_instance VI_1 {\n'.repeat(100_000) }, ['open.conf']],
  ['H4 parse of ~SEQ(i,1,100000000)', { 'seqbig.conf': '~SEQ(i,1,100000000) x $i\n' }, ['parse', 'seqbig.conf']],
  ['parse of 100,000 nested blocks', { 'nested.conf': 'global_defs {\n' + 'a {\n'.repeat(100_000) + '}\n'.repeat(100_001) }, ['parse', 'nested.conf']],
];

/** One run as a whole process (bench/process.mjs): exit status, wall and CPU seconds, peak memory in MB (NaN without GNU time), output size. */
function measure(args) {
  // The command as its shebang runs it (its V8 flags; the bundle's code cache is only taken under them).
  const run = measureProcess([bin, ...args], { cwd: dir, env: { ...process.env, NO_COLOR: '1' }, keepStdout: true });
  return { status: run.status ?? `signal ${run.signal}`, wall: run.wallMs / 1000, cpu: run.cpuMs / 1000, megabytes: run.peakMB, out: run.stdout.length };
}

console.log(`kalint hostile inputs: ${bin === bundle ? 'bin/kalint.cjs' : 'packages/cli/bin/kalint.js'}, node ${process.version}, ${os.cpus().length} x ${os.cpus()[0]?.model?.trim()}, load ${os.loadavg()[0].toFixed(2)}`);
console.log(`bounds: ${BOUNDS.seconds} s and ${BOUNDS.megabytes} MB per input on an idle 2-core machine${timed ? '' : ' (no /usr/bin/time: wall seconds only)'}\n`);
const header = ['input', 'exit', 'wall s', 'CPU s', 'peak MB', 'stdout', 'within bounds'];
const rows = [];
let over = 0;
try {
  for (const [name, files, args] of inputs) {
    for (const [file, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      writeFileSync(path.join(dir, file), text);
    }
    const m = measure(args);
    const within = m.wall <= BOUNDS.seconds && !(m.megabytes > BOUNDS.megabytes) && (m.status === 0 || m.status === 1);
    if (!within) over++;
    const row = [name, String(m.status), m.wall.toFixed(2), m.cpu.toFixed(2), m.megabytes.toFixed(0), m.out < 1024 * 1024 ? `${(m.out / 1024).toFixed(0)} KB` : `${(m.out / 1024 / 1024).toFixed(1)} MB`, within ? 'yes' : 'NO'];
    rows.push(row);
    console.log(`${name}: kalint ${args.join(' ')}: exit ${row[1]}, ${row[2]} s wall, ${row[3]} s CPU, peak ${row[4]} MB, ${row[5]} out${within ? '' : '  <- OVER A BOUND'}`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
console.log('\n' + [header, widths.map((w) => '-'.repeat(w)), ...rows].map((r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ')).join('\n'));
const slowest = rows.reduce((a, r) => (Number(r[2]) > Number(a[2]) ? r : a), rows[0]);
const biggest = rows.reduce((a, r) => (Number(r[4]) > Number(a[4]) ? r : a), rows[0]);
console.log(`\nslowest: ${slowest[0]} ${slowest[2]} s; largest: ${biggest[0]} ${biggest[4]} MB; ${over === 0 ? 'every input within the bounds' : `${over} input(s) over a bound`}`);
if (over > 0 && !noFail) process.exit(1);
