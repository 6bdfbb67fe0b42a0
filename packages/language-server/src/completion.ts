/**
 * Completion by context: the keywords valid in the enclosing block (block keywords as snippets),
 * the allowed words of the argument being typed, option words, and the names of definitions where
 * a word names one (`track_script` items, `group NAME`). Works from the text around the cursor
 * and the document's latest parse; it never parses.
 */
import { schema, type KeywordSpec } from '@kalint/grammar';
import { keywordsDefining } from '@kalint/model';
import { CompletionItemKind, CompletionItemTag, InsertTextFormat, type CompletionItem, type CompletionParams } from 'vscode-languageserver';
import { cursorContext } from './context.js';
import { argumentValues, keywordMarkdown } from './describe.js';
import type { Session } from './session.js';

export function completion(session: Session, params: CompletionParams, snippets: boolean): CompletionItem[] {
  const document = session.documents.get(params.textDocument.uri);
  if (!document) return [];
  const text = document.getText();
  const context = cursorContext(text, document.offsetAt(params.position));
  if (context.block === null) return [];
  const typed = context.inWord ? context.words.length - 1 : context.words.length;
  if (context.blockKind === 'values') {
    const kind = schema.get(context.block)?.items?.references;
    return typed === 0 && kind ? definitionNames(session, params.textDocument.uri, text, kind) : [];
  }
  if (typed === 0) {
    return schema
      .childrenOf(context.block)
      .filter((spec) => spec.until === undefined)
      .map((spec) => keywordItem(spec, snippets));
  }
  const spec = context.spec;
  if (!spec) return [];
  // The argument being typed: after an option word, that option's value; else by position.
  const previous = context.words[typed - 1]!.text;
  const options = spec.args.options ?? {};
  const optionValue = typed > 1 && Object.hasOwn(options, previous) ? options[previous] : undefined;
  const arg = optionValue ?? spec.args.positional[typed - 1] ?? spec.args.rest;
  const items: CompletionItem[] = [];
  if (arg?.values) {
    for (const value of arg.values) items.push({ label: value, kind: CompletionItemKind.EnumMember, detail: arg.name });
  }
  if (arg?.references) for (const item of definitionNames(session, params.textDocument.uri, text, arg.references)) items.push(item);
  if (!optionValue && typed > spec.args.positional.filter((a) => !a.optional).length) {
    for (const [word, value] of Object.entries(options)) {
      items.push({ label: word, kind: CompletionItemKind.Property, detail: value ? `${word} ${value.name}: ${argumentValues(value)}` : spec.args.syntax });
    }
  }
  return items;
}

function keywordItem(spec: KeywordSpec, snippets: boolean): CompletionItem {
  const item: CompletionItem = {
    label: spec.name,
    kind: spec.block ? CompletionItemKind.Module : CompletionItemKind.Keyword,
    detail: spec.args.syntax,
    documentation: { kind: 'markdown', value: keywordMarkdown(spec) },
  };
  if (spec.deprecated) item.tags = [CompletionItemTag.Deprecated];
  if (spec.block && snippets) {
    const placeholders = spec.args.positional.filter((a) => !a.optional).map((a, i) => ` \${${i + 1}:${a.name}}`);
    item.insertText = `${spec.name}${placeholders.join('')} {\n\t$0\n}`;
    item.insertTextFormat = InsertTextFormat.Snippet;
  }
  return item;
}

/**
 * Names of the `kind` blocks defined in the document (by any keyword defining that kind: a
 * `vrrp_track_file` is a `track_file`): read from its text (cheap, and current) plus those of
 * included files from its latest parse.
 */
function definitionNames(session: Session, uri: string, text: string, kind: string): CompletionItem[] {
  const names = new Set<string>();
  const keywords = keywordsDefining(kind);
  const pattern = new RegExp(`^[ \\t]*(?:@\\^?\\S+[ \\t]+)?(?:${(keywords.length > 0 ? keywords : [kind]).join('|')})[ \\t]+("[^"\\n]*"|[^\\s{#!]+)`, 'gm');
  for (const match of text.matchAll(pattern)) names.add(match[1]!.replace(/^"|"$/g, ''));
  const parsed = session.lastParsed(uri);
  if (parsed) for (const d of parsed.node.names.definitions) if (d.kind === kind && d.word.file !== parsed.path) names.add(d.name);
  return [...names].map((name) => ({ label: name, kind: CompletionItemKind.Reference, detail: kind }));
}
