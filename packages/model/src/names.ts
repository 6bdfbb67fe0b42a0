/**
 * The one name index: which blocks define a name (`vrrp_script chk_nginx { ... }`), which words
 * refer to one (`track_script { chk_nginx }`, `virtual_server group NAME`, sync group members,
 * `lvs_sync_daemon IF INSTANCE`), and which keywords are other names of the same kind of
 * definition (`vrrp_track_file` is the older name of `track_file`: the schema's
 * `deprecated.replacement`). What refers to what comes from the schema (`ArgSpec.references`,
 * `KeywordSpec.items`); what keepalived does when it looks a name up is worked out here
 * (`resolve`). The linter's reference rules and the language server's definition, references,
 * rename and hover all ask here.
 */
import { schema, type KeywordSpec } from '@kalint/grammar';
import type { Statement, Word } from '@kalint/parser';
import type { FileIndex } from './file-index.js';
import { childValues, knownChildren } from './tree.js';

/** A block defining a name: a top-level block named by its first argument. */
export interface NameDefinition {
  /** The kind of definition: the keyword, or the keyword it is another name of (`track_file` for `vrrp_track_file`). */
  kind: string;
  name: string;
  statement: Statement;
  word: Word;
  /** Its place among the file's known statements, in read order. */
  order: number;
  /**
   * keepalived removes the definition as soon as it has read it, so no reference finds it: a
   * `vrrp_script` without a `script` line (vrrp_parser.c `vrrp_vscript_end_handler`).
   */
  dropped: boolean;
}

/**
 * When keepalived looks a name up: while it reads the configuration; when its VRRP process starts
 * (`lvs_sync_daemon`'s instance: vrrp.c `vrrp_complete_init`, which `keepalived -t` does not
 * reach); or never (the VRRP process runs only with VRRP configuration: main.c `running_vrrp`).
 */
export type Lookup = 'reading' | 'starting' | 'never';

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
  /**
   * What the place is called in messages: the item name for items (`track script`), the keyword
   * for an argument (`lvs_sync_daemon`), with the option word before the name when there is one
   * (`virtual_server group`).
   */
  what: string;
  lookup: Lookup;
}

/** What keepalived finds when it looks a reference up. */
export type Resolution =
  /** The definition it uses: the first of the name that it keeps. */
  | { status: 'found'; definition: NameDefinition }
  /** No definition of the name and kind. */
  | { status: 'missing' }
  /** Defined, but only after the line that names it, and keepalived looks it up while reading that line. `definition` is the first. */
  | { status: 'later'; definition: NameDefinition }
  /** Every definition of the name is one keepalived removes (`NameDefinition.dropped`). `definition` is the first. */
  | { status: 'dropped'; definition: NameDefinition }
  /** keepalived never looks the name up (`Lookup` `never`). */
  | { status: 'not-looked-up' };

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

/** Every kind some place can name (from the schema). */
const REFERENCED_KINDS: ReadonlySet<string> = new Set(
  schema.keywords.flatMap((k) => [
    ...(k.items ? [k.items.references] : []),
    ...k.args.positional.flatMap((a) => (a.references ? [a.references] : [])),
    ...Object.values(k.args.options ?? {}).flatMap((o) => (o?.references ? [o.references] : [])),
  ]),
);

/**
 * Whether keepalived does anything with a definition of `kind` that nothing names. An instance runs
 * by itself; a tracked object (script, file, process, BFD instance) only acts on what tracks it
 * (vrrp.c `vrrp_complete_init` even removes an unused vrrp_script: "script is not used"), and a
 * virtual_server_group only serves through a `virtual_server group NAME`.
 */
export function actsUnnamed(kind: string): boolean {
  return kind === 'vrrp_instance' || !REFERENCED_KINDS.has(kind);
}

/** A keyword whose argument names a definition that keepalived looks up only when its VRRP process starts. */
const LOOKED_UP_AT_START: ReadonlySet<string> = new Set(['global_defs/lvs_sync_daemon']);

/** An argument word that the schema says names a definition; `option` is the option word it follows, if any. */
export interface ArgumentReference {
  kind: string;
  word: Word;
  option?: Word;
}

/** Argument words that the schema says name a definition (positional, or after an option word). */
export function argumentReferences(statement: Statement, spec: KeywordSpec): ArgumentReference[] {
  const found: ArgumentReference[] = [];
  const options = spec.args.options ?? {};
  let sawOption = false;
  statement.args.forEach((word, i) => {
    if (Object.hasOwn(options, word.text)) {
      sawOption = true;
      const option = options[word.text];
      const value = statement.args[i + 1];
      if (option?.references && value) found.push({ kind: option.references, word: value, option: word });
      return;
    }
    // A positional after an option word belongs to the option.
    const positional = spec.args.positional[i];
    if (!sawOption && positional?.references) found.push({ kind: positional.references, word });
  });
  return found;
}

/** Whether any argument of a keyword can name a definition (most cannot), per spec. */
const referencing = new WeakMap<KeywordSpec, boolean>();
function hasArgumentReferences(spec: KeywordSpec): boolean {
  let found = referencing.get(spec);
  if (found === undefined) {
    found = spec.args.positional.some((arg) => arg.references) || Object.values(spec.args.options ?? {}).some((option) => option?.references);
    referencing.set(spec, found);
  }
  return found;
}

/** Definitions and references of one configuration, in read order. */
export class NameIndex {
  readonly definitions: NameDefinition[] = [];
  readonly references: NameReference[] = [];
  private byKind: Map<string, Map<string, NameDefinition[]>> | undefined;
  private referenced: Map<string, Set<string>> | undefined;

  constructor(index: FileIndex) {
    const known = index.known;
    // Without VRRP configuration keepalived runs no VRRP process to look anything up at its start.
    const vrrp = (index.topLevel.get('vrrp_instance') ?? []).length > 0;
    for (let order = 0; order < known.length; order++) {
      const statement = known[order]!;
      const spec = statement.spec!;
      if (spec.parent === 'root' && statement.block && statement.args[0]) {
        const kind = definitionKind(spec);
        const dropped = kind === 'vrrp_script' && !knownChildren(statement).some((c) => c.path === 'vrrp_script/script');
        this.definitions.push({ kind, name: statement.args[0].text, statement, word: statement.args[0], order, dropped });
      }
      const items = VALUE_REFERENCES.get(statement.path!);
      if (items) {
        for (const value of childValues(statement)) {
          const word = value.words[0];
          if (word) this.references.push({ kind: items.kind, word, statement, order, definedBefore: items.definedBefore, what: items.what, lookup: 'reading' });
        }
      }
      if (!hasArgumentReferences(spec)) continue;
      const lookup: Lookup = LOOKED_UP_AT_START.has(spec.path) ? (vrrp ? 'starting' : 'never') : 'reading';
      for (const { kind, word, option } of argumentReferences(statement, spec)) {
        const what = option ? `${statement.keyword.text} ${option.text}` : statement.keyword.text;
        this.references.push({ kind, word, statement, order, definedBefore: false, what, lookup });
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

  /** What keepalived finds when it looks `reference` up. */
  resolve(reference: NameReference): Resolution {
    if (reference.lookup === 'never') return { status: 'not-looked-up' };
    const found = this.definitionsOf(reference.kind, reference.word.text);
    if (found.length === 0) return { status: 'missing' };
    const first = found[0]!;
    if (reference.definedBefore && !found.some((d) => d.order < reference.order)) return { status: 'later', definition: first };
    if (found.every((d) => d.dropped)) return { status: 'dropped', definition: first };
    return { status: 'found', definition: found.find((d) => !d.dropped)! };
  }

  /** Whether any reference names the definition (looked up or not). */
  isReferenced(definition: NameDefinition): boolean {
    if (!this.referenced) {
      this.referenced = new Map();
      for (const r of this.references) {
        let names = this.referenced.get(r.kind);
        if (!names) this.referenced.set(r.kind, (names = new Set()));
        names.add(r.word.text);
      }
    }
    return this.referenced.get(definition.kind)?.has(definition.name) ?? false;
  }

  /** Definitions that do nothing because nothing names them (see `actsUnnamed`), in read order. */
  unused(): NameDefinition[] {
    return this.definitions.filter((d) => !actsUnnamed(d.kind) && !this.isReferenced(d));
  }
}
