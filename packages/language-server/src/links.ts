/** Document links: an `include` line's pattern links to the file it reads (when it reads exactly one). */
import type { DocumentLink, DocumentLinkParams } from 'vscode-languageserver';
import type { Session } from './session.js';

export function documentLinks(session: Session, params: DocumentLinkParams, uriOf: (path: string) => string): DocumentLink[] {
  const parsed = session.parsed(params.textDocument.uri);
  if (!parsed) return [];
  const links: DocumentLink[] = [];
  for (const include of parsed.ast.includes) {
    if (include.file !== parsed.path || include.files.length !== 1) continue;
    // The pattern is the rest of the line after the directive word.
    const { start, end } = include.range;
    const line = parsed.text.slice(start.offset, end.offset);
    const at = line.indexOf(include.pattern, line.indexOf(include.directive) + include.directive.length);
    if (at < 0 || start.line !== end.line) continue;
    links.push({
      range: { start: { line: start.line, character: start.character + at }, end: { line: start.line, character: start.character + at + include.pattern.length } },
      target: uriOf(include.files[0]!),
      tooltip: include.files[0]!,
    });
  }
  return links;
}
