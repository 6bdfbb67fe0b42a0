import { describe, expect, it } from 'vitest';
import { format } from '@kalint/formatter';

// Cases fast-check found: a prefix (`@id`, `~SEQ`) applies to the rest of its line, so nothing may
// be moved onto such a line, and blanks keepalived trims may go.
describe('the formatter never changes what a prefix covers', () => {
  it('leaves a { under an @id line on its own line', () => {
    expect(format('@ha1 vrrp_instance web\n{\n}\n').text).toBe('@ha1 vrrp_instance web\n{\n}\n');
  });

  it('leaves a { under a ~SEQ line on its own line', () => {
    expect(format('~SEQ(i, 1, 2) router_id r$i\nglobal_defs\n{\n}\n').text).toBe('~SEQ(i, 1, 2) router_id r$i\nglobal_defs {\n}\n');
    expect(format('~SEQ(i,1,2) x\n{\n}\n').text).toBe('~SEQ(i,1,2) x\n{\n}\n');
  });

  it('keeps words that would become directives at a line start where they are', () => {
    expect(format('global_defs {\n}@ha1 router_id x\n').text).toBe('global_defs {\n}@ha1 router_id x\n');
  });

  it('drops blanks ending a definition and formats a prefixed last line without a newline', () => {
    expect(format('global_defs {\n$NAME=low   \n@id }').text).toBe('global_defs {\n    $NAME=low\n    @id }\n');
  });
});
