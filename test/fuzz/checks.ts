/**
 * What must hold on any input, for every entry point: parse, lint, format and every language
 * server feature never throw, and give results that stay inside the text. Shared by the regular
 * properties (test/fuzz/*.test.ts) and the long run (`npm run fuzz`), which also holds each call to
 * `CALL_BOUND_MS`: in `npm test` no verdict depends on the machine's speed.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextDocuments } from 'vscode-languageserver';
import { parse, type Range } from '@kalint/parser';
import { lint } from '@kalint/linter';
import { format, formatRange } from '@kalint/formatter';
import { codeActions } from '../../packages/language-server/src/code-actions.js';
import { completion } from '../../packages/language-server/src/completion.js';
import { toLspDiagnostic } from '../../packages/language-server/src/diagnostics.js';
import { foldingRanges } from '../../packages/language-server/src/folding.js';
import { formatDocument, formatDocumentRange } from '../../packages/language-server/src/formatting.js';
import { hover } from '../../packages/language-server/src/hover.js';
import { runLintJob } from '../../packages/language-server/src/lint-job.js';
import { documentLinks } from '../../packages/language-server/src/links.js';
import { definition, references } from '../../packages/language-server/src/navigation.js';
import { prepareRename, rename } from '../../packages/language-server/src/rename.js';
import { semanticTokens } from '../../packages/language-server/src/semantic-tokens.js';
import { Session } from '../../packages/language-server/src/session.js';
import { DEFAULT_SETTINGS } from '../../packages/language-server/src/settings.js';
import { signatureHelp } from '../../packages/language-server/src/signature-help.js';
import { documentSymbols } from '../../packages/language-server/src/symbols.js';

/** The longest one call may take on inputs up to a few kilobytes (a call takes milliseconds). */
export const CALL_BOUND_MS = 2000;

/** A check that failed: what was called, on what, and why. */
export class CheckFailure extends Error {}

/** Whether calls are held to their time bound: only in the long run (`npm run fuzz` sets KALINT_FUZZ_MINUTES). */
export const ENFORCE_TIME_BOUNDS = process.env.KALINT_FUZZ_MINUTES !== undefined;

/** Call `fn`, failing when it throws or (in the long run) takes longer than the bound. */
export function timed<T>(label: string, fn: () => T, bound = CALL_BOUND_MS): T {
  const start = performance.now();
  let result: T;
  try {
    result = fn();
  } catch (error) {
    throw new CheckFailure(`${label} threw: ${(error as Error)?.stack ?? String(error)}`);
  }
  const took = performance.now() - start;
  if (ENFORCE_TIME_BOUNDS && took > bound) throw new CheckFailure(`${label} took ${Math.round(took)} ms (bound ${bound} ms)`);
  return result;
}

function check(condition: boolean, message: () => string): void {
  if (!condition) throw new CheckFailure(message());
}

function inside(range: Range, text: string, what: string): void {
  check(range.start.offset >= 0 && range.start.offset <= range.end.offset && range.end.offset <= text.length, () => `${what}: range ${JSON.stringify(range)} outside a text of ${text.length} characters`);
}

/** Parse, expanded and as written, with and without a config id. */
export function checkParse(text: string): void {
  for (const options of [{ expand: true }, { expand: false }, { expand: true, configId: 'main' }]) {
    const result = timed(`parse ${JSON.stringify(options)}`, () => parse(text, { file: 'f.conf', ...options }));
    const internal = result.diagnostics.filter((d) => d.code === 'internal-error');
    check(internal.length === 0, () => `parse reported an internal error: ${internal[0]!.message}`);
    for (const d of result.diagnostics) if (d.file === 'f.conf') inside(d.range, text, `parse diagnostic ${d.code}`);
  }
}

/** Lint one file. */
export function checkLint(text: string): void {
  const result = timed('lint', () => lint([{ path: 'f.conf', text }]));
  for (const file of result.files) {
    for (const d of file.diagnostics) {
      check(d.ruleId !== 'internal-error' && !/internal error/i.test(d.message), () => `lint: ${d.ruleId}: ${d.message}`);
      if (d.file === 'f.conf') inside(d.range, text, `lint finding ${d.ruleId}`);
    }
  }
}

/** Format: refused texts come back unchanged, formatted ones are stable. */
export function checkFormat(text: string): void {
  const result = timed('format', () => format(text));
  if (result.refused) {
    check(result.text === text, () => 'format changed a text it refused');
    check(result.refused !== 'unsafe', () => 'format: the safety check had to step in (the layout changed what keepalived reads)');
    return;
  }
  const again = timed('format (second pass)', () => format(result.text));
  check(again.text === result.text, () => `format is not idempotent:\n${JSON.stringify(result.text)}\n->\n${JSON.stringify(again.text)}`);
  const lines = text.split('\n').length;
  timed('formatRange', () => formatRange(text, Math.floor(lines / 3), Math.floor((2 * lines) / 3)));
}

/** A session over one open document, without a connection: the server's features called in-process. */
export function languageServerSession(path: string, text: string, version = 1): { session: Session; document: TextDocument; uri: string } {
  const uri = `file://${path}`;
  const document = TextDocument.create(uri, 'keepalived', version, text);
  const documents = { get: (u: string) => (u === uri ? document : undefined), all: () => [document] } as unknown as TextDocuments<TextDocument>;
  const session = new Session(documents);
  return { session, document, uri };
}

/**
 * Every request the server answers, at `positions` (fractions of the text): diagnostics (a lint
 * job, as the server's worker runs it), hover, completion, signature help, definition,
 * references, rename, links, symbols, folding, semantic tokens, formatting, range formatting and
 * code actions for every finding.
 */
export function checkLanguageServer(text: string, positions: readonly number[] = [0, 0.5, 1], bound = CALL_BOUND_MS): void {
  const t = <T>(label: string, fn: () => T): T => timed(label, fn, bound);
  const path = '/nonexistent-kalint-fuzz/keepalived.conf';
  const { session, document, uri } = languageServerSession(path, text);
  const uriOf = (p: string) => `file://${p}`;
  const job = t('lint job', () => runLintJob({ id: 1, documents: [{ path, text }], settings: DEFAULT_SETTINGS, workspaceFolders: [], rescan: true }));
  const findings = job.files.find((f) => f.path === path)?.diagnostics ?? [];
  session.setFindings(uri, document.version, findings, job.peerNotes);
  const lsp = findings.map((d) => toLspDiagnostic(d, uriOf));
  const textDocument = { uri };
  t('documentSymbols', () => documentSymbols(session, { textDocument }));
  t('foldingRanges', () => foldingRanges(session, { textDocument }));
  t('semanticTokens', () => semanticTokens(session, { textDocument }));
  t('documentLinks', () => documentLinks(session, { textDocument }, uriOf));
  t('formatDocument', () => formatDocument(session, { textDocument, options: { tabSize: 4, insertSpaces: true } }));
  const end = document.positionAt(text.length);
  t('formatDocumentRange', () => formatDocumentRange(session, { textDocument, range: { start: { line: 0, character: 0 }, end }, options: { tabSize: 2, insertSpaces: false } }));
  t('codeActions', () => codeActions(session, { textDocument, range: { start: { line: 0, character: 0 }, end }, context: { diagnostics: lsp } }, uriOf));
  t('codeActions (fix all)', () => codeActions(session, { textDocument, range: { start: { line: 0, character: 0 }, end }, context: { diagnostics: lsp, only: ['source.fixAll'] } }, uriOf));
  for (const at of positions) {
    const position = document.positionAt(Math.floor(at * text.length));
    t('hover', () => hover(session, { textDocument, position }));
    t('completion', () => completion(session, { textDocument, position }, true));
    t('signatureHelp', () => signatureHelp(session, { textDocument, position }));
    t('definition', () => definition(session, { textDocument, position }, uriOf));
    t('references', () => references(session, { textDocument, position, context: { includeDeclaration: true } }, uriOf));
    t('prepareRename', () => prepareRename(session, { textDocument, position }));
    t('rename', () => rename(session, { textDocument, position, newName: 'renamed_1' }, uriOf));
  }
}

/** All of the above. */
export function checkEverything(text: string, positions?: readonly number[]): void {
  checkParse(text);
  checkLint(text);
  checkFormat(text);
  checkLanguageServer(text, positions);
}
