/**
 * The language server's features, in-process (test/fuzz/checks.ts), on hostile documents: each
 * request answers within 15 s without throwing. 100,000 nested blocks used to
 * overflow the stack in the outline and folding, and code actions for a request carrying every
 * diagnostic took close to a minute (a scan per diagnostic and a split of the text per action).
 * Over stdio, requests with parameters that are not what LSP says get the invalid-params error.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCodes } from 'vscode-languageserver/node.js';
import { scratch } from '../../packages/cli/test/helpers.js';
import { checkLanguageServer } from '../fuzz/checks.js';
import { ensureBuilt, serverBin } from '../lsp/client.js';

const DEEP = 100_000;

describe('every language server request on hostile documents', () => {
  const documents: Array<[string, () => string]> = [
    ['100,000 unclosed blocks', () => 'vrrp_instance VI_1 {\n'.repeat(DEEP)],
    ['100,000 nested blocks', () => 'global_defs {\n' + 'a {\n'.repeat(DEEP) + '}\n'.repeat(DEEP + 1)],
    ['100,000 braces on one line', () => '{'.repeat(DEEP) + '}'.repeat(DEEP)],
    ['NUL bytes', () => 'global_defs {\n\u0000 router_id a\u0000b\n}\u0000\n'.repeat(1000)],
    ['a binary file (/bin/ls)', () => readFileSync('/bin/ls').toString('utf8')],
  ];
  for (const [name, text] of documents) {
    // Megabytes of text: a lint job takes a second or two here, so a wider bound than the fuzzing's.
    it(name, () => checkLanguageServer(text(), [0, 0.5, 1], 15_000));
  }
});

describe('requests with bad parameters get invalid-params (-32602), not an internal error', () => {
  const dir = scratch({ 'keepalived.conf': 'global_defs {\n    router_id ha1\n}\n' });
  const uri = pathToFileURL(join(dir, 'keepalived.conf')).href;
  let server: RawServer;
  beforeAll(async () => {
    ensureBuilt();
    server = new RawServer();
    await server.request('initialize', { processId: null, rootUri: null, capabilities: {} });
    server.notify('initialized', {});
    server.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'keepalived', version: 1, text: readFileSync(join(dir, 'keepalived.conf'), 'utf8') } });
  });
  afterAll(() => server.stop());

  /** The error code and message of the answer, or 'answered'. */
  const failure = async (method: string, params: unknown) => {
    const reply = await server.request(method, params);
    return reply.error ? [reply.error.code, reply.error.message] : ['answered', ''];
  };

  it('hover with params null (it answered -32603 with a TypeError)', async () => {
    expect(await failure('textDocument/hover', null)).toEqual([ErrorCodes.InvalidParams, 'textDocument/hover: params must be an object, not null']);
  });

  it('every request the server serves, with params null, without a position, with a position that is not one', async () => {
    const methods: Array<[string, Record<string, unknown>]> = [
      ['textDocument/hover', { position: { line: 1, character: 5 } }],
      ['textDocument/completion', { position: { line: 1, character: 5 } }],
      ['textDocument/signatureHelp', { position: { line: 1, character: 5 } }],
      ['textDocument/definition', { position: { line: 1, character: 5 } }],
      ['textDocument/references', { position: { line: 1, character: 5 }, context: { includeDeclaration: true } }],
      ['textDocument/prepareRename', { position: { line: 1, character: 5 } }],
      ['textDocument/rename', { position: { line: 1, character: 5 }, newName: 'x' }],
      ['textDocument/formatting', { options: { tabSize: 4, insertSpaces: true } }],
      ['textDocument/rangeFormatting', { range: { start: { line: 0, character: 0 }, end: { line: 2, character: 0 } }, options: { tabSize: 4, insertSpaces: true } }],
      ['textDocument/codeAction', { range: { start: { line: 0, character: 0 }, end: { line: 2, character: 0 } }, context: { diagnostics: [] } }],
      ['textDocument/documentSymbol', {}],
      ['textDocument/foldingRange', {}],
      ['textDocument/documentLink', {}],
      ['textDocument/semanticTokens/full', {}],
    ];
    for (const [method, rest] of methods) {
      const valid = { textDocument: { uri }, ...rest };
      expect(await failure(method, valid), `${method} with valid params`).toEqual(['answered', '']);
      expect(await failure(method, null), `${method} null`).toEqual([ErrorCodes.InvalidParams, `${method}: params must be an object, not null`]);
      expect((await failure(method, { ...rest }))[0], `${method} without textDocument`).toBe(ErrorCodes.InvalidParams);
      expect((await failure(method, { ...valid, textDocument: { uri: 5 } }))[0], `${method} a uri that is not a string`).toBe(ErrorCodes.InvalidParams);
      if ('position' in rest) {
        expect((await failure(method, { ...valid, position: undefined }))[0], `${method} without a position`).toBe(ErrorCodes.InvalidParams);
        expect((await failure(method, { ...valid, position: { line: -1, character: 'a' } }))[0], `${method} a bad position`).toBe(ErrorCodes.InvalidParams);
      }
      for (const key of ['range', 'options', 'context', 'newName']) {
        if (key in rest) expect((await failure(method, { ...valid, [key]: null }))[0], `${method} ${key} null`).toBe(ErrorCodes.InvalidParams);
      }
    }
    // initialize, too: a second one is refused by the protocol layer, so only its shape is checked here.
    expect((await failure('shutdown', null))[0]).toBe('answered');
  });
});

/** JSON-RPC over the built server's stdio, written by hand: the client library never sends `params: null`. */
class RawServer {
  private readonly child: ChildProcess;
  private buffer = Buffer.alloc(0);
  private next = 1;
  private readonly waiting = new Map<number, (reply: { error?: { code: number; message: string } }) => void>();

  constructor() {
    this.child = spawn(process.execPath, [serverBin, '--stdio'], { stdio: ['pipe', 'pipe', 'ignore'] });
    this.child.stdout!.on('data', (chunk: Buffer) => {
      this.buffer = Buffer.concat([this.buffer, chunk]);
      for (;;) {
        const head = this.buffer.indexOf('\r\n\r\n');
        if (head < 0) return;
        const length = Number(/Content-Length: (\d+)/i.exec(this.buffer.subarray(0, head).toString())![1]);
        if (this.buffer.length < head + 4 + length) return;
        const message = JSON.parse(this.buffer.subarray(head + 4, head + 4 + length).toString()) as { id?: number; method?: string; error?: { code: number; message: string } };
        this.buffer = this.buffer.subarray(head + 4 + length);
        if (message.id !== undefined && message.method === undefined) this.waiting.get(message.id)?.(message);
        // Requests from the server (configuration, registration) get an empty answer.
        else if (message.id !== undefined) this.send({ jsonrpc: '2.0', id: message.id, result: null });
      }
    });
  }

  request(method: string, params: unknown): Promise<{ error?: { code: number; message: string } }> {
    const id = this.next++;
    return new Promise((resolve) => {
      this.waiting.set(id, resolve);
      this.send({ jsonrpc: '2.0', id, method, params });
    });
  }

  notify(method: string, params: unknown): void {
    this.send({ jsonrpc: '2.0', method, params });
  }

  stop(): void {
    this.child.kill();
  }

  private send(message: unknown): void {
    const body = Buffer.from(JSON.stringify(message));
    this.child.stdin!.write(`Content-Length: ${body.length}\r\n\r\n`);
    this.child.stdin!.write(body);
  }
}
