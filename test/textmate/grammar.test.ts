/**
 * The extension's TextMate grammar, run through vscode-textmate and vscode-oniguruma as VS Code
 * runs it: the scopes a theme colours on the tutorial's HA pair, on the preprocessor fixture and on
 * comment characters inside double quotes.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { IGrammar } from 'vscode-textmate';
import { keepalivedGrammar, scopesOf, tokenize, type Tokenized } from './textmate.js';

const fixture = (path: string) => readFileSync(new URL(`../../fixtures/${path}`, import.meta.url), 'utf8');
const local = (path: string) => readFileSync(new URL(`fixtures/${path}`, import.meta.url), 'utf8');

let grammar: IGrammar;
beforeAll(async () => {
  grammar = await keepalivedGrammar();
});

/** The token at a 1-based line whose text is `text`. */
function tokenAt(tokenized: Tokenized, line: number, text: string) {
  const token = tokenized.tokens.find((t) => t.line === line && t.text === text);
  expect(token, `line ${line}: no token ${JSON.stringify(text)}`).toBeDefined();
  return token!;
}

describe('the article pair (fixtures/article-pair/ha1.conf)', () => {
  let ha1: Tokenized;
  beforeAll(() => {
    ha1 = tokenize(grammar, fixture('article-pair/ha1.conf'));
  });

  it('scopes the opening comment as a `!` comment', () => {
    expect(ha1.tokens[0]).toMatchObject({ line: 1, text: '!', scopes: ['source.keepalived', 'comment.line.exclamation.keepalived', 'punctuation.definition.comment.keepalived'] });
    expect(tokenAt(ha1, 1, ' Configuration File for keepalived').scopes).toEqual(['source.keepalived', 'comment.line.exclamation.keepalived']);
  });

  it('tells block keywords from plain keywords', () => {
    expect(scopesOf(ha1, 'vrrp_instance')).toEqual(['keyword.other.block.keepalived']);
    expect(scopesOf(ha1, 'virtual_ipaddress')).toEqual(['keyword.other.block.keepalived']);
    expect(scopesOf(ha1, 'real_server')).toEqual(Array(3).fill('keyword.other.block.keepalived'));
    expect(scopesOf(ha1, 'TCP_CHECK')).toEqual(Array(3).fill('keyword.other.block.keepalived'));
    expect(scopesOf(ha1, 'virtual_router_id')).toEqual(['keyword.other.keepalived']);
    expect(scopesOf(ha1, 'auth_pass')).toEqual(['keyword.other.keepalived']);
  });

  it('scopes numbers, addresses, enum words and braces', () => {
    expect(tokenAt(ha1, 10, '51').scopes.at(-1)).toBe('constant.numeric.keepalived');
    expect(tokenAt(ha1, 18, '10.1.8.100/24').scopes.at(-1)).toBe('constant.numeric.ip-address.ipv4.keepalived');
    expect(tokenAt(ha1, 22, '10.1.8.100').scopes.at(-1)).toBe('constant.numeric.ip-address.ipv4.keepalived');
    expect(tokenAt(ha1, 22, '80').scopes.at(-1)).toBe('constant.numeric.keepalived');
    for (const word of ['MASTER', 'PASS', 'rr', 'DR', 'TCP']) expect(scopesOf(ha1, word), word).toEqual(['constant.language.enum.keepalived']);
    expect(tokenAt(ha1, 7, '{').scopes.at(-1)).toBe('punctuation.section.block.begin.keepalived');
    expect(tokenAt(ha1, 20, '}').scopes.at(-1)).toBe('punctuation.section.block.end.keepalived');
  });

  it('leaves names and words that merely contain digits or @ unscoped', () => {
    const unscoped = (line: number, text: string) => ha1.tokens.filter((t) => t.line === line && t.text.includes(text)).map((t) => t.scopes);
    expect(unscoped(9, 'ens33')).toEqual([['source.keepalived']]);
    expect(unscoped(15, 'laoma@123')).toEqual([['source.keepalived']]);
  });
});

describe('comment characters in double quotes', () => {
  let tokenized: Tokenized;
  beforeAll(() => {
    tokenized = tokenize(grammar, local('comment-characters-in-quotes.conf'));
  });

  it('keeps a `#` or `!` inside double quotes in the string', () => {
    const quoted = (line: number) => tokenized.tokens.filter((t) => t.line === line && t.scopes.includes('string.quoted.double.keepalived'));
    expect(quoted(5).map((t) => t.text).join('')).toBe('"keepalived #lb1 <root@example.org>"');
    expect(quoted(9).map((t) => t.text).join('')).toBe(`"/usr/bin/pgrep -f 'haproxy -f /etc/haproxy/haproxy.cfg' # master process"`);
    expect(quoted(18).map((t) => t.text).join('')).toBe('"/etc/keepalived/notify.sh MASTER !urgent"');
    for (const line of [5, 9, 18]) {
      const inString = tokenized.tokens.filter((t) => t.line === line && t.scopes.includes('string.quoted.double.keepalived'));
      expect(inString.some((t) => t.scopes.some((s) => s.startsWith('comment.'))), `line ${line}`).toBe(false);
    }
  });

  it('starts a comment after the closing quote, and not at an escaped `\\#`', () => {
    const comment = tokenized.tokens.filter((t) => t.line === 18 && t.scopes.includes('comment.line.number-sign.keepalived'));
    expect(comment.map((t) => t.text).join('')).toBe("# quoted: '!urgent' is an argument");
    expect(tokenAt(tokenized, 4, '\\#').scopes.at(-1)).toBe('constant.character.escape.keepalived');
    expect(tokenized.tokens.filter((t) => t.line === 4).some((t) => t.scopes.some((s) => s.startsWith('comment.')))).toBe(false);
    expect(tokenAt(tokenized, 2, '#').scopes.at(-1)).toBe('punctuation.definition.comment.keepalived');
  });

  it('scopes IPv6 addresses with their prefix length', () => {
    expect(tokenAt(tokenized, 20, '2001:db8::15/64').scopes.at(-1)).toBe('constant.numeric.ip-address.ipv6.keepalived');
    expect(tokenAt(tokenized, 21, 'fd00::1/64').scopes.at(-1)).toBe('constant.numeric.ip-address.ipv6.keepalived');
  });
});

describe('the preprocessor (fixtures/format/preprocessor-kept/input.conf)', () => {
  let tokenized: Tokenized;
  beforeAll(() => {
    tokenized = tokenize(grammar, fixture('format/preprocessor-kept/input.conf'));
  });
  const innermost = (line: number, text: string) => tokenAt(tokenized, line, text).scopes.at(-1);

  it('scopes $NAME= definitions, continued lines included', () => {
    expect(innermost(1, '$')).toBe('punctuation.definition.variable.keepalived');
    expect(innermost(1, 'IF')).toBe('variable.other.definition.keepalived');
    expect(innermost(1, '=')).toBe('keyword.operator.assignment.keepalived');
    // `$INST= \` continues over lines 3 to 5; their keywords are scoped inside the definition.
    expect(tokenAt(tokenized, 3, 'vrrp_instance').scopes).toEqual(['source.keepalived', 'meta.definition.keepalived', 'keyword.other.block.keepalived']);
    expect(tokenAt(tokenized, 5, '}').scopes).toContain('meta.definition.keepalived');
    expect(tokenAt(tokenized, 7, 'include').scopes).not.toContain('meta.definition.keepalived');
  });

  it('scopes $NAME and ${NAME} substitutions', () => {
    expect(innermost(9, 'IF')).toBe('variable.other.substitution.keepalived');
    expect(tokenAt(tokenized, 16, 'R').scopes.at(-1)).toBe('variable.parameter.sequence.keepalived');
    const braced = tokenized.tokens.filter((t) => t.line === 16 && t.scopes.includes('meta.substitution.keepalived')).map((t) => t.text);
    expect(braced).toEqual(['$', '{', 'R', '}', '$', '{', 'R', '}']);
  });

  it('scopes include and its pattern', () => {
    expect(innermost(7, 'include')).toBe('keyword.control.import.keepalived');
    expect(innermost(7, 'conf.d/*.conf')).toBe('string.unquoted.path.keepalived');
  });

  it('scopes @id and @^id conditionals and still finds the keyword after them', () => {
    expect(innermost(10, '@')).toBe('keyword.control.conditional.keepalived');
    expect(innermost(10, 'ha1')).toBe('entity.name.tag.config-id.keepalived');
    expect(innermost(10, 'priority')).toBe('keyword.other.keepalived');
    expect(innermost(11, '@^')).toBe('keyword.control.conditional.keepalived');
    expect(innermost(11, 'priority')).toBe('keyword.other.keepalived');
    expect(innermost(6, '@')).toBe('keyword.control.conditional.keepalived');
    expect(innermost(6, 'PRIO')).toBe('variable.other.definition.keepalived');
  });

  it('scopes ~SEQ prefixes and the keyword and block after them', () => {
    expect(tokenized.tokens.filter((t) => t.line === 16 && t.scopes.includes('meta.preprocessor.sequence.keepalived')).map((t) => t.text).join('')).toBe('~SEQ(R, 1, 3)');
    expect(innermost(16, 'SEQ')).toBe('keyword.control.loop.keepalived');
    expect(innermost(16, 'real_server')).toBe('keyword.other.block.keepalived');
    expect(innermost(16, 'weight')).toBe('keyword.other.keepalived');
  });
});
