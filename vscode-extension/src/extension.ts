/**
 * The kalint extension: starts the bundled kalint language server (dist/server.js) for keepalived
 * documents and connects VS Code to it. Everything about keepalived.conf (diagnostics, hover,
 * completion, formatting, ...) is the server's; the extension parses nothing.
 */
import * as path from 'node:path';
import { commands, workspace, type ExtensionContext } from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';

let client: LanguageClient | undefined;

/** The `kalint` settings as the server reads them (see packages/language-server/src/settings.ts). */
function settings(): unknown {
  const kalint = workspace.getConfiguration('kalint');
  return {
    rules: kalint.get('rules', {}),
    configId: kalint.get('configId', ''),
    hosts: kalint.get('hosts', {}),
    peers: { scope: kalint.get('peers.scope', 'workspace') },
  };
}

export async function activate(context: ExtensionContext): Promise<void> {
  const module = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'keepalived' },
      { scheme: 'untitled', language: 'keepalived' },
    ],
    // The server pulls the `kalint` settings and registers its own file watchers; these are the
    // settings it starts with.
    initializationOptions: { settings: settings() },
  };
  // The id `kalint` makes the client honour the `kalint.trace.server` setting.
  client = new LanguageClient('kalint', 'kalint', serverOptions, clientOptions);
  context.subscriptions.push(commands.registerCommand('kalint.restartServer', () => client?.restart()));
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
