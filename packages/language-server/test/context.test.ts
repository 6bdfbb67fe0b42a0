/** The cursor context read from the text alone: the enclosing block by brace scanning. */
import { describe, expect, it } from 'vitest';
import { cursorContext } from '../src/context.js';

/** The context at `<|>` in `source`. */
function at(source: string) {
  const offset = source.indexOf('<|>');
  return cursorContext(source.replace('<|>', ''), offset);
}

describe('cursorContext', () => {
  it('finds nested blocks, braces on their own line, comments and quotes', () => {
    expect(at('virtual_server 10.0.0.1 80 {\n  real_server 10.0.0.2 80\n  {\n    TCP_CHECK { # {\n      <|>').block).toBe('virtual_server/real_server/TCP_CHECK');
    expect(at('vrrp_script s {\n  script "echo }"\n}\nvrrp_instance x {\n  <|>').block).toBe('vrrp_instance');
    expect(at('vrrp_instance x {\n}\n<|>').block).toBe('root');
  });
  it('names the keyword, the words typed and the block kind', () => {
    const context = at('vrrp_instance x {\n  track_script {\n    chk<|>');
    expect(context).toMatchObject({ block: 'vrrp_instance/track_script', blockKind: 'values', inWord: true });
    expect(at('vrrp_instance x {\n  @ha1 state <|>').spec?.path).toBe('vrrp_instance/state');
  });
  it('knows no block inside an unknown one', () => {
    expect(at('not_a_block {\n  <|>').block).toBeNull();
  });
});
