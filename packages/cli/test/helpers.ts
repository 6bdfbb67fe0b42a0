/** Shared by the CLI tests: run kalint in-process, make scratch directories, rules the tests control. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { rules as kalintRules, type Rule, type RuleContext } from '@kalint/linter';
import type { Range } from '@kalint/parser';
import { run, type Io, type RunOptions } from '../src/index.js';
import { readBounded } from '../src/io.js';

export const repo = fileURLToPath(new URL('../../../', import.meta.url));

export interface KalintRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** A run with the bytes: what `kalint` shows, what stdout got exactly and how much of stdin was read. */
export interface KalintBytesRun extends KalintRun {
  stdoutBytes: Buffer;
  /** Bytes of standard input produced for the command. */
  stdinRead: number;
}

/** What a user would see: exit status, stdout and stderr of the command run in-process. */
export async function kalint(args: string[], setup: KalintSetup = {}): Promise<KalintRun> {
  const { code, stdout, stderr } = await kalintBytes(args, setup);
  return { code, stdout, stderr };
}

interface KalintSetup {
  cwd?: string;
  /** Standard input: text (as UTF-8), bytes, or chunks of bytes made as they are read. */
  stdin?: string | Uint8Array | Iterable<Uint8Array>;
  isTTY?: boolean;
  env?: Record<string, string>;
  options?: RunOptions;
}

/**
 * Run the command in-process and collect what a user would see. Unless `options` says otherwise,
 * only rules the tests control run (kalint's `syntax` and the test rules below): other rules are
 * being written and must not change these tests' findings.
 */
export async function kalintBytes(
  args: string[],
  { cwd = repo, stdin = '', isTTY = false, env = {}, options = withTestRules() }: KalintSetup = {},
): Promise<KalintBytesRun> {
  const out: Buffer[] = [];
  let stderr = '';
  let stdinRead = 0;
  const chunks: Iterable<Uint8Array> = typeof stdin === 'string' ? [Buffer.from(stdin, 'utf8')] : stdin instanceof Uint8Array ? [stdin] : stdin;
  // Standard input arrives as from a pipe, in chunks produced only as the command reads them, and
  // is read with the command's own bounded reader.
  async function* pipe() {
    for (const chunk of chunks) {
      for (let at = 0; at < Math.max(chunk.length, 1); at += STDIN_CHUNK) {
        const piece = chunk.subarray(at, at + STDIN_CHUNK);
        stdinRead += piece.length;
        yield piece;
      }
    }
  }
  const readStdin = (maxBytes: number) => readBounded(pipe(), maxBytes);
  const io: Io = {
    stdout: (t) => void out.push(typeof t === 'string' ? Buffer.from(t, 'utf8') : Buffer.from(t)),
    stderr: (t) => void (stderr += t),
    isTTY,
    cwd,
    readStdin,
    env,
  };
  const code = await run(args, io, options);
  const stdoutBytes = Buffer.concat(out);
  return { code, stdout: stdoutBytes.toString('utf8'), stdoutBytes, stderr, stdinRead };
}

/** The size of the chunks standard input arrives in (a pipe's buffer). */
const STDIN_CHUNK = 65536;

/** `bytes` of config lines as standard input, made chunk by chunk as they are read. */
export function* endless(bytes: number): Generator<Uint8Array> {
  const line = Buffer.from('global_defs {\n    router_id ha1\n}\n');
  const chunk = Buffer.alloc(STDIN_CHUNK - (STDIN_CHUNK % line.length));
  for (let at = 0; at < chunk.length; at += line.length) line.copy(chunk, at);
  for (let made = 0; made < bytes; made += chunk.length) yield chunk.subarray(0, Math.min(chunk.length, bytes - made));
}

/** A fresh directory holding `files` (name -> text). */
export function scratch(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'kalint-cli-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

/** A config with a syntax error (an extra `}` on line 3): one `syntax` error at 3:1. */
export const BROKEN = 'global_defs {\n}\n}\n';
/** A config kalint's current rules find nothing in. */
export const CLEAN = 'global_defs {\n   router_id ha1\n}\n';

/** The range of `text.slice(start, end)`, 0-based as diagnostics carry it. */
export function rangeOf(text: string, start: number, end: number): Range {
  const at = (offset: number) => {
    const before = text.slice(0, offset);
    const line = before.split('\n').length - 1;
    return { offset, line, character: offset - (before.lastIndexOf('\n') + 1) };
  };
  return { start: at(start), end: at(end) };
}

/** Every `pattern` match in every file of the project, reported by `report`. */
function matches(pattern: RegExp, each: (file: string, text: string, m: RegExpExecArray) => void) {
  return ({ project }: RuleContext) => {
    for (const file of project.files) {
      for (const m of file.text.matchAll(new RegExp(pattern.source, 'g'))) each(file.path, file.text, m as RegExpExecArray);
    }
  };
}

/** `test-todo` (warn): a `TODO` in a comment; fix: replace it with `DONE`. */
export const todoRule: Rule = {
  meta: { id: 'test-todo', description: 'A TODO left in a comment', defaultSeverity: 'warn', fixable: true, scope: 'file' },
  project(context) {
    matches(/TODO/, (file, text, m) => {
      const range = rangeOf(text, m.index, m.index + 4);
      context.report({ message: 'TODO left in the config', at: { file, range }, fix: { description: 'mark done', edits: [{ file, range, text: 'DONE' }] } });
    })(context);
  },
};

/** `test-xx` (error): `xx`; fix: `x` — adjacent matches conflict, so fixing takes several passes. */
export const xxRule: Rule = {
  meta: { id: 'test-xx', description: 'A doubled x', defaultSeverity: 'error', fixable: true, scope: 'file' },
  project(context) {
    matches(/xx/, (file, text, m) => {
      const range = rangeOf(text, m.index, m.index + 2);
      context.report({ message: 'doubled x, with "quotes", commas: and 100%', at: { file, range }, fix: { description: 'one x', edits: [{ file, range, text: 'x' }] } });
    })(context);
  },
};

/** Counts its runs: `test-grow` (warn) reports `grow!` and its fix appends another `!` forever. */
export function growRule(): Rule & { runs: number } {
  const rule = {
    runs: 0,
    meta: { id: 'test-grow', description: 'Never satisfied', defaultSeverity: 'warn', fixable: true, scope: 'file' } as const,
    project(context: RuleContext) {
      rule.runs++;
      matches(/grow!+/, (file, text, m) => {
        const range = rangeOf(text, m.index, m.index + m[0].length);
        context.report({ message: 'grows', at: { file, range }, fix: { description: 'grow', edits: [{ file, range, text: m[0] + '!' }] } });
      })(context);
    },
  };
  return rule;
}

/** `test-peers` (error, project): a VRRP instance with a peer in another file, the peer as related location. */
export const peersRule: Rule = {
  meta: { id: 'test-peers', description: 'An instance with peers', defaultSeverity: 'error', fixable: false, scope: 'project' },
  project({ project, report }) {
    for (const group of project.model.instanceGroups) {
      for (const member of group.members) {
        const others = group.members.filter((m) => m.file !== member.file);
        if (others.length === 0) continue;
        report({
          message: `instance ${member.name} has ${others.length} peer(s)`,
          at: member.statement.keyword,
          related: others.map((o) => ({ file: o.file, range: o.statement.keyword.range, message: `peer ${o.name}` })),
        });
      }
    }
  },
};

/** `test-hosts` (off by default): one finding per host fact set, naming its source and arp_ignore. */
export const hostsRule: Rule = {
  meta: { id: 'test-hosts', description: 'Host facts seen', defaultSeverity: 'off', fixable: false, scope: 'project' },
  project({ project, report }) {
    const first = project.files[0];
    if (!first) return;
    for (const [address, facts] of project.hosts) {
      report({ message: `${address} from ${facts.source}: arp_ignore=${facts.values.get('net.ipv4.conf.all.arp_ignore')}`, at: { file: first.path, range: rangeOf(first.text, 0, 0) } });
    }
  },
};

/** kalint's `syntax` rule, the test rules above and `extra`. */
export function withTestRules(...extra: Rule[]): RunOptions {
  const syntax = kalintRules.find((r) => r.meta.id === 'syntax')!;
  return { ruleSet: [syntax, todoRule, xxRule, peersRule, hostsRule, ...extra] };
}
