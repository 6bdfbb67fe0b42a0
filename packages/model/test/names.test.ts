import { describe, expect, it } from 'vitest';
import { actsUnnamed, argumentReferences, definitionKind, keywordsDefining, NodeModel, type NameIndex } from '@kalint/model';
import { parse, type IncludeHost } from '@kalint/parser';
import { schema } from '@kalint/grammar';

function names(text: string, host?: IncludeHost): NameIndex {
  const { ast } = parse(text, { file: 'keepalived.conf', ...(host ? { host } : {}) });
  return new NodeModel('keepalived.conf', ast).names;
}

const instance = (body: string, name = 'VI_1') => `vrrp_instance ${name} {\n    interface eth0\n    virtual_router_id 51\n${body}}\n`;
const script = (name: string) => `vrrp_script ${name} {\n    script "/bin/true"\n}\n`;

describe('definitions', () => {
  it('a top-level block named by its first word, in read order', () => {
    const index = names(script('chk_a') + instance('') + script('chk_b'));
    expect(index.definitions.map((d) => `${d.kind} ${d.name}`)).toEqual(['vrrp_script chk_a', 'vrrp_instance VI_1', 'vrrp_script chk_b']);
    const orders = index.definitions.map((d) => d.order);
    expect([...orders].sort((a, b) => a - b)).toEqual(orders);
    expect(index.definition('vrrp_script', 'chk_b')?.statement.range.start.line).toBe(7);
  });

  it('vrrp_track_file is another name of track_file (the schema says track_file replaces it)', () => {
    const index = names('vrrp_track_file maint {\n    file /tmp/maint\n}\n' + instance('    track_file {\n        maint\n    }\n'));
    expect(index.definitions.map((d) => [d.kind, d.name, d.statement.keyword.text])).toEqual([
      ['track_file', 'maint', 'vrrp_track_file'],
      ['vrrp_instance', 'VI_1', 'vrrp_instance'],
    ]);
    expect(index.definition('track_file', 'maint')?.statement.keyword.text).toBe('vrrp_track_file');
    expect(index.definitionsOf('vrrp_track_file', 'maint')).toEqual([]);
    const [reference] = index.referencesTo('track_file', 'maint');
    expect(index.resolve(reference!)).toMatchObject({ status: 'found', definition: { name: 'maint' } });
    expect(keywordsDefining('track_file').sort()).toEqual(['track_file', 'vrrp_track_file']);
    expect(definitionKind(schema.child('root', 'vrrp_track_file')!)).toBe('track_file');
    expect(definitionKind(schema.child('root', 'vrrp_script')!)).toBe('vrrp_script');
  });

  it('every definition of a name, the first being the one keepalived uses', () => {
    const index = names(script('chk') + script('chk'));
    expect(index.definitionsOf('vrrp_script', 'chk').map((d) => d.statement.range.start.line)).toEqual([0, 3]);
    expect(index.definition('vrrp_script', 'chk')?.statement.range.start.line).toBe(0);
    expect(index.definitionsOf('vrrp_script', 'other')).toEqual([]);
  });

  it('a vrrp_script without a script line is dropped', () => {
    const index = names('vrrp_script chk {\n    interval 2\n}\n' + script('ok'));
    expect(index.definitions.map((d) => [d.name, d.dropped])).toEqual([
      ['chk', true],
      ['ok', false],
    ]);
  });

  it('definitions read from an included file', () => {
    const host: IncludeHost = {
      expand: (pattern) => (pattern === 'scripts.conf' ? ['scripts.conf'] : []),
      read: () => ({ text: script('chk_inc') }),
    };
    const index = names('include scripts.conf\n' + instance('    track_script {\n        chk_inc\n    }\n'), host);
    const definition = index.definition('vrrp_script', 'chk_inc');
    expect(definition?.word.file).toBe('scripts.conf');
    expect(index.resolve(index.referencesTo('vrrp_script', 'chk_inc')[0]!).status).toBe('found');
  });
});

describe('references', () => {
  it('items of value blocks, with what they are called and whether they must come after their definition', () => {
    const index = names(
      script('chk') +
        instance('    track_script {\n        chk weight -20\n    }\n    track_process {\n        proc\n    }\n') +
        'vrrp_sync_group G {\n    group {\n        VI_1\n        VI_2\n    }\n}\n',
    );
    expect(index.references.map((r) => [r.kind, r.word.text, r.what, r.definedBefore, r.statement.keyword.text])).toEqual([
      ['vrrp_script', 'chk', 'track script', true, 'track_script'],
      ['vrrp_track_process', 'proc', 'track process', true, 'track_process'],
      ['vrrp_instance', 'VI_1', 'sync group member', false, 'group'],
      ['vrrp_instance', 'VI_2', 'sync group member', false, 'group'],
    ]);
    // Only the first word of an item names something (`chk weight -20`).
    expect(index.referencesTo('vrrp_script', 'weight')).toEqual([]);
  });

  it('order: a reference before its definition, where keepalived looks names up while reading', () => {
    const index = names(instance('    track_script {\n        chk\n    }\n') + script('chk') + 'vrrp_sync_group G {\n    group {\n        VI_2\n    }\n}\n' + instance('', 'VI_2'));
    const [track, member] = index.references;
    expect(track!.order).toBeLessThan(index.definition('vrrp_script', 'chk')!.order);
    expect(index.resolve(track!)).toMatchObject({ status: 'later', definition: { name: 'chk' } });
    // Sync group members are looked up once everything is read.
    expect(member!.order).toBeLessThan(index.definition('vrrp_instance', 'VI_2')!.order);
    expect(index.resolve(member!)).toMatchObject({ status: 'found', definition: { name: 'VI_2' } });
  });

  it('a reference to a name that is not defined, or only defined to be dropped', () => {
    const index = names('vrrp_script chk {\n    interval 2\n}\n' + instance('    track_script {\n        chk\n        none\n    }\n'));
    const [chk, none] = index.references;
    expect(index.resolve(chk!)).toMatchObject({ status: 'dropped', definition: { name: 'chk' } });
    expect(index.resolve(none!)).toEqual({ status: 'missing' });
  });

  it('positional arguments: FILE_CHECK track_file, BFD_CHECK name, lvs_sync_daemon INSTANCE', () => {
    const index = names(
      'global_defs {\n    lvs_sync_daemon eth0 VI_1\n}\n' +
        instance('') +
        'virtual_server 10.0.0.1 80 {\n    protocol TCP\n    real_server 10.0.0.2 80 {\n        FILE_CHECK {\n            track_file maint\n        }\n        BFD_CHECK {\n            name bfd1\n        }\n    }\n}\n',
    );
    expect(index.references.map((r) => [r.kind, r.word.text, r.what, r.lookup])).toEqual([
      ['vrrp_instance', 'VI_1', 'lvs_sync_daemon', 'starting'],
      ['track_file', 'maint', 'track_file', 'reading'],
      ['bfd_instance', 'bfd1', 'name', 'reading'],
    ]);
    // The interface word is no reference.
    expect(index.references.some((r) => r.word.text === 'eth0')).toBe(false);
  });

  it('option arguments: the word after the option, named with it', () => {
    const index = names('virtual_server_group WEB {\n    10.0.0.10 80\n}\nvirtual_server group WEB {\n    protocol TCP\n}\n');
    expect(index.references.map((r) => [r.kind, r.word.text, r.what])).toEqual([['virtual_server_group', 'WEB', 'virtual_server group']]);
    expect(index.resolve(index.references[0]!).status).toBe('found');
  });

  it('a positional after an option word belongs to the option', () => {
    const spec = schema.child('global_defs', 'lvs_sync_daemon')!;
    const { ast } = parse('global_defs {\n    lvs_sync_daemon eth0 inst VI_1\n}\n');
    const defs = ast.body[0]!;
    if (defs.type !== 'Statement' || !defs.block) throw new Error('no global_defs');
    const line = defs.block.body.find((n) => n.type === 'Statement')!;
    if (line.type !== 'Statement') throw new Error('no line');
    const found = argumentReferences(line, spec);
    expect(found.map((r) => [r.kind, r.word.text, r.option?.text])).toEqual([['vrrp_instance', 'VI_1', 'inst']]);
  });

  it('lvs_sync_daemon: never looked up without any VRRP instance', () => {
    const index = names('global_defs {\n    lvs_sync_daemon eth0 VI_9\n}\n');
    expect(index.references.map((r) => r.lookup)).toEqual(['never']);
    expect(index.resolve(index.references[0]!)).toEqual({ status: 'not-looked-up' });
  });

  it('no references inside blocks keepalived does not know', () => {
    const index = names('vrrp_instanse VI_1 {\n    track_script {\n        chk\n    }\n}\n');
    expect(index.references).toEqual([]);
  });
});

describe('unused definitions', () => {
  it('tracked objects and groups nothing names; instances run by themselves', () => {
    const index = names(
      script('chk_used') +
        script('chk_unused') +
        'track_file tf {\n    file /tmp/x\n}\nbfd_instance b {\n    neighbor_ip 10.0.0.1\n}\nvirtual_server_group G {\n    10.0.0.1 80\n}\n' +
        instance('    track_script {\n        chk_used\n    }\n'),
    );
    expect(index.unused().map((d) => `${d.kind} ${d.name}`)).toEqual(['vrrp_script chk_unused', 'track_file tf', 'bfd_instance b', 'virtual_server_group G']);
    expect(actsUnnamed('vrrp_instance')).toBe(true);
    expect(actsUnnamed('virtual_server')).toBe(true);
    expect(actsUnnamed('vrrp_script')).toBe(false);
  });
});
