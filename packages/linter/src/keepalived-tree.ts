/**
 * Whether kalint's tree of a file is the tree keepalived reads. keepalived's block dispatch
 * (`process_stream()` and `alloc_value_block()` in lib/parser.c) is played over the logical lines
 * of the independent reader (`readAsKeepalived`, which knows nothing of kalint's parser), with the
 * keyword table of each block taken from the schema; the result is compared with the parser's
 * statements: keyword, enclosing blocks and order. `--fix` writes a file only when the two agree,
 * so a fix computed on kalint's tree lands where keepalived reads it.
 *
 * It lives in the linter, beside the fixes it guards: it needs the parser (both readings) and the
 * schema, and nothing in the parser needs it.
 */
import { compareVersions, ROOT, schema as shippedSchema, type KeywordSpec, type Schema } from '@kalint/grammar';
import { parse, readAsKeepalived, walkWithin, type ConfigFile, type Node, type SyntaxDiagnostic } from '@kalint/parser';

/** Which of keepalived's readings: 2.2.7's (Debian 12) or that of later releases. */
export type ReaderVersion = '2.2.7' | 'newer';

/** A logical line as keepalived's reader hands it to the dispatch: `{` and `}` are lines of their own. */
export interface LogicalLine {
  /** 1-based line where it starts. */
  line: number;
  words: string[];
  /** An include line: keepalived reads the files it names in its place, so the dispatch never sees it. */
  include?: true;
}

/** One line as a reading places it. */
export interface PlacedLine {
  /**
   * `keyword`: a keyword line, known or not (keepalived reads a `}` at the top level as one);
   * `value`: an item of a value block; `ignored`: a `{` keepalived does not expect and skips;
   * `block`: a `{` kalint's parser hangs on a keyword keepalived opens no block for (keepalived
   * never places a line so, which is the point: it reads such a block's lines one level out).
   */
  kind: 'keyword' | 'value' | 'ignored' | 'block';
  /** The keyword, the item's first word, or the brace. */
  word: string;
  /** Keywords of the blocks it stands in, outermost first. */
  within: string[];
  /** 1-based line. */
  line: number;
}

/** Where keepalived and kalint first place a line differently, in a sentence. */
export interface ReadingDifference {
  line: number;
  message: string;
}

/** An open block of keepalived's dispatch. */
interface Frame {
  /** Schema path of the block (`root` at the top). */
  path: string;
  keyword: string;
  /** The block's `{` is still to come (it was not at the end of the keyword line). */
  needBob: boolean;
  /** A value block: items up to the next `}`. */
  values: boolean;
}

/**
 * Place keepalived's logical lines as its block dispatch does. A keyword opens a block only when
 * the schema (as of `version`) says so; anything else does not: an unknown keyword is reported and
 * its line skipped, a `{` nobody expects is ignored (its lines stay where they are), and a `}`
 * closes whatever block is open. A keyword block waits for its `{` (reading the next line as the
 * body when it does not come); a value block takes every line as an item up to the next `}`.
 */
export function placeAsKeepalived(lines: Iterable<LogicalLine>, version: ReaderVersion, schema: Schema = shippedSchema): PlacedLine[] {
  const placed: PlacedLine[] = [];
  const stack: Frame[] = [{ path: ROOT, keyword: '', needBob: false, values: false }];
  const within = () => stack.slice(1).map((frame) => frame.keyword);
  const known = (parent: string, name: string): KeywordSpec | undefined => {
    const spec = schema.child(parent, name);
    return spec && (version === 'newer' || spec.in227) ? spec : undefined;
  };
  for (const { line, words: all, include } of lines) {
    if (all.length === 0 || include) continue;
    const top = stack[stack.length - 1]!;
    if (top.values) {
      let words = all;
      if (top.needBob) {
        top.needBob = false;
        if (words[0] === '{') {
          if (words.length === 1) continue;
          words = words.slice(1);
        }
      }
      let ends = false;
      if (words[words.length - 1] === '}') {
        if (words.length === 1) {
          stack.pop();
          continue;
        }
        words = words.slice(0, -1);
        ends = true;
      }
      placed.push({ kind: 'value', word: words[0]!, within: within(), line });
      if (ends) stack.pop();
      continue;
    }
    const word = all[0]!;
    if (top.needBob) {
      top.needBob = false;
      // Without its `{`, keepalived complains and reads this line as the block's first.
      if (word === '{') continue;
    } else if (word === '{') {
      placed.push({ kind: 'ignored', word, within: within(), line });
      continue;
    }
    if (word === '}' && stack.length > 1) {
      stack.pop();
      continue;
    }
    placed.push({ kind: 'keyword', word, within: within(), line });
    const spec = known(top.path, word);
    if (spec?.block === 'keywords') {
      stack.push({ path: spec.path, keyword: word, needBob: !(all.length > 1 && all[all.length - 1] === '{'), values: false });
    } else if (spec?.block === 'values') {
      const frame: Frame = { path: spec.path, keyword: word, needBob: true, values: true };
      stack.push(frame);
      // Items after `KEYWORD {` on its own line (only quotes keep a brace on the keyword's line).
      if (all.length > 1 && all[1] === '{') {
        frame.needBob = false;
        let items = all.slice(2);
        const ends = items[items.length - 1] === '}';
        if (ends) items = items.slice(0, -1);
        if (items.length > 0) placed.push({ kind: 'value', word: items[0]!, within: within(), line });
        if (ends) stack.pop();
      }
    }
  }
  return placed;
}

/** The keywords the lines inside `node` stand in: `within` and its keyword (`{` for a block of its own). */
function enclosing(node: Node, within: string[]): string[] {
  return [...within, node.type === 'Statement' ? node.keyword.text : '{'];
}

/**
 * Place the statements of kalint's tree the same way (in document order). With the parse's syntax
 * `diagnostics`, also the braces kalint reads as keepalived does but keeps no node for: a `{` it
 * reports and ignores (one that opens no block, as after a `${NAME}` left as written) and an
 * extra `}` at the top level, which keepalived reads as an unknown keyword.
 */
export function placeAsKalint(ast: ConfigFile, diagnostics: readonly SyntaxDiagnostic[] = []): PlacedLine[] {
  const placed: PlacedLine[] = [];
  /** Where each placed line starts in the main file (null: in another file). */
  const offsets: Array<number | null> = [];
  /** Blocks of the main file: where they run, and the keywords a line inside them stands in. */
  const spans: Array<{ start: number; end: number; within: string[] }> = [];
  const place = (line: PlacedLine, at: { file: string; range: { start: { offset: number } } }) => {
    placed.push(line);
    offsets.push(at.file === ast.file ? at.range.start.offset : null);
  };
  for (const [node, within] of walkWithin<string[]>(ast.body, [], enclosing)) {
    if (node.type === 'Statement') {
      place({ kind: 'keyword', word: node.keyword.text, within, line: node.keyword.range.start.line + 1 }, node.keyword);
      const block = node.block;
      if (!block) continue;
      const inner = enclosing(node, within);
      if (block.kind === 'unknown' && block.open) place({ kind: 'block', word: '{', within: inner, line: block.open.start.line + 1 }, { file: block.file, range: block.open });
      if (block.open && block.file === ast.file) spans.push({ start: block.open.start.offset, end: block.close?.start.offset ?? Infinity, within: inner });
    } else if (node.type === 'Value') {
      const first = node.words[0];
      if (first) place({ kind: 'value', word: first.text, within, line: first.range.start.line + 1 }, first);
    } else if (node.type === 'Block') {
      const inner = enclosing(node, within);
      const open = node.open ?? node.range;
      place({ kind: 'block', word: '{', within: inner, line: open.start.line + 1 }, { file: node.file, range: open });
      if (node.open && node.file === ast.file) spans.push({ start: node.open.start.offset, end: node.close?.start.offset ?? Infinity, within: inner });
    }
  }
  const braces = bracesWithoutNodes(ast.file, diagnostics, spans);
  if (braces.length === 0) return placed;
  // Each brace goes before the first line placed after it.
  const merged: PlacedLine[] = [];
  let next = 0;
  for (let i = 0; i < placed.length; i++) {
    const offset = offsets[i]!;
    while (next < braces.length && offset !== null && braces[next]!.offset < offset) merged.push(braces[next++]!.line);
    merged.push(placed[i]!);
  }
  while (next < braces.length) merged.push(braces[next++]!.line);
  return merged;
}

/** The braces of the main file kalint reported and keeps no node for, by offset (see `placeAsKalint`). */
function bracesWithoutNodes(
  file: string,
  diagnostics: readonly SyntaxDiagnostic[],
  spans: ReadonlyArray<{ start: number; end: number; within: string[] }>,
): Array<{ offset: number; line: PlacedLine }> {
  const opened = new Set(spans.map((span) => span.start));
  const found: Array<{ offset: number; line: PlacedLine }> = [];
  for (const d of diagnostics) {
    if (d.file !== file) continue;
    const offset = d.range.start.offset;
    const line = d.range.start.line + 1;
    if (d.code === 'extra-close-brace') {
      found.push({ offset, line: { kind: 'keyword', word: '}', within: [], line } });
    } else if ((d.code === 'unexpected-block' || d.code === 'unexpected-open-brace') && !opened.has(offset)) {
      // The innermost block holding the brace is the one keepalived reads it in.
      let within: string[] = [];
      let from = -1;
      for (const span of spans) if (span.start < offset && offset < span.end && span.start > from) [within, from] = [span.within, span.start];
      found.push({ offset, line: { kind: 'ignored', word: '{', within, line } });
    }
  }
  return found.sort((a, b) => a.offset - b.offset);
}

/** The first line the two readings place differently, or null when they agree throughout; `reader` names keepalived's. */
export function firstDifference(keepalived: readonly PlacedLine[], kalint: readonly PlacedLine[], reader = 'keepalived'): ReadingDifference | null {
  const length = Math.max(keepalived.length, kalint.length);
  for (let i = 0; i < length; i++) {
    const theirs = keepalived[i];
    const ours = kalint[i];
    if (theirs && ours && theirs.kind === ours.kind && theirs.word === ours.word && sameWithin(theirs.within, ours.within)) continue;
    if (!ours) return { line: theirs!.line, message: `${reader} reads ${describe(theirs!)}, which kalint does not read` };
    if (!theirs) return { line: ours.line, message: `kalint reads ${describe(ours)}, which ${reader} does not read` };
    return { line: Math.min(theirs.line, ours.line), message: `${reader} reads ${describe(theirs)}, kalint ${describe(ours)}` };
  }
  return null;
}

function sameWithin(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((word, i) => word === b[i]);
}

function describe(placed: PlacedLine): string {
  const where = placed.within.length === 0 ? 'at the top level' : `in ${placed.within.map((w) => `\`${w}\``).join(' > ')}`;
  switch (placed.kind) {
    case 'keyword':
      return `\`${placed.word}\` on line ${placed.line} as a keyword ${where}`;
    case 'value':
      return `\`${placed.word}\` on line ${placed.line} as an item ${where}`;
    case 'ignored':
      return `the '{' on line ${placed.line} as a brace it ignores ${where}`;
    case 'block':
      return `the '{' on line ${placed.line} as opening a block ${where}`;
  }
}

export interface ReadingOptions {
  /** Name of the file in the parser's ranges. */
  file?: string;
  /** As `keepalived -i`. */
  configId?: string;
  /**
   * The keepalived release the file is for: up to 2.2.7, 2.2.7's reading is compared; after it,
   * that of later releases. Absent, both: kalint cannot tell which keepalived will read the file.
   */
  targetVersion?: string;
  /**
   * Keywords of the blocks the file stands in, outermost first, for a file included inside a block
   * (`virtual_server ... { include rs/*.conf }`): both readings then start there.
   */
  context?: readonly string[];
  schema?: Schema;
}

/**
 * Where keepalived's reading of `text` first differs from kalint's, or null when they agree: for
 * each release compared (see `targetVersion`), keepalived's first reading pass and the one its
 * child processes make of the copy the first writes. Both read the file alone: its includes are
 * not followed (each file `--fix` writes is checked itself).
 */
export function differenceFromKeepalived(text: string, options: ReadingOptions = {}): ReadingDifference | null {
  const context = options.context ?? [];
  // The enclosing blocks, one line each, so that both readings place the file where it is included.
  const wrapped = context.map((keyword) => `${keyword} {\n`).join('') + text;
  const configId = options.configId !== undefined ? { configId: options.configId } : {};
  const target = options.targetVersion;
  const parsed = parse(wrapped, { file: options.file ?? '<input>', ...configId, ...(target !== undefined ? { targetVersion: target } : {}) });
  const kalint = shift(placeAsKalint(parsed.ast, parsed.diagnostics), context.length);
  const versions: ReaderVersion[] = target === undefined ? ['2.2.7', 'newer'] : compareVersions(target, '2.2.7') <= 0 ? ['2.2.7'] : ['newer'];
  // keepalived reads at most as many lines as kalint places plus a brace for each: past that, the
  // readings differ anyway, and reading on would only cost time.
  const maxLines = 2 * kalint.length + 2 * context.length + 64;
  for (const version of versions) {
    for (const pass of ['parent', 'children'] as const) {
      const read = readAsKeepalived(wrapped, { version, pass, maxLines, ...configId });
      const keepalived = shift(placeAsKeepalived(read.lines, version, options.schema), context.length);
      const release = version === '2.2.7' ? 'keepalived 2.2.7' : 'keepalived after 2.2.7';
      const reader = pass === 'parent' ? release : `${release} (its child processes' second reading)`;
      const last = keepalived[keepalived.length - 1]?.line ?? 1;
      if (read.crashed) return { line: last, message: `${reader} crashes reading it` };
      if (read.unpredictable !== undefined) return { line: last, message: `what ${reader} reads is unpredictable: ${read.unpredictable}` };
      const difference = firstDifference(keepalived, kalint, reader);
      if (difference) return difference;
      if (read.truncated) return { line: last, message: `${reader} reads more than the ${maxLines} lines kalint's tree accounts for` };
    }
  }
  return null;
}

/** Lines numbered in the file itself, without the `lines` of enclosing blocks put before it. */
function shift(placed: PlacedLine[], lines: number): PlacedLine[] {
  if (lines > 0) for (const p of placed) p.line = Math.max(1, p.line - lines);
  return placed;
}

/**
 * The blocks a file's lines stand in within the trees of the files that include it, one list of
 * enclosing keywords per distinct place (an empty list: the top level). `isFile` tells the file's
 * nodes (they carry the name their includer resolved) from the others. A file with no statement
 * in these trees is placed at the top level.
 */
export function contextsOf(asts: Iterable<ConfigFile>, isFile: (file: string) => boolean): string[][] {
  const found = new Map<string, string[]>();
  // A node's context: the keywords of the blocks it stands in, and whether its parent is in the file.
  const inner = (node: Node, context: { within: string[]; inFile: boolean }) => ({ within: enclosing(node, context.within), inFile: isFile(node.file) });
  for (const ast of asts) {
    for (const [node, { within, inFile: parentInFile }] of walkWithin(ast.body, { within: [] as string[], inFile: false }, inner)) {
      if (node.type !== 'Statement' && node.type !== 'Value' && node.type !== 'Block') continue;
      if (isFile(node.file) && !parentInFile) found.set(within.join('\0'), within);
    }
  }
  return found.size > 0 ? [...found.values()] : [[]];
}
