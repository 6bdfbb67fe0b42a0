import { posix } from 'node:path';
import { findStatements, parse, statements, type ConfigFile, type IncludeHost, type ParseOptions, type Statement } from '@kalint/parser';

/** Parse and return the tree with its diagnostics rendered as `line:col code` (1-based, as users see them). */
export function parsed(text: string, options: ParseOptions = {}) {
  const result = parse(text, { file: 'test.conf', ...options });
  return {
    ...result,
    errors: result.diagnostics.map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${d.code}`),
  };
}

/** Keyword lines as `keyword args` strings, indented by depth. */
export function outline(ast: ConfigFile): string[] {
  const lines: string[] = [];
  const visit = (nodes: ConfigFile['body'], depth: number) => {
    for (const node of nodes) {
      const pad = '  '.repeat(depth);
      if (node.type === 'Statement') {
        lines.push(pad + [node.keyword, ...node.args].map((w) => w.text).join(' '));
        if (node.block) visit(node.block.body, depth + 1);
      } else if (node.type === 'Value') {
        lines.push(pad + '= ' + node.words.map((w) => w.text).join(' '));
      } else if (node.type === 'Block') {
        lines.push(pad + '{');
        visit(node.body, depth + 1);
      } else {
        lines.push(pad + node.type);
      }
    }
  };
  visit(ast.body, 0);
  return lines;
}

export function only(ast: ConfigFile, path: string): Statement {
  const found = findStatements(ast, path);
  if (found.length !== 1) throw new Error(`expected one ${path}, found ${found.length}`);
  return found[0]!;
}

export function keywords(ast: ConfigFile): string[] {
  return [...statements(ast)].map((s) => s.keyword.text);
}

/** An in-memory file system for include tests. */
export function memoryHost(files: Record<string, string>): IncludeHost {
  return {
    expand(pattern, from) {
      const absolute = posix.resolve(from, pattern);
      const alternatives = expandBraces(absolute);
      const matches = Object.keys(files).filter((path) => alternatives.some((p) => globToRegExp(p).test(path)));
      return matches.sort();
    },
    read(path) {
      const text = files[path];
      return text === undefined ? { error: `cannot read '${path}'` } : { text };
    },
  };
}

function expandBraces(pattern: string): string[] {
  const match = /\{([^{}]*)\}/.exec(pattern);
  if (!match) return [pattern];
  return match[1]!.split(',').flatMap((alt) => expandBraces(pattern.slice(0, match.index) + alt + pattern.slice(match.index + match[0].length)));
}

function globToRegExp(glob: string): RegExp {
  const source = glob.replace(/[.+^$()|\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]');
  return new RegExp(`^${source}$`);
}
