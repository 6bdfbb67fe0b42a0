import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse, ParseCache, findStatements } from '@kalint/parser';

const pair = readFileSync(new URL('../../../fixtures/article-pair/ha1.conf', import.meta.url), 'utf8');
const whole = (text: string) => JSON.stringify(parse(text, { file: 'ha1.conf' }));

describe('incremental parsing with a ParseCache', () => {
  it('gives exactly the whole parse after every edit of a sequence', () => {
    const edit = fc.record({
      at: fc.double({ min: 0, max: 1, noNaN: true }),
      remove: fc.nat(3),
      insert: fc.constantFrom('', 'x', '1', ' ', '\n', '{', '}', '"', '# c', '!', 'weight 3\n', 'real_server 10.0.0.9 80 {\n}\n', '$X', '@id ', '\r\n'),
    });
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 12 }), (edits) => {
        const cache = new ParseCache();
        let text = pair;
        expect(JSON.stringify(parse(text, { file: 'ha1.conf', cache }))).toBe(whole(text));
        for (const { at, remove, insert } of edits) {
          const i = Math.floor(at * text.length);
          text = text.slice(0, i) + insert + text.slice(i + remove);
          expect(JSON.stringify(parse(text, { file: 'ha1.conf', cache }))).toBe(whole(text));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('parses whole a file whose include or @id line starts after any blank (form feed, vertical tab)', () => {
    // Chunks are parsed without the include host: a directive they missed would be lost.
    const host = { expand: () => ['/x/inc.conf'], read: () => ({ text: 'vrrp_script chk {\n  script "/bin/true"\n}\n' }) };
    for (const blank of ['\f', '\v', ' \f\t']) {
      for (const line of [`${blank}include /x/inc.conf\n`, `${blank}@other router_id b\n`]) {
        const text = `global_defs {\n  router_id a\n}\n${line}`;
        const options = { file: '/x/a.conf', host, configId: 'main' };
        const cached = parse(text, { ...options, cache: new ParseCache() });
        expect(JSON.stringify(cached), JSON.stringify(line)).toBe(JSON.stringify(parse(text, options)));
      }
    }
  });

  it('reuses the statements an edit did not touch', () => {
    const cache = new ParseCache();
    const before = parse(pair, { file: 'ha1.conf', cache }).ast;
    const instance = findStatements(before, 'vrrp_instance')[0]!;
    const after = parse(pair.replace('weight 2', 'weight 5'), { file: 'ha1.conf', cache }).ast;
    expect(findStatements(after, 'vrrp_instance')[0]).toBe(instance);
    expect(findStatements(after, 'virtual_server/real_server/weight').map((w) => w.args[0]!.text)).toEqual(['1', '5', '2']);
  });

  it('moves reused statements when lines are added above them', () => {
    const cache = new ParseCache();
    parse(pair, { file: 'ha1.conf', cache });
    const after = parse('! new\n\n' + pair, { file: 'ha1.conf', cache }).ast;
    const weight = findStatements(after, 'virtual_server/real_server/weight')[1]!;
    expect([weight.range.start.line, weight.args[0]!.range.start.offset]).toEqual([38, pair.indexOf('weight 2') + 7 + 7]);
  });
});
