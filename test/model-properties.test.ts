/**
 * Properties of the model (issue 13): every value it reports says where it comes from, formatting
 * a file never changes what keepalived would run, and a file split across includes runs the same
 * as the file whole. Checked on generated configurations and on the shared corpus.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { format } from '@kalint/formatter';
import { NEWEST_RELEASE, NodeModel, type Origin, type Setting } from '@kalint/model';
import { parse, type Located, type Statement, type Word } from '@kalint/parser';
import { corpusPresent, corpusText, oracle } from './corpus.js';
import { schemaConfig } from './fuzz/arbitraries.js';
import { configText, layout, MAIN, memoryHost, modelBlocks, split, splitConfig } from './model-arbitraries.js';

const RELEASES = ['2.2.7', '2.3.0', NEWEST_RELEASE] as const;
const release = fc.constantFrom(...RELEASES);

/** One Setting the model reports, named for messages, with the block its own lines stand in. */
interface Reported {
  what: string;
  setting: Setting<unknown> | undefined;
  /** The block a `written` origin must lie in. */
  owner: Statement | undefined;
}

function isSetting(value: unknown): value is Setting<unknown> {
  return typeof value === 'object' && value !== null && 'value' in value && 'origin' in value;
}

/** Fields that hold other parts of the model (walked on their own), not values of this part. */
const NOT_VALUES = new Set(['node', 'statement', 'syncGroup', 'lines', 'duplicateOf', 'realServers', 'settings']);

/**
 * The Settings of one part of the model: every field that is a Setting, and every Setting field of
 * the objects in its lists (a track's weight): so a field the model gains is checked too. `required`
 * names the fields that always have a value.
 */
function settingsOf(what: string, part: object, owner: Statement | undefined, required: readonly string[]): Reported[] {
  const found: Reported[] = [];
  for (const field of required) if ((part as Record<string, unknown>)[field] === undefined) found.push({ what: `${what}.${field}`, setting: undefined, owner });
  for (const [field, value] of Object.entries(part)) {
    if (NOT_VALUES.has(field)) continue;
    if (isSetting(value)) found.push({ what: `${what}.${field}`, setting: value, owner });
    else if (Array.isArray(value)) {
      value.forEach((item: unknown, i) => {
        if (typeof item !== 'object' || item === null) return;
        for (const [inner, setting] of Object.entries(item)) if (isSetting(setting)) found.push({ what: `${what}.${field}[${i}].${inner}`, setting, owner });
      });
    }
  }
  return found;
}

const INSTANCE_REQUIRED = ['family', 'strict', 'version', 'state', 'priority', 'advertInt', 'nopreempt', 'preemptDelay', 'authentication', 'multicastGroup'];
const SERVER_REQUIRED = ['scheduler', 'forwarding', 'delayLoop'];
const REAL_SERVER_REQUIRED = ['weight', 'forwarding'];

/** Every Setting of a node: instances (every field), tracks, virtual servers, real servers, the node's own. */
function reported(node: NodeModel): Reported[] {
  const found: Reported[] = [
    { what: 'node.vrrpStrict', setting: node.vrrpStrict, owner: undefined },
    { what: 'node.vrrpVersion', setting: node.vrrpVersion, owner: undefined },
    { what: 'node.multicastGroup(4)', setting: node.multicastGroup(4), owner: undefined },
    { what: 'node.multicastGroup(6)', setting: node.multicastGroup(6), owner: undefined },
  ];
  for (const instance of node.instances) {
    found.push(...settingsOf(`vrrp_instance ${instance.name}`, instance, instance.statement, INSTANCE_REQUIRED));
    for (const track of instance.tracks) if (!isSetting(track.weight)) found.push({ what: `vrrp_instance ${instance.name} track ${track.name}.weight`, setting: undefined, owner: undefined });
  }
  for (const server of node.virtualServers) {
    const what = `virtual_server ${server.key}`;
    // An address service always has a protocol (keepalived's default UDP); fwmark and group services none.
    found.push(...settingsOf(what, server, server.statement, server.address === undefined ? SERVER_REQUIRED : [...SERVER_REQUIRED, 'protocol']));
    // A real server inherits the virtual server's forwarding: its lines lie in the virtual server.
    for (const real of server.realServers) found.push(...settingsOf(`${what} real_server ${real.key}`, real, server.statement, REAL_SERVER_REQUIRED));
  }
  return found;
}

function contains(outer: Located, inner: Located): boolean {
  return outer.file === inner.file && outer.range.start.offset <= inner.range.start.offset && inner.range.end.offset <= outer.range.end.offset;
}

/** Whether `inner` stands in the block of `owner`: a block never closed runs to the end of the text. */
function insideBlock(owner: Statement, inner: Located): boolean {
  if (owner.block?.close === null) return owner.file === inner.file && owner.range.start.offset <= inner.range.start.offset;
  return contains(owner, inner);
}

function lineAndCharacter(text: string, offset: number): [number, number] {
  const lines = text.slice(0, offset).split('\n');
  return [lines.length - 1, lines[lines.length - 1]!.length];
}

/** A place in one of `texts`: a file that was read, a range inside it, its line and character true. */
function placeProblem(at: Located, texts: ReadonlyMap<string, string>): string | null {
  const text = texts.get(at.file);
  if (text === undefined) return `points at ${at.file}, which was not read`;
  const { start, end } = at.range;
  if (!(start.offset >= 0 && start.offset <= end.offset && end.offset <= text.length)) return `range ${start.offset}-${end.offset} is not inside ${at.file} (${text.length} characters)`;
  const [line, character] = lineAndCharacter(text, start.offset);
  if (line !== start.line || character !== start.character) return `offset ${start.offset} is ${line}:${character}, the range says ${start.line}:${start.character}`;
  const word = at as Partial<Word>;
  if (word.type === 'Word' && word.expansion === undefined && text.slice(start.offset, end.offset) !== word.raw) {
    return `word ${JSON.stringify(word.raw)} is not the text at its range (${JSON.stringify(text.slice(start.offset, end.offset))})`;
  }
  return null;
}

/** What is wrong with the origin of one reported value, or null. */
function originProblem(item: Reported, texts: ReadonlyMap<string, string>): string | null {
  const { setting } = item;
  if (setting === undefined) return 'no value';
  const origin: Origin | undefined = setting.origin;
  if (!origin) return 'no origin';
  switch (origin.kind) {
    case 'default':
      return typeof origin.because === 'string' && origin.because.trim() !== '' ? null : 'a default without a reason';
    case 'derived':
      if (typeof origin.because !== 'string' || origin.because.trim() === '') return 'derived without saying how';
      return placeProblem(origin.at, texts);
    case 'written':
    case 'global': {
      if (!origin.statement || origin.statement.type !== 'Statement') return `${origin.kind} without its line`;
      const problem = placeProblem(origin.at, texts) ?? placeProblem(origin.statement, texts);
      if (problem) return problem;
      if (!insideBlock(origin.statement, origin.at)) return `${origin.kind}: the place is not on its line ${origin.statement.keyword.text}`;
      if (origin.kind === 'global' && !origin.statement.path?.startsWith('global_defs/')) return `global, from ${origin.statement.path} (not a global_defs line)`;
      // A `written` value comes from a line of its own block (an included file inside a block aside).
      if (origin.kind === 'written' && item.owner && origin.statement.file === item.owner.file && !insideBlock(item.owner, origin.statement)) {
        return `written by a line outside its block (${origin.statement.keyword.text})`;
      }
      return null;
    }
    default:
      return `an origin of unknown kind ${JSON.stringify((origin as { kind: unknown }).kind)}`;
  }
}

/** Every value's origin problem, as `what: problem` lines (empty when all is well). */
function originProblems(node: NodeModel, texts: ReadonlyMap<string, string>): string[] {
  const problems: string[] = [];
  for (const item of reported(node)) {
    const problem = originProblem(item, texts);
    if (problem) problems.push(`${item.what}: ${problem}`);
  }
  return problems;
}

/** A Setting without positions: its value, the origin's kind, reason and the words it points at. */
function plain(setting: Setting<unknown>): unknown {
  const { value, origin } = setting;
  switch (origin.kind) {
    case 'default':
      return { value: withoutPlaces(value), kind: 'default', because: origin.because };
    case 'derived':
      return { value: withoutPlaces(value), kind: 'derived', because: origin.because, at: (origin.at as Partial<Word>).text };
    default:
      return { value: withoutPlaces(value), kind: origin.kind, line: origin.statement.keyword.text, at: (origin.at as Partial<Word>).text };
  }
}

function isStatement(value: object): value is Statement {
  return (value as Partial<Statement>).type === 'Statement';
}

/**
 * A part of the model without positions or files, field by field (so a field the model gains is
 * compared too): a Setting as `plain`, a word as its text, a line as its words, another instance
 * as its name; the node a part belongs to is left out.
 */
function withoutPlaces(value: unknown, depth = 0): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (depth > 8) throw new Error('the projection runs deeper than the model does: a cycle?');
  if (value instanceof NodeModel) return '[node]';
  if (isSetting(value)) return plain(value);
  if ((value as Partial<Word>).type === 'Word') return (value as Word).text;
  if (isStatement(value)) return [value.keyword, ...value.args].map((w) => w.text).join(' ');
  if (value instanceof Map) return [...value].map(([k, v]) => [k, withoutPlaces(v, depth + 1)]);
  if (Array.isArray(value)) return value.map((v) => withoutPlaces(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    if (key === 'file' || key === 'range' || key === 'node') continue;
    // Another instance (`duplicateOf`) or the sync group: by name.
    if ((key === 'duplicateOf' || key === 'syncGroup') && field) out[key] = (field as { name: string }).name;
    else out[key] = withoutPlaces(field, depth + 1);
  }
  return out;
}

/** The model of a node without positions or files: what must not change when only layout or files do. */
function projection(node: NodeModel): unknown {
  return {
    complete: node.complete,
    vrrpStrict: plain(node.vrrpStrict),
    vrrpVersion: plain(node.vrrpVersion),
    multicastGroup: [plain(node.multicastGroup(4)), plain(node.multicastGroup(6))],
    syncGroups: withoutPlaces(node.syncGroups),
    definitions: node.names.definitions.map((d) => `${d.kind} ${d.name}`),
    instances: withoutPlaces(node.instances),
    virtualServers: withoutPlaces(node.virtualServers),
  };
}

/** The node of one text, as a run reads a file. */
function nodeOf(text: string, file: string, version: string): NodeModel {
  return new NodeModel(file, parse(text, { file, targetVersion: version }).ast, { release: version });
}

describe('every value the model reports has an origin', () => {
  it('on generated configurations of instances, tracked objects, virtual servers and global_defs', () => {
    let instances = 0;
    fc.assert(
      fc.property(modelBlocks, layout, release, (blocks, style, version) => {
        const text = configText(blocks, style);
        const node = nodeOf(text, 'f.conf', version);
        expect(originProblems(node, new Map([['f.conf', text]])), text).toEqual([]);
        instances += node.instances.length;
      }),
      { numRuns: 400 },
    );
    // The generator reaches the instances it is for.
    expect(instances).toBeGreaterThan(250);
  });

  it('on configurations generated from the keyword schema', () => {
    fc.assert(
      fc.property(schemaConfig(3, 8), release, (text, version) => {
        const node = nodeOf(text, 'f.conf', version);
        expect(originProblems(node, new Map([['f.conf', text]])), text).toEqual([]);
      }),
      { numRuns: 150 },
    );
  });

  it('points into the included file a value was read from', () => {
    fc.assert(
      fc.property(modelBlocks, layout, split, release, (blocks, style, how, version) => {
        const files = splitConfig(blocks, style, how);
        const parsed = parse(files[MAIN]!, { file: MAIN, host: memoryHost(files), targetVersion: version });
        const node = new NodeModel(MAIN, parsed.ast, { release: version });
        expect(originProblems(node, new Map(Object.entries(files))), JSON.stringify(files, null, 1)).toEqual([]);
        // Every instance and virtual server names the file its block was read from.
        for (const item of [...node.instances, ...node.virtualServers]) expect(files[item.file], item.file).toBeDefined();
      }),
      { numRuns: 100 },
    );
  });
});

describe('formatting a file never changes its model', () => {
  it('gives the same instances, values and origins, virtual servers and real servers before and after', () => {
    let changed = 0;
    fc.assert(
      fc.property(modelBlocks, layout, release, (blocks, style, version) => {
        const text = configText(blocks, style);
        const result = format(text, { file: 'f.conf' });
        if (result.refused) {
          // The formatter leaves what it refuses as it was: nothing to compare.
          expect(result.text).toBe(text);
          return;
        }
        if (result.changed) changed++;
        expect(projection(nodeOf(result.text, 'f.conf', version)), `${text}\n----- formatted -----\n${result.text}`).toEqual(projection(nodeOf(text, 'f.conf', version)));
      }),
      { numRuns: 300 },
    );
    // Most layouts are not the formatter's: the property is tested on text it really changed.
    expect(changed, 'runs whose text the formatter changed').toBeGreaterThan(100);
  });
});

describe('the model of a file equals the model of the same file split across includes', () => {
  it('gives the same values and origin kinds whichever blocks sit in which file', () => {
    let included = 0;
    fc.assert(
      fc.property(modelBlocks, layout, split, release, (blocks, style, how, version) => {
        const whole = nodeOf(configText(blocks, style), MAIN, version);
        const files = splitConfig(blocks, style, how);
        const parsed = parse(files[MAIN]!, { file: MAIN, host: memoryHost(files), targetVersion: version });
        expect(parsed.diagnostics.filter((d) => d.severity === 'error'), JSON.stringify(files, null, 1)).toEqual([]);
        const node = new NodeModel(MAIN, parsed.ast, { release: version });
        if (Object.keys(files).length > 1) included++;
        expect(projection(node), JSON.stringify(files, null, 1)).toEqual(projection(whole));
      }),
      { numRuns: 150 },
    );
    expect(included, 'runs that read included files').toBeGreaterThan(75);
  });
});

describe.skipIf(!corpusPresent)('the model on the shared corpus', () => {
  const files = oracle().map((e) => e.file);

  it('builds every node and every value without throwing, each with an origin that points into the file', () => {
    let instances = 0;
    let servers = 0;
    for (const file of files) {
      const text = corpusText(file);
      for (const version of RELEASES) {
        const node = nodeOf(text, file, version);
        expect(() => projection(node), file).not.toThrow();
        expect(originProblems(node, new Map([[file, text]])), `${file} for ${version}`).toEqual([]);
        instances += node.instances.length;
        servers += node.virtualServers.length;
      }
    }
    // The corpus holds instances and virtual servers enough for this to say something.
    expect(instances).toBeGreaterThan(100);
    expect(servers).toBeGreaterThan(30);
  });
});

describe.skipIf(!corpusPresent)('model values on corpus files, as keepalived 2.2.7 ran them', () => {
  const node = (file: string) => nodeOf(corpusText(file), file, '2.2.7');
  const value = (setting: Setting<unknown> | undefined) => (setting ? { value: setting.value, kind: setting.origin.kind } : undefined);
  const instance = (n: NodeModel, name: string) => {
    const found = n.instances.find((i) => i.name === name);
    if (!found) throw new Error(`no instance ${name}`);
    return found;
  };

  it('the stock VRRP sample: written values, defaults, the family from the addresses', () => {
    const n = node('keepalived-samples/keepalived.conf.vrrp');
    expect(n.instances.map((i) => i.name)).toEqual(['VI_1', 'VI_2', 'VI_3', 'VI_4']);
    const one = instance(n, 'VI_1');
    expect(value(one.vrid)).toEqual({ value: 51, kind: 'written' });
    expect(value(one.state)).toEqual({ value: 'MASTER', kind: 'written' });
    expect(value(one.priority)).toEqual({ value: 100, kind: 'written' });
    expect(value(one.advertInt)).toEqual({ value: 1, kind: 'written' });
    expect(value(one.authentication)).toEqual({ value: 'PASS', kind: 'written' });
    expect(value(one.authPass)).toEqual({ value: '1111', kind: 'written' });
    expect(value(one.version)).toEqual({ value: 2, kind: 'default' });
    expect(value(one.strict)).toEqual({ value: false, kind: 'default' });
    expect(value(one.family)).toEqual({ value: 4, kind: 'derived' });
    expect(value(one.multicastGroup)).toEqual({ value: '224.0.0.18', kind: 'default' });
    const two = instance(n, 'VI_2');
    expect(value(two.state)).toEqual({ value: 'BACKUP', kind: 'default' });
    expect(value(two.priority)).toEqual({ value: 50, kind: 'written' });
    expect(value(two.authentication)).toEqual({ value: 'NONE', kind: 'default' });
    expect(two.vips.map((v) => v.address)).toEqual(['192.168.200.13', '192.168.200.14', '192.168.200.15']);
  });

  it('state MASTER with AH authentication starts as BACKUP ("Initial state master is incompatible with AH authentication")', () => {
    const n = node('keepalived-samples/keepalived.conf.SSL_GET');
    const one = instance(n, 'VI_1');
    expect(value(one.authentication)).toEqual({ value: 'AH', kind: 'written' });
    expect(value(one.state)).toEqual({ value: 'BACKUP', kind: 'derived' });
    const server = n.virtualServers.find((s) => s.address === '192.168.200.100' && s.port === '443')!;
    expect(value(server.scheduler)).toEqual({ value: 'rr', kind: 'written' });
    expect(value(server.forwarding)).toEqual({ value: 'NAT', kind: 'written' });
    expect(value(server.protocol)).toEqual({ value: 'TCP', kind: 'written' });
    expect(value(server.delayLoop)).toEqual({ value: 6, kind: 'written' });
    expect(server.realServers.map((r) => value(r.weight))).toEqual(server.realServers.map(() => ({ value: 1, kind: 'written' })));
    expect(server.realServers.map((r) => value(r.forwarding))).toEqual(server.realServers.map(() => ({ value: 'NAT', kind: 'written' })));
  });

  it('a template with undefined $names: the addresses keepalived skips, the password it truncates, the weight of the script', () => {
    // keepalived: "malformed src address[$ip_master_node]", "malformed unicast peer address",
    // "Truncating auth_pass to 8 characters", "VRRP parsed invalid IP $virtual_ip. skipping IP...".
    const one = instance(node('wild/Abduction-78__keepalived-config__master_node.conf'), 'VI_1');
    expect(value(one.vrid)).toEqual({ value: 51, kind: 'written' });
    expect(one.unicastSrcIp).toBeUndefined();
    expect(one.unicastPeers).toEqual([]);
    expect(one.vips).toEqual([]);
    expect(value(one.authPass)).toEqual({ value: '$your_pa', kind: 'written' });
    // track_script { chk_nginx } without a weight of its own: the vrrp_script's `weight 2`.
    expect(one.tracks.map((t) => ({ name: t.name, weight: value(t.weight), dropped: t.dropped?.value }))).toEqual([{ name: 'chk_nginx', weight: { value: 2, kind: 'derived' }, dropped: undefined }]);
  });

  it('sync group members, from the sample with notify scripts', () => {
    const n = node('keepalived-samples/keepalived.conf.vrrp.scripts');
    expect(n.instances.map((i) => [i.name, i.syncGroup?.name])).toEqual([
      ['VI_1', undefined],
      ['VI_2', 'G1'],
      ['VI_3', 'G1'],
    ]);
    expect(value(instance(n, 'VI_2').priority)).toEqual({ value: 150, kind: 'written' });
    expect(value(instance(n, 'VI_2').state)).toEqual({ value: 'MASTER', kind: 'written' });
  });
});
