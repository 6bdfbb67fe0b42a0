/**
 * The .vsix as the Marketplace would receive it: `npm run package` (vsce, offline) builds it, it
 * holds the bundles, the grammar, the language configuration and the manifest, and the language
 * server bundle taken out of it answers an editor over stdio.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: yauzl ships no type declarations.
import yauzl from 'yauzl';

const extensionDir = fileURLToPath(new URL('..', import.meta.url));
const manifest = JSON.parse(readFileSync(join(extensionDir, 'package.json'), 'utf8'));
const work = mkdtempSync(join(tmpdir(), 'kalint-vsix-'));
const vsix = join(work, `kalint-${manifest.version}.vsix`);

/** Every file of the zip, by name. */
async function unzip(path: string): Promise<Map<string, Buffer>> {
  const zip = await yauzl.openPromise(path);
  const files = new Map<string, Buffer>();
  for await (const entry of zip.eachEntry()) {
    if (entry.fileName.endsWith('/')) continue;
    const stream = await zip.openReadStreamPromise(entry);
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    files.set(entry.fileName, Buffer.concat(chunks));
  }
  return files;
}

let files: Map<string, Buffer>;

beforeAll(async () => {
  // The same command a maintainer runs; `--out` keeps the test's package out of the work tree.
  execFileSync('npm', ['run', '--silent', 'package', '--', '--out', vsix], { cwd: extensionDir, stdio: 'pipe' });
  files = await unzip(vsix);
}, 300_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the .vsix built by npm run package', () => {
  it('holds the bundles, the grammar, the language configuration and the listing', () => {
    expect([...files.keys()].sort()).toEqual(
      [
        '[Content_Types].xml',
        'extension.vsixmanifest',
        'extension/LICENSE.txt',
        'extension/dist/extension.js',
        'extension/dist/lint-worker.js',
        'extension/dist/server.js',
        'extension/language-configuration.json',
        'extension/package.json',
        'extension/readme.md',
        'extension/syntaxes/keepalived.tmLanguage.json',
      ].sort(),
    );
  });

  it('carries the manifest with its contributions and the current grammar', () => {
    const packaged = JSON.parse(files.get('extension/package.json')!.toString('utf8'));
    expect(packaged.contributes).toEqual(manifest.contributes);
    expect(packaged.main).toBe('./dist/extension.js');
    expect(packaged.activationEvents).toEqual(['onLanguage:keepalived']);
    const grammar = readFileSync(join(extensionDir, 'syntaxes/keepalived.tmLanguage.json'));
    expect(files.get('extension/syntaxes/keepalived.tmLanguage.json')!.equals(grammar)).toBe(true);
    expect(files.get('extension/language-configuration.json')!.equals(readFileSync(join(extensionDir, 'language-configuration.json')))).toBe(true);
    const vsixManifest = files.get('extension.vsixmanifest')!.toString('utf8');
    expect(vsixManifest).toContain('Id="kalint"');
    expect(vsixManifest).toContain('Publisher="kalint"');
  });

  it('bundles the client with vscode left to VS Code, and nothing else outside', () => {
    const client = files.get('extension/dist/extension.js')!.toString('utf8');
    expect(client).toContain('require("vscode")');
    expect(client).not.toMatch(/require\("vscode-languageclient/);
    const server = files.get('extension/dist/server.js')!.toString('utf8');
    expect(server).not.toMatch(/require\("(?:@kalint|vscode-languageserver|chevrotain)/);
  });

  it('has a client that loads in an extension host and exports activate and deactivate', () => {
    const clientFile = join(work, 'extension.js');
    writeFileSync(clientFile, files.get('extension/dist/extension.js')!);
    // The extension host provides `vscode`. vscode-languageclient subclasses some of its classes
    // when loaded; a stand-in whose every member is a class is enough for that.
    const probe = [
      "const Module = require('node:module');",
      'const load = Module._load;',
      'const vscode = new Proxy({}, { get: () => class {} });',
      "Module._load = function (request, ...rest) { return request === 'vscode' ? vscode : load.call(this, request, ...rest); };",
      `const extension = require(${JSON.stringify(clientFile)});`,
      'process.stdout.write(JSON.stringify({ activate: typeof extension.activate, deactivate: typeof extension.deactivate }));',
    ].join('\n');
    const exported = JSON.parse(execFileSync(process.execPath, ['-e', probe], { encoding: 'utf8' }));
    expect(exported).toEqual({ activate: 'function', deactivate: 'function' });
  });

  it('has a language server that answers initialize and lints a document', async () => {
    // The server and its worker, as VS Code unpacks them.
    const serverDir = join(work, 'extension/dist');
    mkdirSync(serverDir, { recursive: true });
    for (const name of ['server.js', 'lint-worker.js']) writeFileSync(join(serverDir, name), files.get(`extension/dist/${name}`)!);
    const server = spawn(process.execPath, [join(serverDir, 'server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    server.stderr.on('data', (chunk) => (stderr += chunk));
    const rpc = new JsonRpc(server.stdin, server.stdout);

    const initialize = await rpc.request('initialize', { processId: process.pid, rootUri: null, capabilities: {} });
    expect(initialize).toMatchObject({
      serverInfo: { name: 'kalint-language-server' },
      capabilities: { hoverProvider: true, documentFormattingProvider: true, renameProvider: { prepareProvider: true } },
    });
    rpc.notify('initialized', {});

    const ha1 = fileURLToPath(new URL('../../fixtures/article-pair/ha1.conf', import.meta.url));
    const uri = pathToFileURL(ha1).href;
    const published = rpc.waitFor('textDocument/publishDiagnostics', (params: { uri: string }) => params.uri === uri);
    rpc.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'keepalived', version: 1, text: readFileSync(ha1, 'utf8') } });
    const { diagnostics } = (await published) as { diagnostics: Array<{ code: string; range: { start: { line: number } } }> };
    // `auth_pass laoma@123` on line 15: keepalived uses only its first 8 characters.
    expect(diagnostics).toContainEqual(expect.objectContaining({ code: 'auth-pass-truncated', range: expect.objectContaining({ start: expect.objectContaining({ line: 14 }) }) }));
    expect(rpc.logs.filter((message) => /worker failed/.test(message))).toEqual([]);

    await rpc.request('shutdown', null);
    rpc.notify('exit', null);
    const code = await new Promise((resolve) => server.on('exit', resolve));
    expect(code, stderr).toBe(0);
  }, 300_000);
});

/** Just enough JSON-RPC over LSP's Content-Length framing to drive the server. */
class JsonRpc {
  private buffer = Buffer.alloc(0);
  private nextId = 1;
  private readonly pending = new Map<number, (message: { result?: unknown; error?: unknown }) => void>();
  private readonly waiters: Array<{ method: string; accept: (params: never) => boolean; resolve: (params: unknown) => void }> = [];
  readonly logs: string[] = [];

  constructor(
    private readonly input: NodeJS.WritableStream,
    output: NodeJS.ReadableStream,
  ) {
    output.on('data', (chunk: Buffer) => {
      this.buffer = Buffer.concat([this.buffer, chunk]);
      this.drain();
    });
  }

  request(method: string, params: unknown): Promise<unknown> {
    const id = this.nextId++;
    this.send({ jsonrpc: '2.0', id, method, params });
    return new Promise((resolve, reject) => {
      this.pending.set(id, (message) => (message.error ? reject(new Error(JSON.stringify(message.error))) : resolve(message.result)));
    });
  }

  notify(method: string, params: unknown): void {
    this.send({ jsonrpc: '2.0', method, params });
  }

  waitFor<P>(method: string, accept: (params: P) => boolean): Promise<P> {
    return new Promise((resolve) => this.waiters.push({ method, accept: accept as (params: never) => boolean, resolve: resolve as (params: unknown) => void }));
  }

  private send(message: unknown): void {
    const body = Buffer.from(JSON.stringify(message), 'utf8');
    this.input.write(`Content-Length: ${body.length}\r\n\r\n`);
    this.input.write(body);
  }

  private drain(): void {
    for (;;) {
      const headerEnd = this.buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const length = Number(/Content-Length: (\d+)/i.exec(this.buffer.subarray(0, headerEnd).toString('ascii'))?.[1]);
      if (this.buffer.length < headerEnd + 4 + length) return;
      const message = JSON.parse(this.buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString('utf8'));
      this.buffer = this.buffer.subarray(headerEnd + 4 + length);
      this.dispatch(message);
    }
  }

  private dispatch(message: { id?: number; method?: string; params?: unknown; result?: unknown; error?: unknown }): void {
    if (message.method === undefined && message.id !== undefined) {
      this.pending.get(message.id)?.(message);
      this.pending.delete(message.id);
      return;
    }
    if (message.method === 'window/logMessage' || message.method === 'window/showMessage') this.logs.push((message.params as { message: string }).message);
    // Requests from the server (none are expected without client capabilities) get an empty answer.
    if (message.id !== undefined && message.method !== undefined) this.send({ jsonrpc: '2.0', id: message.id, result: null });
    const index = this.waiters.findIndex((w) => w.method === message.method && w.accept(message.params as never));
    if (index >= 0) this.waiters.splice(index, 1)[0]!.resolve(message.params);
  }
}

