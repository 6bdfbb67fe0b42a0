/**
 * Formatting and range formatting through `@kalint/formatter`. The indentation is the
 * configuration file's `format.indent` when it has one, else the editor's tab size / spaces.
 */
import { format, formatRange } from '@kalint/formatter';
import type { DocumentFormattingParams, DocumentRangeFormattingParams, FormattingOptions, TextEdit } from 'vscode-languageserver';
import { pathOf } from './edge.js';
import type { Session } from './session.js';

function indentOf(session: Session, uri: string, options: FormattingOptions): number | 'tab' {
  return session.configOf(uri)?.format?.indent ?? (options.insertSpaces ? options.tabSize : 'tab');
}

export function formatDocument(session: Session, params: DocumentFormattingParams): TextEdit[] {
  const document = session.documents.get(params.textDocument.uri);
  if (!document) return [];
  const text = document.getText();
  const result = format(text, { indent: indentOf(session, params.textDocument.uri, params.options), file: pathOf(params.textDocument.uri) });
  if (!result.changed) return [];
  return [{ range: { start: { line: 0, character: 0 }, end: document.positionAt(text.length) }, newText: result.text }];
}

export function formatDocumentRange(session: Session, params: DocumentRangeFormattingParams): TextEdit[] {
  const document = session.documents.get(params.textDocument.uri);
  if (!document) return [];
  const { start, end } = params.range;
  // A selection ending at the start of a line does not take that line.
  const endLine = end.character === 0 && end.line > start.line ? end.line - 1 : end.line;
  const edit = formatRange(document.getText(), start.line, endLine, { indent: indentOf(session, params.textDocument.uri, params.options), file: pathOf(params.textDocument.uri) });
  if (!edit) return [];
  const last = edit.end + 1 < document.lineCount ? { line: edit.end + 1, character: 0 } : document.positionAt(document.getText().length);
  // The last line of a file without a final line break keeps having none.
  const newText = edit.end + 1 < document.lineCount ? edit.text : edit.text.replace(/\n$/, '');
  return [{ range: { start: { line: edit.start, character: 0 }, end: last }, newText }];
}
