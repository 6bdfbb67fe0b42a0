/**
 * Go to definition and find references: `track_script` items <-> `vrrp_script`, sync group
 * members <-> `vrrp_instance`, `virtual_server group NAME` <-> `virtual_server_group`,
 * `track_file` items <-> `track_file` or its older name `vrrp_track_file` (every name the model's
 * name index knows), and `include` -> the files it reads. Names resolve within the document and
 * the files it includes: one keepalived process's configuration.
 */
import type { NameDefinition } from '@kalint/model';
import type { Word } from '@kalint/parser';
import type { DefinitionParams, Location, Position, ReferenceParams } from 'vscode-languageserver';
import { contains, lspRange } from './edge.js';
import type { Parsed, Session } from './session.js';

/** The name under the cursor: its kind and text, and every word naming it. */
export interface NameAt {
  /** The kind of definition (`track_file` for a `vrrp_track_file` too). */
  kind: string;
  name: string;
  definitions: readonly NameDefinition[];
  /** References, definitions' name words excluded. */
  references: Word[];
}

/** The definition or reference at `position` of the parsed document. */
export function nameAt(parsed: Parsed, position: Position): NameAt | undefined {
  const names = parsed.node.names;
  const here = (w: Word) => w.file === parsed.path && contains(w.range, position);
  const at = names.definitions.find((d) => here(d.word)) ?? names.references.find((r) => here(r.word));
  if (!at) return undefined;
  const name = at.word.text;
  return {
    kind: at.kind,
    name,
    definitions: names.definitionsOf(at.kind, name),
    references: names.referencesTo(at.kind, name).map((r) => r.word),
  };
}

export function definition(session: Session, params: DefinitionParams, uriOf: (path: string) => string): Location[] {
  const parsed = session.parsed(params.textDocument.uri);
  if (!parsed) return [];
  const include = parsed.ast.includes.find((i) => i.file === parsed.path && contains(i.range, params.position));
  if (include) return include.files.map((file) => ({ uri: uriOf(file), range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } }));
  const name = nameAt(parsed, params.position);
  if (!name) return [];
  return name.definitions.map((d) => ({ uri: uriOf(d.word.file), range: lspRange(d.word.range) }));
}

export function references(session: Session, params: ReferenceParams, uriOf: (path: string) => string): Location[] {
  const parsed = session.parsed(params.textDocument.uri);
  if (!parsed) return [];
  const name = nameAt(parsed, params.position);
  if (!name) return [];
  const words = [...(params.context.includeDeclaration ? name.definitions.map((d) => d.word) : []), ...name.references];
  const seen = new Set<string>();
  return words
    .filter((w) => {
      const key = `${w.file}:${w.range.start.offset}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .map((w) => ({ uri: uriOf(w.file), range: lspRange(w.range) }));
}
