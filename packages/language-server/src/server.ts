/**
 * The language server: wires the LSP requests to the feature modules (one per feature) over the
 * session's per-version cache. Nothing here knows keepalived.
 */
import { DidChangeConfigurationNotification, DidChangeWatchedFilesNotification, TextDocuments, TextDocumentSyncKind, type Connection, type InitializeResult } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { codeActions } from './code-actions.js';
import { completion } from './completion.js';
import { DiagnosticsScheduler } from './diagnostics.js';
import { pathOf, uriOfPath } from './edge.js';
import { foldingRanges } from './folding.js';
import { formatDocument, formatDocumentRange } from './formatting.js';
import { hover } from './hover.js';
import { runLintJob } from './lint-job.js';
import { documentLinks } from './links.js';
import { definition, references } from './navigation.js';
import { prepareRename, rename } from './rename.js';
import { legend, semanticTokens } from './semantic-tokens.js';
import { Session } from './session.js';
import { editorSettings } from './settings.js';
import { signatureHelp } from './signature-help.js';
import { documentSymbols } from './symbols.js';
import { CodeActionKind } from 'vscode-languageserver';

/** The language id editors give keepalived configurations. */
export const LANGUAGE_ID = 'keepalived';

/** Serve kalint over `connection` (the caller calls nothing else; `connection.listen()` is done here). */
export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const session = new Session(documents);
  const diagnostics = new DiagnosticsScheduler(session, connection, runLintJob);
  const uriOf = (path: string) => session.uriOf(path) ?? uriOfPath(path);
  let pullConfiguration = false;
  let watchFiles = false;
  let snippets = false;
  let folderEvents = false;

  connection.onInitialize((params): InitializeResult => {
    const capabilities = params.capabilities;
    pullConfiguration = capabilities.workspace?.configuration === true;
    diagnostics.hold(pullConfiguration);
    watchFiles = capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    snippets = capabilities.textDocument?.completion?.completionItem?.snippetSupport === true;
    folderEvents = capabilities.workspace?.workspaceFolders === true;
    const folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    session.workspaceFolders = folders.filter((uri) => uri.startsWith('file:')).map(pathOf);
    const initial = (params.initializationOptions as { settings?: unknown } | undefined)?.settings;
    if (initial !== undefined) session.settings = editorSettings(initial);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        hoverProvider: true,
        completionProvider: { triggerCharacters: [' '], resolveProvider: false },
        signatureHelpProvider: { triggerCharacters: [' '], retriggerCharacters: [' '] },
        documentFormattingProvider: true,
        documentRangeFormattingProvider: true,
        documentSymbolProvider: true,
        foldingRangeProvider: true,
        definitionProvider: true,
        referencesProvider: true,
        renameProvider: { prepareProvider: true },
        documentLinkProvider: { resolveProvider: false },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, `${CodeActionKind.SourceFixAll}.kalint`] },
        semanticTokensProvider: { legend, full: true },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'kalint-language-server' },
    };
  });

  const loadSettings = async () => {
    if (pullConfiguration) {
      try {
        session.settings = editorSettings(await connection.workspace.getConfiguration('kalint'));
      } catch {
        // A client that cannot answer keeps the settings it has.
      }
    }
    session.configFiles.clear();
    diagnostics.request({ rescan: true });
    diagnostics.hold(false);
  };

  connection.onInitialized(() => {
    void loadSettings();
    if (pullConfiguration) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'kalint' }).catch(() => undefined);
    if (watchFiles) {
      void connection.client
        .register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*.conf' }, { globPattern: '**/.kalintrc.json' }, { globPattern: '**/kalint.config.json' }, { globPattern: '**/*sysctl*' }] })
        .catch(() => undefined);
    }
    if (folderEvents) {
      connection.workspace.onDidChangeWorkspaceFolders((event) => {
        const removed = new Set(event.removed.map((f) => pathOf(f.uri)));
        session.workspaceFolders = [...session.workspaceFolders.filter((f) => !removed.has(f)), ...event.added.map((f) => pathOf(f.uri))];
        diagnostics.request({ rescan: true });
      });
    }
  });

  connection.onDidChangeConfiguration((change) => {
    const pushed = (change.settings as { kalint?: unknown } | null)?.kalint;
    if (!pullConfiguration && pushed !== undefined) session.settings = editorSettings(pushed);
    void loadSettings();
  });

  connection.onDidChangeWatchedFiles(() => {
    session.configFiles.clear();
    diagnostics.request({ rescan: true });
  });

  documents.onDidOpen((event) => {
    diagnostics.request();
    // Parse once now, so completion knows the names the document's includes define.
    setImmediate(() => session.parsed(event.document.uri));
  });
  documents.onDidChangeContent(() => diagnostics.request());
  documents.onDidClose((event) => {
    session.close(event.document.uri);
    void connection.sendDiagnostics({ uri: event.document.uri, diagnostics: [] });
    // Its peers lose a peer.
    diagnostics.request();
  });

  connection.onHover((params) => hover(session, params));
  connection.onCompletion((params) => completion(session, params, snippets));
  connection.onSignatureHelp((params) => signatureHelp(session, params));
  connection.onDocumentFormatting((params) => formatDocument(session, params));
  connection.onDocumentRangeFormatting((params) => formatDocumentRange(session, params));
  connection.onDocumentSymbol((params) => documentSymbols(session, params));
  connection.onFoldingRanges((params) => foldingRanges(session, params));
  connection.onDefinition((params) => definition(session, params, uriOf));
  connection.onReferences((params) => references(session, params, uriOf));
  connection.onPrepareRename((params) => prepareRename(session, params));
  connection.onRenameRequest((params) => rename(session, params, uriOf));
  connection.onDocumentLinks((params) => documentLinks(session, params, uriOf));
  connection.onCodeAction((params) => codeActions(session, params, uriOf));
  connection.languages.semanticTokens.on((params) => semanticTokens(session, params));
  connection.onShutdown(() => diagnostics.dispose());

  documents.listen(connection);
  connection.listen();
}
