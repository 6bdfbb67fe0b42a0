/**
 * Hover: a keyword's description, syntax, allowed values and deprecation, from the schema (also
 * for a keyword removed from its block, never read there, or valid only elsewhere); on a
 * line whose block has HA peers, the peers' values of that line. Works from the text around the
 * cursor and the latest findings, never from a fresh parse.
 */
import { schema } from '@kalint/grammar';
import type { Hover, HoverParams } from 'vscode-languageserver';
import { cursorContext, tokenAt } from './context.js';
import { argumentValues, keywordMarkdown, unacceptedMarkdown } from './describe.js';
import type { Session } from './session.js';

export function hover(session: Session, params: HoverParams): Hover | null {
  const document = session.documents.get(params.textDocument.uri);
  if (!document) return null;
  const { line, character } = params.position;
  const lineText = document.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } }).replace(/\r?\n$/, '');
  const { tokens, index } = tokenAt(lineText, character);
  if (index < 0) return null;
  const word = tokens[index]!;
  // The context of the word's start: the block it stands in and the words before it.
  const context = cursorContext(document.getText(), document.offsetAt({ line, character: word.start }));
  if (context.block === null || context.blockKind !== 'keywords') return null;
  const keyword = context.words[0] ?? word;
  const spec = schema.child(context.block, keyword.text);
  if (!spec) {
    // A keyword removed from this block, never read in it, or valid only in other blocks: say so.
    if (keyword !== word) return null;
    const value = unacceptedMarkdown(word.text, context.block, schema.removedChild(context.block, word.text), schema.named(word.text));
    return value === null ? null : { contents: { kind: 'markdown', value }, range: { start: { line, character: word.start }, end: { line, character: word.end } } };
  }
  const parts = [keywordMarkdown(spec)];
  if (keyword !== word) {
    const position = context.words.length - 1;
    const arg = spec.args.positional[position] ?? (spec.args.options?.[context.words[context.words.length - 1]?.text ?? ''] || undefined) ?? spec.args.rest;
    if (arg) parts.unshift(`\`${arg.name}\`: ${argumentValues(arg)}`, '');
  }
  const notes = session.findingsOf(params.textDocument.uri)?.peerNotes.get(`${line}:${keyword.text}`);
  if (notes && notes.length > 0) parts.push('', '---', '', 'HA peers:', '', ...notes.map((n) => `- ${n}`));
  return {
    contents: { kind: 'markdown', value: parts.join('\n') },
    range: { start: { line, character: word.start }, end: { line, character: word.end } },
  };
}
