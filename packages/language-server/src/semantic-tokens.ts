/**
 * Semantic tokens from the parser's `tokenize` (comments, strings, preprocessor directives) and
 * the parse (which words are keywords, block keywords or deprecated keywords); numbers and
 * addresses by their shape.
 */
import { tokenize, type Node, type Statement } from '@kalint/parser';
import type { KeywordSpec } from '@kalint/grammar';
import { SemanticTokensBuilder, type SemanticTokens, type SemanticTokensLegend, type SemanticTokensParams } from 'vscode-languageserver';
import type { Session } from './session.js';

/**
 * Token types: standard ones, plus `address` (an IP address or network; editors without a theme
 * colour for it show it plain, the VS Code extension declares it as a kind of `number`).
 */
export const legend: SemanticTokensLegend = {
  tokenTypes: ['keyword', 'struct', 'number', 'address', 'string', 'comment', 'macro', 'variable'],
  tokenModifiers: ['deprecated'],
};

const enum Type {
  Keyword,
  BlockKeyword,
  Number,
  Address,
  String,
  Comment,
  Preprocessor,
  Variable,
}

const NUMBER = /^-?\d+(\.\d+)?$/;
const IPV4 = /^\d{1,3}(\.\d{1,3}){3}(\/\d{1,2}|-\d{1,3})?$/;
const IPV6 = /^[0-9A-Fa-f]*:[0-9A-Fa-f:.]*(\/\d{1,3})?$/;

export function semanticTokens(session: Session, params: SemanticTokensParams): SemanticTokens {
  const builder = new SemanticTokensBuilder();
  const parsed = session.parsed(params.textDocument.uri);
  if (!parsed) return builder.build();
  const keywords = new Map<number, KeywordSpec | null>();
  for (const node of walkStatements(parsed.ast.body)) {
    if (node.file === parsed.path && !node.keyword.expansion) keywords.set(node.keyword.range.start.offset, node.spec);
  }
  const document = session.documents.get(params.textDocument.uri)!;
  const text = parsed.text;
  const push = (offset: number, length: number, type: Type, modifiers = 0) => {
    // A token never spans lines in the protocol: split at line ends.
    let start = offset;
    const end = offset + length;
    while (start < end) {
      const newline = text.indexOf('\n', start);
      const stop = newline < 0 || newline >= end ? end : newline;
      const at = document.positionAt(start);
      const piece = text.slice(start, stop).replace(/\r$/, '');
      if (piece.length > 0) builder.push(at.line, at.character, piece.length, type, modifiers);
      start = stop + 1;
    }
  };
  for (const token of tokenize(text)) {
    switch (token.kind) {
      case 'comment':
        push(token.offset, token.image.length, Type.Comment);
        break;
      case 'quoted':
      case 'unterminated-quote':
        push(token.offset, token.image.length, Type.String);
        break;
      case 'conditional':
      case 'sequence':
      case 'include':
      case 'definition':
        push(token.offset, token.image.length, Type.Preprocessor);
        break;
      case 'word': {
        const spec = keywords.get(token.offset);
        if (spec !== undefined) {
          push(token.offset, token.image.length, spec?.block ? Type.BlockKeyword : Type.Keyword, spec?.deprecated ? 1 : 0);
        } else if (token.image.startsWith('$')) {
          push(token.offset, token.image.length, Type.Variable);
        } else if (NUMBER.test(token.image)) {
          push(token.offset, token.image.length, Type.Number);
        } else if (IPV4.test(token.image) || (token.image.includes(':') && IPV6.test(token.image))) {
          push(token.offset, token.image.length, Type.Address);
        }
        break;
      }
    }
  }
  return builder.build();
}

function* walkStatements(body: Node[]): Generator<Statement> {
  const stack = [body];
  while (stack.length > 0) {
    for (const node of stack.pop()!) {
      if (node.type === 'Statement') {
        yield node;
        if (node.block) stack.push(node.block.body);
      } else if (node.type === 'Block') stack.push(node.body);
    }
  }
}
