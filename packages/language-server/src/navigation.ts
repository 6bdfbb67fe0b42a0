/**
 * Go to definition and find references: `track_script` items <-> `vrrp_script`, sync group
 * members <-> `vrrp_instance`, `virtual_server group NAME` <-> `virtual_server_group` (and every
 * other name the schema or `VALUE_REFERENCES` marks), and `include` -> the files it reads. Names
 * resolve within the document and the files it includes: one keepalived process's configuration.
 */
import type { Word } from '@kalint/parser';
import type { DefinitionParams, Location, Position, ReferenceParams } from 'vscode-languageserver';
import { contains, lspRange } from './edge.js';
import type { Definition } from './references.js';
import type { Parsed, Session } from './session.js';

/** The name under the cursor: its kind and text, and every word naming it. */
export interface NameAt {
  kind: string;
  name: string;
  definitions: Definition[];
  /** References, definitions' name words excluded. */
  references: Word[];
}

/** The definition or reference at `position` of the parsed document. */
export function nameAt(parsed: Parsed, position: Position): NameAt | undefined {
  const { definitions, references } = parsed.names();
  const here = (w: Word) => w.file === parsed.path && contains(w.range, position);
  const at = definitions.find((d) => here(d.word)) ?? references.find((r) => here(r.word));
  if (!at) return undefined;
  const name = at.word.text;
  return {
    kind: at.kind,
    name,
    definitions: definitions.filter((d) => d.kind === at.kind && d.name === name),
    references: references.filter((r) => r.kind === at.kind && r.word.text === name).map((r) => r.word),
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
