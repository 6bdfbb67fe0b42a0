/**
 * The one name index: which blocks define a name (`vrrp_script chk_nginx { ... }`), which words
 * refer to one (`track_script { chk_nginx }`, `virtual_server group NAME`, sync group members),
 * and which keywords are other names of the same kind of definition (`vrrp_track_file` is the
 * older name of `track_file`: the schema's `deprecated.replacement`). The linter's reference rules
 * and the language server's definition, references, rename and hover all ask here.
 */
import { schema, type KeywordSpec } from '@kalint/grammar';
import type { Statement, Word } from '@kalint/parser';
import type { FileIndex } from './file-index.js';
import { childValues } from './tree.js';

/** A block defining a name: a top-level block named by its first argument. */
export interface NameDefinition {
  /** The kind of definition: the keyword, or the keyword it is another name of (`track_file` for `vrrp_track_file`). */
  kind: string;
  name: string;
  statement: Statement;
  word: Word;
  /** Its place among the file's known statements, in read order. */
  order: number;
}

/** A word that names a definition. */
export interface NameReference {
  kind: string;
  word: Word;
  /** The line holding the word (the value block, for items). */
  statement: Statement;
  /** Its place among the file's known statements, in read order. */
  order: number;
  /** keepalived looks the name up while it reads, so the definition must come first. */
  definedBefore: boolean;
  /** What the place is called in messages (`track_script item`). */
  what: string;
}

/** The kind a top-level keyword defines: itself, or what it is another name of. */
export function definitionKind(spec: Pick<KeywordSpec, 'path' | 'deprecated'>): string {
  return spec.deprecated?.replacement ?? spec.path;
}

/** The keywords that define a kind (`track_file`: `track_file` and `vrrp_track_file`). */
export function keywordsDefining(kind: string): string[] {
  return schema.keywords.filter((k) => k.parent === 'root' && k.block !== null && definitionKind(k) === kind).map((k) => k.path);
}

/** Value-block path -> what its items name (from the schema). */
const VALUE_REFERENCES: ReadonlyMap<string, { kind: string; definedBefore: boolean; what: string }> = new Map(
  schema.keywords.flatMap((k) => (k.items ? [[k.path, { kind: k.items.references, definedBefore: k.items.definedBefore, what: k.items.name }] as const] : [])),
);

/** Argument words that the schema says name a definition (positional, or after an option word). */
export function argumentReferences(statement: Statement, spec: KeywordSpec): Array<{ kind: string; word: Word }> {
  const found: Array<{ kind: string; word: Word }> = [];
  const options = spec.args.options ?? {};
  let sawOption = false;
  statement.args.forEach((word, i) => {
    if (Object.hasOwn(options, word.text)) {
      sawOption = true;
      const option = options[word.text];
      const value = statement.args[i + 1];
      if (option?.references && value) found.push({ kind: option.references, word: value });
      return;
    }
    const positional = spec.args.positional[i];
    if (!sawOption && positional?.references) found.push({ kind: positional.references, word });
  });
  return found;
}

/** Definitions and references of one configuration, in read order. */
export class NameIndex {
  readonly definitions: NameDefinition[] = [];
  readonly references: NameReference[] = [];
  private byKind: Map<string, Map<string, NameDefinition[]>> | undefined;

  constructor(index: FileIndex) {
    const known = index.known;
    for (let order = 0; order < known.length; order++) {
      const statement = known[order]!;
      const spec = statement.spec!;
      if (spec.parent === 'root' && statement.block && statement.args[0]) {
        this.definitions.push({ kind: definitionKind(spec), name: statement.args[0].text, statement, word: statement.args[0], order });
      }
      const items = VALUE_REFERENCES.get(statement.path!);
      if (items) {
        for (const value of childValues(statement)) {
          const word = value.words[0];
          if (word) this.references.push({ kind: items.kind, word, statement, order, definedBefore: items.definedBefore, what: items.what });
        }
      }
      for (const { kind, word } of argumentReferences(statement, spec)) {
        this.references.push({ kind, word, statement, order, definedBefore: false, what: `${statement.keyword.text} ${kind === 'virtual_server_group' ? 'group' : 'name'}` });
      }
    }
  }

  /** Every definition of `name` of a kind, in read order. */
  definitionsOf(kind: string, name: string): readonly NameDefinition[] {
    if (!this.byKind) {
      this.byKind = new Map();
      for (const d of this.definitions) {
        let names = this.byKind.get(d.kind);
        if (!names) this.byKind.set(d.kind, (names = new Map()));
        const list = names.get(d.name);
        if (list) list.push(d);
        else names.set(d.name, [d]);
      }
    }
    return this.byKind.get(kind)?.get(name) ?? [];
  }

  /** The definition keepalived uses for a name: the first (later ones of the same name are duplicates). */
  definition(kind: string, name: string): NameDefinition | undefined {
    return this.definitionsOf(kind, name)[0];
  }

  /** The references to a kind and name. */
  referencesTo(kind: string, name: string): NameReference[] {
    return this.references.filter((r) => r.kind === kind && r.word.text === name);
  }
}
