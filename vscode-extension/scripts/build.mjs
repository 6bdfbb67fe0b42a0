#!/usr/bin/env node
/**
 * Build the extension (dist/ is not committed):
 *
 * - syntaxes/keepalived.tmLanguage.json, generated from the keyword schema (build-grammar.mjs,
 *   committed);
 * - dist/extension.js, the client (src/extension.ts with vscode-languageclient), for VS Code's
 *   extension host;
 * - dist/server.js, the language server (packages/language-server/src/main.ts) with everything it
 *   needs: kalint's packages from their TypeScript sources, vscode-languageserver, chevrotain, ...;
 * - dist/lint-worker.js, the server's lint worker thread, which the server starts from the file
 *   beside it.
 *
 * All three are CommonJS (the extension's package.json has no `"type": "module"`): VS Code loads
 * extensions with `require`, and a worker started from a `.js` file is read the same way. kalint's
 * sources are ES modules; the one `import.meta.url` they use becomes the bundle's own file URL.
 *
 * `vsce package` runs this through the `vscode:prepublish` script.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const extensionDir = fileURLToPath(new URL('..', import.meta.url));
const repositoryRoot = fileURLToPath(new URL('../..', import.meta.url));
const serverEntry = `${repositoryRoot}packages/language-server/src/main.ts`;
const workerEntry = `${repositoryRoot}packages/language-server/src/lint-worker.ts`;

if (!existsSync(serverEntry)) {
  console.error(
    `build: the language server's entry ${serverEntry} does not exist.\n` +
      'The extension bundles the kalint language server (packages/language-server) as dist/server.js and cannot be built without it.',
  );
  process.exit(1);
}

// The TextMate grammar, from the schema.
const { grammarFile, grammarText, loadSchema } = await import('./build-grammar.mjs');
const schema = await loadSchema();
// Written only when it changed: tests read the file while the packaging test builds.
const grammar = grammarText(schema);
if (!existsSync(grammarFile) || readFileSync(grammarFile, 'utf8') !== grammar) writeFileSync(grammarFile, grammar);

/**
 * Bundle kalint's own packages from their TypeScript sources, not from their tsc output, so the
 * bundle never lags behind the sources.
 */
const kalintSources = {
  name: 'kalint-sources',
  setup(b) {
    const sources = {
      '@kalint/grammar': 'grammar/src/index.ts',
      '@kalint/parser': 'packages/parser/src/index.ts',
      '@kalint/model': 'packages/model/src/index.ts',
      '@kalint/linter': 'packages/linter/src/index.ts',
      '@kalint/formatter': 'packages/formatter/src/index.ts',
    };
    b.onResolve({ filter: /^@kalint\/(grammar|parser|model|linter|formatter)$/ }, (args) => ({ path: `${repositoryRoot}${sources[args.path]}` }));
  },
};

/** `import.meta.url` in a CommonJS bundle: the URL of the bundle file itself. */
const importMetaUrl = {
  banner: { js: "const __kalintImportMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
  define: { 'import.meta.url': '__kalintImportMetaUrl' },
};

rmSync(`${extensionDir}dist`, { recursive: true, force: true });
mkdirSync(`${extensionDir}dist`, { recursive: true });

const common = {
  absWorkingDir: extensionDir,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  // VS Code 1.92 (the oldest engines.vscode allows) runs extensions on Node.js 20.
  target: 'node20',
  // The language server's dependencies ship ES module builds next to CommonJS ones; take the
  // module builds, as Node would for kalint's own `import`s.
  mainFields: ['module', 'main'],
  // Whitespace and syntax only: names stay, so a stack trace from a user still reads.
  minifyWhitespace: true,
  minifySyntax: true,
  legalComments: 'eof',
  sourcemap: false,
  logLevel: 'warning',
  metafile: true,
};

const results = await Promise.all([
  build({
    ...common,
    entryPoints: { extension: 'src/extension.ts' },
    outdir: 'dist',
    // Provided by VS Code to the extension host.
    external: ['vscode'],
  }),
  build({
    ...common,
    ...importMetaUrl,
    // The server lints on its main thread when its worker file is missing; ship the worker when
    // the server has one.
    entryPoints: { server: serverEntry, ...(existsSync(workerEntry) ? { 'lint-worker': workerEntry } : {}) },
    outdir: 'dist',
    plugins: [kalintSources],
  }),
]);

// Everything must be inside: nothing is installed beside the extension.
const left = results
  .flatMap((result) => Object.values(result.metafile.outputs))
  .flatMap((output) => output.imports)
  .filter((i) => i.external && i.path !== 'vscode' && !i.path.startsWith('node:') && !builtinModules.includes(i.path));
if (left.length > 0) {
  console.error(`build: left outside the bundles: ${[...new Set(left.map((i) => i.path))].join(', ')}`);
  process.exit(1);
}
