/**
 * The independent model of keepalived's reader (`readAsKeepalived`, `sameKeepalivedReading`):
 * what keepalived reads in each class of issue 11's "Data loss and changed meaning" list, in both
 * of 2.2.7's reading passes, and an oracle test that runs the real `keepalived -t` (2.2.7) on
 * those texts and on generated ones and checks the model predicts every line keepalived reports.
 * Needs root and keepalived for the oracle part (CI has both); elsewhere that part is skipped.
 */
import { mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { readAsKeepalived, sameKeepalivedReading, type KeepalivedReadingOptions } from '@kalint/parser';
import { anyText, configLike } from './fuzz/arbitraries.js';
// @ts-ignore -- a plain ESM module without type declarations, shared with `npm run oracle`
import { oracleAvailable, pool, runKeepalived } from './oracle/keepalived.mjs';

/** The words of each logical line keepalived reads. */
function words(text: string | Uint8Array, options: KeepalivedReadingOptions = {}): string[][] {
  return readAsKeepalived(text, options).lines.map((l) => l.words);
}

/** The words of each logical line of 2.2.7's children (the checker, VRRP and BFD processes). */
function childWords(text: string | Uint8Array, options: KeepalivedReadingOptions = {}): string[][] {
  return words(text, { ...options, pass: 'children' });
}

const bytes = (...parts: (string | number[])[]): Uint8Array =>
  Uint8Array.from(parts.flatMap((p) => (typeof p === 'string' ? [...Buffer.from(p, 'latin1')] : p)));

describe('F1: a lone CR inside a line', () => {
  it('is white space between words, not a line break', () => {
    expect(words('virtual_router_id 51\r priority 300\nnext\n')).toEqual([['virtual_router_id', '51', 'priority', '300'], ['next']]);
    expect(childWords('virtual_router_id 51\r priority 300\n')).toEqual([['virtual_router_id', '51', 'priority', '300']]);
  });

  it('differs from a real line break, and CRs at the end of a line are dropped', () => {
    expect(sameKeepalivedReading('virtual_router_id 51\r priority 300\n', 'virtual_router_id 51\npriority 300\n')).toBe(false);
    expect(words('a b\r\r\nc\r\n')).toEqual([['a', 'b'], ['c']]);
    expect(sameKeepalivedReading('a b\r\nc\r\n', 'a b\nc\n')).toBe(true);
  });
});

describe('F2: a NUL byte', () => {
  it('2.2.7 ignores the rest of the line after it, and does not count that line', () => {
    const text = bytes('a1\n}', [0], ' vrrp_script chk { script /bin/true }\nb1\n', [0], 'lead\nc1\n');
    expect(readAsKeepalived(text).lines).toEqual([
      { line: 1, words: ['a1'] },
      { line: 1, words: ['}'] },
      { line: 2, words: ['b1'] },
      { line: 3, words: ['c1'] },
    ]);
    expect(childWords(text)).toEqual([['a1'], ['}'], ['b1'], ['c1']]);
  });

  it('newer releases ignore the whole line', () => {
    const text = bytes('a1\n}', [0], ' vrrp_script chk { script /bin/true }\nb1\n');
    expect(readAsKeepalived(text, { version: 'newer' }).lines).toEqual([
      { line: 1, words: ['a1'] },
      { line: 3, words: ['b1'] },
    ]);
  });

  it('moving the text after a NUL onto a line of its own changes the reading', () => {
    const before = bytes('}', [0], ' vrrp_script chk { script /bin/true }\n');
    expect(sameKeepalivedReading(before, '}\nvrrp_script chk { script /bin/true }\n')).toBe(false);
  });
});

describe("F3: keepalived's line buffer", () => {
  const line = (tag: string, length: number) => tag + 'x'.repeat(length - tag.length - 1) + 'Z';

  it('2.2.7 reads a line of up to 1,023 bytes (LF not counted) whole and cuts a longer one every 1,023 bytes', () => {
    const text = `first\n${line('A', 1023)}\nafter\n${line('B', 1024)}\nlast\n${line('C', 2047)}\n`;
    expect(readAsKeepalived(text).lines.map((l) => [l.line, l.words[0]!.slice(0, 2)])).toEqual([
      [1, 'fi'],
      // The first piece of a long line is reported at the line before: keepalived counts a line at its LF.
      [1, 'Ax'],
      [3, 'af'],
      [3, 'Bx'],
      [4, 'Z'],
      [5, 'la'],
      [5, 'Cx'],
      [5, 'xx'],
      [6, 'Z'],
    ]);
  });

  it('a CR before the LF is part of the 1,023 bytes, but is dropped', () => {
    expect(words(`${line('D', 1022)}\r\n${line('E', 1023)}\r\n${line('F', 1024)}\r\n`).map((w) => w[0]!.slice(0, 2))).toEqual(['Dx', 'Ex', 'Fx', 'Z']);
  });

  it('newer releases drop the first 1,023 bytes of a longer line and read the rest as a line', () => {
    const text = `first\n${line('A', 1022)}\n${line('B', 1023)}\n${line('C', 1025)}\nlast\n`;
    // Each dropped piece counts as a line, so the line numbers after it are one too high.
    expect(readAsKeepalived(text, { version: 'newer' }).lines.map((l) => [l.line, l.words[0]!.slice(0, 2)])).toEqual([
      [1, 'fi'],
      [2, 'Ax'],
      [6, 'xZ'],
      [7, 'la'],
    ]);
  });

  it('indenting a line past the limit changes the reading', () => {
    const statement = line('notify_master /bin/', 1020);
    expect(sameKeepalivedReading(`${statement}\n`, `   ${statement}\n`)).toBe(true);
    expect(sameKeepalivedReading(`${statement}\n`, `    ${statement}\n`)).toBe(false);
    expect(sameKeepalivedReading(`${statement}\n`, `  ${statement}\n`, { version: 'newer' })).toBe(true);
    expect(sameKeepalivedReading(`${statement}\n`, `   ${statement}\n`, { version: 'newer' })).toBe(false);
  });
});

describe('F4: an escaped comment character', () => {
  it('`\\#` and `\\!` are the characters themselves, at a word start too, and kept inside double quotes', () => {
    expect(words('a \\#5\n\\#5 b\nc \\!x\n"q \\#" d\n')).toEqual([['a', '#5'], ['#5', 'b'], ['c', '!x'], ['q \\#', 'd']]);
  });

  it("in 2.2.7's children they are comments: the copy they read has the backslash removed", () => {
    expect(childWords('a \\#5\nc \\!x\n"q \\#" d\nafter\n')).toEqual([['a'], ['c'], ['q \\#', 'd'], ['after']]);
    // A copy line that starts with `#` names an included file, one that starts with `!` ends one.
    expect(childWords('\\#5 b\nafter\n')).toEqual([['after']]);
  });

  it('a `\\!` at the start of a line makes 2.2.7 crash in its children', () => {
    const reading = readAsKeepalived('w1\n\\!bang\nw3\n', { pass: 'children' });
    expect(reading.crashed).toBe(true);
    expect(reading.lines.map((l) => l.words)).toEqual([['w1'], ['w3']]);
  });

  it('removing the backslash, or moving a `\\#` word to the start of a line, changes the reading', () => {
    expect(sameKeepalivedReading('priority \\#5\n', 'priority #5\n')).toBe(false);
    // The parent reads the same lines; the children do not: `a { #b }` loses its `}` in the copy.
    expect(words('a { \\#b }\n')).toEqual(words('a {\n\\#b\n}\n'));
    expect(childWords('a { \\#b }\nc\n')).toEqual([['a'], ['{'], ['c']]);
    expect(sameKeepalivedReading('a { \\#b }\n', 'a {\n\\#b\n}\n')).toBe(false);
  });
});

describe('F5: a backslash at the end of a line', () => {
  it('is kept on the last word; blanks after it make it an ordinary character, which the children then read as the end', () => {
    expect(words('a \\ \nb \\\n')).toEqual([['a', '\\'], ['b\\']]);
    expect(childWords('a \\ \nb \\\n')).toEqual([['a\\'], ['b\\']]);
    expect(sameKeepalivedReading('a \\ \n', 'a \\\n')).toBe(false);
  });

  it('2.2.7 finds it at the end of a comment too: `# see C:\\dir\\` reads as a line `\\`', () => {
    const text = 'w0\n# see C:\\dir\\\nx # dir\\\\\ny # dir\\\nw4\n';
    expect(words(text)).toEqual([['w0'], ['\\'], ['x'], ['y\\'], ['w4']]);
    expect(childWords(text)).toEqual([['w0'], ['\\'], ['x'], ['y\\'], ['w4']]);
    expect(words(text, { version: 'newer' })).toEqual([['w0'], ['x'], ['y'], ['w4']]);
  });

  it('trimming the blank after such a backslash changes the reading in 2.2.7', () => {
    expect(sameKeepalivedReading('w0\n# see C:\\dir\\ \n', 'w0\n# see C:\\dir\\\n')).toBe(false);
    expect(sameKeepalivedReading('w0\n# see C:\\dir\\ \n', 'w0\n# see C:\\dir\\\n', { version: 'newer' })).toBe(true);
  });
});

describe('F6: multi-line $NAME= definitions', () => {
  it('a whitespace-only line does not end one in the parent, but in the children, where it is empty', () => {
    const text = '$A=a1 \\\n   \nb1\n$A\n';
    expect(words(text)).toEqual([['a1'], ['b1']]);
    expect(childWords(text)).toEqual([['b1'], ['a1']]);
    // Emptying that line ends the definition in the parent as well.
    expect(sameKeepalivedReading(text, '$A=a1 \\\n\nb1\n$A\n')).toBe(false);
  });

  it('a definition after a `{` on the same line continues on the next lines', () => {
    const text = 'x { $M=m1 \\\nm2\n}\n$M\n';
    expect(words(text)).toEqual([['x'], ['{'], ['}'], ['m1'], ['m2']]);
    expect(sameKeepalivedReading(text, 'x {\n    $M=m1 \\\n    m2\n}\n$M\n')).toBe(true);
    expect(sameKeepalivedReading(text, 'x {\n    $M=m1 \\\n}\nm2\n$M\n')).toBe(false);
  });

  it('in 2.2.7 a comment ending in `\\` continues a definition, and the blank line after it ends it', () => {
    const text = '$C=c1 # see \\\n\nc2\n$C\n';
    expect(words(text)).toEqual([['c2'], ['c1']]);
    expect(words(text, { version: 'newer' })).toEqual([['c2'], ['c1']]);
    // Without the blank line, 2.2.7 takes c2 into the definition.
    expect(words('$C=c1 # see \\\nc2\n$C\n')).toEqual([['c1'], ['c2']]);
    expect(sameKeepalivedReading(text, '$C=c1 # see \\\nc2\n$C\n')).toBe(false);
    expect(words('$D=d1 \\\n# note \\\nd2\n$D\n')).toEqual([['d1'], ['d2']]);
  });

  it('`$NAME=\\` and one more line is an ordinary definition; a ~SEQ reusing a multi-line name makes keepalived read past the value', () => {
    expect(words('$F=\\\nonly\nx $F\n')).toEqual([['x', 'only']]);
    const reused = '$M=a \\\nb\n~SEQ(M,2) $M\n';
    expect(readAsKeepalived(reused).unpredictable).toMatch(/past its end/);
    expect(sameKeepalivedReading(reused, `${reused}\n`)).toBe(false);
  });

  it('substitutes a multi-line definition only at the end of a line, one line per value line', () => {
    expect(words('$M=a \\\n  b \\\n  c\nx $M\n$M y\n')).toEqual([['x', 'a'], ['b'], ['c'], ['$M', 'y']]);
  });
});

describe('white space keepalived does not trim', () => {
  it('U+00A0 and U+FEFF are not blanks: a comment ending in `\\` then U+00A0 is no continuation', () => {
    expect(words('x # c\\\u00a0\ny # c\\\n')).toEqual([['x'], ['y\\']]);
    expect(sameKeepalivedReading('x # c\\\u00a0\n', 'x # c\\\n')).toBe(false);
    expect(words('z\u00a0q \ufeffr\n')).toEqual([['z\u00a0q', '\ufeffr']]);
  });

  it('a form feed or vertical tab ends a `$X=` value and an include pattern', () => {
    const text = '$X=v\f\nw $X w\ninclude a.conf\v\n';
    expect(readAsKeepalived(text).lines).toEqual([
      { line: 2, words: ['w', 'v', 'w'] },
      { line: 3, words: ['include', 'a.conf\v'], include: true },
    ]);
    expect(sameKeepalivedReading('include a.conf\v\n', 'include a.conf\n')).toBe(false);
    expect(sameKeepalivedReading('$X=v\f\nw ${X}y\n', '$X=v\nw ${X}y\n')).toBe(false);
  });
});

describe('the rest of the preprocessor', () => {
  it('@ID and @^ID lines, by config id', () => {
    const text = '@a x\n@^a y\n@a\n@b z\n';
    expect(words(text, { configId: 'a' })).toEqual([['x']]);
    expect(words(text, { configId: 'b' })).toEqual([['y'], ['z']]);
    expect(words(text)).toEqual([['y']]);
    expect(readAsKeepalived(text).configIds).toEqual(['a', 'b']);
  });

  it('2.2.7 tests a line again when a substitution makes it start with @, with the length it had before', () => {
    const text = '$IF_MAIN=@main\n$IF_MAIN priority 240\n$IFLONGNAMEXX=@kalint-oracle\n$IFLONGNAMEXX abcdefgh\n';
    expect(words(text, { configId: 'main' })).toEqual([['priority', '240']]);
    // keepalived moves only as many bytes as the line had before the substitution: the rest is what was there.
    expect(words(text, { configId: 'kalint-oracle' })).toEqual([['abcdefghoracle', 'abcdefgh']]);
    expect(words(text, { configId: 'main', version: 'newer' })).toEqual([['@main', 'priority', '240'], ['@kalint-oracle', 'abcdefgh']]);
    expect(readAsKeepalived('$IF=@kalint-oracle\n$IF w2\n', { configId: 'kalint-oracle' }).unpredictable).toMatch(/moves memory/);
  });

  it('substitutes $NAME and ${NAME} recursively, decomments the result, and leaves undefined names', () => {
    expect(words('$H=1#2\np $H\nq "${_HASH}" ${_BANG}x\n$A=${B}1\n$B=b\nr $A ${A}2\ns ${UNDEF}\n', { configId: 'id1' })).toEqual([
      ['p', '1'],
      ['q', '#'],
      ['r', 'b1', 'b12'],
      ['s', '$'],
      ['{'],
      ['UNDEF'],
      ['}'],
    ]);
    expect(words('i ${_INSTANCE} $_PWD\n', { configId: 'id1' })).toEqual([['i', 'id1', '/etc/keepalived']]);
  });

  it('~SEQ, ~SEQx and ~LST repeat the rest of the line, nesting from the left', () => {
    expect(words('~SEQ(i,1,3) s$i { t$i }\n')).toEqual([['s1'], ['{'], ['t1'], ['}'], ['s2'], ['{'], ['t2'], ['}'], ['s3'], ['{'], ['t3'], ['}']]);
    expect(words('~SEQx(i, 9, 11) h$i\n~LST(v, a, b) l$v\n~LST({u,v},{1,2},{3}) m${u}$v\n')).toEqual([['h9'], ['ha'], ['hb'], ['la'], ['lb'], ['m12'], ['m3']]);
    expect(words('~SEQ(i,2) ~SEQ(j,2) p${i}_$j\n')).toEqual([['p1_1'], ['p1_2'], ['p2_1'], ['p2_2']]);
  });

  it('a rejected ~LST lowers keepalived\'s count of pending loops: a later loop waits, and the children (which keep the count) read another order', () => {
    const text = '~LST(v) bad\n~LST({a,b},{1},{3}) m${a}_$b\n~LST(a,{1},2) n$a\n~LST(a) bad2\np\n';
    expect(readAsKeepalived(text).lines).toEqual([
      { line: 3, words: ['n1'] },
      { line: 3, words: ['n2'] },
      { line: 4, words: ['m1_'] },
      { line: 4, words: ['m3_'] },
      { line: 5, words: ['p'] },
    ]);
    expect(childWords(text)).toEqual([['m1_'], ['m3_'], ['n1'], ['n2'], ['p']]);
  });

  it('keeps include lines as lines with their pattern as written, not split into words', () => {
    expect(readAsKeepalived('include  conf.d/*.conf  # all\nincluder "a b"\n').lines).toEqual([
      { line: 1, words: ['include', 'conf.d/*.conf'], include: true },
      { line: 2, words: ['includer', '"a b"'], include: true },
    ]);
  });

  it('splits at braces outside double quotes, and a word at a double quote', () => {
    expect(words('a{b}c "{d}" e"f g"\n')).toEqual([['a'], ['{'], ['b'], ['}'], ['c', '{d}', 'e', 'f g']]);
    expect(words('x "unclosed y\n')).toEqual([['x']]);
  });

  it('reads a string as UTF-8 and bytes as they are', () => {
    expect(words('é ü\n')).toEqual([['é', 'ü']]);
    expect(words(bytes('a', [0xff], 'b\n'))).toEqual([['a\ufffdb']]);
    expect(sameKeepalivedReading(bytes('a', [0xff], '\n'), bytes('a', [0xfe], '\n'))).toBe(false);
  });
});

describe('bounded work on hostile input', () => {
  it('stops at maxLines and says the reading is truncated', () => {
    const reading = readAsKeepalived('~SEQ(i,1,1000) ~SEQ(j,1,1000) ~SEQ(k,1,1000) vrrp_script s${i}_${j}_$k { script /bin/true }\n', { maxLines: 10_000 });
    expect(reading.truncated).toBe(true);
    expect(reading.lines).toHaveLength(10_000);
    const braces = readAsKeepalived('{}'.repeat(100_000), { maxLines: 10_000 });
    expect([braces.truncated, braces.lines.length]).toEqual([true, 10_000]);
  });

  it('stops a definition that expands into itself, which keepalived never finishes', () => {
    expect(readAsKeepalived('$A=$A\n$A\n').truncated).toBe(true);
    expect(readAsKeepalived('$L=~SEQ(i,1,100000) $L\n$L\n').truncated).toBe(true);
    expect(sameKeepalivedReading('$A=$A\n$A\n', '$A=$A\n  $A\n')).toBe(false);
  });
});

describe('on any text', () => {
  it('reads every text without throwing, within its bounds, and reads it the same after a comment line put first', () => {
    fc.assert(
      fc.property(fc.oneof(anyText(300), configLike(150)), (text) => {
        for (const version of ['2.2.7', 'newer'] as const) {
          let vouched = true;
          for (const pass of ['parent', 'children'] as const) {
            const reading = readAsKeepalived(text, { version, pass, maxLines: 5000 });
            expect(reading.lines.length).toBeLessThanOrEqual(5000);
            for (const line of reading.lines) expect(line.words.length).toBeGreaterThan(0);
            if (reading.truncated || reading.unpredictable !== undefined) vouched = false;
          }
          if (vouched) expect(sameKeepalivedReading(text, `# first\n${text}`, { version })).toBe(true);
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('sameKeepalivedReading', () => {
  const config = 'vrrp_instance VI_1 {\n  state MASTER # primary\n  virtual_ipaddress {\n    10.0.0.1/24\n  }\n}\n';

  it('is true for changes of layout keepalived cannot see', () => {
    expect(sameKeepalivedReading(config, config)).toBe(true);
    expect(sameKeepalivedReading(config, 'vrrp_instance VI_1\n{\n\tstate   MASTER\n\n\n  virtual_ipaddress { 10.0.0.1/24 }\n}')).toBe(true);
  });

  it('is false for a changed word, a lost comment character, or a different line structure', () => {
    expect(sameKeepalivedReading(config, config.replace('MASTER', 'BACKUP'))).toBe(false);
    expect(sameKeepalivedReading(config, config.replace('# primary', 'primary'))).toBe(false);
    expect(sameKeepalivedReading('a b\n', 'a\nb\n')).toBe(false);
  });

  it('compares every config id either text names, and one neither names', () => {
    expect(sameKeepalivedReading('@ha1 priority 100\n@^ha1 priority 50\n', '@ha1  priority 100\n@^ha1\tpriority 50\n')).toBe(true);
    expect(sameKeepalivedReading('@ha1 priority 100\n', '@ha1 priority 101\n')).toBe(false);
    expect(sameKeepalivedReading('@^ha2 priority 100\n', '@^ha2 priority 100\n@ha2 x\n')).toBe(false);
    // An id named only by a substitution is found too.
    expect(sameKeepalivedReading('$N=@n1\n$N x\n', '$N=@n1\n$N  x\n')).toBe(true);
  });

  it('compares a line with quotes or backslashes also as script keywords read theirs: quotes of either kind and escapes group words', () => {
    // The same words to the word splitter, different arguments or users to a script keyword.
    expect(words("notify_master /bin/echo 'a   b'\n")).toEqual(words("notify_master /bin/echo 'a b'\n"));
    expect(sameKeepalivedReading("notify_master /bin/echo 'a   b'\n", "notify_master /bin/echo 'a b'\n")).toBe(false);
    expect(sameKeepalivedReading('script /bin/x a\\  b\n', 'script /bin/x a\\ b\n')).toBe(false);
    expect(sameKeepalivedReading('script x"y z"\n', 'script x "y z"\n')).toBe(false);
    // White space between such words is still only a separator.
    expect(sameKeepalivedReading('  notify_master   "/bin/x y"   \'a b\'  \n', 'notify_master "/bin/x y" \'a b\'\n')).toBe(true);
  });

  it("tells a quote left open at the end of a line from one before a vertical tab or form feed, as script keywords do", () => {
    // alloc_strvec_quoted_escaped() takes a `'` that ends the line for an empty word, but refuses
    // `'` then a vertical tab (a quote never closed): `keepalived -t` reports "missing terminating '"
    // for `notify_master '\v` only. The word splitter reads both alike.
    expect(words("notify_master '\u000b\n")).toEqual(words("notify_master '\n"));
    for (const version of ['2.2.7', 'newer'] as const) {
      expect(sameKeepalivedReading("notify_master '\u000b\n", "notify_master '\n", { version })).toBe(false);
      expect(sameKeepalivedReading("'\u000c", "'\n", { version })).toBe(false);
      // Outside a quote it is only white space.
      expect(sameKeepalivedReading('x\u000b', 'x\n', { version })).toBe(true);
    }
  });

  it("compares 2.2.7's children too: an include split off a line is read once there instead of twice", () => {
    expect(words('a { include x\n')).toEqual(words('a {\ninclude x\n'));
    expect(sameKeepalivedReading('a { include x\n', 'a {\ninclude x\n')).toBe(false);
  });
});

// The real keepalived ------------------------------------------------------------------------

const probe = oracleAvailable();
if (probe.ok) probe.dispose();
else console.warn(`keepalived-reader oracle skipped: ${probe.reason}`);

/** Config texts as bytes, from a seeded generator: words, braces, quotes, comments, escapes, every preprocessor construct. */
function generated(seed: number, count: number): Uint8Array[] {
  let state = seed;
  const random = () => {
    state = (Math.imul(state, 1103515245) + 12345) & 0x7fffffff;
    return state / 0x7fffffff;
  };
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const word = ['w1', 'w2', 'ab', 'x9', '"q r"', 'x"y z"', '""', "'s t'", 'é', 'a,b', '(p)'];
  const fragment = [
    ...word, ...word, ...word,
    ' ', ' ', '\t', '{', '}', '#c', '!c', '# c \\', '\\#', '\\!', '\\', '\\\\', '\\ ',
    '$X', '${X}', '$Y', '${M}', '$M', '$X,', '${UNDEF}', '${_HASH}', '${_BANG}', '${_INSTANCE}', '${_PWD}',
    '\r', '\0', '\f', '\v', '"', '@', '~', '$',
  ];
  const start = [
    '', '', '', '', '  ', '\t', '@kalint-oracle ', '@^kalint-oracle ', '@other ', '~SEQ(i,1,3) ', '~SEQx(i, 9, 11) ',
    '~LST(v,a,b) ', '~LST({u,v},{1,2},{3}) ', '$X=', '$Y=', '$M=', '$X = ', '$M', '${M}', 'a { $M=', '   ', '# note ',
    '$IF=@kalint-oracle', '$IFLONGNAMEXX abcdefgh', '$IFLONGNAMEXX=@kalint-oracle', '\\#', '~LST(v) ', '~LST(u,{1},2) ',
  ];
  const end = ['\n', '\n', '\n', '\n', '\r\n', ' \n', ' \\\n', '\\\n', '\\ \n', '\n\n', '\r\r\n'];
  const line = (): string => {
    if (random() < 0.03) return pick(['include nofile', 'include\tno{a,b}', '@kalint-oracle include nofile', 'a { include nofile']) + pick(end);
    let text = pick(start);
    for (let i = Math.floor(random() * 6); i > 0; i--) text += pick(fragment) + (random() < 0.6 ? ' ' : '');
    if (random() < 0.03) text += 'L'.repeat(1000 + Math.floor(random() * 60)) + ' tail';
    if (random() < 0.03) text += ' '.repeat(Math.max(0, 1018 + Math.floor(random() * 8) - text.length)) + 'Q';
    return text + pick(end);
  };
  return Array.from({ length: count }, () => {
    let text = 'start0\n';
    for (let i = 10 + Math.floor(random() * 30); i > 0; i--) text += line();
    return Uint8Array.from(Buffer.from(`${text}end0\n`, 'latin1'));
  });
}

/** The texts of the cases above, each as keepalived -t reads it. */
const handmade: [string, Uint8Array][] = [
  ['F1', bytes('virtual_router_id 51\r priority 300\nnext\na b\r\r\nc\r\n')],
  ['F2', bytes('a1\n}', [0], ' vrrp_script chk { script /bin/true }\nb1\n', [0], 'lead\nc1\n')],
  ['F3', bytes(`first\n${'A'.repeat(1023)}\nafter\n${'B'.repeat(1024)}\nlast\n${'C'.repeat(2047)}\n${'D'.repeat(1022)}\r\n${'E'.repeat(1023)}\r\n${'F'.repeat(1024)}\r\nend`)],
  ['F4', bytes('a \\#5\n\\#5 b\nc \\!x\n"q \\#" d\nafter\na { \\#b }\nc\n')],
  ['F4 crash', bytes('w1\n\\!bang\nw3\n')],
  ['F5', bytes('a \\ \nb \\\nw0\n# see C:\\dir\\\nx # dir\\\\\ny # dir\\\n# see C:\\dir\\ \nw4\n')],
  ['F6', bytes('$A=a1 \\\n   \nb1\n$A\nx { $M=m1 \\\nm2\n}\n$M\n$C=c1 # see \\\n\nc2\n$C\n$D=d1 \\\n# note \\\nd2\n$D\n$M=a \\\n  b \\\n  c\nx $M\n$M y\n')],
  ['unicode', Uint8Array.from(Buffer.from('x # c\\\u00a0\ny # c\\\n$X=v\f\nw $X w\ninclude a.conf\v\nz\u00a0q \ufeffr\n', 'utf8'))],
  ['rejected ~LST', bytes('~LST(v) bad\n~LST({a,b},{1},{3}) m${a}_$b\n~LST(a,{1},2) n$a\n~LST(a) bad2\np\n')],
  ['preprocessor', bytes('$IF_MAIN=@main\n$IF_MAIN priority 240\n$IFLONGNAMEXX=@kalint-oracle\n$IFLONGNAMEXX abcdefgh\n$H=1#2\np $H\nq "${_HASH}" ${_BANG}x\n$A=${B}1\n$B=b\nr $A ${A}2\ns ${UNDEF}\n~SEQ(i,1,3) s$i { t$i }\n~SEQx(i, 9, 11) h$i\n~LST(v, a, b) l$v\n~LST({u,v},{1,2},{3}) m${u}$v\n~SEQ(i,2) ~SEQ(j,2) p${i}_$j\na{b}c "{d}" e"f g"\nx "unclosed y\n@kalint-oracle on\n@^kalint-oracle off\n')],
];

/** keepalived's reports of logical lines: `LINE WORD` for each unknown keyword or unexpected `{`, parent and children apart. */
function reported(stderr: string, crashed: boolean): { parent: string[]; children: string[] } {
  const parent: string[] = [];
  const children: string[] = [];
  const message = /^(?:\((?:(.*?): )?Line (\d+)\) )?(?:Unknown keyword '(.*)'|(Unexpected) '\{' - ignoring)$/;
  for (const text of stderr.split('\n')) {
    const match = message.exec(text);
    if (match === null) continue;
    (match[1] === undefined ? parent : children).push(`${match[2] ?? 0} ${match[4] ? '{' : match[3]}`);
  }
  // Three children read alike (checker, VRRP, BFD); a crash ends the first.
  return { parent, children: crashed ? children : children.slice(0, children.length / 3) };
}

describe.skipIf(!probe.ok)('the model against keepalived -t (2.2.7)', () => {
  // keepalived's ${_PWD} is getcwd(): the real path.
  const directory = realpathSync(mkdtempSync(path.join(tmpdir(), 'kalint-reader-')));
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it('predicts every line keepalived reports, with its line number, in the parent and in the children', async () => {
    const oracle = oracleAvailable();
    const cases: [string, Uint8Array][] = [...handmade, ...generated(20260612, 16).map((text, i): [string, Uint8Array] => [`generated ${i}`, text])];
    try {
      const runs = await pool(
        cases.map(([name, text], i) => async () => {
          const file = path.join(directory, `case${i}.conf`);
          writeFileSync(file, text);
          const run = await runKeepalived(oracle, file, [], { cwd: directory });
          return { name, text, run };
        }),
        2,
      );
      let compared = 0;
      for (const { name, text, run } of runs) {
        const options = { configId: 'kalint-oracle', pwd: directory };
        const parent = readAsKeepalived(text, options);
        const children = readAsKeepalived(text, { ...options, pass: 'children' });
        // A reading the model calls unpredictable (memory contents, chance) or cut short is not compared.
        if (parent.truncated || children.truncated || parent.unpredictable || children.unpredictable) {
          expect(name, 'only generated texts may be unpredictable').toMatch(/^generated/);
          continue;
        }
        const crashed = run.exitCode === 139;
        const seen = reported(run.stderr, crashed);
        const predicted = (lines: typeof parent.lines) => lines.filter((l) => !l.include).map((l) => `${l.line} ${l.words[0]}`);
        expect(predicted(parent.lines), `${name}: the parent's lines`).toEqual(seen.parent);
        expect(predicted(children.lines), `${name}: the children's lines`).toEqual(seen.children);
        expect(children.crashed === true, `${name}: whether keepalived crashes`).toBe(crashed);
        compared++;
      }
      expect(compared).toBeGreaterThanOrEqual(handmade.length + 8);
    } finally {
      oracle.dispose();
    }
  }, 300_000);
});
