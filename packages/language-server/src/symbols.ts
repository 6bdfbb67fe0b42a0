/**
 * Document symbols (the outline): every statement that opens a block — VRRP instances, scripts,
 * sync groups, virtual servers, real servers, checkers — nested as in the file.
 */
import type { Node } from '@kalint/parser';
import { SymbolKind, type DocumentSymbol, type DocumentSymbolParams } from 'vscode-languageserver';
import { lspRange } from './edge.js';
import type { Session } from './session.js';

/**
 * Deepest nesting the outline shows: a hostile file nests blocks 100,000 deep, and the outline
 * is built recursively. Real configs nest a few levels.
 */
export const MAX_OUTLINE_DEPTH = 256;

export function documentSymbols(session: Session, params: DocumentSymbolParams): DocumentSymbol[] {
  const parsed = session.parsed(params.textDocument.uri);
  if (!parsed) return [];
  const seen = new Set<number>();
  const symbolsOf = (body: Node[], depth: number): DocumentSymbol[] => {
    const symbols: DocumentSymbol[] = [];
    for (const node of body) {
      // Only this file's own lines, each once (a `~SEQ` line expands to several statements).
      if (node.type !== 'Statement' || !node.block || node.file !== parsed.path || node.keyword.expansion) continue;
      if (seen.has(node.range.start.offset)) continue;
      seen.add(node.range.start.offset);
      const name = [node.keyword.text, ...node.args.map((w) => w.text)].join(' ');
      const lastWord = node.args[node.args.length - 1] ?? node.keyword;
      symbols.push({
        name,
        detail: node.spec?.description.split('. ')[0] ?? '',
        kind: depth === 0 ? SymbolKind.Class : node.block.kind === 'values' ? SymbolKind.Array : SymbolKind.Object,
        range: lspRange(node.range),
        selectionRange: lspRange({ start: node.keyword.range.start, end: lastWord.file === node.file ? lastWord.range.end : node.keyword.range.end }),
        children: node.block.kind === 'values' || depth >= MAX_OUTLINE_DEPTH ? [] : symbolsOf(node.block.body, depth + 1),
      });
    }
    return symbols;
  };
  return symbolsOf(parsed.ast.body, 0);
}
