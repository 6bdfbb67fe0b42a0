/**
 * The language server soak: one document, thousands of random edits and requests over stdio
 * against the built server. Every request must be answered (in the long run of `npm run fuzz`,
 * within `RESPONSE_BOUND_MS`: in `npm test` no verdict depends on the machine's speed), the
 * server's resident memory (VmRSS of /proc/PID/status) must stay within `RSS_GROWTH` times what it
 * was after warm-up, and the final diagnostics must be the linter's for the final text.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  CodeActionRequest,
  CompletionRequest,
  DefinitionRequest,
  DocumentFormattingRequest,
  DocumentLinkRequest,
  DocumentRangeFormattingRequest,
  DocumentSymbolRequest,
  FoldingRangeRequest,
  HoverRequest,
  PrepareRenameRequest,
  ReferencesRequest,
  RenameRequest,
  SemanticTokensRequest,
  SignatureHelpRequest,
  type Position,
} from 'vscode-languageserver/node.js';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { lint } from '@kalint/linter';
import { ensureBuilt, root, TestClient, workspaceWith } from '../lsp/client.js';
import { prng } from '../../bench/generate.mjs';
import { ENFORCE_TIME_BOUNDS } from './checks.js';

/** Longest wait for one response (requests never wait for a lint). */
export const RESPONSE_BOUND_MS = 5000;
/** Largest growth of the server's RSS from after warm-up to the end. */
export const RSS_GROWTH = 2;

export interface SoakResult {
  seed: number;
  edits: number;
  requests: number;
  slowest: { kind: string; ms: number };
  /** Resident memory at the start, after warm-up (a quarter of the steps), half-way and at the end. */
  rssKiB: { start: number; warm: number; middle: number; end: number };
  /** Final published diagnostics and the linter's, as [ruleId, line, character, message]. */
  published: unknown[];
  expected: unknown[];
}

/** The server process's resident set size in KiB. */
export function rssOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
}


const PIECES = ['{', '}', '"', '#', '!', ' ', '\n', '\t', 'weight 2', 'state BACKUP', 'vrrp_instance x {', '$X=1', '@ha1 ', 'é', '💥', '\u0000', 'include ', 'real_server 10.0.0.9 80 {\n}\n', 'track_script {\n chk\n}\n', '~SEQ(i,1,3) '];
const KINDS = ['hover', 'completion', 'signature', 'definition', 'references', 'symbols', 'folding', 'tokens', 'format', 'rangeFormat', 'actions', 'links', 'prepareRename', 'rename'] as const;

/** Run `steps` random steps (about one edit in three) against one document. */
export async function soak(steps: number, seed: number, onProgress?: (done: number) => void): Promise<SoakResult> {
  ensureBuilt();
  // Seeded, so a failing soak can be replayed from its seed.
  const next: () => number = prng(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  const dir = workspaceWith({});
  const client = await TestClient.start({ workspace: dir, settings: { peers: { scope: 'off' } } });
  try {
    const path = join(dir, 'keepalived.conf');
    const base = readFileSync(join(root, 'fixtures/article-pair/ha1.conf'), 'utf8');
    const uri = await client.open(path, base);
    let document = TextDocument.create(uri, 'keepalived', 1, base);
    let edits = 0;
    let requests = 0;
    let slowest = { kind: '', ms: 0 };
    const rss = { start: rssOf(client.process.pid!), warm: 0, middle: 0, end: 0 };
    const pending: Array<Promise<void>> = [];
    const position = (): Position => document.positionAt(Math.floor(next() * (document.getText().length + 1)));
    const request = (kind: (typeof KINDS)[number]): Promise<unknown> => {
      const c = client.connection;
      const textDocument = { uri };
      const at = position();
      const whole = { start: { line: 0, character: 0 }, end: document.positionAt(document.getText().length) };
      switch (kind) {
        case 'hover': return c.sendRequest(HoverRequest.type, { textDocument, position: at });
        case 'completion': return c.sendRequest(CompletionRequest.type, { textDocument, position: at });
        case 'signature': return c.sendRequest(SignatureHelpRequest.type, { textDocument, position: at });
        case 'definition': return c.sendRequest(DefinitionRequest.type, { textDocument, position: at });
        case 'references': return c.sendRequest(ReferencesRequest.type, { textDocument, position: at, context: { includeDeclaration: true } });
        case 'symbols': return c.sendRequest(DocumentSymbolRequest.type, { textDocument });
        case 'folding': return c.sendRequest(FoldingRangeRequest.type, { textDocument });
        case 'tokens': return c.sendRequest(SemanticTokensRequest.type, { textDocument });
        case 'format': return c.sendRequest(DocumentFormattingRequest.type, { textDocument, options: { tabSize: 4, insertSpaces: true } });
        case 'rangeFormat': return c.sendRequest(DocumentRangeFormattingRequest.type, { textDocument, range: { start: at, end: whole.end }, options: { tabSize: 2, insertSpaces: true } });
        case 'actions': return c.sendRequest(CodeActionRequest.type, { textDocument, range: whole, context: { diagnostics: client.latest(uri) ?? [] } });
        case 'links': return c.sendRequest(DocumentLinkRequest.type, { textDocument });
        case 'prepareRename': return c.sendRequest(PrepareRenameRequest.type, { textDocument, position: at });
        case 'rename': return c.sendRequest(RenameRequest.type, { textDocument, position: at, newName: 'renamed_1' });
      }
    };
    for (let i = 0; i < steps; i++) {
      // The heap grows to its working size first: compare with what it is after warm-up.
      if (i === Math.floor(steps / 4)) rss.warm = rssOf(client.process.pid!);
      if (i === Math.floor(steps / 2)) rss.middle = rssOf(client.process.pid!);
      if (next() < 0.35) {
        const text = document.getText();
        const start = Math.floor(next() * (text.length + 1));
        // Keep the document around its starting size: big deletions once it has grown.
        const remove = text.length > 3 * base.length ? Math.floor(next() * text.length) : Math.floor(next() * 8);
        const end = Math.min(text.length, start + remove);
        const change = { range: { start: document.positionAt(start), end: document.positionAt(end) }, text: pick(PIECES) };
        const version = await client.change(uri, [change]);
        document = TextDocument.update(document, [change], version);
        edits++;
      } else {
        const kind = pick(KINDS);
        const sent = performance.now();
        requests++;
        pending.push(
          request(kind).then(() => {
            const ms = performance.now() - sent;
            if (ms > slowest.ms) slowest = { kind, ms: Math.round(ms) };
            if (ENFORCE_TIME_BOUNDS && ms > RESPONSE_BOUND_MS) throw new Error(`${kind} answered after ${Math.round(ms)} ms (bound ${RESPONSE_BOUND_MS} ms)`);
          }),
        );
        // A client keeps a few requests in flight, not thousands.
        if (pending.length >= 16) await Promise.all(pending.splice(0));
      }
      if (onProgress && i % 1000 === 0) onProgress(i);
    }
    await Promise.all(pending);
    const published = (await client.diagnosticsOf(uri, 60_000)).map((d) => [d.code, d.range.start.line, d.range.start.character, d.message]);
    const expected = lint([{ path, text: document.getText() }])
      .files.find((f) => f.path === path)!
      .diagnostics.map((d) => [d.ruleId, d.range.start.line, d.range.start.character, d.message]);
    rss.end = rssOf(client.process.pid!);
    if (client.process.exitCode !== null) throw new Error(`the server exited with ${client.process.exitCode}`);
    return { seed, edits, requests, slowest, rssKiB: rss, published, expected };
  } finally {
    await client.stop();
  }
}
