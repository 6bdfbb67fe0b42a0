/**
 * Signature help: the keyword's syntax line with the argument being typed highlighted. The
 * parameters are the syntax line's top-level groups (`<PRIORITY>`, `MASTER|BACKUP`, `[port <PORT>]`).
 */
import type { SignatureHelp, SignatureHelpParams } from 'vscode-languageserver';
import { cursorContext } from './context.js';
import { keywordMarkdown } from './describe.js';
import type { Session } from './session.js';

export function signatureHelp(session: Session, params: SignatureHelpParams): SignatureHelp | null {
  const document = session.documents.get(params.textDocument.uri);
  if (!document) return null;
  const context = cursorContext(document.getText(), document.offsetAt(params.position));
  const spec = context.spec;
  if (!spec || (spec.args.max === 0 && spec.args.positional.length === 0)) return null;
  const label = spec.args.syntax;
  const groups = parameterGroups(label, spec.name.length);
  if (groups.length === 0) return null;
  const typed = context.inWord ? context.words.length - 1 : context.words.length;
  // After an option word, the group that starts with it; else by position.
  const previous = context.words[typed - 1]?.text ?? '';
  const option = groups.findIndex(([from]) => label.startsWith(`[${previous} `, from) || label.startsWith(`${previous} `, from));
  const active = typed > 1 && option >= 0 ? option : Math.min(Math.max(typed - 1, 0), groups.length - 1);
  return {
    signatures: [{ label, documentation: { kind: 'markdown', value: keywordMarkdown(spec) }, parameters: groups.map((g) => ({ label: g })) }],
    activeSignature: 0,
    activeParameter: active,
  };
}

/** Character ranges of the top-level groups of a syntax line after its keyword. */
function parameterGroups(syntax: string, from: number): Array<[number, number]> {
  const groups: Array<[number, number]> = [];
  let depth = 0;
  let start = -1;
  for (let i = from; i <= syntax.length; i++) {
    const c = syntax[i];
    if (c === '[' || c === '<' || c === '(') depth++;
    if (c === ']' || c === '>' || c === ')') depth--;
    const blank = c === undefined || (c === ' ' && depth === 0);
    if (blank) {
      if (start >= 0) {
        const group = syntax.slice(start, i);
        if (group !== '{' && group !== '|') groups.push([start, i]);
      }
      start = -1;
    } else if (start < 0) {
      start = i;
    }
  }
  return groups;
}
