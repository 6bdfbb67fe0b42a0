import { describe, expect, it } from 'vitest';
import { format, formatRange } from '@kalint/formatter';

/**
 * `input` formats to `expected`: by the layout alone (no safety check to fall back on), and with the
 * check, which must not have to step in; formatting `expected` again changes nothing.
 */
function expectFormat(input: string, expected: string): void {
  expect(JSON.stringify(format(input, { verify: false }).text)).toBe(JSON.stringify(expected));
  const checked = format(input);
  expect(checked.refused).toBeUndefined();
  expect(JSON.stringify(checked.text)).toBe(JSON.stringify(expected));
  expect(JSON.stringify(format(expected).text)).toBe(JSON.stringify(expected));
}

// Cases of issue 11, each confirmed with keepalived 2.2.7 (`keepalived -t`) before and after the
// old layout: the formatter changed what keepalived reads.
describe('the formatter reads line ends as keepalived does', () => {
  it('F1: keeps a lone carriage return inside a line as a blank, not a line break', () => {
    // keepalived reads one `virtual_router_id` line, `priority 300` being extra words it ignores;
    // as two lines, priority 300 is out of range.
    expectFormat(
      'vrrp_instance VI_1 {\n  virtual_router_id 51\r priority 300\n}\n',
      'vrrp_instance VI_1 {\n    virtual_router_id 51 priority 300\n}\n',
    );
  });

  it('F1: still reads CRLF and the \\r\\r\\n of a doubly converted file as line ends', () => {
    expectFormat('global_defs {\r\n  router_id ha1\r\r\n  # note\r\n}\r\n', 'global_defs {\n    router_id ha1\n    # note\n}\n');
  });

  it('F2: keeps a NUL byte and the rest of its line on that line', () => {
    // keepalived 2.2.7 reads `}` and ignores the rest; on lines of their own, the vrrp_script exists.
    expectFormat(
      'global_defs {\n  router_id a\n  }\0 vrrp_script chk { script /bin/true }\n',
      'global_defs {\n    router_id a\n}\0 vrrp_script chk { script /bin/true }\n',
    );
    expectFormat('global_defs {\n  router_id   a\0 } x \r\n}\n', 'global_defs {\n    router_id   a\0 } x \r\n}\n');
  });

  it('F2: adds no line end after a last line with a NUL byte (later releases read it then, and drop it with one)', () => {
    expectFormat('global_defs {\n  router_id a\n  }\0 x', 'global_defs {\n    router_id a\n}\0 x');
  });
});

describe("the formatter respects keepalived's 1,022-byte line limit", () => {
  const long = 'x'.repeat(1010);

  it('F3: keeps a line as written when indenting it would cross the limit', () => {
    // `    router_id xxx…` is 1,024 bytes: keepalived 2.2.7 would read its last two bytes as a line of their own.
    expectFormat(`global_defs {\nrouter_id ${long}\n  router_id  b\n}\n`, `global_defs {\nrouter_id ${long}\n    router_id b\n}\n`);
    // Also when a `{` moved up onto it, or a brace split, would make it longer.
    expectFormat(`global_defs\n{ router_id ${long} }\n`, `global_defs\n{ router_id ${long} }\n`);
    expectFormat(`router_id ${'x'.repeat(1011)}\n{\n}\n`, `router_id ${'x'.repeat(1011)}\n{\n}\n`);
  });

  it('F3: counts UTF-8 bytes, and keeps a line over the limit byte for byte, its \\r too', () => {
    const wide = 'é'.repeat(505);
    expectFormat(`global_defs {\nrouter_id ${wide}\n}\n`, `global_defs {\nrouter_id ${wide}\n}\n`);
    const over = `  router_id  ${'y'.repeat(1009)}`;
    expectFormat(`global_defs {\r\n${over}\r\n}\r\n`, `global_defs {\n${over}\r\n}\n`);
  });
});

describe('the formatter keeps escapes and backslashes as keepalived reads them', () => {
  it('F4: keeps an escaped # at the start of a word in its word', () => {
    expectFormat('global_defs {\n  router_id \\#5\n}\n', 'global_defs {\n    router_id \\#5\n}\n');
  });

  it("F4: keeps a line with \\# or \\! as written: keepalived's later passes read the copy, where it is a comment", () => {
    // The copy holds `router_id a#}`: there the `}` belongs to the comment, as it must stay.
    expectFormat('global_defs {\n  router_id a\\#}\n', 'global_defs {\n    router_id a\\#}\n');
  });

  it('F5: keeps the blanks after a final backslash that is a word of its own', () => {
    // `router_id a \ ` reads as router_id, a, \; without the blank, `a\`.
    expectFormat('global_defs {\n  router_id a \\ \n}\n', 'global_defs {\n    router_id a \\ \n}\n');
    expectFormat('global_defs {\n  router_id a \\ }\n', 'global_defs {\n    router_id a \\ }\n');
  });

  it('F5: keeps the blanks after a backslash ending a comment (keepalived 2.2.7 reads it as a continuation)', () => {
    expectFormat('# see C:\\dir\\ \nglobal_defs {\n  router_id a # C:\\dir\\ \n}\n', '# see C:\\dir\\ \nglobal_defs {\n    router_id a # C:\\dir\\ \n}\n');
  });

  it('F5: keeps a line whose comment ends in a backslash as written (keepalived 2.2.7 joins it to what precedes the comment)', () => {
    // 2.2.7 reads `router_id a\r # c\` as router_id, a, \ (the \r is not trimmed); `router_id a # c\` as router_id, a\.
    expectFormat('global_defs {\n  router_id a\r # c\\\n}\n', 'global_defs {\n    router_id a\r # c\\\n}\n');
  });

  it('F5: moves no { up onto a line that ends in a backslash, in its words or its comment', () => {
    expectFormat('global_defs \\\n{\n}\n', 'global_defs \\\n{\n}\n');
    expectFormat('global_defs # C:\\\n{\n}\n', 'global_defs # C:\\\n{\n}\n');
  });
});

describe("the formatter keeps the blanks a script keyword's second reading puts inside a word", () => {
  // keepalived reads the line of notify*/script/misc_path again with ' and " quotes and \ escapes:
  // the blanks inside `'a   b'` or after `a\ ` are part of the command's words.
  it("keeps the blanks inside single quotes, and makes the others single", () => {
    expectFormat("vrrp_instance VI_1 {\n      notify_master   /bin/echo 'a   b'\n}\n", "vrrp_instance VI_1 {\n    notify_master /bin/echo 'a   b'\n}\n");
  });

  it('keeps the blanks after an escaped blank, and inside a quote glued to a double-quoted word', () => {
    expectFormat('vrrp_script chk {\n  script /bin/x a\\  b\n}\n', 'vrrp_script chk {\n    script /bin/x a\\  b\n}\n');
    expectFormat('vrrp_script chk {\n  script "a  b"\'c  d\'\n}\n', 'vrrp_script chk {\n    script "a  b"\'c  d\'\n}\n');
  });
});

describe('the formatter and ${NAME} references', () => {
  it('formats a file whose ${NAME} names a definition made before it (keepalived substitutes it: the braces are no block)', () => {
    // It was refused: "'unicast_src_ip' does not open a block".
    expectFormat(
      '$IP=10.0.0.1\n$SUB=2\nvrrp_instance VI_1 {\n  unicast_src_ip ${IP}\n  virtual_ipaddress {\n    10.2.${SUB}.100/24\n  }\n  notify_master "/bin/echo ${_HASH} ${_ENV HOME}"\n}\n',
      '$IP=10.0.0.1\n$SUB=2\nvrrp_instance VI_1 {\n    unicast_src_ip ${IP}\n    virtual_ipaddress {\n        10.2.${SUB}.100/24\n    }\n    notify_master "/bin/echo ${_HASH} ${_ENV HOME}"\n}\n',
    );
  });

  it('refuses a file whose ${NAME} is not defined before it: keepalived reads its braces as a block', () => {
    const result = format('vrrp_instance VI_1 {\n  unicast_src_ip ${IP}\n}\n$IP=10.0.0.1\n');
    expect(result.refused).toBe('syntax');
  });
});

describe('the formatter keeps multi-line definitions as keepalived reads them', () => {
  it('F6: keeps a continuation line of blanks, which the first pass skips and an empty line would end', () => {
    expectFormat('$X=vrrp_garp_master_delay 5 \\\n \nvrrp_garp_master_delay x\n', '$X=vrrp_garp_master_delay 5 \\\n \nvrrp_garp_master_delay x\n');
  });

  it('F6: keeps the lines of a definition that follows a { on its line', () => {
    expectFormat('global_defs { $X=a \\\n  b { c }\n}\n', 'global_defs { $X=a \\\n  b { c }\n}\n');
  });

  it('F6: keeps the empty line ending a definition whose comment ends in a backslash (keepalived 2.2.7)', () => {
    expectFormat('global_defs {\n$X=vrrp_garp_master_delay 5 # c\\\n\n}\n', 'global_defs {\n    $X=vrrp_garp_master_delay 5 # c\\\n\n}\n');
  });

  it('F6: moves no { up onto the last line of a definition', () => {
    // In keepalived 2.2.7, `vrrp_script chk` is the definition's last line; `vrrp_script chk {` would be.
    expectFormat('$X=a # c\\\nvrrp_script chk\n{\n}\n', '$X=a # c\\\nvrrp_script chk\n{\n}\n');
  });
});

describe('the formatter trims only the blanks keepalived trims (spaces and tabs)', () => {
  it('keeps a comment ending in U+00A0 or U+FEFF', () => {
    expectFormat('# no-break\u00a0\nglobal_defs {\n  router_id a # bom\ufeff\n}\n', '# no-break\u00a0\nglobal_defs {\n    router_id a # bom\ufeff\n}\n');
  });

  it('keeps a definition value or an include pattern ending in a form feed or vertical tab', () => {
    expectFormat('$X=a\f\ninclude x\v\n', '$X=a\f\ninclude x\v\n');
  });

  it('keeps a form feed before an @id or include, which keepalived then reads as a word', () => {
    expectFormat('global_defs {\n\f@x router_id a\n}\n', 'global_defs {\n    \f@x router_id a\n}\n');
  });
});

describe('the safety check does not have to step in', () => {
  it('moves a { up onto its keyword line, before that line\'s comment', () => {
    // The layout always did this; the check took the moved comment for a changed reading.
    expectFormat('global_defs # note\n{\n  router_id a\n}\n', 'global_defs { # note\n    router_id a\n}\n');
  });
});

describe('the formatter leaves alone a file whose reading keepalived itself does not fix', () => {
  it('refuses it, saying why, also with the final check off', () => {
    // Reading out $MD runs `$MD=b`, which frees the value being read: what follows is whatever memory holds.
    const text = '$MD=a \\\n$MD=b \\\nc\n  $MD\n';
    for (const verify of [true, false]) {
      const result = format(text, { verify });
      expect([result.text, result.changed, result.refused]).toEqual([text, false, 'unpredictable']);
      expect(result.diagnostics.map((d) => [d.code, d.message])).toEqual([
        [
          'unpredictable-reading',
          'not formatted: what keepalived 2.2.7 reads from it depends on memory contents or chance: a multi-line definition was defined again while it was being read out',
        ],
      ]);
    }
  });
});

describe('range formatting keeps what keepalived reads', () => {
  it('keeps the lines of a definition', () => {
    const text = 'global_defs {\r\n  router_id a\r\n$X=1 \\\r\n  \r\n}\r\n';
    expect(formatRange(text, 0, 4)).toEqual({ start: 0, end: 4, text: 'global_defs {\n    router_id a\n    $X=1 \\\n  \n}\n' });
  });

  it('gives no edit in a text with a lone \\r, where editors count lines differently', () => {
    // keepalived reads `router_id a\r router_id b` as one line; an editor shows two.
    expect(formatRange('global_defs {\n  router_id a\r  router_id b\n}\n', 1, 1)).toBeNull();
    expect(formatRange('global_defs {\n  router_id a\r\r\n}\n', 1, 1)).toBeNull();
  });

  it('leaves alone a line that a definition before the range reads', () => {
    // keepalived's first pass skips the blank line: `x { y }` is the last line of $X, braces and all.
    const text = '$X=a \\\n  \nx { y }\n$X\n';
    expect(formatRange(text, 2, 2, { verify: false })).toBeNull();
    expect(formatRange(text, 2, 2)).toBeNull();
  });
});
