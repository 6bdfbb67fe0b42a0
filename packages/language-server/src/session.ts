/**
 * The server's state: open documents, the parse of each at its current version (made on demand,
 * once per version), the latest lint findings of each, settings and configuration files. Every
 * feature reads from here; nothing parses on its own.
 */
import { parse, type ParseResult } from '@kalint/parser';
import type { Diagnostic } from '@kalint/linter';
import { ruleMetas } from '@kalint/linter';
import { NodeModel } from '@kalint/model';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextDocuments } from 'vscode-languageserver';
import { pathOf } from './edge.js';
import { includeHost } from './files.js';
import type { PeerNote } from './lint-job.js';
import { ConfigFiles, DEFAULT_SETTINGS, lintSettings, type ConfigFile, type EditorSettings } from './settings.js';

/** The expanded parse of one document version. */
export interface Parsed extends ParseResult {
  version: number;
  path: string;
  text: string;
  /**
   * What keepalived runs from the document (with what it includes), for the release it is for:
   * its names (`node.names`: definitions, references) are worked out when first asked for.
   */
  node: NodeModel;
}

/** The latest lint findings for a document. */
export interface Findings {
  /** Version of the document the findings are for. */
  version: number;
  diagnostics: Diagnostic[];
  /** `line:keyword` -> the peers' values of that line. */
  peerNotes: Map<string, string[]>;
}

export class Session {
  settings: EditorSettings = DEFAULT_SETTINGS;
  workspaceFolders: string[] = [];
  readonly configFiles = new ConfigFiles(new Set(ruleMetas.map((m) => m.id)));
  private readonly parses = new Map<string, Parsed>();
  private readonly findings = new Map<string, Findings>();

  constructor(readonly documents: TextDocuments<TextDocument>) {}

  /** The parse of the document's current version (parsed now if this version has none yet). */
  parsed(uri: string): Parsed | undefined {
    const document = this.documents.get(uri);
    if (!document) return undefined;
    const known = this.parses.get(uri);
    if (known && known.version === document.version) return known;
    const path = pathOf(uri);
    const text = document.getText();
    const { configId, includeRoots, targetVersion } = lintSettings(this.settings, this.configFiles.forFile(path), this.workspaceFolders[0]);
    const result = parse(text, {
      file: path,
      host: includeHost(this.openTexts(), includeRoots),
      ...(configId !== undefined ? { configId } : {}),
      ...(targetVersion !== undefined ? { targetVersion } : {}),
    });
    const node = new NodeModel(path, result.ast, targetVersion !== undefined ? { release: targetVersion } : {});
    const parsed: Parsed = { ...result, version: document.version, path, text, node };
    this.parses.set(uri, parsed);
    return parsed;
  }

  /** The most recent parse of the document, whatever its version (may be none). */
  lastParsed(uri: string): Parsed | undefined {
    return this.parses.get(uri);
  }

  /** Open documents' texts by path, for include resolution. */
  openTexts(): Map<string, string> {
    return new Map(this.documents.all().map((d) => [pathOf(d.uri), d.getText()]));
  }

  /** The URI of an open document at `path`, if one is open. */
  uriOf(path: string): string | undefined {
    return this.documents.all().find((d) => pathOf(d.uri) === path)?.uri;
  }

  setFindings(uri: string, version: number, diagnostics: Diagnostic[], notes: PeerNote[]): void {
    const peerNotes = new Map<string, string[]>();
    for (const note of notes) peerNotes.set(`${note.line}:${note.keyword}`, note.notes);
    this.findings.set(uri, { version, diagnostics, peerNotes });
  }

  findingsOf(uri: string): Findings | undefined {
    return this.findings.get(uri);
  }

  /** Forget a closed document. */
  close(uri: string): void {
    this.parses.delete(uri);
    this.findings.delete(uri);
  }

  /** The configuration file of a document. */
  configOf(uri: string): ConfigFile | null {
    return this.configFiles.forFile(pathOf(uri));
  }
}
