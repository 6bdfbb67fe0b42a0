/**
 * An index of a parsed configuration, built once by its node model (node.ts) and shared by
 * everything that asks about the file, so nothing walks the whole tree again. Everything is in
 * document (read) order.
 */
import type { ConfigFile, Statement } from '@kalint/parser';

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
}

/** Index a parsed tree (the node model keeps the one it builds). */
export function indexFile(ast: ConfigFile): FileIndex {
  return new Index(ast);
}
