/**
 * A real LSP client for the tests: spawns the built server (`bin/kalint-language-server.js
 * --stdio`) and talks JSON-RPC to it over its standard streams.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, readdirSync, statSync, cpSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  InitializeRequest,
  InitializedNotification,
  DidOpenTextDocumentNotification,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  PublishDiagnosticsNotification,
  ConfigurationRequest,
  RegistrationRequest,
  ShutdownRequest,
  ExitNotification,
  ShowMessageNotification,
  type ClientCapabilities,
  type Diagnostic,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type TextDocumentContentChangeEvent,
} from 'vscode-languageserver/node.js';

export const root = fileURLToPath(new URL('../../', import.meta.url));
export const serverBin = join(root, 'packages/language-server/bin/kalint-language-server.js');

/** Build the packages when the server's build is missing or older than its sources. */
export function ensureBuilt(): void {
  const main = join(root, 'packages/language-server/dist/main.js');
  const newest = (dir: string): number =>
    Math.max(0, ...readdirSync(dir, { withFileTypes: true }).map((e) => (e.isDirectory() ? newest(join(dir, e.name)) : statSync(join(dir, e.name)).mtimeMs)));
  const sources = ['grammar/src', 'grammar/keywords.json', 'packages/parser/src', 'packages/model/src', 'packages/linter/src', 'packages/formatter/src', 'packages/node/src', 'packages/language-server/src'].map((p) => join(root, p));
  const built = existsSync(main) ? statSync(main).mtimeMs : 0;
  if (sources.some((s) => (statSync(s).isDirectory() ? newest(s) : statSync(s).mtimeMs) > built)) {
    execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-b'], { cwd: root, stdio: 'inherit' });
  }
}

/** A copy of fixtures in a fresh directory: the workspace folder of a test. */
export function workspaceWith(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'kalint-lsp-'));
  for (const [name, from] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    cpSync(join(root, from), join(dir, name));
  }
  return dir;
}

export const uriOf = (path: string) => pathToFileURL(path).href;

export interface ClientOptions {
  workspace?: string;
  settings?: Record<string, unknown>;
  capabilities?: ClientCapabilities;
  env?: Record<string, string>;
}

export class TestClient {
  readonly connection: ProtocolConnection;
  readonly published = new Map<string, PublishDiagnosticsParams[]>();
  readonly messages: string[] = [];
  private readonly versions = new Map<string, number>();
  private readonly texts = new Map<string, string>();
  private listeners: Array<() => void> = [];
  settings: Record<string, unknown>;

  private constructor(
    readonly process: ChildProcess,
    options: ClientOptions,
  ) {
    this.settings = options.settings ?? {};
    this.connection = createProtocolConnection(new StreamMessageReader(process.stdout!), new StreamMessageWriter(process.stdin!));
    this.connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      const list = this.published.get(params.uri) ?? [];
      list.push(params);
      this.published.set(params.uri, list);
      for (const listener of this.listeners) listener();
    });
    this.connection.onNotification(ShowMessageNotification.type, (params) => this.messages.push(params.message));
    this.connection.onRequest(ConfigurationRequest.type, (params) => params.items.map(() => this.settings));
    this.connection.onRequest(RegistrationRequest.type, () => null);
    this.connection.listen();
  }

  static async start(options: ClientOptions = {}): Promise<TestClient> {
    const child = spawn(process.execPath, [serverBin, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'], env: { ...process.env, ...options.env } });
    const client = new TestClient(child, options);
    const capabilities: ClientCapabilities = options.capabilities ?? {
      workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true } },
      textDocument: { completion: { completionItem: { snippetSupport: true } }, publishDiagnostics: { relatedInformation: true, versionSupport: true } },
    };
    await client.connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: options.workspace ? uriOf(options.workspace) : null,
      workspaceFolders: options.workspace ? [{ uri: uriOf(options.workspace), name: 'workspace' }] : null,
      capabilities,
    });
    await client.connection.sendNotification(InitializedNotification.type, {});
    return client;
  }

  /** Open a file from disk (or with `text`) as a keepalived document. */
  async open(path: string, text = readFileSync(path, 'utf8')): Promise<string> {
    const uri = uriOf(path);
    this.versions.set(uri, 1);
    this.texts.set(uri, text);
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'keepalived', version: 1, text } });
    return uri;
  }

  async change(uri: string, changes: TextDocumentContentChangeEvent[]): Promise<number> {
    const version = (this.versions.get(uri) ?? 0) + 1;
    this.versions.set(uri, version);
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: changes });
    return version;
  }

  async close(uri: string): Promise<void> {
    await this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  versionOf(uri: string): number {
    return this.versions.get(uri) ?? 0;
  }

  /** The latest diagnostics published for `uri`. */
  latest(uri: string): Diagnostic[] | undefined {
    const list = this.published.get(uri);
    return list?.[list.length - 1]?.diagnostics;
  }

  /** Wait until the latest publication for `uri` satisfies `check`. */
  async waitFor(uri: string, check: (params: PublishDiagnosticsParams) => boolean, timeout = 120_000): Promise<PublishDiagnosticsParams> {
    const current = () => {
      const list = this.published.get(uri);
      const last = list?.[list.length - 1];
      return last && check(last) ? last : undefined;
    };
    const now = current();
    if (now) return now;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.listeners = this.listeners.filter((l) => l !== listener);
        reject(new Error(`timed out waiting for diagnostics of ${uri}; latest: ${JSON.stringify(this.latest(uri)?.map((d) => `${d.code}@${d.range.start.line}`))}`));
      }, timeout);
      const listener = () => {
        const found = current();
        if (!found) return;
        clearTimeout(timer);
        this.listeners = this.listeners.filter((l) => l !== listener);
        resolve(found);
      };
      this.listeners.push(listener);
    });
  }

  /** Wait for the diagnostics of the version last sent for `uri`. */
  async diagnosticsOf(uri: string, timeout?: number): Promise<Diagnostic[]> {
    const version = this.versionOf(uri);
    return (await this.waitFor(uri, (p) => p.version === version, timeout)).diagnostics;
  }

  async stop(): Promise<void> {
    try {
      await this.connection.sendRequest(ShutdownRequest.type);
      await this.connection.sendNotification(ExitNotification.type);
    } catch {
      // Already gone.
    }
    this.connection.dispose();
    this.process.kill();
  }
}
