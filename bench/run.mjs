#!/usr/bin/env node
// In-process breakdown of kalint's parse and full lint: `node bench/run.mjs`. Not what users see: kalint is timed
// inside this one Node.js process, after a warm-up run and a forced GC, so its start-up, JIT warm-up and most GC are
// left out. The figures users meet (whole processes, interleaved with keepalived -t) are bench/throughput.mjs's;
// `npm run bench` (bench/all.mjs) runs this file after them, with --no-keepalived, to tell the phases apart.
//
// For each size (default 10,000 and 200,000 lines) it generates a realistic keepalived.conf (bench/generate.mjs)
// into a temp dir and measures, in the same run:
//   (a) kalint's full parse through the library, `parse(text, { file })` from @kalint/parser:
//       1 warm-up, then the median of 5 runs; MB/s, lines/s, and the number of syntax diagnostics (must be 0);
//   (b) `keepalived -t -f FILE` on the same file in a throwaway network namespace (bench/keepalived.mjs):
//       median of 3 runs, and its exit status (must be 0);
//   (c) the ratio of the two, labelled in-process (kalint without its start-up against keepalived as a process).
//
// Options:
//   --lines N[,M...]   sizes to measure (repeatable; accepts 10000, 10k, 2e5)
//   --quick            fast run: 10k and 50k lines, 3 kalint runs, 1 keepalived run
//   --parser MODULE    load parse() from another module (harness testing; default @kalint/parser)
//   --no-keepalived    skip the keepalived baseline
//   -h, --help
//
// Exit status: 0 when every measurement succeeded, 1 when the parser is missing, reports diagnostics on a generated
// file, throws, or keepalived -t rejects a generated file (exit != 0). An unavailable keepalived (not installed, not
// root) is reported but is not a failure.

import { mkdtemp, writeFile, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import v8 from 'node:v8';
import vm from 'node:vm';
import { generateConfig } from './generate.mjs';
import { keepalivedCheck } from './keepalived.mjs';

// A full GC before each timed run, so a run does not pay for collecting the previous run's tree (`npm run bench`
// runs plain `node`, so --expose-gc is switched on here instead of on the command line).
// Measured under the V8 settings the command runs with: Node's defaults.
v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc');

const USAGE = `usage: node bench/run.mjs [--lines N[,M...]] [--quick] [--no-keepalived] [--parser MODULE]`;

function parseSize(s) {
  const m = /^(\d+(?:\.\d+)?(?:e\d+)?)([km]?)$/i.exec(s.trim());
  if (!m) return NaN;
  const n = Number(m[1]) * ({ '': 1, k: 1e3, m: 1e6 }[m[2].toLowerCase()]);
  return Number.isInteger(n) && n > 0 ? n : NaN;
}

function parseArgs(argv) {
  const o = { sizes: [], quick: false, parser: '@kalint/parser', keepalived: true };
  for (let i = 0; i < argv.length; i++) {
    let a = argv[i];
    let val;
    const eq = a.indexOf('=');
    if (a.startsWith('--') && eq > 0) [a, val] = [a.slice(0, eq), a.slice(eq + 1)];
    const next = () => {
      if (val !== undefined) return val;
      if (i + 1 >= argv.length) fail(`${a} needs a value\n${USAGE}`);
      return argv[++i];
    };
    switch (a) {
      case '--lines':
        for (const part of next().split(',')) {
          const n = parseSize(part);
          if (!Number.isFinite(n)) fail(`--lines: not a positive integer: '${part}'\n${USAGE}`);
          o.sizes.push(n);
        }
        break;
      case '--quick':
        o.quick = true;
        break;
      case '--parser':
        o.parser = next();
        break;
      case '--no-keepalived':
        o.keepalived = false;
        break;
      case '-h':
      case '--help':
        console.log(USAGE);
        process.exit(0);
        break;
      default:
        fail(`unknown argument '${argv[i]}'\n${USAGE}`);
    }
  }
  if (o.sizes.length === 0) o.sizes = o.quick ? [10_000, 50_000] : [10_000, 100_000, 200_000];
  o.kalintRuns = o.quick ? 3 : 5;
  o.keepalivedRuns = o.quick ? 1 : 3;
  return o;
}

function fail(msg) {
  console.error(msg);
  process.exit(1);
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const fmtInt = (n) => Math.round(n).toLocaleString('en-US');
const fmtMs = (ms) => (ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2)) + ' ms';
const fmtSize = (n) => (n >= 1e6 ? `${(n / 1e6).toFixed(n % 1e6 ? 1 : 0)}M` : n >= 1e3 ? `${(n / 1e3).toFixed(n % 1e3 ? 1 : 0)}k` : String(n));

async function loadParser(spec) {
  let mod;
  try {
    const target = spec.startsWith('.') || path.isAbsolute(spec) ? pathToFileURL(path.resolve(spec)).href : spec;
    mod = await import(target);
  } catch (err) {
    fail(
      `cannot import ${spec}: ${err.message.split('\n')[0]}\n` +
        `The parser must be built first: run \`npm ci\` (or \`npm run build\`) at the repository root, ` +
        `which compiles packages/parser to packages/parser/dist.`,
    );
  }
  const parse = mod.parse ?? mod.default?.parse;
  if (typeof parse !== 'function') {
    fail(
      `${spec} does not export a parse() function (exports: ${Object.keys(mod).join(', ') || 'none'}).\n` +
        `The parser must be built first: run \`npm run build\` at the repository root (packages/parser/dist is stale?).`,
    );
  }
  return parse;
}

function describeDiag(d) {
  const line = d?.range?.start?.line;
  const where = line === undefined ? '' : `${d.file ?? ''}:${line + 1}:${(d.range.start.character ?? 0) + 1} `;
  return `${where}${d?.severity ?? ''} ${d?.code ?? ''} ${d?.message ?? JSON.stringify(d)}`.trim();
}

function benchKalint(parse, text, file, runs) {
  const once = () => {
    const t0 = process.hrtime.bigint();
    const res = parse(text, { file });
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    return { ms, res };
  };
  let warm;
  try {
    warm = once(); // warm-up: JIT, lazy grammar initialisation
  } catch (err) {
    return { error: `parse() threw: ${err?.stack ?? err}` };
  }
  const diagnostics = Array.isArray(warm.res?.diagnostics) ? warm.res.diagnostics : null;
  if (!warm.res?.ast || !diagnostics) return { error: 'parse() did not return { ast, diagnostics }' };
  warm = null;
  const times = [];
  for (let i = 0; i < runs; i++) {
    gc();
    try {
      times.push(once().ms);
    } catch (err) {
      return { error: `parse() threw: ${err?.stack ?? err}` };
    }
  }
  // Heap retained by one result (AST + diagnostics), measured between two full GCs.
  gc();
  const before = process.memoryUsage().heapUsed;
  let kept = parse(text, { file });
  gc();
  const heapMB = Math.max(0, process.memoryUsage().heapUsed - before) / 1e6;
  kept = null;
  gc();
  return { ms: median(times), times, diagnostics, heapMB };
}

/** Median of `runs` full lints (after one warm-up), as `kalint FILE` lints one file. */
function benchLint(lint, text, file, runs) {
  lint([{ path: file, text }]);
  const times = [];
  let findings = 0;
  for (let i = 0; i < runs; i++) {
    gc();
    const start = process.hrtime.bigint();
    const result = lint([{ path: file, text }]);
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
    findings = result.files.reduce((n, f) => n + f.diagnostics.length, 0);
  }
  return { ms: median(times), times, findings };
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const parse = await loadParser(opts.parser);
  const lintFn = opts.parser === '@kalint/parser' ? (await import('@kalint/linter')).lint : null;
  const dir = await mkdtemp(path.join(os.tmpdir(), 'kalint-bench-'));
  const rows = [];
  let failed = false;
  let kaUnavailable = null;
  const t0 = Date.now();

  console.log(
    `kalint in-process breakdown (not what users see): node ${process.version}, ${os.cpus().length} x ${os.cpus()[0]?.model?.trim() ?? 'cpu'}, ` +
      `parser ${opts.parser}`,
  );
  try {
    for (const lines of opts.sizes) {
      const file = path.join(dir, `keepalived-${lines}.conf`);
      await writeFile(file, generateConfig({ lines }));
      const text = await readFile(file, 'utf8');
      const bytes = Buffer.byteLength(text);
      const nLines = text.split('\n').length - 1;
      const label = `${fmtSize(lines)} lines`;
      process.stdout.write(`\n[${label}] ${path.basename(file)}: ${fmtInt(nLines)} lines, ${(bytes / 1e6).toFixed(2)} MB\n`);

      // (a) kalint
      const k = benchKalint(parse, text, file, opts.kalintRuns);
      const row = { label, lines: nLines, bytes, k, ka: null };
      if (k.error) {
        failed = true;
        console.log(`  kalint parse FAILED: ${k.error}`);
      } else {
        const s = Math.max(k.ms, 1e-3) / 1000;
        console.log(
          `  kalint parse         ${fmtMs(k.ms).padStart(10)}  (median of ${opts.kalintRuns}; runs ${k.times.map((t) => t.toFixed(1)).join(', ')} ms)` +
            `  ${(bytes / 1e6 / s).toFixed(1)} MB/s  ${fmtInt(nLines / s)} lines/s  ${k.diagnostics.length} syntax diagnostics` +
            `  result heap ${k.heapMB.toFixed(0)} MB`,
        );
        if (k.diagnostics.length > 0) {
          failed = true;
          console.log(`  !! FAIL: kalint reported ${k.diagnostics.length} syntax diagnostic(s) on a generated file that must be clean:`);
          for (const d of k.diagnostics.slice(0, 10)) console.log(`     ${describeDiag(d)}`);
        }
      }

      // (a2) kalint's full lint of the same file: parse, model, every rule
      if (!k.error && lintFn) {
        const l = benchLint(lintFn, text, file, opts.kalintRuns);
        row.lint = l;
        console.log(`  kalint full lint     ${fmtMs(l.ms).padStart(10)}  (median of ${opts.kalintRuns}; runs ${l.times.map((t) => t.toFixed(1)).join(', ')} ms)  ${l.findings} findings`);
      }

      // (b) keepalived -t
      if (opts.keepalived && !kaUnavailable) {
        const ka = await keepalivedCheck(file, { runs: opts.keepalivedRuns });
        if (!ka.ok) {
          kaUnavailable = ka.reason;
          console.log(`  keepalived baseline unavailable: ${ka.reason}`);
        } else {
          row.ka = ka;
          console.log(
            `  keepalived -t -f     ${fmtMs(ka.ms).padStart(10)}  (median of ${opts.keepalivedRuns}; runs ${ka.runsMs.map((t) => t.toFixed(1)).join(', ')} ms;` +
              ` ip netns exec overhead ${ka.overheadMs.toFixed(1)} ms subtracted)  exit ${ka.exitCode}`,
          );
          if (ka.exitCode !== 0) {
            failed = true;
            console.log(`  !! FAIL: keepalived -t exited ${ka.exitCode}${ka.signal ? ` (${ka.signal})` : ''} on the generated file; first messages:`);
            for (const l of ka.stderrLines.slice(0, 10)) console.log(`     ${l}`);
            if (ka.stderrLineCount > 10) console.log(`     ... ${ka.stderrLineCount - 10} more`);
          }
        }
      }

      // (c) ratio
      if (!k.error && row.ka) console.log(`  ${ratioText(k.ms, row.ka.ms)}`);
      if (row.lint && row.ka) console.log(`  ${ratioText(row.lint.ms, row.ka.ms).replace('kalint parse', 'kalint full lint')}`);
      rows.push(row);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }

  printTable(rows, opts, kaUnavailable);
  console.log(`\ntotal bench time ${((Date.now() - t0) / 1000).toFixed(1)} s${failed ? ' -- FAILED (see !! above)' : ''}`);
  process.exitCode = failed ? 1 : 0;
}

function ratioText(kMs, kaMs) {
  if (kMs <= 0 || kaMs <= 0) return 'ratio n/a';
  const r = kaMs / kMs;
  return r >= 1
    ? `kalint parse (in-process) is ${r.toFixed(1)}x faster than keepalived -t as a process`
    : `kalint parse (in-process) is ${(1 / r).toFixed(1)}x slower than keepalived -t as a process`;
}

function printTable(rows, opts, kaUnavailable) {
  const kHdr = `parse in-process (med ${opts.kalintRuns})`;
  const kaHdr = `keepalived -t (med ${opts.keepalivedRuns})`;
  const head = ['size', 'lines', 'MB', kHdr, 'MB/s', 'lines/s', 'diags', 'heap MB', 'full lint in-process', kaHdr, 'exit', 'parse vs keepalived', 'lint vs keepalived'];
  const body = rows.map(({ label, lines, bytes, k, ka, lint }) => {
    const ok = !k.error;
    const s = ok ? Math.max(k.ms, 1e-3) / 1000 : 0;
    return [
      label,
      fmtInt(lines),
      (bytes / 1e6).toFixed(2),
      ok ? fmtMs(k.ms) : 'FAILED',
      ok ? (bytes / 1e6 / s).toFixed(1) : '-',
      ok ? fmtInt(lines / s) : '-',
      ok ? String(k.diagnostics.length) : '-',
      ok ? k.heapMB.toFixed(0) : '-',
      lint ? fmtMs(lint.ms) : '-',
      ka ? fmtMs(ka.ms) : 'n/a',
      ka ? String(ka.exitCode) : '-',
      ok && ka ? (ka.ms >= k.ms ? `${(ka.ms / k.ms).toFixed(1)}x faster` : `${(k.ms / ka.ms).toFixed(1)}x slower`) : '-',
      lint && ka ? (ka.ms >= lint.ms ? `${(ka.ms / lint.ms).toFixed(1)}x faster` : `${(lint.ms / ka.ms).toFixed(1)}x slower`) : '-',
    ];
  });
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((r) => r[i].length)));
  const left = new Set([0, head.length - 2, head.length - 1]);
  const fmtRow = (r) => r.map((c, i) => (left.has(i) ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ').trimEnd();
  console.log('\n' + fmtRow(head));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of body) console.log(fmtRow(r));
  const ka = rows.find((r) => r.ka)?.ka;
  if (ka) console.log(`baseline: ${ka.version} (${ka.keepalived}), exec overhead subtracted, process start-up included`);
  else if (kaUnavailable) console.log(`keepalived baseline unavailable: ${kaUnavailable}`);
  else if (!opts.keepalived) console.log('keepalived baseline skipped (--no-keepalived)');
}

await main();
