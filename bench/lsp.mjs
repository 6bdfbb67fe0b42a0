#!/usr/bin/env node
// Latency of the kalint language server: `npm run bench:lsp` (= node bench/lsp.mjs).
//
// Spawns the built server (packages/language-server/bin/kalint-language-server.js --stdio) and talks
// to it as an editor does, over JSON-RPC (vscode-languageserver-protocol, as re-exported by
// vscode-languageserver). Opens a generated keepalived.conf (bench/generate.mjs, default 20,000 lines)
// in an otherwise empty workspace folder, then measures:
//   - diagnostics: 100 one-character edits, each timed from sending didChange to receiving the
//     publishDiagnostics of that version (target p95 < 50 ms);
//   - completion: 100 requests on the current version (target p95 < 10 ms), and 100 sent right
//     after an edit, while that edit's lint runs;
//   - hover: 100 requests; formatting: 10 whole-document requests.
// Prints p50/p95 per measurement. Exit status 1 when a target is missed (--no-fail: always 0).
//
// Options: --lines N (default 20000), --edits N (default 100), --no-fail.

import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  InitializeRequest,
  InitializedNotification,
  DidOpenTextDocumentNotification,
  DidChangeTextDocumentNotification,
  PublishDiagnosticsNotification,
  CompletionRequest,
  HoverRequest,
  DocumentFormattingRequest,
  ConfigurationRequest,
  ShutdownRequest,
  ExitNotification,
} from 'vscode-languageserver/node.js';
import { generateConfig } from './generate.mjs';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const LINES = option('--lines', 20_000);
const EDITS = option('--edits', 100);
const FAIL = !args.includes('--no-fail');

const server = fileURLToPath(new URL('../packages/language-server/bin/kalint-language-server.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'kalint-bench-lsp-'));
const file = join(dir, 'keepalived.conf');
const text = generateConfig({ lines: LINES });
writeFileSync(file, text);
const uri = pathToFileURL(file).href;
const lines = text.split('\n');

const child = spawn(process.execPath, ['--max-semi-space-size=64', server, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
const waiting = new Map();
connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
  if (params.uri !== uri) return;
  waiting.get(params.version)?.(params);
  waiting.delete(params.version);
});
connection.onRequest(ConfigurationRequest.type, (params) => params.items.map(() => ({})));
connection.listen();

const diagnosticsFor = (version) => new Promise((resolve) => waiting.set(version, resolve));
const now = () => performance.now();

await connection.sendRequest(InitializeRequest.type, {
  processId: process.pid,
  rootUri: pathToFileURL(dir).href,
  workspaceFolders: [{ uri: pathToFileURL(dir).href, name: 'bench' }],
  capabilities: { workspace: { configuration: true }, textDocument: { completion: { completionItem: { snippetSupport: true } } } },
});
await connection.sendNotification(InitializedNotification.type, {});
let version = 1;
const opened = diagnosticsFor(1);
let t = now();
await connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'keepalived', version, text } });
const first = await opened;
const openMs = now() - t;

// Places to edit, complete and hover: every `weight N` line (a one-digit value), `state ` lines, keyword lines.
const weightLines = [];
const stateLines = [];
const keywordLines = [];
lines.forEach((line, i) => {
  if (/^\s*weight \d$/.test(line)) weightLines.push(i);
  if (/^\s*state \S+$/.test(line)) stateLines.push(i);
  if (/^\s+[a-z_]+ \S/.test(line)) keywordLines.push(i);
});
const pick = (list, i) => list[Math.floor((i * list.length) / EDITS) % list.length];
const current = lines.slice();

const edit = async (i) => {
  const line = pick(weightLines, i);
  const character = current[line].length - 1;
  const digit = current[line][character] === '1' ? '2' : '1';
  current[line] = current[line].slice(0, character) + digit;
  version++;
  await connection.sendNotification(DidChangeTextDocumentNotification.type, {
    textDocument: { uri, version },
    contentChanges: [{ range: { start: { line, character }, end: { line, character: character + 1 } }, text: digit }],
  });
  return version;
};

const diagnostics = [];
for (let i = 0; i < EDITS; i++) {
  const published = diagnosticsFor(version + 1);
  t = now();
  await edit(i);
  await published;
  diagnostics.push(now() - t);
}

const completionSamples = [];
const completionItems = [];
for (let i = 0; i < EDITS; i++) {
  const line = i % 2 === 0 ? pick(stateLines, i) : pick(keywordLines, i);
  const character = i % 2 === 0 ? current[line].indexOf('state ') + 6 : current[line].search(/\S/);
  t = now();
  const items = await connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: { line, character } });
  completionSamples.push(now() - t);
  completionItems.push(items.length);
}

const completionWhileLinting = [];
for (let i = 0; i < EDITS; i++) {
  const published = diagnosticsFor(version + 1);
  await edit(i);
  const line = pick(keywordLines, i);
  t = now();
  await connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: { line, character: current[line].search(/\S/) } });
  completionWhileLinting.push(now() - t);
  await published;
}

const hovers = [];
for (let i = 0; i < EDITS; i++) {
  const line = pick(keywordLines, i);
  t = now();
  await connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line, character: current[line].search(/\S/) + 1 } });
  hovers.push(now() - t);
}

const formatting = [];
for (let i = 0; i < 10; i++) {
  t = now();
  await connection.sendRequest(DocumentFormattingRequest.type, { textDocument: { uri }, options: { tabSize: 4, insertSpaces: true } });
  formatting.push(now() - t);
}

await connection.sendRequest(ShutdownRequest.type);
await connection.sendNotification(ExitNotification.type);
connection.dispose();
child.kill();
rmSync(dir, { recursive: true, force: true });

const quantile = (samples, q) => {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
};
let failed = false;
const row = (name, samples, target) => {
  const p50 = quantile(samples, 0.5);
  const p95 = quantile(samples, 0.95);
  const verdict = target === undefined ? '' : p95 < target ? `  ok (target p95 < ${target} ms)` : `  MISSED (target p95 < ${target} ms)`;
  if (target !== undefined && p95 >= target) failed = true;
  console.log(`${name.padEnd(44)} p50 ${p50.toFixed(1).padStart(7)} ms   p95 ${p95.toFixed(1).padStart(7)} ms${verdict}`);
};
console.log(`kalint language server, ${LINES.toLocaleString('en')} lines (${(text.length / 1024).toFixed(0)} KiB), ${first.diagnostics.length} diagnostics; open to first diagnostics ${openMs.toFixed(0)} ms`);
row('diagnostics after a one-character edit', diagnostics, 50);
row('completion', completionSamples, 10);
row('completion sent right after an edit', completionWhileLinting, 10);
row('hover', hovers);
row('formatting (whole document)', formatting);
if (completionItems.some((n) => n === 0)) {
  console.log('error: a completion returned no items');
  failed = true;
}
process.exit(failed && FAIL ? 1 : 0);
