/**
 * The extension's TextMate grammar run through the engine VS Code itself uses: vscode-textmate with
 * the Oniguruma regular expressions of vscode-oniguruma (its onig.wasm, loaded from the package).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as oniguruma from 'vscode-oniguruma';
import { INITIAL, Registry, parseRawGrammar, type IGrammar, type StateStack } from 'vscode-textmate';

const require = createRequire(import.meta.url);

export const grammarPath = new URL('../../vscode-extension/syntaxes/keepalived.tmLanguage.json', import.meta.url);

let loaded: Promise<IGrammar> | undefined;

/** The keepalived grammar, loaded once. */
export function keepalivedGrammar(): Promise<IGrammar> {
  loaded ??= load();
  return loaded;
}

async function load(): Promise<IGrammar> {
  const wasm = readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const registry = new Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns: string[]) => oniguruma.createOnigScanner(patterns),
      createOnigString: (text: string) => oniguruma.createOnigString(text),
    }),
    loadGrammar: async (scopeName) =>
      scopeName === 'source.keepalived' ? parseRawGrammar(readFileSync(grammarPath, 'utf8'), grammarPath.pathname) : null,
  });
  const grammar = await registry.loadGrammar('source.keepalived');
  if (!grammar) throw new Error('the keepalived grammar did not load');
  return grammar;
}

/** One token: its text, where it is (1-based line, 0-based column) and its scopes, outermost first. */
export interface ScopedToken {
  line: number;
  column: number;
  text: string;
  scopes: string[];
}

export interface Tokenized {
  tokens: ScopedToken[];
  /** Lines the engine gave up on (its time limit ran out): the grammar hangs on them. */
  stoppedEarly: number[];
}

/** Time the engine may spend on one line before it gives up (VS Code itself uses 500 ms). */
const LINE_TIME_LIMIT_MS = 10_000;

/** Tokenize a whole file as VS Code does, line by line, carrying the rule stack across lines. */
export function tokenize(grammar: IGrammar, text: string): Tokenized {
  const tokens: ScopedToken[] = [];
  const stoppedEarly: number[] = [];
  let stack: StateStack = INITIAL;
  text.split(/\r\n|\r|\n/).forEach((lineText, index) => {
    // The limit only catches a grammar that hangs on a line; it is far above any real line's cost,
    // so a busy machine does not change the verdict.
    const result = grammar.tokenizeLine(lineText, stack, LINE_TIME_LIMIT_MS);
    if (result.stoppedEarly) stoppedEarly.push(index + 1);
    for (const token of result.tokens) {
      const tokenText = lineText.slice(token.startIndex, token.endIndex);
      if (tokenText === '') continue;
      tokens.push({ line: index + 1, column: token.startIndex, text: tokenText, scopes: token.scopes });
    }
    stack = result.ruleStack;
  });
  return { tokens, stoppedEarly };
}

/** The innermost scope of each token whose text is `text`, in order. */
export function scopesOf(tokenized: Tokenized, text: string): string[] {
  return tokenized.tokens.filter((token) => token.text === text).map((token) => token.scopes[token.scopes.length - 1]!);
}
