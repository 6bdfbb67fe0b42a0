/**
 * The installed binary (node_modules/.bin/kalint, built by `npx tsc -b`): the same exit codes and
 * outputs as in-process, with kalint's real rule set.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BROKEN, repo, scratch } from './helpers.js';

const bin = join(repo, 'node_modules/.bin/kalint');
function kalintBin(args: string[], options: { cwd?: string; input?: string; env?: Record<string, string> } = {}) {
  const result = spawnSync(bin, args, { cwd: options.cwd ?? repo, encoding: 'utf8', input: options.input ?? '', env: { ...process.env, NO_COLOR: '', ...options.env } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('the installed kalint binary', () => {
  it('--version and --help exit 0', () => {
    const { version } = JSON.parse(readFileSync(join(repo, 'packages/cli/package.json'), 'utf8'));
    expect(kalintBin(['--version'])).toEqual({ code: 0, stdout: `kalint ${version}\n`, stderr: '' });
    expect(kalintBin(['--help']).stdout).toContain('Usage: kalint [options] FILE|DIR|GLOB...');
  });

  it('exits 1 on a syntax error, 2 on a missing file or a bad option, without stack traces', () => {
    const dir = scratch({ 'bad.conf': BROKEN });
    const bad = kalintBin(['--format', 'gcc', 'bad.conf'], { cwd: dir });
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain(`bad.conf:3:1: error: unexpected '}'`);
    expect(kalintBin(['missing.conf'], { cwd: dir })).toEqual({ code: 2, stdout: '', stderr: "kalint: 'missing.conf' does not exist\n" });
    const option = kalintBin(['--bogus', 'bad.conf'], { cwd: dir });
    expect([option.code, option.stderr.split('\n').length]).toEqual([2, 2]);
  });

  it('reads standard input and loads the lazily imported formats', () => {
    const stdin = kalintBin(['--stdin', '--stdin-filename', 'x/keepalived.conf', '--format', 'json'], { input: BROKEN });
    expect(stdin.code).toBe(1);
    const [result] = JSON.parse(stdin.stdout);
    expect([result.filePath, result.messages.some((m: { ruleId: string }) => m.ruleId === 'syntax')]).toEqual([join(repo, 'x/keepalived.conf'), true]);
    const sarif = kalintBin(['--stdin', '--format', 'sarif'], { input: BROKEN });
    expect(JSON.parse(sarif.stdout).runs[0].tool.driver.name).toBe('kalint');
  });

  it('is not coloured when piped, unless --color', () => {
    const dir = scratch({ 'bad.conf': BROKEN });
    expect(kalintBin(['bad.conf'], { cwd: dir }).stdout).not.toContain('\u001b[');
    expect(kalintBin(['--color', 'bad.conf'], { cwd: dir }).stdout).toContain('\u001b[');
  });
});
