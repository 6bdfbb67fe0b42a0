/**
 * The README's snippets, run as written: the set-up command on the article pair, the configuration
 * file example, the library examples (their `import` lines bound to the real packages), and the
 * benchmark commands. The pre-commit snippet has its own test (packages/cli/test/pre-commit.test.ts).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as linter from '@kalint/linter';
import * as parser from '@kalint/parser';
import { nodeIncludeHost, validateConfig } from '@kalint/node';

const root = join(import.meta.dirname, '..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');

/** The code blocks of one language, in order. */
function blocks(language: string): string[] {
  return [...readme.matchAll(new RegExp('^```' + language + '\\n([\\s\\S]*?)^```', 'gm'))].map((m) => m[1]!);
}

describe("the README's kalint simulate example", () => {
  it('is what kalint simulate prints for the article pair, exit 0', () => {
    const example = blocks('console').find((b) => b.startsWith('$ kalint simulate '));
    expect(example).toBeDefined();
    const [command, ...output] = example!.split('\n');
    const args = command!.replace(/^\$ kalint /, '').split(' ');
    const run = spawnSync(join(root, 'node_modules/.bin/kalint'), args, { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout.trimEnd()).toBe(output.join('\n').trimEnd());
  });
});

describe("the README's set-up command", () => {
  it('lints the article pair as it says: the weights, the truncated auth_pass, the ARP settings, exit 1', () => {
    const setup = blocks('sh')[0]!.trim();
    expect(setup).toMatch(/^npm ci && node_modules\/\.bin\/kalint /);
    // `npm ci` has run (the tests run in the installed tree); the rest runs as written.
    const args = setup.replace(/^npm ci && node_modules\/\.bin\/kalint /, '').split(' ');
    const run = spawnSync(join(root, 'node_modules/.bin/kalint'), args, { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expect(run.status, run.stderr).toBe(1);
    expect(run.stdout).toMatch(/real_server 10\.1\.8\.12 80 weighs 2 here but 1 in ha2\.conf/);
    expect(run.stdout).toMatch(/real_server 10\.1\.8\.13 80 weighs 2 here but 1 in ha2\.conf/);
    expect(run.stdout).toContain('auth-pass-truncated');
    expect(run.stdout).toContain('arp-prerequisites');
  });

  it('names the test command this repository runs', () => {
    expect(blocks('sh')[1]!.trim()).toBe('npm test');
    expect(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).scripts.test).toBeDefined();
  });
});

describe("the README's configuration file", () => {
  it('is a valid .kalintrc.json', () => {
    const [example] = blocks('json');
    const fail = (problem: string) => new Error(problem);
    const config = validateConfig(JSON.parse(example!), '.kalintrc.json', new Set(linter.ruleMetas.map((m) => m.id)), fail);
    expect(config).toMatchObject({ configId: 'ha1' });
  });
});

describe("the README's library examples", () => {
  const pair = (name: string) => readFileSync(join(root, 'fixtures/article-pair', name), 'utf8');
  /** Run a snippet as written, its imports bound to the real packages, with the names it leaves to the reader. */
  async function runSnippet(code: string, scope: Record<string, unknown>): Promise<Record<string, unknown>> {
    const modules: Record<string, unknown> = { '@kalint/linter': linter, '@kalint/parser': parser };
    const body = code.replace(/^import \{ ([^}]+) \} from '([^']+)';$/gm, (_all, names: string, from: string) => {
      expect(modules, from).toHaveProperty([from]);
      return `const { ${names} } = modules[${JSON.stringify(from)}];`;
    });
    const names = Object.keys(scope);
    const declared = [...body.matchAll(/^const \{ ([^}]+) \} = (?!modules)/gm)].flatMap((m) => m[1]!.split(',').map((n) => n.trim()));
    const run = new Function('modules', ...names, `return (async () => { ${body}\n return { ${declared.join(', ')} }; })();`);
    return run(modules, ...names.map((n) => scope[n]));
  }

  it('lint: the two nodes together give the weight drift', async () => {
    const code = blocks('ts')[0]!;
    const { files } = (await runSnippet(code, { ha1: pair('ha1.conf'), ha2: pair('ha2.conf'), host: nodeIncludeHost(root) })) as { files: linter.LintResult['files'] };
    expect(files.map((f) => f.path)).toEqual(['ha1.conf', 'ha2.conf']);
    expect(files[0]!.diagnostics.map((d) => d.ruleId)).toContain('weight-drift');
  });

  it('parse: the real servers\' weights, with their lines', async () => {
    const code = blocks('ts')[1]!;
    const printed: string[] = [];
    const console = { log: (...words: unknown[]) => printed.push(words.join(' ')) };
    const { diagnostics } = (await runSnippet(code, { text: pair('ha1.conf'), host: nodeIncludeHost(root), console })) as { diagnostics: unknown[] };
    expect(diagnostics).toEqual([]);
    expect(printed.length).toBeGreaterThanOrEqual(3);
    expect(printed).toContain('2 37');
  });
});

describe("the README's benchmark commands", () => {
  it('name scripts and files that exist', () => {
    const bench = blocks('sh').find((b) => b.includes('npm run bench'))!;
    const scripts = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).scripts as Record<string, string>;
    for (const line of bench.trim().split('\n')) {
      const command = line.replace(/#.*$/, '').trim();
      // A comment carried over from the line above.
      if (command === '') continue;
      const npm = /^npm run (\S+)(?: -- .*)?$/.exec(command);
      const node = /^node (\S+)(?: .*)?$/.exec(command);
      expect(npm ?? node, line).not.toBeNull();
      if (npm) expect(scripts, line).toHaveProperty([npm[1]!]);
      if (node) expect(existsSync(join(root, node[1]!)), line).toBe(true);
    }
  });
});
