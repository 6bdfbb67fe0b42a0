#!/usr/bin/env node
// `npm run bench`: kalint's performance as users meet it (issue 15), every figure beside its target with
// ok or MISSED, and the run recorded in bench/RESULTS.md with the machine and its load.
// Every figure comes from whole processes (bench/process.mjs): each command is run in rounds with
// its baseline (A B A B ..., after warm-up), and a comparison is the median of the per-round ratios
// with their min and max, beside each side's medians of wall time, CPU time and peak memory.
//   1. start-up    bench/startup.mjs     the article pair, each way a user starts kalint, beside `node -e 0`
//   2. full lint   bench/throughput.mjs  10k- and 200k-line configs beside keepalived -t -f FILE
//   3. fleet       bench/fleet.mjs       5,000 HA pairs (10,000 files) in one directory, default --jobs, 1 and 2
//   4. editor      bench/lsp.mjs         the language server with two open 20k-line HA peers
//   5. hostile     bench/hostile.mjs     issue 11's hostile inputs, each as a whole process
//   then the in-process breakdown (bench/run.mjs): parse and full lint timed inside one Node.js process,
//   after warm-up; not what users see, kept to tell the phases apart.
// Options: --quick (fewer rounds, a smaller fleet, fewer edits), --no-results (do not write bench/RESULTS.md).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { benchFleet } from './fleet.mjs';
import { keepalivedAvailable } from './keepalived.mjs';
import { loadAverage, machine, summaryTable, timeNote, verdict } from './process.mjs';
import { benchStartup } from './startup.mjs';
import { benchThroughput } from './throughput.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const quick = process.argv.includes('--quick');
const record = !process.argv.includes('--no-results');
const started = Date.now();
const loadAtStart = loadAverage();
const sections = [];
const summary = [];

if (!existsSync(`${root}dist/kalint.cjs`)) execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });

/** A section whose figures this process measures: its lines are printed as they come and kept for the record. */
async function section(title, body) {
  process.stdout.write(`\n## ${title}\n\n`);
  const lines = [];
  const log = (line) => {
    process.stdout.write(line + '\n');
    lines.push(line);
  };
  try {
    summary.push(...(await body(log)));
  } catch (err) {
    log(`FAILED: ${err?.message ?? err}`);
    summary.push({ figure: title, measured: `failed: ${err?.message ?? err}`, target: '-', verdict: 'MISSED' });
  }
  sections.push(`## ${title}\n\n\`\`\`\n${lines.join('\n').trim()}\n\`\`\``);
}

/** A section that is a script of its own: its output, printed and kept. */
function script(title, file, args) {
  process.stdout.write(`\n## ${title}\n\n`);
  const child = spawnSync(process.execPath, [`${root}bench/${file}`, ...args], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 28 });
  const output = `${child.stdout}${child.stderr}`.trim();
  process.stdout.write(output + '\n');
  sections.push(`## ${title}\n\n\`\`\`\n${output}\n\`\`\``);
  return output;
}

// 1. Start-up
await section('1. Start-up: the article pair beside a bare Node start, however kalint is started', (log) => benchStartup({ quick, log }));

// 2. Full lint
await section('2. Full lint beside keepalived -t, both as whole processes', (log) => benchThroughput({ quick, log }));

// 3. Fleet
await section('3. Fleet: an inventory of HA pairs in one directory', (log) => benchFleet({ quick, log }));

// 4. Editor. bench/lsp.mjs prints one line per figure (`NAME p50 X ms p95 Y ms ...`, `NAME N ms (target ...)`);
// the targets of issue 15 are applied here, and any other figure it gives a target is carried as it judged it.
{
  const lsp = script('4. Editor: the language server over stdio (bench/lsp.mjs)', 'lsp.mjs', ['--no-fail', ...(quick ? ['--edits', '30'] : [])]);
  const targets = [
    { pattern: /^(diagnostics after a one-character edit|keystroke)/i, figure: 'editor, keystroke to own diagnostics', key: 'p95', limit: 50, unit: 'ms' },
    { pattern: /^server CPU per edit/i, figure: 'editor, server CPU per edit', key: 'value', limit: 40, unit: 'ms' },
    { pattern: /^completion sent right after an edit/i, figure: 'editor, completion right after an edit', key: 'p95', limit: 20, unit: 'ms' },
    { pattern: /^resident memory/i, figure: 'editor, resident memory', key: 'value', limit: 250, unit: 'MB' },
  ];
  const seen = new Set();
  for (const line of lsp.split('\n')) {
    const quantiles = /^(.+?)\s+p50\s+([\d.]+) ms\s+p95\s+([\d.]+) ms(?:.*?target p95 <= ([\d.]+) ms)?/.exec(line);
    const single = /^(.+?)\s+([\d.]+) (ms|MB)\b(?:.*?target <= ([\d.]+))?/.exec(line);
    const absent = /^(.+?)\s+not offered(.*)$/.exec(line);
    const error = /^error: (.+)$/.exec(line);
    const name = (quantiles ?? single ?? absent)?.[1].trim();
    const known = name ? targets.find((t) => t.pattern.test(name)) : undefined;
    if (known) {
      seen.add(known);
      const value = quantiles ? Number(quantiles[known.key === 'p95' ? 3 : 2]) : single ? Number(single[2]) : NaN;
      const measured = quantiles ? `p50 ${quantiles[2]} ms, p95 ${quantiles[3]} ms` : single ? `${single[2]} ${single[3]}` : 'not offered';
      summary.push({ figure: known.figure, measured, target: `${known.key === 'p95' ? 'p95 ' : ''}<= ${known.limit} ${known.unit}`, verdict: verdict(value, known.limit) });
    } else if (quantiles?.[4]) {
      summary.push({ figure: `editor, ${name}`, measured: `p50 ${quantiles[2]} ms, p95 ${quantiles[3]} ms`, target: `p95 <= ${quantiles[4]} ms`, verdict: verdict(Number(quantiles[3]), Number(quantiles[4])) });
    } else if (single?.[4]) {
      summary.push({ figure: `editor, ${name}`, measured: `${single[2]} ${single[3]}`, target: `<= ${single[4]} ${single[3]}`, verdict: verdict(Number(single[2]), Number(single[4])) });
    } else if (absent && /MISSED/.test(absent[2])) {
      summary.push({ figure: `editor, ${name}`, measured: 'not offered by the server', target: 'offered', verdict: 'MISSED' });
    } else if (error) {
      summary.push({ figure: 'editor, check', measured: error[1], target: 'no error', verdict: 'MISSED' });
    }
  }
  for (const t of targets) {
    if (!seen.has(t)) summary.push({ figure: t.figure, measured: 'not reported by bench/lsp.mjs', target: `${t.key === 'p95' ? 'p95 ' : ''}<= ${t.limit} ${t.unit}`, verdict: 'n/a' });
  }
}

// 5. Hostile input
{
  const hostile = script('5. Hostile input: each reproduction of issue 11 as a whole process', 'hostile.mjs', ['--no-fail']);
  const m = /slowest: (.+?) (\S+) s; largest: (.+?) (\S+) MB; (.+)$/m.exec(hostile);
  summary.push(
    m
      ? { figure: 'hostile input, slowest and largest', measured: `${m[1]}: ${m[2]} s wall; ${m[3]}: ${m[4]} MB peak (${m[5]})`, target: 'each <= 10 s, <= 1 GB', verdict: /every input within/.test(m[5]) ? 'ok' : 'MISSED' }
      : { figure: 'hostile input', measured: 'no summary line from bench/hostile.mjs', target: 'each <= 10 s, <= 1 GB', verdict: 'MISSED' },
  );
}

// The in-process breakdown: the phases of a lint, inside one process; not a user's figure.
script(
  'In-process breakdown, not what users see: parse and full lint timed inside one Node.js process, after warm-up and a forced GC',
  'run.mjs',
  ['--no-keepalived', ...(quick ? ['--quick'] : ['--lines', '10000,200000'])],
);

const table = summaryTable(summary);
const missed = summary.filter((r) => r.verdict === 'MISSED').length;
const minutes = ((Date.now() - started) / 60_000).toFixed(1);
const loadAtEnd = loadAverage();
process.stdout.write(`\n## Summary\n\n${table}\n\n${missed} of ${summary.length} figures MISSED their target; ${minutes} min; load average ${loadAtStart} at the start, ${loadAtEnd} at the end\n`);
if (record) {
  const ka = await keepalivedAvailable();
  const baseline = ka.ok ? ka.version : `keepalived unavailable (${ka.reason})`;
  const text = `# Benchmark results

Recorded by \`npm run bench${quick ? ' -- --quick' : ''}\` on ${new Date().toISOString().slice(0, 10)}, in ${minutes} min.

- Machine: ${machine()}.
- Baseline: ${baseline}.
- Load average (1, 5, 15 min): ${loadAtStart} at the start, ${loadAtEnd} at the end.

Every figure is from whole processes, started as a user starts them. A comparison runs the command
and its baseline in turn (A B A B ...) after warm-up rounds, and gives the median of the per-round
ratios with their min and max, in brackets, beside each side's medians of wall time, CPU time
(user + system) and peak resident memory. ${timeNote}. keepalived -t runs in a network namespace
with the interfaces the config names; the cost of \`ip netns exec\`, measured with /bin/true in
the same rounds, is taken off its wall time, and the ratio as run is shown as well.

## Summary

${table}

${missed} of ${summary.length} figures MISSED their target.

${sections.join('\n\n')}
`;
  writeFileSync(`${root}bench/RESULTS.md`, text);
  process.stdout.write('recorded in bench/RESULTS.md\n');
}
