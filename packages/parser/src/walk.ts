/** Helpers to traverse the AST without recursion (configs may nest very deeply). */
import type { ConfigFile, Node, Statement } from './ast.js';

/**
 * Every node of the tree in document order, depth first. `descend` decides whether to go into a
 * node's block (default: always).
 */
export function* walk(root: ConfigFile, descend: (node: Node) => boolean = () => true): Generator<Node> {
  const stack: Node[][] = [root.body];
  const index: number[] = [0];
  while (stack.length > 0) {
    const body = stack[stack.length - 1]!;
    const i = index[index.length - 1]!;
    if (i >= body.length) {
      stack.pop();
      index.pop();
      continue;
    }
    index[index.length - 1] = i + 1;
    const node = body[i]!;
    yield node;
    const children = node.type === 'Statement' ? node.block?.body : node.type === 'Block' ? node.body : undefined;
    if (children && children.length > 0 && descend(node)) {
      stack.push(children);
      index.push(0);
    }
  }
}

/**
 * Every node of `body` in document order, depth first, with a context carried down the tree:
 * `inner(node, context)` gives the context of the node's children, or `undefined` not to go into
 * them. Without recursion, as `walk`.
 */
export function* walkWithin<C>(body: readonly Node[], context: C, inner: (node: Node, context: C) => C | undefined): Generator<[Node, C]> {
  const levels: Array<{ nodes: readonly Node[]; at: number; context: C }> = [{ nodes: body, at: 0, context }];
  while (levels.length > 0) {
    const top = levels[levels.length - 1]!;
    const node = top.nodes[top.at++];
    if (node === undefined) {
      levels.pop();
      continue;
    }
    yield [node, top.context];
    const children = node.type === 'Statement' ? node.block?.body : node.type === 'Block' ? node.body : undefined;
    if (children === undefined || children.length === 0) continue;
    const below = inner(node, top.context);
    if (below !== undefined) levels.push({ nodes: children, at: 0, context: below });
  }
}

/** Every statement of the tree, depth first. */
export function* statements(root: ConfigFile): Generator<Statement> {
  for (const node of walk(root)) if (node.type === 'Statement') yield node;
}

/** Statements whose schema path is `path` (e.g. `virtual_server/real_server`). */
export function findStatements(root: ConfigFile, path: string): Statement[] {
  const found: Statement[] = [];
  for (const statement of statements(root)) if (statement.path === path) found.push(statement);
  return found;
}
