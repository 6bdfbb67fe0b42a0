/**
 * Rename a definition (`vrrp_script`, `vrrp_instance`, ... names) with every reference to it, in
 * the document and the files it includes. Peers are left alone: an HA peer is another machine's
 * configuration, read by another keepalived; its names are its own, and kalint pairs instances by
 * VRID and VIPs as well as by name, so the peer checks then show where the two nodes differ.
 */
import type { Word } from '@kalint/parser';
import { ResponseError, ErrorCodes, type PrepareRenameParams, type Range, type RenameParams, type WorkspaceEdit, type TextEdit } from 'vscode-languageserver';
import { lspRange } from './edge.js';
import { nameAt } from './navigation.js';
import type { Session } from './session.js';

/** A name keepalived reads as one word. */
const NAME = /^[^\s{}#!"]+$/;

export function prepareRename(session: Session, params: PrepareRenameParams): { range: Range; placeholder: string } | null {
  const parsed = session.parsed(params.textDocument.uri);
  const name = parsed && nameAt(parsed, params.position);
  if (!name) return null;
  const words = wordsOf(name);
  if (words.some((w) => w.expansion)) throw new ResponseError(ErrorCodes.InvalidRequest, `'${name.name}' is written through a $definition or ~SEQ here; rename it there.`);
  const word = words.find((w) => w.file === parsed.path && w.range.start.line === params.position.line && w.range.start.character <= params.position.character && params.position.character <= w.range.end.character)!;
  return { range: lspRange(word.range), placeholder: name.name };
}

export function rename(session: Session, params: RenameParams, uriOf: (path: string) => string): WorkspaceEdit | null {
  const parsed = session.parsed(params.textDocument.uri);
  const name = parsed && nameAt(parsed, params.position);
  if (!name) return null;
  if (!NAME.test(params.newName)) throw new ResponseError(ErrorCodes.InvalidParams, `'${params.newName}' is not a single word keepalived can read as a name.`);
  const changes: Record<string, TextEdit[]> = {};
  const seen = new Set<string>();
  for (const word of wordsOf(name)) {
    if (word.expansion) continue;
    const key = `${word.file}:${word.range.start.offset}`;
    if (seen.has(key)) continue;
    seen.add(key);
    (changes[uriOf(word.file)] ??= []).push({ range: lspRange(word.range), newText: word.quoted ? `"${params.newName}"` : params.newName });
  }
  return { changes };
}

function wordsOf(name: NonNullable<ReturnType<typeof nameAt>>): Word[] {
  return [...name.definitions.map((d) => d.word), ...name.references];
}
