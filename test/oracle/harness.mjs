// Differential testing of kalint against the real keepalived: every input is checked by `keepalived -t` (isolated,
// see keepalived.mjs) and by kalint's `lint` (the file alone, targetVersion = the oracle's version); their findings
// are classified (classify.mjs) and compared per file and line.
//
//   agree        keepalived reports class C at line L and kalint reports C at L
//                (for keepalived's post-parse messages, which have no line: kalint reports C anywhere in the file)
//   other class  keepalived reports C at L, kalint reports something else at L
//   miss         keepalived reports C at L, kalint is silent at L
//   false error  kalint reports an error at L, keepalived says nothing at L (nor anything line-less of that class)
//
// exit 139/143 (2.2.7 crashes) and timeouts are recorded apart; with exit 2 (missing parameter: keepalived stops at
// once) only the missing parameter itself is compared. A keepalived message that no class of classify.mjs describes is
// not compared at all: it fails the oracle (see `failures`) until it has a class.

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { lint } from '@kalint/linter';
import { parse } from '@kalint/parser';
import { CLASS_IDS, CLASSES, classifyKalint, classifyKeepalived, isHostDependent, parseMessages } from './classify.mjs';
import { generateConfigs } from './generate.mjs';
import { interfaceNames } from './interfaces.mjs';
import { CONFIG_ID, oracleAvailable, pool, runKeepalived } from './keepalived.mjs';

/** The fixed seed and size of the generated set the regular test runs. */
export const DEFAULT_SEED = 20260427;
export const DEFAULT_GENERATED = 200;

function corpusFiles(corpusRoot) {
  return readFileSync(path.join(corpusRoot, 'ORACLE.tsv'), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => l.split('\t')[0]);
}

/** Compare one input. `messages`: keepalived's, parsed; `diagnostics`: kalint's. */
export function compareFile(input, run, diagnostics, ast) {
  const out = { agree: [], covered: [], otherClass: [], miss: [], falseError: [], extraWarning: [], afterBraces: [], unclassified: [], uncompared: 0, dropped: [] };
  const mine = (m) => m.file === null || m.file === input.name;
  const kept = [];
  /**
   * Lines with a host-dependent or unclassified message: keepalived does complain there, so a kalint error there is no
   * false error.
   */
  const hostLines = new Set();
  const all = parseMessages(run.stderr);
  const textLines = input.text.split('\n');
  // Scripts keepalived removed for reasons of this machine (no script user, no script file): that they are then
  // "not found" by the instances tracking them is just as host-dependent.
  const removedScripts = new Set();
  for (const m of all) {
    const removed = /^Unable to set default user for vrrp script (\S+) - removing$/.exec(m.text) ?? /^Disabling track script (\S+) since not found/.exec(m.text);
    if (removed) removedScripts.add(removed[1]);
    // `user NAME` inside a vrrp_script names a user this machine does not have: keepalived removes that vrrp_script.
    if (/^Unable to set uid\/gid for script /.test(m.text) && m.line !== null && ast) {
      const script = ast.body.find((n) => n.type === 'Statement' && n.keyword.text === 'vrrp_script' && n.range.start.line < m.line && m.line <= n.range.end.line + 1);
      if (script?.args[0]) removedScripts.add(script.args[0].text);
    }
  }
  const followsHost = (text) => {
    const name = /track script (\S+) not found/.exec(text)?.[1];
    return name !== undefined && removedScripts.has(name);
  };
  for (const m of all) {
    if (!mine(m)) out.dropped.push({ ...m, why: 'in another file' });
    else if (isHostDependent(m.text) || followsHost(m.text)) {
      out.dropped.push({ ...m, why: 'host-dependent' });
      if (m.line !== null) hostLines.add(m.line);
    }
    // Checks keepalived makes when a block ends carry the line of its '}': they are about the block, so they are
    // compared like post-parse messages.
    else if (classifyKeepalived(m.text) === null) {
      out.unclassified.push({ input: input.key, line: m.line, keepalived: m.text });
      if (m.line !== null) hostLines.add(m.line);
    }
    else if (m.line !== null && /^\s*\}\s*$/.test(textLines[m.line - 1] ?? '') && !/^Unknown keyword '\}'|^Extra '\}'/.test(m.text)) kept.push({ ...m, line: null, cls: classifyKeepalived(m.text) });
    else kept.push({ ...m, cls: classifyKeepalived(m.text) });
  }
  let findings = diagnostics
    .map((d) => ({ line: d.range.start.line + 1, cls: classifyKalint(d), severity: d.severity, ruleId: d.ruleId, message: d.message }))
    .filter((f) => f.cls !== null);
  let messages = kept;
  if (run.exitCode === 2) {
    // keepalived stopped at the missing parameter: nothing else it would have said is known.
    messages = kept.filter((m) => m.cls === 'missing-parameter');
    const stops = new Set(messages.map((m) => m.line));
    const before = findings.length;
    findings = findings.filter((f) => f.cls === 'missing-parameter' && stops.has(f.line));
    out.uncompared += before - findings.length;
  }
  // keepalived and kalint recover differently from a brace error, so what follows the first one is not compared.
  const braceLines = [...messages.filter((m) => m.cls === 'braces' && m.line !== null), ...findings.filter((f) => f.cls === 'braces' && f.severity === 'error')].map((x) => x.line);
  const firstBrace = braceLines.length > 0 ? Math.min(...braceLines) : Infinity;
  const spans = ast ? unknownBlockSpans(ast, diagnostics) : [];
  const covering = (line) => spans.find((s) => line > s.from && line <= s.to);
  const skipped = (line) => spans.find((s) => s.skipped && line > s.from && line <= s.to);
  const kalintAt = new Map();
  for (const f of findings) kalintAt.set(f.line, [...(kalintAt.get(f.line) ?? []), f]);
  const keepalivedLines = new Set(messages.filter((m) => m.line !== null).map((m) => m.line));
  const linelessClasses = new Set(messages.filter((m) => m.line === null).map((m) => m.cls));
  const seen = new Set();
  for (const m of messages) {
    const key = `${m.line}\u0000${m.cls}\u0000${m.line === null ? m.text : ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const entry = { input: input.key, line: m.line, cls: m.cls, keepalived: m.text };
    if (m.line === null) {
      const f = findings.find((x) => x.cls === m.cls);
      if (f) out.agree.push({ ...entry, kalint: f.message });
      else out.miss.push(entry);
      continue;
    }
    const at = kalintAt.get(m.line) ?? [];
    const same = at.find((f) => f.cls === m.cls);
    const span = covering(m.line);
    if (same) out.agree.push({ ...entry, kalint: same.message });
    else if (at.length > 0) out.otherClass.push({ ...entry, kalint: `${at[0].ruleId}: ${at[0].message}`, kalintClass: at[0].cls });
    else if (span) out.covered.push({ ...entry, kalint: span.message });
    else if (m.line > firstBrace) out.afterBraces.push(entry);
    else out.miss.push(entry);
  }
  const reported = new Set();
  for (const f of findings) {
    if (keepalivedLines.has(f.line) || hostLines.has(f.line) || linelessClasses.has(f.cls)) continue;
    if (skipped(f.line)) {
      out.covered.push({ input: input.key, line: f.line, cls: f.cls, kalint: `${f.ruleId}: ${f.message}` });
      continue;
    }
    const key = `${f.line}\u0000${f.cls}\u0000${f.severity}`;
    if (reported.has(key)) continue;
    reported.add(key);
    const entry = { input: input.key, line: f.line, cls: f.cls, kalint: `${f.ruleId}: ${f.message}` };
    if (f.line > firstBrace) out.afterBraces.push(entry);
    else if (f.severity === 'error') out.falseError.push(entry);
    else out.extraWarning.push(entry);
  }
  return out;
}

/**
 * Lines of the blocks whose keyword kalint reports as unknown to keepalived (unknown, misplaced, too new) and of
 * stray `{ }`: keepalived ignores the '{' and reports each line inside again, kalint reports the block once and
 * says so in its message.
 */
function unknownBlockSpans(ast, diagnostics) {
  const reportedAt = new Map();
  const skipAt = new Map();
  for (const d of diagnostics) {
    if (classifyKalint(d) === 'unknown-keyword' || classifyKalint(d) === 'braces') reportedAt.set(d.range.start.offset, d.message);
    // `real_server fakeIP1 80 {`: keepalived skips the whole block, so it never sees what is inside.
    if (/skips the whole/.test(d.message)) skipAt.set(d.range.start.line, d.message);
  }
  const spans = [];
  const visit = (body) => {
    for (const node of body) {
      const block = node.type === 'Statement' ? node.block : node.type === 'Block' ? node : null;
      if (!block) continue;
      const message = node.type === 'Statement' ? reportedAt.get(node.keyword.range.start.offset) : reportedAt.get(node.range.start.offset) ?? 'a stray block';
      const skip = node.type === 'Statement' && node.file === ast.file ? skipAt.get(node.keyword.range.start.line) : undefined;
      if (skip) spans.push({ from: node.range.start.line + 1, to: (block.close ? block.close.end.line : block.range.end.line) + 1, message: skip, skipped: true });
      if (message && node.file === ast.file) {
        spans.push({ from: node.range.start.line + 1, to: (block.close ? block.close.end.line : block.range.end.line) + 1, message });
      } else visit(block.body);
    }
  };
  visit(ast.body);
  return spans;
}

/**
 * Parse the machine-readable table of KNOWN-DIFFERENCES.md. Every row must name one class of classify.mjs and give
 * a reason: a row for any class would waive whatever keepalived says next, so it is refused (an Error naming the row).
 */
export function parseKnown(markdown) {
  const rows = [];
  for (const line of markdown.split('\n')) {
    const cells = line.split(/(?<!\\)\|/).map((c) => c.trim().replace(/\\\|/g, '|'));
    if (cells.length < 8 || cells[1] === 'input' || /^-+$/.test(cells[1] ?? '')) continue;
    const [, input, lineNo, kind, cls, text, reason] = cells;
    if (!['miss', 'false-error', 'other-class'].includes(kind)) continue;
    const row = { input: input.replace(/`/g, ''), line: lineNo, kind, cls: cls.replace(/`/g, ''), text: text.replace(/^`|`$/g, ''), reason };
    if (!CLASS_IDS.includes(row.cls)) throw new Error(`KNOWN-DIFFERENCES.md: the row "${line.trim()}" must name one class of classify.mjs (${row.cls === '*' ? 'not *' : `no class '${row.cls}'`})`);
    if (!row.reason) throw new Error(`KNOWN-DIFFERENCES.md: the row "${line.trim()}" gives no reason`);
    rows.push(row);
  }
  return rows;
}

function globMatch(pattern, value) {
  const re = new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  return re.test(value);
}

/** The KNOWN-DIFFERENCES.md row explaining a difference, if any. */
export function knownRow(rows, diff) {
  const text = diff.kind === 'false-error' ? diff.kalint : diff.keepalived;
  return rows.find(
    (r) =>
      r.kind === diff.kind &&
      globMatch(r.input, diff.input) &&
      (r.line === '*' || r.line === String(diff.line ?? '-')) &&
      (r.cls === '*' || r.cls === diff.cls) &&
      (r.text === '*' || text.includes(r.text)),
  );
}

/**
 * Compare every result `{ input, run, diagnostics, ast }` and tally the agreement matrix. `known`: the rows of
 * KNOWN-DIFFERENCES.md. Returns `{ differences, unknown, unclassified, unusedRows, crashes, matrix, uncompared }`:
 * `unknown` are the differences no row explains, `unclassified` the keepalived messages no class describes,
 * `unusedRows` the rows that could apply to an input of this run and explained nothing.
 */
export function assess(results, known) {
  const crashes = [];
  const matrix = new Map(CLASSES.map((c) => [c.id, { keepalived: 0, agree: 0, covered: 0, otherClass: 0, miss: 0, afterBraces: 0, kalintErrors: 0, falseError: 0, extraWarning: 0 }]));
  const differences = [];
  const unclassified = [];
  let uncompared = 0;
  for (const { input, run, diagnostics, ast } of results) {
    if (run.timedOut || run.exitCode === 139 || run.exitCode === 143 || run.exitCode > 128) {
      crashes.push({ input: input.key, exitCode: run.exitCode, timedOut: run.timedOut, origin: input.origin });
      continue;
    }
    const c = compareFile(input, run, diagnostics, ast);
    uncompared += c.uncompared;
    for (const e of c.unclassified) unclassified.push({ ...e, origin: input.origin });
    for (const [kind, list] of [['agree', c.agree], ['covered', c.covered], ['otherClass', c.otherClass], ['miss', c.miss], ['afterBraces', c.afterBraces], ['falseError', c.falseError], ['extraWarning', c.extraWarning]]) {
      for (const e of list) {
        const row = matrix.get(e.cls);
        row[kind]++;
        if (kind === 'agree' || kind === 'covered' || kind === 'otherClass' || kind === 'miss' || (kind === 'afterBraces' && e.keepalived)) row.keepalived++;
      }
    }
    for (const d of diagnostics) {
      const cls = classifyKalint(d);
      if (cls && d.severity === 'error') matrix.get(cls).kalintErrors++;
    }
    for (const e of c.miss) differences.push({ kind: 'miss', ...e, origin: input.origin });
    for (const e of c.falseError) differences.push({ kind: 'false-error', ...e, origin: input.origin });
    for (const e of c.otherClass) differences.push({ kind: 'other-class', ...e, origin: input.origin });
  }
  const used = new Set();
  for (const d of differences) {
    const row = knownRow(known, d);
    if (row) used.add(row);
    d.known = row?.reason ?? null;
  }
  const unknown = differences.filter((d) => d.known === null && d.kind !== 'other-class');
  // A row is stale when it could apply to an input of this run and explained nothing (rows for a run without
  // the corpus name inputs a run with it does not have, and the other way round).
  const keys = results.map((r) => r.input.key);
  const unusedRows = known.filter((r) => !used.has(r) && keys.some((key) => globMatch(r.input, key)));
  return { differences, unknown, unclassified, unusedRows, crashes, matrix, uncompared };
}

/**
 * Why the oracle fails, one line per problem (empty when it passes): keepalived messages no class of classify.mjs
 * describes, differences KNOWN-DIFFERENCES.md does not explain, and, with `unusedRows` (for the full default set,
 * where every row must still explain something), rows that explained nothing.
 */
export function failures(report, { unusedRows = false } = {}) {
  const lines = [];
  for (const u of report.unclassified) {
    lines.push(
      `${u.input}:${u.line ?? '-'}: keepalived says "${u.keepalived}", which no class of test/oracle/classify.mjs describes: add a class for it, then make kalint report it or explain in KNOWN-DIFFERENCES.md why not`,
    );
  }
  for (const d of report.unknown) {
    lines.push(`${d.input}:${d.line ?? '-'}: ${d.kind} [${d.cls}] not in KNOWN-DIFFERENCES.md: ${d.kind === 'false-error' ? `kalint: ${d.kalint}` : `keepalived: ${d.keepalived}`}`);
  }
  if (unusedRows) {
    for (const r of report.unusedRows) lines.push(`KNOWN-DIFFERENCES.md: the row \`${r.input}\` | ${r.line} | ${r.kind} | ${r.cls} | ${r.text} explains no difference any more: remove it`);
  }
  return lines;
}

/**
 * Run the oracle. Resolves to `{ skipped: reason }` or
 * `{ version, inputs, results, differences, unknown, unclassified, crashes, matrix, uncompared, ms }`.
 */
export async function runOracle({ corpusRoot, generated = DEFAULT_GENERATED, seed = DEFAULT_SEED, concurrency = 2, knownPath, corpus = true } = {}) {
  const known = knownPath ? parseKnown(readFileSync(knownPath, 'utf8')) : [];
  const oracle = oracleAvailable();
  if (!oracle.ok) return { skipped: oracle.reason };
  const start = Date.now();
  const work = mkdtempSync(path.join(tmpdir(), 'kalint-oracle-inputs-'));
  try {
    const inputs = [];
    const texts = [];
    if (corpus && corpusRoot) {
      for (const name of corpusFiles(corpusRoot)) {
        const text = readFileSync(path.join(corpusRoot, name), 'utf8');
        inputs.push({ key: name, name, cwd: corpusRoot, text, origin: 'corpus' });
        texts.push({ name, text });
      }
    }
    for (const g of generateConfigs({ count: generated, seed, texts })) {
      const name = `${g.key.replace(/:/g, '-')}.conf`;
      writeFileSync(path.join(work, name), g.text);
      inputs.push({ key: g.key, name, cwd: work, text: g.text, origin: g.origin });
    }
    const results = await pool(
      inputs.map((input) => async () => {
        const parsed = parse(input.text, { file: input.name, configId: CONFIG_ID });
        const run = await runKeepalived(oracle, input.name, interfaceNames(parsed.ast), { cwd: input.cwd });
        const { files } = lint([{ path: input.name, text: input.text }], { configId: CONFIG_ID, targetVersion: oracle.version, rules: { 'unused-suppression': 'off' } });
        const diagnostics = files.filter((f) => f.path === input.name).flatMap((f) => f.diagnostics);
        return { input, run, diagnostics, ast: parsed.ast };
      }),
      concurrency,
    );
    return { version: oracle.version, inputs: inputs.length, results, ...assess(results, known), ms: Date.now() - start };
  } finally {
    rmSync(work, { recursive: true, force: true });
    oracle.dispose();
  }
}

const esc = (s) => String(s).replace(/\|/g, '\\|').replace(/\r/g, '\\r').replace(/\n/g, ' ');

/** The agreement matrix as markdown. */
export function matrixMarkdown(report, { seed = DEFAULT_SEED, generated = DEFAULT_GENERATED } = {}) {
  const lines = [
    '| class | keepalived reports | agree | inside a block kalint reports as unknown | kalint: other class at the line | missed | after a brace error (not compared) | kalint errors | false errors | kalint warnings, keepalived silent |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  const total = { keepalived: 0, agree: 0, covered: 0, otherClass: 0, miss: 0, afterBraces: 0, kalintErrors: 0, falseError: 0, extraWarning: 0 };
  for (const c of CLASSES) {
    const r = report.matrix.get(c.id);
    if (Object.values(r).every((n) => n === 0)) continue;
    for (const k of Object.keys(total)) total[k] += r[k];
    lines.push(`| ${c.title} | ${r.keepalived} | ${r.agree} | ${r.covered} | ${r.otherClass} | ${r.miss} | ${r.afterBraces} | ${r.kalintErrors} | ${r.falseError} | ${r.extraWarning} |`);
  }
  lines.push(`| **all** | ${total.keepalived} | ${total.agree} | ${total.covered} | ${total.otherClass} | ${total.miss} | ${total.afterBraces} | ${total.kalintErrors} | ${total.falseError} | ${total.extraWarning} |`);
  return lines.join('\n');
}

/** The differences as markdown lines. */
export function differencesMarkdown(report) {
  const lines = ['| input | line | kind | class | keepalived | kalint | known |', '| --- | ---: | --- | --- | --- | --- | --- |'];
  for (const d of report.differences) {
    lines.push(`| ${esc(d.input)} | ${d.line ?? '-'} | ${d.kind} | ${d.cls} | ${esc(d.keepalived ?? '')} | ${esc(d.kalint ?? '')} | ${d.known ? 'yes' : '**NO**'} |`);
  }
  return lines.join('\n');
}
