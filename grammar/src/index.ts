/**
 * The keepalived keyword schema: the single source of keyword knowledge for the parser, the linter,
 * completion, hover and the TextMate grammar.
 */
import data from '../keywords.json' with { type: 'json' };
import type { ArgSpec, ArgsSpec, KeywordSpec, RemovedKeyword, SchemaData } from './types.js';

export type * from './types.js';
export { argSpecAt, compareVersions, parseVersion, type ArgSpecAt } from './version.js';

/** Path of the top level of a config. */
export const ROOT = 'root';

/** Read-only view of the schema with the look-ups every consumer needs. */
export class Schema {
  /** The newest keepalived release the schema describes. */
  readonly version: string;
  readonly keywords: readonly KeywordSpec[];
  readonly removed: readonly RemovedKeyword[];
  private readonly byPath = new Map<string, KeywordSpec>();
  private readonly byName = new Map<string, KeywordSpec[]>();
  private readonly children = new Map<string, KeywordSpec[]>();
  /** Per block path, its keywords by name: the parser's look-up for every statement. */
  private readonly childByName = new Map<string, Map<string, KeywordSpec>>();
  private readonly removedByPath = new Map<string, RemovedKeyword>();

  constructor(schemaData: SchemaData) {
    this.version = schemaData.version;
    this.keywords = schemaData.keywords.map(uniform);
    this.removed = schemaData.removed;
    for (const keyword of this.keywords) {
      this.byPath.set(keyword.path, keyword);
      push(this.byName, keyword.name, keyword);
      push(this.children, keyword.parent, keyword);
      let named = this.childByName.get(keyword.parent);
      if (!named) this.childByName.set(keyword.parent, (named = new Map()));
      named.set(keyword.name, keyword);
    }
    for (const removed of schemaData.removed) this.removedByPath.set(removed.path, removed);
  }

  /** The keyword at a full path such as `vrrp_instance/priority`. */
  get(path: string): KeywordSpec | undefined {
    return this.byPath.get(path);
  }

  /** The keyword `name` as a child of the block at `parentPath` (`root` for the top level). */
  child(parentPath: string, name: string): KeywordSpec | undefined {
    return this.childByName.get(parentPath)?.get(name);
  }

  /** Every keyword valid directly inside the block at `parentPath`. */
  childrenOf(parentPath: string): readonly KeywordSpec[] {
    return this.children.get(parentPath) ?? [];
  }

  /** Every place a keyword of this name is valid. */
  named(name: string): readonly KeywordSpec[] {
    return this.byName.get(name) ?? [];
  }

  /** A keyword keepalived no longer accepts at this place, if `name` was one. */
  removedChild(parentPath: string, name: string): RemovedKeyword | undefined {
    return this.removedByPath.get(parentPath === ROOT ? name : `${parentPath}/${name}`);
  }
}

/**
 * The keyword with every field present (optional ones `undefined`) in one order, and so for its
 * argument specs. JSON objects get a hidden class per set of keys; the parser and the rules read
 * specs of every kind at the same places, hundreds of thousands of times on a large config, and
 * reads that meet one shape there instead of dozens are several times faster.
 */
function uniform(k: KeywordSpec): KeywordSpec {
  return {
    path: k.path,
    name: k.name,
    parent: k.parent,
    block: k.block,
    args: uniformArgs(k.args),
    repeatable: k.repeatable,
    description: k.description,
    deprecated: k.deprecated,
    items: k.items,
    command: k.command,
    since: k.since,
    until: k.until,
    in227: k.in227,
    buildConditions: k.buildConditions,
    source: k.source,
  } as KeywordSpec;
}

function uniformArgs(a: ArgsSpec): ArgsSpec {
  let options: ArgsSpec['options'];
  if (a.options) {
    options = {};
    for (const [word, spec] of Object.entries(a.options)) options[word] = spec && uniformArg(spec);
  }
  return {
    min: a.min,
    max: a.max,
    positional: a.positional.map(uniformArg),
    options,
    rest: a.rest && uniformArg(a.rest),
    optionsSince: a.optionsSince,
    syntax: a.syntax,
  } as ArgsSpec;
}

function uniformArg(a: ArgSpec): ArgSpec {
  return {
    name: a.name,
    kind: a.kind,
    min: a.min,
    max: a.max,
    places: a.places,
    values: a.values,
    caseInsensitive: a.caseInsensitive,
    optional: a.optional,
    references: a.references,
    since: a.since,
    older: a.older,
    multicast: a.multicast,
    onInvalid: a.onInvalid,
    zeroBecomes: a.zeroBecomes,
    leadingNumber: a.leadingNumber,
    namedValues: a.namedValues,
    pattern: a.pattern,
    patternName: a.patternName,
  } as ArgSpec;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** The schema shipped with kalint. */
export const schema = new Schema(data as SchemaData);

/** Whether two argument specs take the same words (names of placeholders aside). */
export function sameArgs(a: KeywordSpec['args'], b: KeywordSpec['args']): boolean {
  const strip = (s: ArgSpec | null | undefined) => (s ? { ...s, name: '' } : s);
  const norm = (x: KeywordSpec['args']) =>
    JSON.stringify({
      min: x.min,
      max: x.max,
      positional: x.positional.map(strip),
      options: x.options ? Object.fromEntries(Object.entries(x.options).map(([k, v]) => [k, strip(v)])) : undefined,
      rest: strip(x.rest),
    });
  return norm(a) === norm(b);
}
