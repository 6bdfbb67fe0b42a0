#!/usr/bin/env node
// kalint lint benchmark: node bench/lint.mjs [--lines 20000,200000] [--runs N] [--isolated] [--json FILE]
//
// Generates configs (bench/generate.mjs) and measures, under the V8 settings the CLI runs with
// (Node's defaults), the median of several runs of:
//   full     lint([{ path, text }]) from @kalint/linter: parse, model, rules, suppressions;
//   parse    parse(text, { file }) from @kalint/parser;
//   model    projectFile() + new Project() on the parsed tree;
//   rules    every rule in order on a fresh project (parsed again, untimed), with each rule's share;
//            rules sharing a per-file cache (the file index) are timed in run order, so the first
//            rule that needs the cache pays for building it: see `index` when the linter has one;
//   isolated (--isolated) each rule alone on a fresh project: its cost including any cache it builds
//            (about the `lint(inputs, { ruleSet: [rule] })` minus `lint(inputs, { ruleSet: [] })` difference).
//   fleet    (--fleet N) N small files, N/2 HA pairs with some drift, linted as one project (peer grouping
//            and the peer rules across the whole fleet): total time, median of 3.
// Prints ms per phase and per rule id, and a digest of the findings (to check that speed work
// changes no behaviour: the digest must stay the same). --linter DIR loads packages/linter from DIR
// instead (a build of another commit) to compare.
//
// Build first: npx tsc -b.

import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import { generateConfig } from './generate.mjs';

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc');

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = (p) => pathToFileURL(path.join(root, 'packages', p)).href;
const opts = parseArgs(process.argv.slice(2));
// --linter DIR: another build of packages/linter (e.g. an older commit's), to compare.
const linterDist = (p) => (opts.linter ? pathToFileURL(path.resolve(opts.linter, 'dist', p)).href : dist(`linter/dist/${p}`));
const { parse } = await import(dist('parser/dist/index.js'));
const { lint, rules } = await import(linterDist('index.js'));
const { Project, projectFile } = await import(linterDist('project.js'));
const { schema } = await import('@kalint/grammar');
let fileIndex = null;
try {
  ({ fileIndex } = await import(linterDist('file-index.js')));
} catch {
  // No shared index in this version of the linter.
}

function parseArgs(argv) {
  const o = { sizes: [20_000, 200_000], runs: null, isolated: false, json: null, linter: null, fleet: null };
  for (let i = 0; i < argv.length; i++) {
    const [a, inline] = argv[i].includes('=') ? argv[i].split(/=(.*)/s) : [argv[i], undefined];
    const next = () => inline ?? argv[++i];
    if (a === '--lines') o.sizes = next().split(',').map((s) => Number(s.replace(/k$/i, '000')));
    else if (a === '--runs') o.runs = Number(next());
    else if (a === '--isolated') o.isolated = true;
    else if (a === '--json') o.json = next();
    else if (a === '--linter') o.linter = next();
    else if (a === '--fleet') o.fleet = Number(next().replace(/k$/i, '000'));
    else {
      console.error('usage: node bench/lint.mjs [--lines N[,M]] [--runs N] [--isolated] [--json FILE] [--fleet FILES] [--linter DIR]');
      process.exit(1);
    }
  }
  return o;
}

/** One node of HA pair `k` (`a` is the MASTER): VRRP with unicast, a DR and a NAT service; some pairs drift. */
function fleetNode(k, side) {
  const master = side === 'a';
  const vip = `10.${(k >> 8) & 255}.${k & 255}`;
  const drift = k % 10 === 0 && !master;
  return `global_defs {
    router_id node${k}${side}
    enable_script_security
    script_user root
}

vrrp_script chk_${k} {
    script "/usr/bin/pgrep haproxy"
    interval 2
    weight -20
}

vrrp_instance VI_${k} {
    state ${master ? 'MASTER' : 'BACKUP'}
    interface eth${k % 8}
    virtual_router_id ${(k % 255) + 1}
    priority ${master ? 150 : drift ? 150 : 100}
    advert_int 1
    unicast_src_ip ${vip}.${master ? 2 : 3}
    unicast_peer {
        ${vip}.${master ? 3 : 2}
    }
    authentication {
        auth_type PASS
        auth_pass p${k}
    }
    virtual_ipaddress {
        ${vip}.100/24
    }
    track_script {
        chk_${k}
    }
}

virtual_server ${vip}.100 80 {
    delay_loop 6
    lb_algo rr
    lb_kind DR
    protocol TCP
${[11, 12, 13].map((h) => `    real_server ${vip}.${h} 80 {
        weight ${drift && h === 13 ? 2 : 1}
        TCP_CHECK {
            connect_timeout 3
        }
    }`).join('\n')}
}

virtual_server ${vip}.100 443 {
    lb_algo wrr
    lb_kind NAT
    protocol TCP
    real_server ${vip}.21 8443 {
        HTTP_GET {
            url {
                path /health
                status_code 200
            }
        }
    }
}
`;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const now = () => Number(process.hrtime.bigint()) / 1e6;
const fmt = (ms) => (ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2)).padStart(8);

function timed(fn, runs, warm) {
  for (let i = 0; i < warm; i++) fn();
  const times = [];
  for (let i = 0; i < runs; i++) {
    gc();
    const t0 = now();
    fn();
    times.push(now() - t0);
  }
  return { median: median(times), times };
}

function context(project, sink) {
  return {
    schema,
    project,
    targetVersion: schema.version,
    report(r) {
      sink.push(r);
    },
  };
}

function digest(result) {
  const h = createHash('sha256');
  for (const f of result.files) for (const d of f.diagnostics) h.update(JSON.stringify([d.ruleId, d.severity, d.message, d.file, d.range, d.related, d.fix, d.tags]));
  return h.digest('hex').slice(0, 16);
}

const out = {};
console.log(`kalint lint benchmark: node ${process.version}${fileIndex ? ', shared file index' : ''}`);
for (const lines of opts.fleet && !process.argv.includes('--lines') ? [] : opts.sizes) {
  const file = `/bench/keepalived-${lines}.conf`;
  const text = generateConfig({ lines });
  const runs = opts.runs ?? (lines <= 50_000 ? 15 : 5);
  const warm = lines <= 50_000 ? 5 : 2;
  const inputs = [{ path: file, text }];

  const result = lint(inputs);
  const count = result.files.reduce((n, f) => n + f.diagnostics.length, 0);
  const byRule = {};
  for (const f of result.files) for (const d of f.diagnostics) byRule[d.ruleId] = (byRule[d.ruleId] ?? 0) + 1;

  const full = timed(() => lint(inputs), runs, warm);
  const parsed = parse(text, { file });
  const parseT = timed(() => parse(text, { file }), runs, warm);
  const modelT = timed(() => new Project([projectFile(file, text, parsed.ast, parsed.diagnostics)], new Map()), runs, warm);

  // All rules in order on a fresh project per run.
  const perRule = new Map(rules.map((r) => [r.meta.id, []]));
  const indexTimes = [];
  const rulesTotal = [];
  for (let i = 0; i < warm + runs; i++) {
    // A fresh parse per run: per-file caches are keyed by the parsed tree.
    const fresh = parse(text, { file });
    const project = new Project([projectFile(file, text, fresh.ast, fresh.diagnostics)], new Map());
    gc();
    const sink = [];
    const t0 = now();
    if (fileIndex) {
      const ti = now();
      for (const f of project.files) fileIndex(f);
      if (i >= warm) indexTimes.push(now() - ti);
    }
    for (const rule of rules) {
      const t = now();
      rule.check(context(project, sink));
      if (i >= warm) perRule.get(rule.meta.id).push(now() - t);
    }
    if (i >= warm) rulesTotal.push(now() - t0);
  }

  let isolated = null;
  if (opts.isolated) {
    isolated = new Map();
    for (const rule of rules) {
      const times = [];
      for (let i = 0; i < warm + runs; i++) {
        const fresh = parse(text, { file });
        const project = new Project([projectFile(file, text, fresh.ast, fresh.diagnostics)], new Map());
        gc();
        const t = now();
        rule.check(context(project, []));
        if (i >= warm) times.push(now() - t);
      }
      isolated.set(rule.meta.id, median(times));
    }
  }

  console.log(`\n[${lines} lines, ${(Buffer.byteLength(text) / 1e6).toFixed(2)} MB] ${count} findings, digest ${digest(result)}  ${JSON.stringify(byRule)}`);
  console.log(`  full lint   ${fmt(full.median)} ms   (median of ${runs}; min ${Math.min(...full.times).toFixed(1)}, max ${Math.max(...full.times).toFixed(1)})`);
  console.log(`  parse       ${fmt(parseT.median)} ms`);
  console.log(`  model       ${fmt(modelT.median)} ms`);
  console.log(`  rules       ${fmt(median(rulesTotal))} ms   (all rules on a parsed project, index included)`);
  if (fileIndex) console.log(`    index     ${fmt(median(indexTimes))} ms   (shared per-file index, built once)`);
  const rows = rules.map((r) => ({ id: r.meta.id, ms: median(perRule.get(r.meta.id)), iso: isolated?.get(r.meta.id) }));
  for (const r of rows) console.log(`    ${r.id.padEnd(26)}${fmt(r.ms)} ms${r.iso !== undefined ? `   isolated ${fmt(r.iso)} ms` : ''}`);
  out[lines] = {
    findings: count,
    digest: digest(result),
    full: full.median,
    parse: parseT.median,
    model: modelT.median,
    rules: median(rulesTotal),
    index: fileIndex ? median(indexTimes) : null,
    perRule: Object.fromEntries(rows.map((r) => [r.id, r.ms])),
    isolated: isolated ? Object.fromEntries(isolated) : null,
  };
}
if (opts.fleet) {
  const inputs = [];
  for (let k = 0; k < opts.fleet / 2; k++) for (const side of ['a', 'b']) inputs.push({ path: `/fleet/node${k}${side}/keepalived.conf`, text: fleetNode(k, side) });
  const lines = inputs.reduce((n, i) => n + i.text.split('\n').length - 1, 0);
  let result;
  const t = timed(() => (result = lint(inputs)), opts.runs ?? 3, 1);
  const count = result.files.reduce((n, f) => n + f.diagnostics.length, 0);
  const byRule = {};
  for (const f of result.files) for (const d of f.diagnostics) byRule[d.ruleId] = (byRule[d.ruleId] ?? 0) + 1;
  console.log(`\n[fleet: ${inputs.length} files, ${lines} lines, one project] ${count} findings, digest ${digest(result)}  ${JSON.stringify(byRule)}`);
  console.log(`  full lint   ${fmt(t.median)} ms   (median of ${t.times.length}; ${(t.median / inputs.length).toFixed(2)} ms per file)`);
  out.fleet = { files: inputs.length, findings: count, digest: digest(result), full: t.median };
}
if (opts.json) writeFileSync(opts.json, JSON.stringify(out, null, 2));
