/**
 * The extension's manifest and language configuration: what VS Code reads before any code runs.
 * The README's settings table must list exactly the contributed settings.
 */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const read = (path: string) => readFileSync(new URL(`../${path}`, import.meta.url), 'utf8');
const manifest = JSON.parse(read('package.json'));
const languageConfiguration = JSON.parse(read('language-configuration.json'));

describe('package.json', () => {
  it('is the kalint extension, activated by keepalived documents', () => {
    expect(manifest).toMatchObject({
      name: 'kalint',
      publisher: 'kalint',
      displayName: 'kalint — keepalived.conf',
      license: 'MIT',
      main: './dist/extension.js',
      activationEvents: ['onLanguage:keepalived'],
      repository: { url: 'https://github.com/kalint/kalint.git' },
    });
    expect(manifest.categories).toEqual(['Linters', 'Formatters', 'Programming Languages']);
    // vsce refuses @types/vscode newer than the VS Code the extension asks for.
    expect(manifest.engines.vscode.replace(/^\^/, '')).toBe(manifest.devDependencies['@types/vscode'].replace(/^~/, ''));
  });

  it('associates keepalived.conf files with the language, its configuration and its grammar', () => {
    const [language] = manifest.contributes.languages;
    expect(language).toMatchObject({
      id: 'keepalived',
      filenames: ['keepalived.conf'],
      filenamePatterns: ['*.keepalived.conf', '**/keepalived/**/*.conf'],
      configuration: './language-configuration.json',
    });
    const [grammar] = manifest.contributes.grammars;
    expect(grammar).toEqual({ language: 'keepalived', scopeName: 'source.keepalived', path: './syntaxes/keepalived.tmLanguage.json' });
    expect(JSON.parse(read(grammar.path)).scopeName).toBe('source.keepalived');
    expect(existsSync(new URL(`../${language.configuration}`, import.meta.url))).toBe(true);
  });

  it('contributes the settings the language server reads, each described', () => {
    const properties = manifest.contributes.configuration.properties;
    expect(Object.keys(properties)).toEqual(['kalint.rules', 'kalint.configId', 'kalint.hosts', 'kalint.peers.scope', 'kalint.trace.server']);
    for (const [name, property] of Object.entries<Record<string, unknown>>(properties)) {
      expect(property.markdownDescription ?? property.description, name).toBeTruthy();
    }
    expect(properties['kalint.rules'].additionalProperties.enum).toEqual(['off', 'warn', 'error']);
    expect(properties['kalint.peers.scope'].enum).toEqual(['workspace', 'openDocuments', 'off']);
    expect(properties['kalint.peers.scope'].enumDescriptions).toHaveLength(3);
  });

  it('declares the semantic token type `address` the server uses', () => {
    expect(manifest.contributes.semanticTokenTypes).toEqual([expect.objectContaining({ id: 'address', superType: 'number' })]);
  });
});

describe('README.md', () => {
  it('lists exactly the contributed settings, with their defaults', () => {
    const rows = read('README.md')
      .split('\n')
      .filter((line) => line.startsWith('| `kalint.'))
      .map((line) => line.split(' | '));
    const properties = manifest.contributes.configuration.properties;
    expect(rows.map(([name]) => name!.replace(/^\| `|`$/g, ''))).toEqual(Object.keys(properties));
    for (const [name, defaultValue] of rows) {
      const key = name!.replace(/^\| `|`$/g, '');
      expect(JSON.parse(defaultValue!.replace(/^`|`$/g, '')), key).toEqual(properties[key].default);
    }
  });

  it('names the restart command as contributed', () => {
    const [command] = manifest.contributes.commands;
    expect(read('README.md')).toContain(`**${command.category}: ${command.title}**`);
  });
});

describe('language-configuration.json', () => {
  const increase = new RegExp(languageConfiguration.indentationRules.increaseIndentPattern);
  const decrease = new RegExp(languageConfiguration.indentationRules.decreaseIndentPattern);

  it('comments with #, brackets and auto-closes braces and double quotes', () => {
    expect(languageConfiguration.comments).toEqual({ lineComment: '#' });
    expect(languageConfiguration.brackets).toEqual([['{', '}']]);
    expect(languageConfiguration.autoClosingPairs.map((pair: { open: string; close: string }) => pair.open + pair.close)).toEqual(['{}', '""']);
  });

  it('indents after a line ending in { and outdents a line starting with }', () => {
    for (const line of ['vrrp_instance VI_1 {', '    real_server 10.1.8.11 80 {   ', 'global_defs { # the defaults', 'notify "/bin/a {b}" {']) {
      expect(increase.test(line), line).toBe(true);
    }
    for (const line of ['    state MASTER', 'vrrp_instance VI_1 { state MASTER }', '# a comment {', 'notify "/bin/x {"', '}']) {
      expect(increase.test(line), line).toBe(false);
    }
    expect(decrease.test('    }')).toBe(true);
    expect(decrease.test('} ! end of vrrp_instance')).toBe(true);
    expect(decrease.test('    weight 1')).toBe(false);
  });

  it('has folding markers', () => {
    const { start, end } = languageConfiguration.folding.markers;
    expect(new RegExp(start).test('# region peers')).toBe(true);
    expect(new RegExp(end).test('! endregion')).toBe(true);
  });
});
