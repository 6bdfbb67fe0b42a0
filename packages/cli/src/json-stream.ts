/**
 * JSON for trees too deep or too large for `JSON.stringify`: a config nested 100,000 blocks deep
 * overflows its recursion, and a multi-megabyte AST can pass V8's longest string. This writes the
 * same text (compact, keys in insertion order, `undefined` left out of objects and `null` in
 * arrays) without recursion, in chunks.
 */

/** Chunk size handed to `write`. */
const CHUNK = 1 << 20;

type Frame = { kind: 'array'; items: unknown[]; next: number } | { kind: 'object'; entries: Array<[string, unknown]>; next: number; wrote: boolean };

/**
 * Write `value` as JSON through `write`, leaving out object members whose key is in `skipKeys`.
 * Primitives serialise as `JSON.stringify` does, and `toJSON` is honoured.
 *
 * Objects with a string `type` member are tree nodes. Once `maxNodes` of them are written, arrays
 * end before their next node (a node that is an object's member is still written, so every node
 * keeps its shape). Returns the number of nodes written.
 */
export function writeJson(value: unknown, write: (chunk: string) => void, skipKeys: ReadonlySet<string> = new Set(), maxNodes = Infinity): number {
  let nodes = 0;
  let buffer = '';
  const out = (text: string) => {
    buffer += text;
    if (buffer.length >= CHUNK) {
      write(buffer);
      buffer = '';
    }
  };
  const stack: Frame[] = [];
  /** Write a value; containers are opened and pushed, their members written by the loop below. */
  const begin = (key: string, v: unknown, inArray: boolean) => {
    // AST nodes compute some members on demand and say what to serialise through toJSON.
    if (v !== null && typeof v === 'object' && typeof (v as { toJSON?: unknown }).toJSON === 'function') v = (v as { toJSON(key: string): unknown }).toJSON(key);
    if (v !== null && typeof v === 'object' && typeof (v as { type?: unknown }).type === 'string') nodes++;
    if (v === null || typeof v !== 'object') {
      const text = typeof v === 'function' || typeof v === 'symbol' || v === undefined ? (inArray ? 'null' : undefined) : JSON.stringify(v);
      out(text ?? 'null');
    } else if (Array.isArray(v)) {
      out('[');
      stack.push({ kind: 'array', items: v, next: 0 });
    } else {
      out('{');
      const entries = Object.entries(v).filter(([k, m]) => !skipKeys.has(k) && m !== undefined && typeof m !== 'function' && typeof m !== 'symbol');
      stack.push({ kind: 'object', entries, next: 0, wrote: false });
    }
  };
  begin('', value, false);
  while (stack.length > 0) {
    const frame = stack[stack.length - 1]!;
    if (frame.kind === 'array') {
      const item = frame.items[frame.next];
      const cut = nodes >= maxNodes && item !== null && typeof item === 'object' && typeof (item as { type?: unknown }).type === 'string';
      if (frame.next === frame.items.length || cut) {
        out(']');
        stack.pop();
        continue;
      }
      if (frame.next > 0) out(',');
      const index = frame.next++;
      begin(String(index), frame.items[index], true);
    } else {
      if (frame.next === frame.entries.length) {
        out('}');
        stack.pop();
        continue;
      }
      const [key, member] = frame.entries[frame.next++]!;
      out(`${frame.wrote ? ',' : ''}${JSON.stringify(key)}:`);
      frame.wrote = true;
      begin(key, member, false);
    }
  }
  if (buffer !== '') write(buffer);
  return nodes;
}
