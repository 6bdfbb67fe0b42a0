/**
 * The TextMate grammar on every config of the shared corpus: vscode-textmate tokenizes each file
 * within its time limit, and agrees with the parser on what is a keyword, a comment and a string.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { IGrammar } from 'vscode-textmate';
import { parse, statements, walk } from '@kalint/parser';
import { corpusPresent, corpusRoot } from '../corpus.js';
import { keepalivedGrammar, tokenize, type Tokenized } from './textmate.js';

/** Every config of the corpus (its .tsv and .md files describe it and are not configs). */
function corpusFiles(): string[] {
  if (!corpusPresent) return [];
  const files: string[] = [];
  const visit = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) visit(path);
      else if (!/\.(tsv|md)$/.test(entry.name)) files.push(relative(corpusRoot, path));
    }
  };
  visit(corpusRoot);
  return files.sort();
}

const files = corpusFiles();

/** The innermost scope of the token covering a 0-based line and character. */
function scopeAt(tokenized: Tokenized, line: number, character: number): string[] {
  const token = tokenized.tokens.find((t) => t.line === line + 1 && t.column <= character && character < t.column + t.text.length);
  return token?.scopes ?? [];
}

describe.skipIf(!corpusPresent)('the TextMate grammar on the corpus', () => {
  let grammar: IGrammar;
  const tokenized = new Map<string, Tokenized>();
  const checked = { keywords: 0, comments: 0, strings: 0 };
  beforeAll(async () => {
    grammar = await keepalivedGrammar();
  });

  it('finds the corpus', () => {
    expect(files.length).toBeGreaterThan(100);
  });

  it('tokenizes every file to the end and agrees with the parser on keywords, comments and strings', () => {
    const problems: string[] = [];
    for (const file of files) problems.push(...checkFile(file).map((p) => `${file}:${p}`));
    expect(problems).toEqual([]);
  });

  /** One corpus file's disagreements between the grammar and the parser, as `line: what`. */
  function checkFile(file: string): string[] {
    const text = readFileSync(corpusRoot + file, 'utf8');
    const result = tokenize(grammar, text);
    tokenized.set(file, result);

    // What the parser reads as written (no expansion) is what the grammar scopes.
    const { ast } = parse(text, { file, expand: false });
    const problems: string[] = result.stoppedEarly.map((line) => `${line}: the engine gave up on this line`);
    for (const statement of statements(ast)) {
      const { keyword } = statement;
      if (statement.spec === null || keyword.quoted || keyword.expansion || keyword.file !== file) continue;
      checked.keywords++;
      const scopes = scopeAt(result, keyword.range.start.line, keyword.range.start.character);
      const expected = statement.spec.block === null ? 'keyword.other' : 'keyword.other.block';
      if (!scopes.some((s) => s.startsWith(`${expected}.`) || s.startsWith(`${expected}.deprecated.`))) {
        problems.push(`${keyword.range.start.line + 1}:${keyword.range.start.character + 1} ${keyword.text}: ${scopes.join(' ')}`);
      }
    }
    for (const comment of ast.comments) {
      checked.comments++;
      const scopes = scopeAt(result, comment.range.start.line, comment.range.start.character);
      if (!scopes.some((s) => s.startsWith('comment.line.'))) problems.push(`${comment.range.start.line + 1}: comment ${comment.raw}: ${scopes.join(' ')}`);
    }
    for (const node of walk(ast)) {
      const words = node.type === 'Statement' ? node.args : node.type === 'Value' ? node.words : [];
      for (const word of words) {
        if (!word.quoted || word.expansion || word.file !== file) continue;
        checked.strings++;
        const scopes = scopeAt(result, word.range.start.line, word.range.start.character);
        if (!scopes.includes('string.quoted.double.keepalived')) problems.push(`${word.range.start.line + 1}: string ${word.raw}: ${scopes.join(' ')}`);
      }
    }
    return problems;
  }

  it('scopes keywords, comments, strings, numbers and addresses across the corpus', () => {
    // The per-file checks above looked at enough of each kind to mean something.
    expect(checked.keywords).toBeGreaterThan(4000);
    expect(checked.comments).toBeGreaterThan(1000);
    expect(checked.strings).toBeGreaterThan(100);
    const seen = new Set<string>();
    for (const result of tokenized.values()) {
      for (const token of result.tokens) for (const scope of token.scopes) seen.add(scope);
    }
    for (const scope of [
      'keyword.other.keepalived',
      'keyword.other.block.keepalived',
      'keyword.other.deprecated.keepalived',
      'comment.line.exclamation.keepalived',
      'comment.line.number-sign.keepalived',
      'string.quoted.double.keepalived',
      'constant.numeric.keepalived',
      'constant.numeric.ip-address.ipv4.keepalived',
      'constant.numeric.ip-address.ipv6.keepalived',
      'constant.language.enum.keepalived',
      'keyword.control.import.keepalived',
      'keyword.control.conditional.keepalived',
      'variable.other.definition.keepalived',
      'variable.other.substitution.keepalived',
    ]) {
      expect(seen, scope).toContain(scope);
    }
  });
});
