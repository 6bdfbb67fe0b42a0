/**
 * Diagnostics: every open document is linted together with its peers, in a worker thread, one
 * job at a time. Edits made while a job runs are collected into the next job, so the findings
 * always catch up with the newest text and no request ever waits for a lint.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { rules, type Diagnostic } from '@kalint/linter';
import { DiagnosticSeverity, DiagnosticTag, type Connection, type Diagnostic as LspDiagnostic } from 'vscode-languageserver';
import { lspRange, pathOf, uriOfPath } from './edge.js';
import type { LintJob, LintJobResult } from './lint-job.js';
import type { Session } from './session.js';

const documented = new Set(rules.map((r) => r.meta.id));

/** Where a rule's documentation lives. */
export function ruleDocUrl(ruleId: string): string | undefined {
  return documented.has(ruleId) ? `https://github.com/kalint/kalint/blob/main/packages/linter/docs/rules/${ruleId}.md` : undefined;
}

/** A linter finding as an LSP diagnostic. */
export function toLspDiagnostic(diagnostic: Diagnostic, uriOf: (path: string) => string): LspDiagnostic {
  const href = ruleDocUrl(diagnostic.ruleId);
  const result: LspDiagnostic = {
    range: lspRange(diagnostic.range),
    severity: diagnostic.severity === 'error' ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
    code: diagnostic.ruleId,
    source: 'kalint',
    message: diagnostic.message,
  };
  if (href) result.codeDescription = { href };
  if (diagnostic.related && diagnostic.related.length > 0) {
    result.relatedInformation = diagnostic.related.map((r) => ({ location: { uri: uriOf(r.file), range: lspRange(r.range) }, message: r.message }));
  }
  const tags = (diagnostic.tags ?? []).map((t) => (t === 'deprecated' ? DiagnosticTag.Deprecated : DiagnosticTag.Unnecessary));
  if (tags.length > 0) result.tags = tags;
  if (diagnostic.fix) result.data = { fixable: true };
  return result;
}

export class DiagnosticsScheduler {
  private worker: Worker | undefined;
  private running = false;
  private dirty = false;
  private rescan = true;
  private nextId = 1;
  private readonly pending = new Map<number, (result: LintJobResult) => void>();
  private readonly shownProblems = new Set<string>();
  /** Held until the editor's settings are known, so no findings are published under the wrong ones. */
  private held = false;

  constructor(
    private readonly session: Session,
    private readonly connection: Connection,
    private readonly runInline: (job: LintJob) => LintJobResult,
  ) {
    const url = new URL('./lint-worker.js', import.meta.url);
    // Bundlers that drop the worker file leave the server linting on its main thread.
    if (url.protocol === 'file:' && existsSync(fileURLToPath(url)) && process.env.KALINT_LSP_INLINE !== '1') {
      this.worker = new Worker(url, { resourceLimits: { maxYoungGenerationSizeMb: 192 } });
      this.worker.on('message', (result: LintJobResult) => {
        this.pending.get(result.id)?.(result);
        this.pending.delete(result.id);
      });
      this.worker.on('error', (error) => {
        this.connection.console.error(`kalint: lint worker failed (${error.message}); linting on the main thread`);
        this.worker = undefined;
        this.running = false;
        this.dirty = true;
        this.pending.clear();
        this.pump();
      });
      this.worker.unref();
    }
  }

  /** Hold jobs back (`true`) until released (`false`). */
  hold(held: boolean): void {
    this.held = held;
    this.pump();
  }

  /** Lint again (after an edit, an open, a setting or a file on disk changed). */
  request(options: { rescan?: boolean } = {}): void {
    if (options.rescan) this.rescan = true;
    this.dirty = true;
    this.pump();
  }

  /** Stop the worker. */
  async dispose(): Promise<void> {
    await this.worker?.terminate();
  }

  private pump(): void {
    if (this.running || !this.dirty || this.held) return;
    this.dirty = false;
    const open = this.session.documents.all();
    if (open.length === 0) return;
    this.running = true;
    const versions = new Map(open.map((d) => [d.uri, d.version]));
    const job: LintJob = {
      id: this.nextId++,
      documents: open.map((d) => ({ path: pathOf(d.uri), text: d.getText() })),
      settings: this.session.settings,
      workspaceFolders: this.session.workspaceFolders,
      rescan: this.rescan,
    };
    this.rescan = false;
    const done = (result: LintJobResult) => {
      this.running = false;
      this.publish(result, versions);
      this.pump();
    };
    if (this.worker) {
      this.pending.set(job.id, done);
      this.worker.postMessage(job);
    } else {
      // Inline: still after the current request, so a burst of edits becomes one job.
      setImmediate(() => done(this.runInline(job)));
    }
  }

  private publish(result: LintJobResult, versions: Map<string, number>): void {
    for (const problem of result.problems) {
      if (this.shownProblems.has(problem)) continue;
      this.shownProblems.add(problem);
      void this.connection.window.showWarningMessage(problem);
    }
    const uriOf = (path: string) => this.session.uriOf(path) ?? uriOfPath(path);
    for (const { path, diagnostics } of result.files) {
      const uri = this.session.uriOf(path);
      if (!uri) continue;
      const version = versions.get(uri);
      const document = this.session.documents.get(uri);
      // A document edited since the job started gets the next job's findings instead.
      if (!document || version === undefined || document.version !== version) continue;
      this.session.setFindings(
        uri,
        version,
        diagnostics,
        result.peerNotes.filter((n) => n.file === path),
      );
      void this.connection.sendDiagnostics({ uri, version, diagnostics: diagnostics.map((d) => toLspDiagnostic(d, uriOf)) });
    }
  }
}
