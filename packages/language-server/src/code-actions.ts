/**
 * Code actions: each fixable finding's fix as a quick fix, "disable RULE for this line" (a
 * `# kalint-disable-next-line RULE` comment above it, indented like it), and "fix all" as a
 * source action.
 */
import { fixEdits, ruleMetas, type Diagnostic, type TextEdit as FixEdit } from '@kalint/linter';
import { CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic as LspDiagnostic, type TextEdit } from 'vscode-languageserver';
import { lspRange } from './edge.js';
import type { Session } from './session.js';

/** Rules a `kalint-disable-next-line` comment can silence (not syntax errors, not the suppressions' own findings). */
const suppressible = new Set(ruleMetas.filter((m) => m.suppressible !== false).map((m) => m.id));

/** `# kalint-disable-next-line A, B` without a reason: a rule can be added to its list. */
const DISABLE_NEXT_LINE = /^([ \t]*[#!][ \t]*kalint-disable-next-line[ \t]+[^\s-][^-]*?)[ \t]*$/;

export function codeActions(session: Session, params: CodeActionParams, uriOf: (path: string) => string): CodeAction[] {
  const uri = params.textDocument.uri;
  const document = session.documents.get(uri);
  const findings = session.findingsOf(uri);
  if (!document || !findings || findings.version !== document.version) return [];
  const only = params.context.only;
  const wants = (kind: string) => !only || only.some((k) => kind === k || kind.startsWith(`${k}.`));
  const actions: CodeAction[] = [];
  // Findings by rule and start, so a request carrying every diagnostic of a file with 100,000
  // findings stays linear (finding each one by a scan took minutes).
  const byStart = new Map<string, Diagnostic>();
  /** The document's lines, split once for all the "disable" actions. */
  let lines: string[] | undefined;
  for (const d of findings.diagnostics) {
    const key = `${d.ruleId}\0${d.range.start.line}\0${d.range.start.character}`;
    if (!byStart.has(key)) byStart.set(key, d);
  }
  for (const lsp of params.context.diagnostics) {
    if (lsp.source !== 'kalint' || typeof lsp.code !== 'string') continue;
    const finding = byStart.get(`${lsp.code}\0${lsp.range.start.line}\0${lsp.range.start.character}`);
    if (!finding) continue;
    if (finding.fix && wants(CodeActionKind.QuickFix)) {
      actions.push({ title: finding.fix.description, kind: CodeActionKind.QuickFix, diagnostics: [lsp], isPreferred: true, edit: { changes: editsByUri(finding.fix.edits, uriOf) } });
    }
    if (suppressible.has(finding.ruleId) && wants(CodeActionKind.QuickFix)) {
      lines ??= document.getText().split('\n');
      actions.push(disableForLine(lines, finding, lsp, uri));
    }
  }
  const fixable = findings.diagnostics.filter((d) => d.fix);
  if (fixable.length > 0 && only?.some((k) => CodeActionKind.SourceFixAll.startsWith(k) || k.startsWith(CodeActionKind.SourceFixAll))) {
    actions.push({ title: 'Fix all kalint problems that have a safe fix', kind: `${CodeActionKind.SourceFixAll}.kalint`, edit: { changes: editsByUri(nonOverlapping(fixable), uriOf) } });
  }
  return actions;
}

function disableForLine(lines: readonly string[], finding: Diagnostic, lsp: LspDiagnostic, uri: string): CodeAction {
  const line = finding.range.start.line;
  const current = lines[line] ?? '';
  const previous = line > 0 ? (lines[line - 1] ?? '').replace(/\r$/, '') : '';
  const existing = DISABLE_NEXT_LINE.exec(previous);
  const edit: TextEdit = existing
    ? { range: { start: { line: line - 1, character: existing[1]!.length }, end: { line: line - 1, character: previous.length } }, newText: `, ${finding.ruleId}` }
    : { range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText: `${/^[ \t]*/.exec(current)![0]}# kalint-disable-next-line ${finding.ruleId}\n` };
  return { title: `Disable ${finding.ruleId} for this line`, kind: CodeActionKind.QuickFix, diagnostics: [lsp], edit: { changes: { [uri]: [edit] } } };
}

function editsByUri(edits: FixEdit[], uriOf: (path: string) => string): Record<string, TextEdit[]> {
  const changes: Record<string, TextEdit[]> = {};
  for (const edit of edits) (changes[uriOf(edit.file)] ??= []).push({ range: lspRange(edit.range), newText: edit.text });
  return changes;
}

/** Every fix's edits, skipping a fix that overlaps one already taken (a second run picks it up). */
function nonOverlapping(diagnostics: Diagnostic[]): FixEdit[] {
  const taken: Array<{ file: string; start: number; end: number }> = [];
  const edits: FixEdit[] = [];
  for (const d of diagnostics) {
    const own = fixEdits([d], d.file).concat(d.fix!.edits.filter((e) => e.file !== d.file));
    if (own.some((e) => taken.some((t) => t.file === e.file && e.range.start.offset < t.end && t.start < e.range.end.offset))) continue;
    for (const e of own) taken.push({ file: e.file, start: e.range.start.offset, end: e.range.end.offset });
    edits.push(...own);
  }
  return edits;
}
