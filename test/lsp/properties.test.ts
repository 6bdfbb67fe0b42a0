/**
 * Properties over stdio: random edit sequences interleaved with random requests never make the
 * server fail a request or stop, and the final diagnostics equal the linter's (what the CLI
 * reports) for the final text.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { lint } from '@kalint/linter';
import {
  CodeActionRequest,
  CompletionRequest,
  DefinitionRequest,
  DocumentFormattingRequest,
  DocumentSymbolRequest,
  FoldingRangeRequest,
  HoverRequest,
  ReferencesRequest,
  SemanticTokensRequest,
  SignatureHelpRequest,
  type Position,
} from 'vscode-languageserver/node.js';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ensureBuilt, root, TestClient, workspaceWith } from './client.js';

const base = readFileSync(join(root, 'fixtures/article-pair/ha1.conf'), 'utf8');
let client: TestClient;
let dir: string;

beforeAll(async () => {
  ensureBuilt();
  dir = workspaceWith({});
  client = await TestClient.start({ workspace: dir, settings: { peers: { scope: 'off' } } });
});
afterAll(() => client.stop());

const piece = fc.oneof(
  fc.constantFrom('{', '}', '"', '#', '!', ' ', '\n', '\t', 'weight 2', 'state BACKUP', 'vrrp_instance x {', '$X=1', '@ha1 ', 'é', '💥'),
  fc.string({ maxLength: 4 }),
);
const edit = fc.record({ at: fc.nat(), remove: fc.nat({ max: 6 }), insert: piece });
const request = fc.record({ kind: fc.constantFrom('hover', 'completion', 'signature', 'definition', 'references', 'symbols', 'folding', 'tokens', 'format', 'actions'), at: fc.nat() });
const step = fc.oneof(edit.map((e) => ({ edit: e })), request.map((r) => ({ request: r })));

let run = 0;
it('random edits and requests never break the server, and the final diagnostics are the linter\'s', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(step, { maxLength: 12 }), async (steps) => {
      const path = join(dir, `random-${run++}.conf`);
      const uri = await client.open(path, base);
      let document = TextDocument.create(uri, 'keepalived', 1, base);
      const position = (n: number): Position => document.positionAt(n % (document.getText().length + 1));
      const pending: Array<Promise<unknown>> = [];
      for (const s of steps) {
        if ('edit' in s) {
          const text = document.getText();
          const start = s.edit.at % (text.length + 1);
          const end = Math.min(text.length, start + s.edit.remove);
          const change = { range: { start: document.positionAt(start), end: document.positionAt(end) }, text: s.edit.insert };
          const version = await client.change(uri, [change]);
          document = TextDocument.update(document, [change], version);
        } else {
          const textDocument = { uri };
          const at = position(s.request.at);
          const c = client.connection;
          const requests: Record<string, () => Promise<unknown>> = {
            hover: () => c.sendRequest(HoverRequest.type, { textDocument, position: at }),
            completion: () => c.sendRequest(CompletionRequest.type, { textDocument, position: at }),
            signature: () => c.sendRequest(SignatureHelpRequest.type, { textDocument, position: at }),
            definition: () => c.sendRequest(DefinitionRequest.type, { textDocument, position: at }),
            references: () => c.sendRequest(ReferencesRequest.type, { textDocument, position: at, context: { includeDeclaration: true } }),
            symbols: () => c.sendRequest(DocumentSymbolRequest.type, { textDocument }),
            folding: () => c.sendRequest(FoldingRangeRequest.type, { textDocument }),
            tokens: () => c.sendRequest(SemanticTokensRequest.type, { textDocument }),
            format: () => c.sendRequest(DocumentFormattingRequest.type, { textDocument, options: { tabSize: 4, insertSpaces: true } }),
            actions: () => c.sendRequest(CodeActionRequest.type, { textDocument, range: { start: at, end: at }, context: { diagnostics: client.latest(uri) ?? [] } }),
          };
          pending.push(requests[s.request.kind]!());
        }
      }
      await Promise.all(pending);
      const published = await client.diagnosticsOf(uri);
      const expected = lint([{ path, text: document.getText() }]).files.find((f) => f.path === path)!.diagnostics;
      expect(published.map((d) => [d.code, d.range, d.message])).toEqual(
        expected.map((d) => [d.ruleId, { start: { line: d.range.start.line, character: d.range.start.character }, end: { line: d.range.end.line, character: d.range.end.character } }, d.message]),
      );
      await client.close(uri);
      expect(client.process.exitCode).toBeNull();
    }),
    { numRuns: 40 },
  );
});
