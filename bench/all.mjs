#!/usr/bin/env node
// `npm run bench`: every benchmark of issue 7 in one run, each figure beside its target, and the
// run recorded in bench/RESULTS.md with the machine's description.
//   1. throughput  bench/run.mjs   parse and full lint of 10k/100k/200k-line configs beside keepalived -t
//   2. start-up    here            `kalint ha1.conf ha2.conf` (the article pair) beside `node -e 0`
//   3. editor      bench/lsp.mjs   the language server over stdio on a 20,000-line document
//   4. fleet       bench/fleet.mjs 5,000 HA pairs (10,000 files) in one directory
//   5. hostile     bench/hostile.mjs issue 11's hostile inputs, each as a whole process: seconds and peak memory
// Options: --quick (smaller sizes, fewer runs), --no-results (do not write bench/RESULTS.md).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const quick = process.argv.includes('--quick');
const record = !process.argv.includes('--no-results');
const sections = [];
const summary = [];

function run(title, script, args) {
  process.stdout.write(`\n## ${title}\n`);
  const child = spawnSync(process.execPath, [`${root}bench/${script}`, ...args], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 28 });
  const output = (child.stdout + child.stderr).trim();
  process.stdout.write(output + '\n');
  sections.push(`## ${title}\n\n\`\`\`\n${output}\n\`\`\``);
  return output;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function timeCommand(command, args, runs) {
  const times = [];
  for (let i = 0; i < runs + 2; i++) {
    const start = performance.now();
    spawnSync(command, args, { cwd: root, stdio: 'ignore' });
    if (i >= 2) times.push(performance.now() - start);
  }
  return median(times);
}

// 1. Throughput
const throughput = run('Throughput: parse and full lint beside keepalived -t', 'run.mjs', quick ? ['--quick'] : []);
for (const line of throughput.split('\n')) {
  const m = /^(\S+ lines)\s+([\d,]+).*?(\S+ (?:ms|s))\s+\S+\s+\S+\s+\d+\s+\d+\s+(\S+ (?:ms|s))\s+(\S+ (?:ms|s))\s+\d+\s+(.+?x (?:faster|slower))\s+(.+?x (?:faster|slower))/.exec(line);
  if (m) summary.push([`parse, ${m[1]}`, `${m[3]} vs keepalived -t ${m[5]}: ${m[6]}`, 'faster'], [`full lint, ${m[1]}`, `${m[4]} vs keepalived -t ${m[5]}: ${m[7]}`, 'faster']);
}

// 2. Start-up
process.stdout.write('\n## Start-up: the article pair beside a bare Node start\n');
const bin = `${root}bin/kalint.cjs`;
if (!existsSync(`${root}dist/kalint.cjs`)) execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
const runs = quick ? 10 : 30;
// The command as its shebang runs it (the code cache is only taken under the same V8 flags).
const pairArgs = ['--max-semi-space-size=64', bin, 'fixtures/article-pair/ha1.conf', 'fixtures/article-pair/ha2.conf'];
const cache = spawnSync(process.execPath, pairArgs, { cwd: root, encoding: 'utf8', env: { ...process.env, KALINT_DEBUG_CODE_CACHE: '1' } }).stderr.trim();
const bare = timeCommand(process.execPath, ['-e', '0'], runs);
const kalint = timeCommand(process.execPath, pairArgs, runs);
const startup = `node -e 0: ${bare.toFixed(1)} ms; kalint ha1.conf ha2.conf: ${kalint.toFixed(1)} ms (median of ${runs}; ${cache.replace(/^kalint: /, '')}) = ${(kalint / bare).toFixed(2)}x (target: within 2x)`;
process.stdout.write(startup + '\n');
sections.push(`## Start-up: the article pair beside a bare Node start\n\n\`\`\`\n${startup}\n\`\`\``);
summary.push(['start-up, kalint ha1.conf ha2.conf', `${kalint.toFixed(0)} ms, ${(kalint / bare).toFixed(2)}x node -e 0 (${bare.toFixed(0)} ms)`, 'within 2x']);

// 3. Editor latency
const lsp = run('Editor latency: the language server over stdio', 'lsp.mjs', ['--no-fail', ...(quick ? ['--edits', '30'] : [])]);
for (const line of lsp.split('\n')) {
  const m = /^(diagnostics after a one-character edit|completion|completion sent right after an edit|hover)\s+p50\s+(\S+ ms)\s+p95\s+(\S+ ms)/.exec(line);
  if (m) summary.push([m[1], `p50 ${m[2]}, p95 ${m[3]}`, m[1].startsWith('diagnostics') ? 'p95 < 50 ms' : m[1] === 'hover' ? 'p95 < 10 ms' : 'p95 < 10 ms']);
}

// 4. Fleet
const fleet = run('Fleet: an inventory of HA pairs in one directory', 'fleet.mjs', quick ? ['--pairs', '500'] : []);
const fm = /kalint DIR\s+(\S+ s).*?peak memory (\S+ MB)/.exec(fleet);
const speedup = /worker threads\s+(\d+) threads at (\S+x) the speed of one thread/.exec(fleet);
if (fm) summary.push([`fleet, ${quick ? 500 : 5000} pairs`, `${fm[1]}, peak ${fm[2]}${speedup ? ` (${speedup[1]} worker threads: ${speedup[2]} one thread)` : ''}`, 'under 20 s, under 2 GB']);

// 5. Hostile input
const hostile = run('Hostile input: each reproduction of issue 11 as a whole process', 'hostile.mjs', ['--no-fail']);
const hm = /slowest: (.+?) (\S+) s; largest: (.+?) (\S+) MB; (.+)$/m.exec(hostile);
if (hm) summary.push(['hostile input, slowest and largest', `${hm[1]}: ${hm[2]} s; ${hm[3]}: ${hm[4]} MB (${hm[5]})`, 'under 10 s, under 1 GB']);

const table = ['| figure | measured | target |', '| --- | --- | --- |', ...summary.map((r) => `| ${r.join(' | ')} |`)].join('\n');
process.stdout.write(`\n## Summary\n\n${table}\n`);
if (record) {
  const machine = `${os.cpus().length} x ${os.cpus()[0]?.model?.trim()}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.type()} ${os.release()}, Node.js ${process.version}, load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')} at the end`;
  const keepalived = spawnSync('keepalived', ['--version'], { encoding: 'utf8' });
  const version = (keepalived.stderr || keepalived.stdout || 'keepalived not installed').split('\n')[0];
  const text = `# Benchmark results\n\nRecorded by \`npm run bench\`${quick ? ' --quick' : ''} on ${new Date().toISOString().slice(0, 10)}.\n\nMachine: ${machine}. Baseline: ${version}.\n\n## Summary\n\n${table}\n\n${sections.join('\n\n')}\n`;
  writeFileSync(`${root}bench/RESULTS.md`, text);
  process.stdout.write('\nrecorded in bench/RESULTS.md\n');
}
