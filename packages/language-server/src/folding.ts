/** Folding ranges: blocks (up to the line before their `}`) and runs of own-line comments. */
import type { Node } from '@kalint/parser';
import { FoldingRangeKind, type FoldingRange, type FoldingRangeParams } from 'vscode-languageserver';
import { lineStartOf } from './context.js';
import type { Session } from './session.js';
import { MAX_OUTLINE_DEPTH } from './symbols.js';

export function foldingRanges(session: Session, params: FoldingRangeParams): FoldingRange[] {
  const parsed = session.parsed(params.textDocument.uri);
  if (!parsed) return [];
  const ranges: FoldingRange[] = [];
  const seen = new Set<number>();
  // Blocks nested deeper than the outline shows are not folded one by one (see MAX_OUTLINE_DEPTH).
  const visit = (body: Node[], depth = 0) => {
    for (const node of body) {
      const block = node.type === 'Statement' ? node.block : node.type === 'Block' ? node : null;
      if (!block || node.file !== parsed.path) continue;
      const startLine = node.range.start.line;
      const endLine = (block.close?.start.line ?? block.range.end.line + 1) - 1;
      if (endLine > startLine && !seen.has(startLine)) {
        seen.add(startLine);
        ranges.push({ startLine, endLine });
      }
      if (depth < MAX_OUTLINE_DEPTH) visit(block.body, depth + 1);
    }
  };
  visit(parsed.ast.body);
  // Comment runs: two or more consecutive lines that hold only a comment.
  let runStart = -1;
  let runEnd = -1;
  const flush = () => {
    if (runStart >= 0 && runEnd > runStart) ranges.push({ startLine: runStart, endLine: runEnd, kind: FoldingRangeKind.Comment });
  };
  for (const comment of parsed.ast.comments) {
    const line = comment.range.start.line;
    const ownLine = /^[ \t]*$/.test(lineBefore(parsed.text, comment.range.start.offset));
    if (!ownLine) continue;
    if (line === runEnd + 1 && runStart >= 0) runEnd = line;
    else {
      flush();
      runStart = runEnd = line;
    }
  }
  flush();
  return ranges.sort((a, b) => a.startLine - b.startLine);
}

function lineBefore(text: string, offset: number): string {
  return text.slice(lineStartOf(text, offset), offset);
}
