/**
 * Virtual and real servers as keepalived's checker runs them (check_parser.c handlers,
 * check_data.c `alloc_vs`, `alloc_rs`, `validate_check_config`).
 */
import { describe, expect, it } from 'vitest';
import { parse } from '@kalint/parser';
import { NodeModel, weighted, type VirtualServer } from '@kalint/model';

function server(header: string, body: string): VirtualServer {
  const { ast } = parse(`virtual_server ${header} {\n${body}}\n`, { file: 'keepalived.conf' });
  return new NodeModel('keepalived.conf', ast).virtualServers[0]!;
}

describe('virtual servers', () => {
  it('take keepalived\'s defaults: wlc, NAT, UDP for an address service, a check every 60 s, weight 1', () => {
    const vs = server('10.0.0.1 80', '    real_server 10.0.0.11 80 {\n    }\n');
    expect([vs.scheduler.value, vs.scheduler.origin.kind]).toEqual(['wlc', 'default']);
    expect([vs.forwarding.value, vs.forwarding.origin.kind]).toEqual(['NAT', 'default']);
    expect([vs.protocol?.value, vs.protocol?.origin.kind]).toEqual(['UDP', 'derived']);
    expect([vs.delayLoop.value, vs.delayLoop.origin.kind]).toEqual([60, 'default']);
    expect([vs.realServers[0]!.weight.value, vs.realServers[0]!.weight.origin.kind]).toEqual([1, 'default']);
  });

  it('ignore a scheduler name keepalived does not know, case included (lbalgo_handler)', () => {
    for (const word of ['bogus', 'RR']) {
      const vs = server('10.0.0.1 80', `    lb_algo ${word}\n    protocol TCP\n`);
      expect([vs.scheduler.value, vs.scheduler.origin.kind]).toEqual(['wlc', 'default']);
    }
    expect(server('10.0.0.1 80', '    lvs_sched rr\n').scheduler.value).toBe('rr');
    // An ignored line leaves what an earlier one set, not the default.
    const vs = server('10.0.0.1 80', '    lb_algo rr\n    lb_algo RR\n    lb_kind DR\n    lb_kind dr\n');
    expect([vs.scheduler.value, vs.scheduler.origin.kind, vs.forwarding.value]).toEqual(['rr', 'written', 'DR']);
  });

  it('know which schedulers ignore weights other than 0', () => {
    expect(['rr', 'lc', 'dh'].map((s) => weighted(server('10.0.0.1 80', `    lb_algo ${s}\n`)))).toEqual([false, false, false]);
    expect(['wrr', 'wlc', 'sh'].map((s) => weighted(server('10.0.0.1 80', `    lb_algo ${s}\n`)))).toEqual([true, true, true]);
  });

  it('have no protocol for a firewall mark, whatever protocol line is written', () => {
    expect(server('fwmark 1', '    protocol TCP\n').protocol).toBeUndefined();
  });

  it('ignore a protocol keepalived does not know (proto_handler), and take TCP/UDP/SCTP in any case', () => {
    expect(server('10.0.0.1 80', '    protocol ICMP\n').protocol?.value).toBe('UDP');
    expect(server('10.0.0.1 80', '    protocol tcp\n').protocol?.value).toBe('TCP');
  });

  it('ignore a delay_loop below a microsecond (vs_delay_handler)', () => {
    expect(server('10.0.0.1 80', '    delay_loop 0\n').delayLoop.value).toBe(60);
    expect(server('10.0.0.1 80', '    delay_loop 2.5\n').delayLoop.value).toBe(2.5);
  });

  it('ignore a negative real server weight (rs_weight_handler reads an unsigned number)', () => {
    const vs = server('10.0.0.1 80', '    real_server 10.0.0.11 80 {\n        weight -1\n    }\n    real_server 10.0.0.12 80 {\n        weight 0\n    }\n');
    expect(vs.realServers.map((r) => [r.weight.value, r.weight.origin.kind])).toEqual([
      [1, 'default'],
      [0, 'written'],
    ]);
  });
});
