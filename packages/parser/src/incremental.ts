/**
 * Incremental parsing for editors: a document is cut into its top-level statements, and each
 * statement whose text is unchanged since the previous parse is reused, shifted to its new place,
 * instead of being parsed again. A one-character edit in a 20,000-line file then re-parses one
 * block.
 *
 * Only plain files take this path: no preprocessing (`$`, `@id`, `~SEQ`, `include` read the file as
 * a whole) and no syntax problem (recovery may span statements). Anything else, and any doubt, is
 * parsed whole.
 */
import type { Comment, ConfigFile, Node } from './ast.js';
import { BlockNode, Spot, StatementNode } from './nodes.js';

/** Parsed top-level statements by their exact text; keep one per document across edits. */
export class ParseCache {
  /** @internal */ entries = new Map<string, CachedChunk>();
}

/** @internal */
export interface CachedChunk {
  body: Node[];
  comments: Comment[];
  /** Offset and line the nodes currently stand at. */
  offset: number;
  line: number;
}

export interface Chunk {
  text: string;
  offset: number;
  line: number;
}


/**
 * Cut the text into top-level statements: each chunk ends at the end of a line where the brace
 * depth is back to 0, unless the next significant line starts with `{` (a keyword whose `{` is on
 * the next line). Braces inside double quotes and comments do not count, as in keepalived's
 * reader. Null when the braces do not balance.
 */
export function chunks(text: string): Chunk[] | null {
  const result: Chunk[] = [];
  let depth = 0;
  let chunkStart = 0;
  let chunkLine = 0;
  let line = 0;
  let i = 0;
  const n = text.length;
  while (i < n) {
    // One physical line: [i, end).
    let end = i;
    let quoted = false;
    let comment = false;
    let significant = -1;
    for (; end < n; end++) {
      // Lines end at `\n`; a `\r` inside a line is a blank, and keepalived reads nothing after a NUL.
      const c = text.charCodeAt(end);
      if (c === 10) break;
      if (comment) continue;
      if (c === 0) comment = true;
      else if (c === 34 /* " */) quoted = !quoted;
      else if (quoted) continue;
      else if (c === 92 /* \ */) {
        if (text.charCodeAt(end + 1) !== 10) end++;
      } else if (c === 35 || c === 33 /* # ! */) comment = true;
      else if (c === 123 /* { */) depth++;
      else if (c === 125 /* } */) {
        if (--depth < 0) return null;
      }
      if (significant < 0 && !comment && !isBlank(c)) significant = end;
    }
    const next = end + 1;
    line++;
    i = next;
    if (depth === 0 && significant >= 0 && !nextSignificantIsOpenBrace(text, next)) {
      result.push({ text: text.slice(chunkStart, Math.min(next, n)), offset: chunkStart, line: chunkLine });
      chunkStart = Math.min(next, n);
      chunkLine = line;
    }
  }
  if (depth !== 0) return null;
  if (chunkStart < n) result.push({ text: text.slice(chunkStart), offset: chunkStart, line: chunkLine });
  return result;
}

function nextSignificantIsOpenBrace(text: string, from: number): boolean {
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || isBlank(c)) continue;
    if (c === 35 || c === 33 || c === 0 /* # ! NUL */) {
      while (i < text.length && text.charCodeAt(i) !== 10) i++;
      continue;
    }
    return c === 123 /* { */;
  }
  return false;
}

/** Space, tab, vertical tab, form feed and a carriage return inside a line. */
function isBlank(c: number): boolean {
  return c === 32 || c === 9 || c === 11 || c === 12 || c === 13;
}

/** Move every node of a reused chunk (and its comments) by whole lines. */
export function shiftChunk(chunk: CachedChunk, offset: number, line: number): void {
  const offsetDelta = offset - chunk.offset;
  const lineDelta = line - chunk.line;
  if (offsetDelta === 0 && lineDelta === 0) return;
  const stack: Node[] = [...chunk.body];
  // A block's start is its `{` or its keyword's word: each object moves once.
  const moved = new Set<unknown>();
  const shiftLocated = (place: unknown) => {
    if (place === null || place === undefined || moved.has(place)) return;
    moved.add(place);
    if (place instanceof Spot) place.shift(offsetDelta, lineDelta);
    else throw new Error('incremental parse met a node it cannot move');
  };
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node instanceof StatementNode) {
      shiftLocated(node.keyword);
      for (const word of node.args) shiftLocated(word);
      if (node.block) stack.push(node.block);
    } else if (node instanceof BlockNode) {
      shiftLocated(node.openedBy);
      shiftLocated(node.closedBy);
      shiftLocated(node.at);
      for (const child of node.body) stack.push(child);
    } else if (node.type === 'Value') {
      for (const word of node.words) shiftLocated(word);
      node.range = shiftRange(node.range, offsetDelta, lineDelta);
    } else {
      throw new Error(`incremental parse cannot move a ${node.type}`);
    }
  }
  for (const comment of chunk.comments) comment.range = shiftRange(comment.range, offsetDelta, lineDelta);
  chunk.offset = offset;
  chunk.line = line;
}

function shiftRange(range: ConfigFile['range'], offsetDelta: number, lineDelta: number): ConfigFile['range'] {
  return {
    start: { offset: range.start.offset + offsetDelta, line: range.start.line + lineDelta, character: range.start.character },
    end: { offset: range.end.offset + offsetDelta, line: range.end.line + lineDelta, character: range.end.character },
  };
}
