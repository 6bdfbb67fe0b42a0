/**
 * The HA pair from the tutorial kalint starts from, linted together with every registered rule:
 * ha1 weighs two real servers 2 where ha2 weighs them 1, and the real servers' ARP settings are
 * only known when their sysctl file is given.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lint, parseSysctl, type Diagnostic } from '@kalint/linter';

const fixture = (name: string) => readFileSync(new URL(`../../../fixtures/article-pair/${name}`, import.meta.url), 'utf8');
const inputs = ['ha1.conf', 'ha2.conf'].map((path) => ({ path, text: fixture(path) }));
const PEER_RULES = new Set([
  'vrid-mismatch',
  'vip-mismatch',
  'advert-int-mismatch',
  'auth-mismatch',
  'priority-conflict',
  'unicast-peer-asymmetry',
  'virtual-server-drift',
  'real-server-drift',
  'weight-drift',
  'arp-prerequisites',
]);

function peerFindings(hosts?: Map<string, ReturnType<typeof parseSysctl>>) {
  const result = lint(inputs, hosts ? { hosts } : {});
  return result.files.flatMap((f) => f.diagnostics).filter((d) => PEER_RULES.has(d.ruleId));
}

const show = (d: Diagnostic) => `${d.ruleId} ${d.severity} ${d.file}:${d.range.start.line + 1}:${d.range.start.character + 1}`;

describe('article pair', () => {
  it('reports the weight drift in both files, pointing at the peer, and the DR prerequisites', () => {
    const findings = peerFindings();
    expect(findings.map(show)).toEqual([
      'arp-prerequisites warning ha1.conf:25:13',
      'weight-drift error ha1.conf:37:16',
      'weight-drift error ha1.conf:45:16',
      'arp-prerequisites warning ha2.conf:25:13',
      'weight-drift error ha2.conf:37:16',
      'weight-drift error ha2.conf:45:16',
    ]);
    const weights = findings.filter((d) => d.ruleId === 'weight-drift');
    expect(weights.map((d) => d.message)).toEqual([
      'real_server 10.1.8.12 80 weighs 2 here but 1 in ha2.conf (line 37): lb_algo rr ignores weights other than 0, so today a failover does not change the traffic split; the drift bites once the scheduler is a weighted one (wrr, wlc, ...) or one of the weights becomes 0',
      'real_server 10.1.8.13 80 weighs 2 here but 1 in ha2.conf (line 45): lb_algo rr ignores weights other than 0, so today a failover does not change the traffic split; the drift bites once the scheduler is a weighted one (wrr, wlc, ...) or one of the weights becomes 0',
      'real_server 10.1.8.12 80 weighs 1 here but 2 in ha1.conf (line 37): lb_algo rr ignores weights other than 0, so today a failover does not change the traffic split; the drift bites once the scheduler is a weighted one (wrr, wlc, ...) or one of the weights becomes 0',
      'real_server 10.1.8.13 80 weighs 1 here but 2 in ha1.conf (line 45): lb_algo rr ignores weights other than 0, so today a failover does not change the traffic split; the drift bites once the scheduler is a weighted one (wrr, wlc, ...) or one of the weights becomes 0',
    ]);
    expect(weights.map((d) => d.related?.map((r) => `${r.file}:${r.range.start.line + 1}`))).toEqual([['ha2.conf:37'], ['ha2.conf:45'], ['ha1.conf:37'], ['ha1.conf:45']]);
    const arp = findings.find((d) => d.ruleId === 'arp-prerequisites')!;
    expect(arp.message).toContain('10.1.8.11, 10.1.8.12 and 10.1.8.13');
    expect(arp.message).toContain('net.ipv4.conf.all.arp_ignore = 1 and net.ipv4.conf.all.arp_announce = 2');
    expect(arp.message).toContain('lo or a dummy interface');
  });

  it("drops the ARP warning once the real servers' sysctl settings are known", () => {
    const facts = parseSysctl(fixture('web-sysctl.conf'), 'web-sysctl.conf');
    const hosts = new Map(['10.1.8.11', '10.1.8.12', '10.1.8.13'].map((address) => [address, facts]));
    expect(peerFindings(hosts).map(show)).toEqual([
      'weight-drift error ha1.conf:37:16',
      'weight-drift error ha1.conf:45:16',
      'weight-drift error ha2.conf:37:16',
      'weight-drift error ha2.conf:45:16',
    ]);
  });
});
