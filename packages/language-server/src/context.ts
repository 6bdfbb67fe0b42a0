/**
 * Where the cursor is, from the text alone: the enclosing block (found by scanning braces
 * backwards from the cursor) and the words of the cursor's line. Completion, hover and signature
 * help use this instead of a parse, so they answer in about a millisecond on any file size, even
 * for a version of the document no parse has seen yet.
 */
import { schema, ROOT, type KeywordSpec } from '@kalint/grammar';

/** A word or brace of one line, with its character range on the line. */
export interface LineToken {
  text: string;
  start: number;
  end: number;
  brace: boolean;
}

/** Words and braces of a line, up to its comment (`#`/`!` outside quotes). */
export function lineTokens(line: string): LineToken[] {
  const tokens: LineToken[] = [];
  let i = 0;
  while (i < line.length) {
    const c = line[i]!;
    if (c === ' ' || c === '\t' || c === '\r') {
      i++;
    } else if (c === '#' || c === '!') {
      break;
    } else if (c === '{' || c === '}') {
      tokens.push({ text: c, start: i, end: i + 1, brace: true });
      i++;
    } else {
      const start = i;
      while (i < line.length) {
        const d = line[i]!;
        if (d === '"') {
          const close = line.indexOf('"', i + 1);
          i = close < 0 ? line.length : close + 1;
          continue;
        }
        if (d === ' ' || d === '\t' || d === '\r' || d === '{' || d === '}' || d === '#' || d === '!') break;
        i++;
      }
      tokens.push({ text: line.slice(start, i), start, end: i, brace: false });
    }
  }
  return tokens;
}

/** `@id` / `@^id` conditionals and `~SEQ(...)` prefixes stand before a statement, not in it. */
function isPrefix(word: string): boolean {
  return word.startsWith('@') || word.startsWith('~');
}

/** The statement words of `tokens` after the last brace before index `end` (prefixes dropped). */
function statementWords(tokens: LineToken[], end: number): LineToken[] {
  let from = end;
  while (from > 0 && !tokens[from - 1]!.brace) from--;
  const words = tokens.slice(from, end);
  while (words.length > 0 && isPrefix(words[0]!.text)) words.shift();
  return words;
}

/** Where the cursor stands. */
export interface CursorContext {
  /** Schema path of the enclosing block (`root` at top level); null inside a block kalint does not know. */
  block: string | null;
  /** What the enclosing block holds. */
  blockKind: 'keywords' | 'values' | null;
  /** The statement's words on the cursor's line before the cursor; the last one may be cut by the cursor. */
  words: LineToken[];
  /** The cursor is inside a word (or right after it) rather than after a blank. */
  inWord: boolean;
  /** The statement's keyword when the cursor is past it, resolved in the enclosing block. */
  spec: KeywordSpec | undefined;
}

/** The context of the cursor at `offset` of `text`. */
export function cursorContext(text: string, offset: number): CursorContext {
  const lineStart = lineStartOf(text, offset);
  const before = text.slice(lineStart, offset);
  const tokens = lineTokens(before);
  const words = statementWords(tokens, tokens.length);
  const last = tokens[tokens.length - 1];
  const inWord = last !== undefined && !last.brace && last.end === before.length && !/\s$/.test(before);
  const { block, blockKind } = enclosingBlock(text, lineStart, tokens);
  const keyword = words[0];
  const completeKeyword = keyword && (words.length > 1 || !inWord);
  const spec = completeKeyword && block !== null && blockKind === 'keywords' ? schema.child(block, keyword.text) : undefined;
  return { block, blockKind, words, inWord, spec };
}

/**
 * The block around a place: scans lines upward from `lineStart` (whose tokens up to the place are
 * `firstTokens`), matching braces, and names each unmatched `{` by the first word of its statement.
 */
export function enclosingBlock(text: string, lineStart: number, firstTokens: LineToken[]): { block: string | null; blockKind: 'keywords' | 'values' | null } {
  const owners: string[] = [];
  let depth = 0;
  /** An unmatched `{` opened its line: its keyword is the last statement of an earlier line. */
  let ownerPending = false;
  let tokens = firstTokens;
  let start = lineStart;
  for (;;) {
    if (ownerPending) {
      const words = statementWords(tokens, tokens.length);
      if (words.length > 0) {
        owners.push(words[0]!.text);
        ownerPending = false;
      }
    }
    for (let i = tokens.length - 1; i >= 0; i--) {
      const token = tokens[i]!;
      if (!token.brace) continue;
      if (token.text === '}') depth++;
      else if (depth > 0) depth--;
      else {
        const words = statementWords(tokens, i);
        if (words.length > 0) owners.push(words[0]!.text);
        else ownerPending = true;
      }
    }
    // A keyword that exists only at the top level opened the outermost block: no need to read further up.
    if (start === 0 || (!ownerPending && owners.length > 0 && onlyTopLevel(owners[owners.length - 1]!))) break;
    const end = start - 1;
    start = lineStartOf(text, end);
    const line = text.slice(start, end);
    // Most lines hold no brace: tokenize only those that matter.
    tokens = ownerPending || line.includes('{') || line.includes('}') ? lineTokens(line) : [];
  }
  let block = ROOT;
  let blockKind: 'keywords' | 'values' = 'keywords';
  for (let i = owners.length - 1; i >= 0; i--) {
    const spec: KeywordSpec | undefined = blockKind === 'keywords' ? schema.child(block, owners[i]!) : undefined;
    if (!spec || !spec.block) return { block: null, blockKind: null };
    block = spec.path;
    blockKind = spec.block;
  }
  return { block, blockKind };
}

/**
 * Offset of the start of the line holding `offset`. (`lastIndexOf('\n', -1)` searches from 0, so
 * offset 0 needs its own case: a text starting with a line break would otherwise put the start
 * after the offset, and the upward scan in `enclosingBlock` would never reach the top.)
 */
export function lineStartOf(text: string, offset: number): number {
  return offset <= 0 ? 0 : text.lastIndexOf('\n', offset - 1) + 1;
}

function onlyTopLevel(name: string): boolean {
  const places = schema.named(name);
  return places.length > 0 && places.every((k) => k.parent === ROOT);
}

/** The token of `line` at `character` (a cursor right after a word is on it). */
export function tokenAt(line: string, character: number): { tokens: LineToken[]; index: number } {
  const tokens = lineTokens(line);
  const index = tokens.findIndex((t) => !t.brace && t.start <= character && character <= t.end);
  return { tokens, index };
}
