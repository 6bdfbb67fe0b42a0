// TRANSITIONAL: removed once every rule reads the model (@kalint/model).
/**
 * Typed views of the parts of a config the rules compare: VRRP instances, virtual servers and
 * real servers, scripts. Built once per file from the AST; rules read these instead of walking
 * statements again.
 */
import type { ConfigFile, Located, Statement, Value, Word } from '@kalint/parser';

/** A value with the place it was written. */
export interface Valued<T> {
  value: T;
  /** The word holding the value (or the statement, for flags). */
  at: Located;
  statement: Statement;
}

export interface VrrpInstance {
  name: string;
  file: string;
  statement: Statement;
  state?: Valued<string>;
  priority?: Valued<number>;
  vrid?: Valued<number>;
  interface?: Valued<string>;
  advertInt?: Valued<number>;
  version?: Valued<number>;
  authType?: Valued<string>;
  authPass?: Valued<string>;
  nopreempt?: Statement;
  /** `virtual_ipaddress` items: the address word of each line (`10.1.8.100/24`). */
  vips: Array<Valued<string>>;
  unicastSrcIp?: Valued<string>;
  /** `unicast_peer` items: the address word of each line. */
  unicastPeers: Array<Valued<string>>;
  trackScripts: Array<Valued<string>>;
}

export interface RealServer {
  /** `ADDRESS:PORT` (or just the address). */
  key: string;
  address: string;
  port?: string;
  statement: Statement;
  weight?: Valued<number>;
  /** Checker blocks: TCP_CHECK, HTTP_GET, ... */
  checkers: Statement[];
}

export interface VirtualServer {
  /** What identifies the service across peers: `10.1.8.100 80 TCP`, `fwmark 1`, `group NAME`. */
  key: string;
  file: string;
  statement: Statement;
  /** Address and port for `virtual_server IP PORT`. */
  address?: string;
  port?: string;
  lbKind?: Valued<string>;
  protocol?: Valued<string>;
  /** Every keyword line directly inside the block except real servers: name -> value. */
  settings: Map<string, Valued<string>>;
  realServers: RealServer[];
}

export interface ConfigModel {
  instances: VrrpInstance[];
  virtualServers: VirtualServer[];
  /** `vrrp_script NAME` blocks by name. */
  scripts: Map<string, Statement>;
}

/** The words of a statement after the keyword, as text. */
export function argsText(statement: Statement): string {
  const args = statement.args;
  // Most lines have one word: no array to build for them (this runs for every line of every virtual server).
  if (args.length === 1) return args[0]!.text;
  return args.map((w) => w.text).join(' ');
}

function statementsIn(statement: Statement): Statement[] {
  const found: Statement[] = [];
  for (const node of statement.block?.body ?? []) if (node.type === 'Statement') found.push(node);
  return found;
}

function valuesIn(statement: Statement): Value[] {
  const found: Value[] = [];
  for (const node of statement.block?.body ?? []) if (node.type === 'Value') found.push(node);
  return found;
}

function text(statement: Statement, index = 0): Valued<string> | undefined {
  const word: Word | undefined = statement.args[index];
  return word ? { value: word.text, at: word, statement } : undefined;
}

function number(statement: Statement): Valued<number> | undefined {
  const word = statement.args[0];
  if (!word || !/^\s*\d+(\.\d+)?$/.test(word.text)) return undefined;
  return { value: Number(word.text), at: word, statement };
}

function vrrpInstance(statement: Statement): VrrpInstance {
  const instance: VrrpInstance = {
    name: statement.args[0]?.text ?? '',
    file: statement.file,
    statement,
    vips: [],
    unicastPeers: [],
    trackScripts: [],
  };
  for (const child of statementsIn(statement)) {
    switch (child.path) {
      case 'vrrp_instance/state':
        instance.state = text(child);
        break;
      case 'vrrp_instance/priority':
        instance.priority = number(child);
        break;
      case 'vrrp_instance/virtual_router_id':
        instance.vrid = number(child);
        break;
      case 'vrrp_instance/interface':
        instance.interface = text(child);
        break;
      case 'vrrp_instance/advert_int':
        instance.advertInt = number(child);
        break;
      case 'vrrp_instance/version':
        instance.version = number(child);
        break;
      case 'vrrp_instance/nopreempt':
        instance.nopreempt = child;
        break;
      case 'vrrp_instance/unicast_src_ip':
        instance.unicastSrcIp = text(child);
        break;
      case 'vrrp_instance/authentication':
        for (const auth of statementsIn(child)) {
          if (auth.path === 'vrrp_instance/authentication/auth_type') instance.authType = text(auth);
          if (auth.path === 'vrrp_instance/authentication/auth_pass') instance.authPass = text(auth);
        }
        break;
      case 'vrrp_instance/virtual_ipaddress':
        for (const item of valuesIn(child)) instance.vips.push(firstWord(item, child));
        break;
      case 'vrrp_instance/unicast_peer':
        for (const item of valuesIn(child)) instance.unicastPeers.push(firstWord(item, child));
        break;
      case 'vrrp_instance/track_script':
        for (const item of valuesIn(child)) instance.trackScripts.push(firstWord(item, child));
        break;
    }
  }
  return instance;
}

function firstWord(item: Value, statement: Statement): Valued<string> {
  return { value: item.words[0]!.text, at: item.words[0]!, statement };
}

function virtualServer(statement: Statement): VirtualServer {
  const first = statement.args[0]?.text;
  const second = statement.args[1]?.text;
  const server: VirtualServer = { key: '', file: statement.file, statement, settings: new Map(), realServers: [] };
  if (first !== 'fwmark' && first !== 'group') {
    if (first !== undefined) server.address = first;
    if (second !== undefined) server.port = second;
  }
  for (const child of statementsIn(statement)) {
    if (child.path === 'virtual_server/real_server') {
      server.realServers.push(realServer(child));
      continue;
    }
    const valued: Valued<string> = { value: argsText(child), at: child.args[0] ?? child.keyword, statement: child };
    if (child.path === 'virtual_server/lb_kind' || child.path === 'virtual_server/lvs_method') server.lbKind = valued;
    if (child.path === 'virtual_server/protocol') server.protocol = valued;
    if (child.spec && child.spec.block === null) server.settings.set(child.keyword.text, valued);
  }
  if (first === 'fwmark' || first === 'group') {
    // keepalived ignores `protocol` for a firewall mark; a group is named by its name.
    server.key = `${first} ${second ?? ''}`;
  } else {
    // Without `protocol`, keepalived sets up an address service as UDP (the kernel's default).
    const protocol = (server.protocol?.value ?? 'UDP').toUpperCase();
    server.key = `${first ?? ''} ${second ?? ''} ${protocol}`;
  }
  return server;
}

function realServer(statement: Statement): RealServer {
  const address = statement.args[0]?.text ?? '';
  const port = statement.args[1]?.text;
  const server: RealServer = { key: port === undefined ? address : `${address}:${port}`, address, statement, checkers: [] };
  if (port !== undefined) server.port = port;
  for (const child of statementsIn(statement)) {
    if (child.path === 'virtual_server/real_server/weight') server.weight = number(child);
    else if (child.block !== null && child.spec?.block === 'keywords') server.checkers.push(child);
  }
  return server;
}

/** Build the model of one parsed config. */
export function buildModel(ast: ConfigFile): ConfigModel {
  const model: ConfigModel = { instances: [], virtualServers: [], scripts: new Map() };
  for (const node of ast.body) {
    if (node.type !== 'Statement') continue;
    if (node.path === 'vrrp_instance') model.instances.push(vrrpInstance(node));
    else if (node.path === 'virtual_server') model.virtualServers.push(virtualServer(node));
    else if (node.path === 'vrrp_script' && node.args[0]) model.scripts.set(node.args[0].text, node);
  }
  return model;
}
