/**
 * `kalint simulate FILES...`: plays VRRP elections on the clusters the files form (the model's
 * election engine, @kalint/model election.ts) and shows, for each cluster, one row per scenario:
 * the master, each node's effective priority and state, who holds the VIPs, and the time the
 * takeover takes. Files are read as the linter reads them (includes, `--config-id`,
 * `--target-version` and `.kalintrc.json`); no script a configuration names is ever run: a
 * scenario says which tracked objects fail.
 */
import { explainStuck, scenarioTracks, type SyncGroupSplit, type Cluster, type ElectionEvent, type ElectionOutcome, type NodeModel, type Scenario, type Track, type VrrpInstance } from '@kalint/model';
import { resolve } from 'node:path';
import { nodeIncludeHost, parseIncludeRoot, VERSION_PATTERN } from '@kalint/node';
import { parseCommandLine } from './args.js';
import { ConfigResolver, display } from './config.js';
import { discover } from './discover.js';
import { UsageError, type Io } from './io.js';
import { parseMaxFileSize, readInput } from './read-input.js';

export const simulateUsage = `Usage: kalint simulate [options] FILE|DIR|GLOB...

Play VRRP elections on the clusters the files form, as keepalived would (RFC 5798 / 3768 and
keepalived's vrrp.c, vrrp_track.c, vrrp_sync.c), and show for each cluster one row per scenario:
the master, each node's effective priority and state, who holds the VIPs, and how long the
takeover takes (3 × advert_int + skew when the master stops, the skew alone when it goes to
FAULT, the master-down interval plus preempt_delay when a backup preempts). Nothing a
configuration names is run: a scenario says what fails.

Nodes are named after their files: ha1 for ha1.conf (ha1/keepalived for ha1/keepalived.conf
when two files share a name).
Default scenarios: all up, each node down, each tracked object failing on each node.

Options:
  --scenario TEXT        play this scenario instead of the defaults (repeatable):
                           "all up"
                           "NODE down"                   the node stops without a word
                           "NAME fails on NODE"          a tracked script, file, process or
                                                         BFD of that name fails on the node
                           "interface IF fails on NODE"  a tracked interface goes down
                           "link IF down on NODE"        the node's interface IF goes down
                         join events with " and ": "ha1 down and chk_nginx fails on ha2"
  --format NAME          text (default) or json
  --config PATH          use this configuration file instead of searching for one
  --config-id ID         select @ID conditional lines, as keepalived -i ID does
  --target-version X.Y.Z the keepalived release the configs are for
  --include-root FROM=TO read includes under FROM from TO here (repeatable)
  --max-file-size BYTES  refuse files larger than this (K, M, G; default 16M)
  -h, --help             show this help

Exit status: 0 every scenario ends with one master and the VIPs off any node whose tracked
object failed; 1 a scenario ends with no master, two masters, the VIPs stuck on a node whose
tracked object failed, or a sync group whose members' elections disagree on a node (keepalived
moves them together, so they never settle); 2 usage or I/O error.
`;

interface Options {
  format: 'text' | 'json';
  scenarios: string[];
  config: string | undefined;
  configId: string | undefined;
  targetVersion: string | undefined;
  includeRoots: Record<string, string>;
  maxFileSize: number;
  files: string[];
}

function parseOptions(argv: string[], io: Io): Options | 'help' {
  const { values, positionals } = parseCommandLine(
    argv,
    {
      scenario: { type: 'string', multiple: true, short: 's' },
      format: { type: 'string', short: 'f' },
      config: { type: 'string', short: 'c' },
      'config-id': { type: 'string' },
      'target-version': { type: 'string' },
      'include-root': { type: 'string', multiple: true },
      'max-file-size': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    'kalint simulate --help',
  );
  if (values.help) return 'help';
  const format = values.format ?? 'text';
  if (format !== 'text' && format !== 'json') throw new UsageError(`unknown --format '${format}' (expected text, json)`);
  const targetVersion = values['target-version'];
  if (targetVersion !== undefined && !VERSION_PATTERN.test(targetVersion)) {
    throw new UsageError(`--target-version expects a keepalived version such as 2.2.7, not '${targetVersion}'`);
  }
  if (values.config === '') throw new UsageError('--config needs a file name');
  const includeRoots: Record<string, string> = {};
  for (const value of values['include-root'] ?? []) {
    const root = parseIncludeRoot(value, io.cwd);
    if ('error' in root) throw new UsageError(root.error);
    includeRoots[root.from] = root.to;
  }
  for (const scenario of values.scenario ?? []) if (scenario.trim() === '') throw new UsageError('--scenario needs a scenario (see kalint simulate --help)');
  if (positionals.length === 0) throw new UsageError('no files given (see kalint simulate --help)');
  return {
    format,
    scenarios: values.scenario ?? [],
    config: values.config,
    configId: values['config-id'],
    targetVersion,
    includeRoots,
    maxFileSize: parseMaxFileSize(values['max-file-size']),
    files: positionals,
  };
}

/** Run `kalint simulate`; resolves to the exit status. */
export async function simulateCommand(argv: string[], io: Io): Promise<number> {
  const options = parseOptions(argv, io);
  if (options === 'help') {
    io.stdout(simulateUsage);
    return 0;
  }
  const [model, linter] = await Promise.all([import('@kalint/model'), import('@kalint/linter')]);
  const cwd = io.cwd;
  const texts = new Map<string, string>();
  const targets = discover(options.files, cwd, texts);
  const resolver = new ConfigResolver(null, cwd, options.config);
  const inputs = targets.map((t) => {
    const shown = display(t.path, cwd);
    const text = texts.get(t.path) ?? readInput(t.path, shown, options.maxFileSize, io).text;
    return { path: shown, absolute: t.path, text };
  });
  // One configuration decides the release, the config id and the segments of the run: the first
  // file's (simulate compares the files with each other, so they are read alike).
  const config = resolver.forFile(inputs[0]!.absolute);
  const targetVersion = options.targetVersion ?? config?.targetVersion;
  const configId = options.configId ?? config?.configId;
  const roots = { ...config?.includeRoots, ...options.includeRoots };
  const host = nodeIncludeHost(cwd, options.maxFileSize, undefined, roots);
  // A file another input includes is part of that node, as keepalived reads it, not a node of its own.
  const keyOf = (path: string) => resolve(cwd, path);
  const included = linter.includedInputs(inputs, () => host, keyOf);
  const files = linter.parseInputs(
    inputs.filter((input) => !included.has(keyOf(input.path))).map(({ path, text }) => ({ path, text })),
    {
      host,
      ...(configId !== undefined ? { configId } : {}),
      ...(targetVersion !== undefined ? { targetVersion } : {}),
    },
  );
  const project = new model.ProjectModel(files, config?.segments ? { segments: config.segments } : {});
  const names = nodeNames(project.nodes, model.nodeName);
  const name = (node: NodeModel) => names.get(node) ?? node.file;

  const clusters = project.clusters;
  const plans = clusters.map((cluster) => ({ cluster, scenarios: options.scenarios.length > 0 ? [] : model.defaultScenarios(cluster, name) }));
  for (const text of options.scenarios) {
    let used = false;
    for (const plan of plans) {
      const scenario = readScenario(text, plan.cluster, name);
      if (typeof scenario === 'string') continue;
      plan.scenarios.push(scenario);
      used = true;
    }
    if (!used) {
      // Said for the first cluster the scenario could be about, or for the run.
      const why = plans.map((p) => readScenario(text, p.cluster, name)).find((s) => typeof s === 'string') ?? 'no cluster in these files';
      throw new UsageError(`--scenario '${text}': ${why}`);
    }
  }

  const results = plans.map(({ cluster, scenarios }) => ({ cluster, outcomes: scenarios.map((s) => model.elect(cluster, s)) }));
  // Sync groups span clusters: each scenario (by its label) played on every cluster at once.
  const byLabel = new Map<string, Scenario>();
  for (const plan of plans) for (const scenario of plan.scenarios) if (!byLabel.has(scenario.label)) byLabel.set(scenario.label, scenario);
  const hasGroups = project.nodes.some((n) => n.syncGroups.length > 0);
  const splits: Splits = hasGroups ? [...byLabel.values()].flatMap((scenario) => model.syncGroupSplits(project, scenario).map((split) => ({ scenario, split }))) : [];
  const failed = splits.length > 0 || results.some((r) => r.outcomes.some((o) => o.problems.length > 0));
  if (options.format === 'json') io.stdout(`${JSON.stringify(toJson(results, splits, name, failed), null, 2)}\n`);
  else io.stdout(toText(results, splits, name, project.nodes.length));
  return failed ? 1 : 0;
}

/**
 * Names of nodes: the file's base name without `.conf` (`ha1`); when two files share it, the
 * fewest trailing parts of their paths that tell them apart (`ha1/keepalived`), else the path.
 */
function nodeNames(nodes: readonly NodeModel[], base: (node: NodeModel) => string): Map<NodeModel, string> {
  const names = new Map<NodeModel, string>();
  const byBase = new Map<string, NodeModel[]>();
  for (const node of nodes) byBase.set(base(node), [...(byBase.get(base(node)) ?? []), node]);
  for (const [name, group] of byBase) {
    if (group.length === 1) {
      names.set(group[0]!, name);
      continue;
    }
    const parts = group.map((n) => n.file.replace(/\.conf$/, '').split(/[\\/]/));
    const longest = Math.max(...parts.map((p) => p.length));
    let width = 2;
    const tail = (p: string[]) => p.slice(-width).join('/');
    while (width < longest && new Set(parts.map(tail)).size < group.length) width++;
    const unique = new Set(parts.map(tail)).size === group.length;
    group.forEach((node, i) => names.set(node, unique ? tail(parts[i]!) : node.file));
  }
  return names;
}

/**
 * A scenario read from `--scenario` for one cluster, or why it does not apply to it. Nodes are
 * matched by name or file; tracked objects by name among what the node's members track.
 */
export function readScenario(text: string, cluster: Cluster, name: (node: NodeModel) => string): Scenario | string {
  const label = text.trim().replace(/\s+/g, ' ');
  if (/^all up$/i.test(label)) return { label: 'all up', events: [] };
  const nodes = [...new Set(cluster.members.map((m) => m.node))];
  const nodeOf = (word: string): NodeModel | undefined => nodes.find((n) => name(n) === word || n.file === word);
  const events: ElectionEvent[] = [];
  for (const part of label.split(/ and | \+ /i)) {
    let match: RegExpExecArray | null;
    if ((match = /^(.+) down$/i.exec(part)) && !/ on /i.test(part)) {
      const node = nodeOf(match[1]!);
      if (!node) return `no node '${match[1]}' in the cluster (nodes: ${nodes.map(name).join(', ')})`;
      events.push({ kind: 'down', node });
    } else if ((match = /^(?:link )?(\S+) down on (.+)$/i.exec(part))) {
      const node = nodeOf(match[2]!);
      if (!node) return `no node '${match[2]}' in the cluster (nodes: ${nodes.map(name).join(', ')})`;
      const iface = match[1]!;
      const members = cluster.members.filter((m) => m.node === node);
      if (!members.some((m) => m.interface?.value === iface || m.tracks.some((t) => t.kind === 'interface' && t.name === iface))) {
        return `no instance of ${name(node)} runs on or tracks ${iface}`;
      }
      events.push({ kind: 'link-down', node, interface: iface });
    } else if ((match = /^(?:(interface|script|file|process|bfd) )?(\S+) fails on (.+)$/i.exec(part))) {
      const node = nodeOf(match[3]!);
      if (!node) return `no node '${match[3]}' in the cluster (nodes: ${nodes.map(name).join(', ')})`;
      const kind = match[1]?.toLowerCase() as Track['kind'] | undefined;
      const trackName = match[2]!;
      const tracked = cluster.members.filter((m) => m.node === node).flatMap((m) => scenarioTracks(m).filter((t) => t.name === trackName && (kind === undefined || t.kind === kind)));
      if (tracked.length === 0) return `${name(node)} tracks no ${kind ?? 'object'} '${trackName}' in this cluster`;
      events.push({ kind: 'fails', node, track: { kind: tracked[0]!.kind, name: trackName } });
    } else {
      return `cannot read '${part}' (see kalint simulate --help for the scenarios)`;
    }
  }
  return { label, events };
}

/** A cluster's title: its instance names and VRIDs. */
function clusterTitle(cluster: Cluster): string {
  const names = [...new Set(cluster.members.map((m) => m.name))];
  const vrids = [...new Set(cluster.members.map((m) => m.vrid?.value).filter((v) => v !== undefined))];
  return `vrrp_instance ${names.join(' / ')}${vrids.length > 0 ? ` (VRID ${vrids.join(', ')})` : ''}`;
}

function seconds(value: number): string {
  return `${Number(value.toFixed(2))} s`;
}

/** Who holds the VIPs: one name when one node holds them all, else each VIP with its holder. */
function holdersText(outcome: ElectionOutcome, name: (node: NodeModel) => string): string {
  const who = (list: readonly VrrpInstance[]) => (list.length === 0 ? 'nobody' : list.map((i) => name(i.node)).join(outcome.undecided.length > 0 ? ' or ' : ' and '));
  const texts = outcome.vips.map((v) => who(v.holders));
  if (texts.length === 0) return '-';
  if (new Set(texts).size === 1) return texts[0]!;
  return outcome.vips.map((v, i) => `${v.address} ${texts[i]}`).join(', ');
}

function masterText(outcome: ElectionOutcome, name: (node: NodeModel) => string): string {
  if (outcome.master) return name(outcome.master.node);
  if (outcome.masters.length > 1) return outcome.masters.map((m) => name(m.node)).join(' + ');
  if (outcome.undecided.length > 0) return `${outcome.undecided.map((m) => name(m.node)).join(' or ')} *`;
  return 'none';
}

function stateText(outcome: ElectionOutcome, member: ElectionOutcome['members'][number]): string {
  if (member.state === 'DOWN') return 'down';
  const state = member.state === 'UNDECIDED' ? 'MASTER?' : member.state;
  return `${member.condition.priority} ${state}`;
}

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  return rows.map((r) => `  ${r.map((cell, c) => (c === r.length - 1 ? cell : cell.padEnd(widths[c]!))).join('  ')}`.trimEnd()).join('\n');
}

type Results = Array<{ cluster: Cluster; outcomes: ElectionOutcome[] }>;
type Splits = Array<{ scenario: Scenario; split: SyncGroupSplit }>;

function splitText({ scenario, split }: Splits[number], name: (node: NodeModel) => string): string {
  const list = (xs: VrrpInstance[]) => xs.map((x) => x.name).join(', ');
  return `${scenario.label}: sync group ${split.group.name} on ${name(split.node)} is split: its elections make ${list(split.masters)} MASTER and ${list(split.backups)} BACKUP, but keepalived moves the group together, so the instances keep changing state`;
}

function toText(results: Results, splits: Splits, name: (node: NodeModel) => string, nodes: number): string {
  if (results.length === 0) return `No VRRP cluster in ${nodes === 1 ? 'this file' : `these ${nodes} files`}: simulate needs the configurations of two or more nodes of one virtual router.\n`;
  const out: string[] = [];
  for (const { cluster, outcomes } of results) {
    const members = cluster.members.filter((m) => !m.duplicateOf);
    const vips = [...new Set(members.flatMap((m) => m.vips.map((v) => v.address)))];
    out.push(`${clusterTitle(cluster)}: ${members.map((m) => name(m.node)).join(', ')}${vips.length > 0 ? `; VIP ${vips.join(', ')}` : ''}`);
    const nodeHeaders = members.map((m) => (new Set(members.map((x) => x.node)).size === members.length ? name(m.node) : `${name(m.node)}:${m.name}`));
    const rows = [['scenario', 'master', ...nodeHeaders, 'VIPs on', 'failover']];
    const notes: string[] = [];
    for (const outcome of outcomes) {
      const cells = [outcome.scenario.label, masterText(outcome, name), ...members.map((m) => stateText(outcome, outcome.members.find((x) => x.instance === m)!)), holdersText(outcome, name), outcome.failover ? seconds(outcome.failover.seconds) : '-'];
      if (outcome.problems.length > 0) cells[0] = `${cells[0]} !`;
      rows.push(cells);
      for (const problem of outcome.problems) notes.push(`  ! ${outcome.scenario.label}: ${problemText(problem, outcome, name)}`);
      if (outcome.failover) notes.push(`    ${outcome.scenario.label}: ${name(outcome.failover.to.node)} ${outcome.failover.how === 'preempt' ? 'preempts' : 'takes over'} in ${seconds(outcome.failover.seconds)}${outcome.failover.detection ? ` once the failure is seen (${outcome.failover.detection.because})` : ''}: ${outcome.failover.because}`);
    }
    out.push(table(rows));
    if (outcomes.some((o) => o.undecided.length > 0)) out.push('  * equal priorities: keepalived makes the node with the higher primary address master (set unicast_src_ip or mcast_src_ip to tell)');
    if (notes.length > 0) out.push(...notes);
    out.push('');
  }
  if (splits.length > 0) out.push('Sync groups:', ...splits.map((s) => `  ! ${splitText(s, name)}`), '');
  return `${out.join('\n')}\n`.replace(/\n\n\n$/, '\n\n');
}

function problemText(problem: ElectionOutcome['problems'][number], outcome: ElectionOutcome, name: (node: NodeModel) => string): string {
  switch (problem.kind) {
    case 'no-master':
      return 'no master: every node is down or in FAULT, nobody holds the VIPs';
    case 'two-masters':
      return `${problem.masters.map((m) => name(m.node)).join(' and ')} are ${problem.masters.length === 2 ? 'both' : 'all'} MASTER: they do not take each other's adverts, and each holds the VIPs`;
    case 'stuck':
      return explainStuck(outcome, problem, name);
  }
}

function toJson(results: Results, splits: Splits, name: (node: NodeModel) => string, failed: boolean): unknown {
  const nodeRef = (i: VrrpInstance | undefined) => (i ? name(i.node) : null);
  return {
    ok: !failed,
    syncGroupSplits: splits.map((s) => ({
      scenario: s.scenario.label,
      node: name(s.split.node),
      group: s.split.group.name,
      masters: s.split.masters.map((i) => i.name),
      backups: s.split.backups.map((i) => i.name),
      message: splitText(s, name),
    })),
    clusters: results.map(({ cluster, outcomes }) => ({
      instances: [...new Set(cluster.members.map((m) => m.name))],
      vrids: [...new Set(cluster.members.map((m) => m.vrid?.value).filter((v) => v !== undefined))],
      nodes: cluster.members.filter((m) => !m.duplicateOf).map((m) => ({ node: name(m.node), file: m.file, instance: m.name })),
      scenarios: outcomes.map((o) => ({
        scenario: o.scenario.label,
        master: nodeRef(o.master),
        masters: o.masters.map((m) => name(m.node)),
        undecided: o.undecided.map((m) => name(m.node)),
        before: nodeRef(o.before),
        nodes: o.members.map((m) => ({
          node: name(m.node),
          instance: m.instance.name,
          state: m.state,
          priority: m.condition.priority,
          basePriority: m.instance.priority.value,
          fault: m.condition.fault,
          failed: m.condition.failed.map((t) => ({ kind: t.kind, name: t.name })),
          ignored: m.condition.ignored.map((t) => ({ kind: t.kind, name: t.name })),
          reasons: m.condition.reasons,
        })),
        vips: o.vips.map((v) => ({ address: v.address, holders: v.holders.map((h) => name(h.node)) })),
        failover: o.failover ? { from: nodeRef(o.failover.from), to: name(o.failover.to.node), seconds: o.failover.seconds, how: o.failover.how, because: o.failover.because, garpMasterDelay: o.failover.garpMasterDelay, detection: o.failover.detection ?? null } : null,
        problems: o.problems.map((p) => ({ kind: p.kind, message: problemText(p, o, name) })),
      })),
    })),
  };
}

