// TRANSITIONAL: removed once every rule reads the model (@kalint/model).
/**
 * A per-file index of the parsed tree, built once (on first use) and shared by every rule of a run,
 * so rules query lists instead of each walking the whole tree again.
 *
 * The index is keyed by the parsed tree (`ConfigFile`), which rules treat as read-only; a new parse
 * gives a new tree and so a new index. Everything is in document (read) order.
 */
import type { ConfigFile, Statement, Value, Word } from '@kalint/parser';
import type { ProjectFile } from './project.js';

/** Path of the top level, as the schema names it. */
const ROOT_PATH = 'root';

/** Where a statement stands: one object per block, shared by the statements directly inside it. */
export interface Scope {
  /** Schema path of the block (`root` at the top level). */
  parentPath: string;
  /** The statement owning the block (`undefined` at the top level). */
  owner: Statement | undefined;
  /** Enclosing statements, outermost first. */
  ancestors: readonly Statement[];
}

export interface IndexedStatement extends Scope {
  statement: Statement;
}

export interface FileIndex {
  /**
   * Every statement whose enclosing block is known to the schema, known or not, in document order:
   * contents of unknown blocks and of stray `{ }` are left out.
   */
  readonly statements: readonly Statement[];
  /**
   * The scope of each of `statements`, at the same index. (Two parallel lists rather than one
   * object per statement: on a large config those objects were most of the index's cost.)
   */
  readonly scopes: readonly Scope[];
  /** The indexed statements keepalived does not know at their place (`path === null`), with their scopes. */
  readonly unknown: readonly IndexedStatement[];
  /** The indexed statements that keepalived knows at their place (`knownStatements`). */
  readonly known: readonly Statement[];
  /** Known statements by schema path. */
  readonly byPath: ReadonlyMap<string, readonly Statement[]>;
  /** Top-level statements by schema path (unknown ones left out). */
  readonly topLevel: ReadonlyMap<string, readonly Statement[]>;
  /** The last `global_defs/<name>` statement by name (keepalived keeps the last setting). */
  globalSetting(name: string): Statement | undefined;
  /** Sync groups in order, with the member words of their `group { }` blocks. */
  readonly syncGroups: ReadonlyArray<SyncGroup>;
  /** The sync group keepalived puts an instance in (the first that lists it), by instance name. */
  readonly syncGroupByMember: ReadonlyMap<string, SyncGroup>;
}

export interface SyncGroup {
  statement: Statement;
  members: Word[];
  trackingWeight: boolean;
}

const EMPTY: readonly Statement[] = Object.freeze([]);

class Index implements FileIndex {
  readonly statements: Statement[] = [];
  readonly scopes: Scope[] = [];
  readonly unknown: IndexedStatement[] = [];
  readonly known: Statement[] = [];
  private pathMap: Map<string, Statement[]> | undefined;
  private topMap: Map<string, Statement[]> | undefined;
  private globals: Map<string, Statement> | undefined;
  private groups: SyncGroup[] | undefined;
  private groupByMember: Map<string, SyncGroup> | undefined;

  constructor(private readonly ast: ConfigFile) {
    // Iterative depth-first walk in document order (configs may nest very deeply).
    interface Frame {
      body: ConfigFile['body'];
      index: number;
      scope: Scope;
    }
    const stack: Frame[] = [{ body: ast.body, index: 0, scope: { parentPath: ROOT_PATH, owner: undefined, ancestors: [] } }];
    while (stack.length > 0) {
      const frame = stack[stack.length - 1]!;
      if (frame.index >= frame.body.length) {
        stack.pop();
        continue;
      }
      const node = frame.body[frame.index++]!;
      if (node.type !== 'Statement') continue;
      const scope = frame.scope;
      this.statements.push(node);
      this.scopes.push(scope);
      if (node.path === null) {
        this.unknown.push({ statement: node, ...scope });
        continue;
      }
      this.known.push(node);
      const block = node.block;
      if (block && block.kind === 'keywords') {
        stack.push({ body: block.body, index: 0, scope: { parentPath: block.path ?? node.path, owner: node, ancestors: [...scope.ancestors, node] } });
      }
    }
  }

  get byPath(): ReadonlyMap<string, readonly Statement[]> {
    if (!this.pathMap) {
      this.pathMap = new Map();
      for (const statement of this.known) {
        const list = this.pathMap.get(statement.path!);
        if (list) list.push(statement);
        else this.pathMap.set(statement.path!, [statement]);
      }
    }
    return this.pathMap;
  }

  get topLevel(): ReadonlyMap<string, readonly Statement[]> {
    if (!this.topMap) {
      this.topMap = new Map();
      for (const node of this.ast.body) {
        if (node.type !== 'Statement' || node.path === null) continue;
        const list = this.topMap.get(node.path);
        if (list) list.push(node);
        else this.topMap.set(node.path, [node]);
      }
    }
    return this.topMap;
  }

  globalSetting(name: string): Statement | undefined {
    if (!this.globals) {
      this.globals = new Map();
      for (const defs of this.topLevel.get('global_defs') ?? EMPTY) {
        if (!defs.block || defs.block.kind === 'unknown') continue;
        for (const node of defs.block.body) {
          if (node.type !== 'Statement' || node.path === null) continue;
          // `global_defs/<name>`: the last one wins.
          if (node.path.startsWith('global_defs/')) this.globals.set(node.path.slice('global_defs/'.length), node);
        }
      }
    }
    return this.globals.get(name);
  }

  get syncGroups(): ReadonlyArray<SyncGroup> {
    if (!this.groups) {
      this.groups = (this.topLevel.get('vrrp_sync_group') ?? EMPTY).map((statement) => {
        const children = knownChildren(statement);
        const members: Word[] = [];
        let trackingWeight = false;
        for (const child of children) {
          if (child.path === 'vrrp_sync_group/group') {
            for (const value of values(child)) for (const word of value.words) members.push(word);
          } else if (child.path === 'vrrp_sync_group/sync_group_tracking_weight') {
            trackingWeight = true;
          }
        }
        return { statement, members, trackingWeight };
      });
    }
    return this.groups;
  }

  get syncGroupByMember(): ReadonlyMap<string, SyncGroup> {
    if (!this.groupByMember) {
      this.groupByMember = new Map();
      for (const group of this.syncGroups) {
        for (const member of group.members) if (!this.groupByMember.has(member.text)) this.groupByMember.set(member.text, group);
      }
    }
    return this.groupByMember;
  }
}

function knownChildren(statement: Statement): Statement[] {
  if (!statement.block || statement.block.kind === 'unknown') return [];
  return statement.block.body.filter((n): n is Statement => n.type === 'Statement' && n.path !== null);
}

function values(statement: Statement): Value[] {
  if (!statement.block || statement.block.kind !== 'values') return [];
  return statement.block.body.filter((n): n is Value => n.type === 'Value');
}

const indexes = new WeakMap<ConfigFile, Index>();

/** The index of a parsed tree (built on first use). */
export function astIndex(ast: ConfigFile): FileIndex {
  let index = indexes.get(ast);
  if (!index) {
    index = new Index(ast);
    indexes.set(ast, index);
  }
  return index;
}

/** The index of a project file's tree (built on first use, then shared by every rule). */
export function fileIndex(file: ProjectFile): FileIndex {
  return astIndex(file.ast);
}
