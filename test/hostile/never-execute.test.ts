/**
 * kalint never executes anything a config names. Every keyword the schema marks as a command
 * (notify*, script, misc_path, startup_script, shutdown_script, notify_fifo_script, quorum_up/down,
 * ...) and an `include` point at executables that would create a marker file; lint, --fix, fmt
 * --write, parse and every language server request run on the config; the marker never appears.
 * In-process, a spy on every child_process function proves no call happens at all.
 */
import { chmodSync, existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { schema, ROOT, type KeywordSpec } from '@kalint/grammar';
import {
  CodeActionRequest,
  CompletionRequest,
  DefinitionRequest,
  DocumentFormattingRequest,
  DocumentLinkRequest,
  DocumentSymbolRequest,
  FoldingRangeRequest,
  HoverRequest,
  ReferencesRequest,
  RenameRequest,
  SemanticTokensRequest,
  SignatureHelpRequest,
} from 'vscode-languageserver/node.js';
import { scratch } from '../../packages/cli/test/helpers.js';
import { ensureBuilt, TestClient } from '../lsp/client.js';
import { kalintBinary, kalintReal } from './helpers.js';

const calls: string[] = [];
vi.mock('node:child_process', async (original) => {
  const real = (await original()) as Record<string, unknown>;
  const spied: Record<string, unknown> = { ...real };
  for (const name of ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork']) {
    spied[name] = (...args: unknown[]) => {
      calls.push(`${name} ${JSON.stringify(args[0])}`);
      return (real[name] as (...a: unknown[]) => unknown)(...args);
    };
  }
  return { ...spied, default: spied };
});

const dir = scratch({});
const marker = join(dir, 'EXECUTED');
const program = join(dir, 'run.sh');
writeFileSync(program, `#!/bin/sh\ntouch '${marker}'\n`);
chmodSync(program, 0o755);
writeFileSync(join(dir, 'include.sh'), `#!/bin/sh\ntouch '${marker}'\n`);
chmodSync(join(dir, 'include.sh'), 0o755);

/** Every command keyword of the schema, in its block, naming the program (quoted with an argument, and bare). */
function commandConfig(): string {
  const commands = schema.keywords.filter((k) => k.command);
  const render = (parent: string, indent: string): string[] => {
    const lines: string[] = [];
    for (const keyword of schema.childrenOf(parent)) {
      if (keyword.command) lines.push(`${indent}${keyword.name} "${program} --now"`);
      else if (keyword.block === 'keywords' && commands.some((c) => c.path.startsWith(`${keyword.path}/`))) {
        const args = keyword.args.positional.filter((a) => !a.optional).map((a) => (a.kind === 'ipv4' || a.kind === 'ip' ? '10.0.0.1' : a.kind === 'port' || a.kind === 'integer' ? '80' : 'x'));
        lines.push(`${indent}${[keyword.name, ...args].join(' ')} {`, ...render(keyword.path, `${indent}    `), `${indent}}`);
      }
    }
    return lines;
  };
  return [...render(ROOT, ''), `include ${join(dir, 'include.sh')}`, `include ${program}`, ''].join('\n');
}
const config = commandConfig();
writeFileSync(join(dir, 'keepalived.conf'), config);
// Badly laid out, so fmt --write and --fix do write.
writeFileSync(join(dir, 'messy.conf'), config.replace(/^ +/gm, ''));

afterAll(() => expect(existsSync(marker), 'a config command was executed').toBe(false));

describe('kalint never executes what a config names', () => {
  it('the config names the program in every command keyword of the schema', () => {
    const named = (k: KeywordSpec) => new RegExp(`^\\s*${k.name} "${program} --now"$`, 'm').test(config);
    const commands = schema.keywords.filter((k) => k.command);
    expect(commands.map((k) => k.name)).toEqual(expect.arrayContaining(['notify', 'notify_master', 'script', 'misc_path', 'startup_script', 'shutdown_script', 'notify_fifo_script', 'quorum_up', 'quorum_down']));
    expect(commands.filter((k) => !named(k))).toEqual([]);
  });

  it('lint, --fix, fmt --write and parse, in-process: no child_process call, no marker', async () => {
    for (const args of [['keepalived.conf'], ['--fix', 'messy.conf'], ['fmt', '--write', 'messy.conf'], ['parse', 'keepalived.conf'], ['--format', 'json', '.']]) {
      const run = await kalintReal(args, dir);
      expect(run.stderr, args.join(' ')).not.toContain('internal error');
    }
    expect(calls).toEqual([]);
    expect(existsSync(marker)).toBe(false);
  });

  it('the built binary: lint, fmt --write, parse', () => {
    for (const args of [['keepalived.conf'], ['fmt', '--write', 'messy.conf'], ['parse', 'keepalived.conf']]) kalintBinary(args, dir);
    expect(existsSync(marker)).toBe(false);
    // The spy sees calls: the test's own spawns of the binary.
    expect(calls.filter((c) => c.startsWith('spawnSync'))).toHaveLength(3);
  });

  it('the language server: every request on the config', async () => {
    ensureBuilt();
    const client = await TestClient.start({ workspace: dir, settings: { peers: { scope: 'workspace' } } });
    try {
      const uri = await client.open(join(dir, 'keepalived.conf'));
      const diagnostics = await client.diagnosticsOf(uri);
      const c = client.connection;
      const textDocument = { uri };
      const lines = config.split('\n');
      for (let line = 0; line < lines.length; line++) {
        const position = { line, character: Math.max(0, lines[line]!.indexOf('"') + 2) };
        await Promise.all([
          c.sendRequest(HoverRequest.type, { textDocument, position }),
          c.sendRequest(CompletionRequest.type, { textDocument, position }),
          c.sendRequest(SignatureHelpRequest.type, { textDocument, position }),
          c.sendRequest(DefinitionRequest.type, { textDocument, position }),
          c.sendRequest(ReferencesRequest.type, { textDocument, position, context: { includeDeclaration: true } }),
          c.sendRequest(RenameRequest.type, { textDocument, position, newName: 'x1' }),
        ]);
      }
      const whole = { start: { line: 0, character: 0 }, end: { line: lines.length, character: 0 } };
      await Promise.all([
        c.sendRequest(DocumentSymbolRequest.type, { textDocument }),
        c.sendRequest(FoldingRangeRequest.type, { textDocument }),
        c.sendRequest(SemanticTokensRequest.type, { textDocument }),
        c.sendRequest(DocumentLinkRequest.type, { textDocument }),
        c.sendRequest(DocumentFormattingRequest.type, { textDocument, options: { tabSize: 4, insertSpaces: true } }),
        c.sendRequest(CodeActionRequest.type, { textDocument, range: whole, context: { diagnostics } }),
        c.sendRequest(CodeActionRequest.type, { textDocument, range: whole, context: { diagnostics, only: ['source.fixAll'] } }),
      ]);
    } finally {
      await client.stop();
    }
    expect(existsSync(marker)).toBe(false);
  });
});
