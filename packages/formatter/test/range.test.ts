import { describe, expect, it } from 'vitest';
import { formatRange } from '@kalint/formatter';

const text = [
  'global_defs {',
  'router_id   ha1',
  '}',
  'vrrp_instance web {',
  '    state MASTER',
  '  priority    110',
  '      virtual_ipaddress { 10.1.8.100/24 }',
  '}',
  '',
].join('\n');

describe('range formatting', () => {
  it('formats the whole statements the range touches, at their depth', () => {
    expect(formatRange(text, 5, 6)).toEqual({
      start: 5,
      end: 6,
      text: '    priority 110\n    virtual_ipaddress {\n        10.1.8.100/24\n    }\n',
    });
  });

  it('takes a block statement whole when the range reaches its keyword line', () => {
    expect(formatRange(text, 0, 0)).toEqual({ start: 0, end: 2, text: 'global_defs {\n    router_id ha1\n}\n' });
  });

  it('returns nothing when the statements are formatted already, or the file has syntax errors', () => {
    expect(formatRange(text, 4, 4)).toBeNull();
    expect(formatRange('global_defs {\n}\n}\n', 0, 0)).toBeNull();
  });
});
