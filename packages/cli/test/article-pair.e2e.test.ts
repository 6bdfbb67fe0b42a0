/**
 * End to end on the article pair, with kalint's real rules (every other CLI test uses only rules
 * the tests control).
 *
 * The pair (fixtures/article-pair) is two keepalived.conf of one HA cluster: `auth_pass laoma@123`
 * is longer than the 8 characters VRRP PASS authentication keeps, and real server 10.1.8.12/13
 * have weight 2 on ha1 but 1 on ha2.
 */
import { describe, expect, it } from 'vitest';
import { kalint } from './helpers.js';

describe('kalint fixtures/article-pair/ha1.conf fixtures/article-pair/ha2.conf', () => {
  it('exits 1 and reports auth-pass-truncated and weight-drift', async () => {
    const { code, stdout, stderr } = await kalint(
      ['--format', 'json', 'fixtures/article-pair/ha1.conf', 'fixtures/article-pair/ha2.conf'],
      { options: {} }, // kalint's own rules, all of them
    );
    expect(stderr).toBe('');
    const ids = new Set(JSON.parse(stdout).flatMap((r: { messages: Array<{ ruleId: string }> }) => r.messages.map((m) => m.ruleId)));
    expect({ code, hasAuthPassTruncated: ids.has('auth-pass-truncated'), hasWeightDrift: ids.has('weight-drift') }).toEqual({
      code: 1,
      hasAuthPassTruncated: true,
      hasWeightDrift: true,
    });
  });
});
