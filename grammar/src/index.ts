/**
 * The keepalived keyword schema: the single source of keyword knowledge for the parser, the linter,
 * completion, hover and the TextMate grammar.
 */
import data from '../keywords.json' with { type: 'json' };
import type { KeywordSpec, RemovedKeyword, SchemaData } from './types.js';

export type * from './types.js';

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
    this.keywords = schemaData.keywords;
    this.removed = schemaData.removed;
    for (const keyword of schemaData.keywords) {
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

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** The schema shipped with kalint. */
export const schema = new Schema(data as SchemaData);
