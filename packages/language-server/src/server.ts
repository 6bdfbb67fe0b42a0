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
import { DocumentLinter } from './lint-job.js';
import { documentLinks } from './links.js';
import { checkParams, type Needs } from './params.js';
import { definition, references } from './navigation.js';
import { prepareRename, rename } from './rename.js';
import { legend, semanticTokens } from './semantic-tokens.js';
import { Session } from './session.js';
import { editorSettings } from './settings.js';
import { signatureHelp } from './signature-help.js';
import { documentSymbols } from './symbols.js';
import {
  CodeActionKind,
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
} from 'vscode-languageserver';

/** The language id editors give keepalived configurations. */
export const LANGUAGE_ID = 'keepalived';

/** Serve kalint over `connection` (the caller calls nothing else; `connection.listen()` is done here). */
export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const session = new Session(documents);
  // Lints here only when no worker can be started.
  let inline: DocumentLinter | undefined;
  const diagnostics = new DiagnosticsScheduler(session, connection, (job) => (inline ??= new DocumentLinter()).run(job));
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

  // Every request's params are checked before a feature reads them (params.ts): bad ones get the
  // invalid-params error, not a TypeError as an internal error. The handlers are registered with
  // onRequest, not onHover and the like: those read params.workDoneToken first, and `params: null`
  // failed there, before any handler ran.
  const checked =
    <P, R>(method: string, needs: Needs, feature: (params: P) => R) =>
    (params: P): R => {
      checkParams(method, params, needs);
      return feature(params);
    };
  const atPosition: Needs = { position: true };
  connection.onRequest(HoverRequest.type, checked(HoverRequest.method, atPosition, (params) => hover(session, params)));
  connection.onRequest(CompletionRequest.type, checked(CompletionRequest.method, atPosition, (params) => completion(session, params, snippets)));
  connection.onRequest(SignatureHelpRequest.type, checked(SignatureHelpRequest.method, atPosition, (params) => signatureHelp(session, params)));
  connection.onRequest(DocumentFormattingRequest.type, checked(DocumentFormattingRequest.method, { formatting: true }, (params) => formatDocument(session, params)));
  connection.onRequest(
    DocumentRangeFormattingRequest.type,
    checked(DocumentRangeFormattingRequest.method, { range: true, formatting: true }, (params) => formatDocumentRange(session, params)),
  );
  connection.onRequest(DocumentSymbolRequest.type, checked(DocumentSymbolRequest.method, {}, (params) => documentSymbols(session, params)));
  connection.onRequest(FoldingRangeRequest.type, checked(FoldingRangeRequest.method, {}, (params) => foldingRanges(session, params)));
  connection.onRequest(DefinitionRequest.type, checked(DefinitionRequest.method, atPosition, (params) => definition(session, params, uriOf)));
  connection.onRequest(ReferencesRequest.type, checked(ReferencesRequest.method, { position: true, includeDeclaration: true }, (params) => references(session, params, uriOf)));
  connection.onRequest(PrepareRenameRequest.type, checked(PrepareRenameRequest.method, atPosition, (params) => prepareRename(session, params)));
  connection.onRequest(RenameRequest.type, checked(RenameRequest.method, { position: true, newName: true }, (params) => rename(session, params, uriOf)));
  connection.onRequest(DocumentLinkRequest.type, checked(DocumentLinkRequest.method, {}, (params) => documentLinks(session, params, uriOf)));
  connection.onRequest(CodeActionRequest.type, checked(CodeActionRequest.method, { range: true, diagnostics: true }, (params) => codeActions(session, params, uriOf)));
  connection.onRequest(SemanticTokensRequest.type, checked(SemanticTokensRequest.method, {}, (params) => semanticTokens(session, params)));
  connection.onShutdown(() => diagnostics.dispose());

  documents.listen(connection);
  connection.listen();
}
