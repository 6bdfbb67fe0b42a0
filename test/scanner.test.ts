/**
 * The hand-written scanner (packages/parser/src/scan.ts) against its specification, Chevrotain's
 * lexer over the token definitions of lexer.ts: the same tokens (type, image, offsets) and the same
 * comments for any text, config-like text and every corpus file.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { IToken } from 'chevrotain';
import { referenceLexer } from '../packages/parser/src/lexer.js';
import { nothingToExpand } from '../packages/parser/src/expand.js';
import { scan, Scanner } from '../packages/parser/src/scan.js';
import { corpusPresent, corpusText, oracle } from './corpus.js';
import { anyText, configLike, fragment } from './fuzz/arbitraries.js';

const shown = (tokens: IToken[]) => tokens.map((t) => [t.tokenType.name, t.image, t.startOffset, t.endOffset, t.tokenTypeIdx]);

function expectSameTokens(text: string): void {
  const reference = referenceLexer().tokenize(text);
  expect(reference.errors).toEqual([]);
  const scanned = scan(text);
  expect(shown(scanned.tokens)).toEqual(shown(reference.tokens));
  expect(shown(scanned.comments)).toEqual(shown(reference.groups.comments ?? []));
  // Each comment's line and the start of that line, as counting line ends (`\n`) before it gives them.
  const lines = scanned.comments.map((comment) => {
    const before = text.slice(0, comment.startOffset).split('\n');
    return [before.length - 1, comment.startOffset - before[before.length - 1]!.length];
  });
  expect(scanned.comments.map((_, i) => [scanned.commentLines[i], scanned.commentLineStarts[i]])).toEqual(lines);
}

/** Line-start constructs and the characters that end words, packed close together. */
const dense = fc
  .array(
    fc.oneof(
      fragment,
      fc.constantFrom('include x', 'include #c', 'includer a b', 'include\tz ! c ', '$A=1 \\', '$B=', '\\ ', ' \\ # c', '\\!', '\\\\', '~SEQx(a,1,2)', '~LST(a,{b,c})', '~SEQ(', '@', '@^', '\f', '\v', '\r', '""', '"a\rb"', 'i', '$', '~', '\0', '\r\r\n', ' \\\r\n', ' \\\0', '\f@a ', '\r$A=1', '\\#', '"\0"', '@a\rb '),
    ),
    { maxLength: 60 },
  )
  .map((parts) => parts.join(''));

describe('scanner', () => {
  it('reads what the token definitions say, on examples of each construct', () => {
    for (const text of [
      '',
      'vrrp_instance VI_1 {\n  state MASTER # primary\n}\n',
      '@main include /etc/keepalived/*.conf # all\n',
      '$IF=eth0 \\\n  # continued\n  more\n\nuse $IF\n',
      '~SEQ(i, 1, 3) real_server 10.0.0.$i 80 {\n}\n',
      'notify "/bin/echo a b" x"y z" "unterminated\r\nnext \\# not a comment \\\n',
      'router_id   \\   ! trailing backslash\r',
      'a{b}c"d"e#f\n!g\n',
      // A line ends at `\n` (with the `\r`s before it); a lone `\r` is a blank; NUL ends what is read.
      'virtual_router_id 51\r priority 300\r\r\n# c\r\n"q\r\n',
      '}\0 vrrp_script chk { script /bin/true }\r\nx "a\0b" y\0',
      '$M=a \\\0junk\r\n b\0 \\\n c\n',
      // Only spaces and tabs may stand before a line-start construct.
      '\f@main a\n\v$X=1\n\rinclude b\n@main\f$X=1\n@main \t$X=1\n',
      // A final `\` sticks to the word before it only when nothing follows it on the line.
      'a \\\nb \\ \nc \\ # d\ne \\#5\nf \\\r\n',
    ]) {
      expectSameTokens(text);
    }
  });

  it('reads any text as Chevrotain lexer does', () => {
    fc.assert(fc.property(anyText(), (text) => expectSameTokens(text)), { numRuns: 300 });
  });

  it('reads config-like text as Chevrotain lexer does', () => {
    fc.assert(fc.property(configLike(200), (text) => expectSameTokens(text)), { numRuns: 500 });
    fc.assert(fc.property(dense, (text) => expectSameTokens(text)), { numRuns: 1000 });
  });

  it.runIf(corpusPresent)('reads every corpus file as Chevrotain lexer does', () => {
    const files = oracle().map((entry) => entry.file);
    expect(files.length).toBeGreaterThan(100);
    for (const file of files) expectSameTokens(corpusText(file));
  });

  it('reads batch by batch exactly what it reads at once, each batch ending with a line end', () => {
    fc.assert(
      fc.property(fc.oneof(configLike(200), dense, anyText()), fc.integer({ min: 1, max: 8 }), (text, limit) => {
        const scanner = new Scanner(text);
        const batches: IToken[][] = [];
        for (let batch = scanner.next(limit); batch !== null; batch = scanner.next(limit)) batches.push(batch);
        const whole = scan(text);
        expect(shown(batches.flat())).toEqual(shown(whole.tokens));
        expect(shown(scanner.comments)).toEqual(shown(whole.comments));
        for (const batch of batches.slice(0, -1)) expect(batch[batch.length - 1]!.tokenType.name).toBe('Newline');
      }),
      { numRuns: 500 },
    );
  });

  it('finds no preprocessor line where the parser was told there is nothing to expand', () => {
    const directive = (t: IToken) => ['Definition', 'Conditional', 'Sequence', 'Include'].includes(t.tokenType.name);
    fc.assert(
      fc.property(fc.oneof(configLike(200), dense, anyText()), (text) => {
        if (nothingToExpand(text)) expect(scan(text).tokens.filter(directive).map((t) => t.image)).toEqual([]);
      }),
      { numRuns: 2000 },
    );
    // And it does not give up on ordinary files: words merely containing the characters are fine.
    expect(nothingToExpand('vrrp_instance VI_1 {\n  notify_master /bin/x@y~z\n  # include later\n}\n')).toBe(true);
    expect(nothingToExpand('  \t@main router_id a\n')).toBe(false);
    expect(nothingToExpand('x\r~SEQ(i,1,2) a\n')).toBe(false);
    expect(nothingToExpand('include /etc/k.conf')).toBe(false);
    expect(nothingToExpand('a $B')).toBe(false);
  });
});
