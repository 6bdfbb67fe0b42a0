/**
 * Include patterns as keepalived expands them: glibc's glob(3) with GLOB_MARK | GLOB_BRACE |
 * GLOB_ALTDIRFUNC (lib/parser.c, open_and_check_glob()), and nothing else. What that means:
 *
 * - `*`, `?` and `[...]` match within one path component; `**` is two `*`, so it too matches
 *   exactly one directory level (glob(3) has no globstar).
 * - A leading `.` of a name is matched only by a literal `.` (no GLOB_PERIOD); `.*` also matches
 *   `.` and `..`. `\` escapes the next character (no GLOB_NOESCAPE). `~` is an ordinary character
 *   (no GLOB_TILDE).
 * - `{a,b}` (GLOB_BRACE, nestable) is expanded first, left to right: each alternative is a glob of
 *   its own, and the results are listed alternative by alternative, each sorted on its own, a path
 *   matched by two alternatives twice. A `{` without its `}` is an ordinary character.
 * - A pattern without wildcards names one path, listed when it exists (lstat), whatever it is.
 * - Results are sorted by bytes (glob's strcoll in keepalived's C locale). Directories named on the
 *   way are opened as opendir() does, through symbolic links.
 */
import { lstatSync, readdirSync } from 'node:fs';

/**
 * The paths `pattern` matches, as keepalived's glob(3) lists them; relative patterns from `cwd`.
 * `readFrom` may give another (absolute) place to read a brace alternative from (include roots).
 */
export function glob3(pattern: string, cwd: string, readFrom?: (alternative: string) => string | undefined): string[] {
  const matches: string[] = [];
  for (const alternative of braceAlternatives(pattern)) {
    const found = globOne(readFrom?.(alternative) ?? alternative, cwd);
    found.sort(byBytes);
    for (const path of found) matches.push(path);
  }
  return matches;
}

/**
 * The brace-free patterns of `pattern`, in order, as glibc's GLOB_BRACE expands them: the first
 * unescaped `{` with its `}` at the same depth; its comma-separated alternatives, each followed by
 * the rest, expanded again. Unbalanced braces leave the pattern as it is.
 */
export function braceAlternatives(pattern: string): string[] {
  const open = firstUnescaped(pattern, '{');
  if (open < 0) return [pattern];
  // The commas at depth 0 and the closing brace.
  const cuts: number[] = [];
  let depth = 0;
  let close = -1;
  for (let i = open + 1; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\' && i + 1 < pattern.length) i++;
    else if (c === '{') depth++;
    else if (c === '}') {
      if (depth === 0) {
        close = i;
        break;
      }
      depth--;
    } else if (c === ',' && depth === 0) cuts.push(i);
  }
  if (close < 0) return [pattern];
  const head = pattern.slice(0, open);
  const rest = pattern.slice(close + 1);
  const alternatives: string[] = [];
  let from = open + 1;
  for (const to of [...cuts, close]) {
    for (const expanded of braceAlternatives(head + pattern.slice(from, to) + rest)) alternatives.push(expanded);
    from = to + 1;
  }
  return alternatives;
}

function firstUnescaped(text: string, char: string): number {
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\\' && i + 1 < text.length) i++;
    else if (text[i] === char) return i;
  }
  return -1;
}

/** Whether a pattern (or component) has a wildcard glob(3) acts on. */
function hasMagic(pattern: string): boolean {
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\' && i + 1 < pattern.length) i++;
    else if (c === '*' || c === '?') return true;
    else if (c === '[' && bracketEnd(pattern, i) > 0) return true;
  }
  return false;
}

function unescape(text: string): string {
  return text.replace(/\\(.)/gs, '$1');
}

/** One brace-free pattern: component by component, reading the directories wildcards stand in. */
function globOne(pattern: string, cwd: string): string[] {
  const absolute = pattern.startsWith('/');
  const base = absolute ? '/' : cwd.endsWith('/') ? cwd : `${cwd}/`;
  if (!hasMagic(pattern)) {
    const path = base + unescape(absolute ? pattern.slice(1) : pattern);
    return exists(path) ? [path] : [];
  }
  const components = pattern.split('/').filter((c, i) => c !== '' || i === 0);
  if (absolute) components.shift();
  let paths = [base];
  for (let k = 0; k < components.length; k++) {
    const component = components[k]!;
    const last = k === components.length - 1;
    const next: string[] = [];
    if (!hasMagic(component)) {
      const name = unescape(component);
      for (const dir of paths) {
        const path = dir + name;
        if (!last) next.push(`${path}/`);
        else if (exists(path)) next.push(path);
      }
    } else {
      const match = componentMatcher(component);
      for (const dir of paths) {
        for (const name of entries(dir, component.startsWith('.'))) {
          if (match(name)) next.push(last ? dir + name : `${dir}${name}/`);
        }
      }
    }
    paths = next;
    if (paths.length === 0) break;
  }
  return paths;
}

function exists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

/** A directory's names as readdir() gives them (with `.` and `..` for a pattern that starts with a dot). */
function entries(dir: string, withDots: boolean): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    // Not a directory, missing, unreadable: glob(3) skips it.
    return [];
  }
  return withDots ? ['.', '..', ...names] : names;
}

/** fnmatch(3) of one component, with FNM_PERIOD: a leading `.` only by a literal `.`. */
function componentMatcher(component: string): (name: string) => boolean {
  let source = '';
  for (let i = 0; i < component.length; i++) {
    const c = component[i]!;
    if (c === '\\' && i + 1 < component.length) {
      source += escapeRegExp(component[++i]!);
    } else if (c === '*') {
      source += '[^/]*';
    } else if (c === '?') {
      source += '[^/]';
    } else if (c === '[') {
      const end = bracketEnd(component, i);
      if (end < 0) {
        source += '\\[';
        continue;
      }
      source += bracket(component.slice(i + 1, end));
      i = end;
    } else {
      source += escapeRegExp(c);
    }
  }
  const regexp = new RegExp(`^${source}$`, 's');
  const literalDot = component.startsWith('.') || component.startsWith('\\.');
  return (name) => (name.startsWith('.') && !literalDot ? false : regexp.test(name));
}

/** Index of the `]` closing the bracket expression opened at `open`, or -1 (then `[` is literal). */
function bracketEnd(pattern: string, open: number): number {
  let i = open + 1;
  if (pattern[i] === '!' || pattern[i] === '^') i++;
  if (pattern[i] === ']') i++;
  for (; i < pattern.length; i++) {
    if (pattern[i] === '[' && pattern[i + 1] === ':') {
      const close = pattern.indexOf(':]', i + 2);
      if (close > 0) {
        i = close + 1;
        continue;
      }
    }
    if (pattern[i] === ']') return i;
  }
  return -1;
}

const CLASSES: Record<string, string> = {
  alnum: 'A-Za-z0-9',
  alpha: 'A-Za-z',
  blank: ' \\t',
  cntrl: '\\x00-\\x1f\\x7f',
  digit: '0-9',
  graph: '\\x21-\\x7e',
  lower: 'a-z',
  print: '\\x20-\\x7e',
  punct: '!-\\/:-@\\[-`{-~',
  space: ' \\t\\n\\r\\f\\v',
  upper: 'A-Z',
  xdigit: '0-9A-Fa-f',
};

/** A bracket expression's inside (`!a-z`, `]x`, `[:digit:]`) as a RegExp character class. */
function bracket(inside: string): string {
  let negated = false;
  let i = 0;
  if (inside[0] === '!' || inside[0] === '^') {
    negated = true;
    i = 1;
  }
  let set = '';
  for (; i < inside.length; i++) {
    const c = inside[i]!;
    if (c === '[' && inside[i + 1] === ':') {
      const close = inside.indexOf(':]', i + 2);
      if (close > 0) {
        set += CLASSES[inside.slice(i + 2, close)] ?? '';
        i = close + 1;
        continue;
      }
    }
    if (c === '\\' && i + 1 < inside.length) {
      set += escapeClass(inside[++i]!);
    } else if (c === '-' && set !== '' && i + 1 < inside.length) {
      set += '-';
    } else {
      set += escapeClass(c);
    }
  }
  // A bracket never matches `/`; a negated one matches anything else not listed.
  return negated ? `[^/${set}]` : `[${set}]`;
}

function escapeRegExp(c: string): string {
  return c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

function escapeClass(c: string): string {
  return c.replace(/[\]\\^-]/g, '\\$&');
}

/** strcmp order: by UTF-8 bytes. */
function byBytes(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}
