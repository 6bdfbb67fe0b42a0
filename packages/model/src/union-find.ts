/**
 * Disjoint sets over the numbers `0..size-1`: peer grouping joins the nodes (and a parallel lint
 * the files) that share a key, in time linear in what is joined.
 */
export class UnionFind {
  private readonly parent: Int32Array;

  constructor(size: number) {
    this.parent = Int32Array.from({ length: size }, (_, i) => i);
  }

  /** The representative of `i`'s set (halving paths on the way). */
  find(i: number): number {
    const parent = this.parent;
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  }

  /** Put `a` and `b` in one set. */
  union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent[Math.max(ra, rb)] = Math.min(ra, rb);
  }

  /** Every set, its members ascending, the sets in the order of their smallest members. */
  sets(): number[][] {
    const byRoot = new Map<number, number[]>();
    for (let i = 0; i < this.parent.length; i++) {
      const root = this.find(i);
      const set = byRoot.get(root);
      if (set) set.push(i);
      else byRoot.set(root, [i]);
    }
    return [...byRoot.values()];
  }
}
