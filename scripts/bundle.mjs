#!/usr/bin/env node
/**
 * Bundle the command line into self-contained files: kalint's packages (from their tsc output, so
 * run `tsc -b` first), the grammar JSON and every dependency (chevrotain, tinyglobby, picocolors,
 * diff, editorconfig with its WebAssembly INI parser).
 *
 * - dist/kalint.cjs: the command line. The root package's bin/kalint.cjs runs it; `npm pack` of the
 *   root ships it, which is what pre-commit installs. CommonJS, because that is what V8's code cache
 *   can be used with from Node 20 (see below).
 * - dist/kalint.cjs.cache: V8's code cache for it, made by running the command once on the article
 *   pair (bin/kalint.cjs explains). Without it every run compiles the megabyte and a half of the
 *   bundle again, which was a third of a short run.
 * - dist/lint-worker.mjs: the worker threads of a parallel lint (packages/cli/src/parallel.ts) start
 *   from a file of their own, and one holding only the parser and the linter loads faster than the
 *   whole command line.
 *
 * Commands and output formats are imported on demand in the sources; in the bundle those dynamic
 * imports become lazily initialised modules of the same file, so `kalint --version` still evaluates
 * only what it needs. Silent on success: `npm pack` runs this through `prepare`, and pre-commit
 * reads the tarball's name from npm pack's standard output.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const { version } = JSON.parse(readFileSync(new URL('../packages/cli/package.json', import.meta.url), 'utf8'));

/**
 * @one-ini/wasm (editorconfig's INI parser) reads `${__dirname}/one_ini_bg.wasm` when loaded;
 * the bundle has no such file beside it, so the module's bytes are inlined instead.
 */
const inlineWasm = {
  name: 'inline-one-ini-wasm',
  setup(b) {
    b.onLoad({ filter: /[\\/]@one-ini[\\/]wasm[\\/]one_ini\.js$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      const read = /const wasmPath = `\$\{__dirname\}\/one_ini_bg\.wasm`;\s*const wasmBytes = require\('fs'\)\.readFileSync\(wasmPath\);/;
      if (!read.test(source)) {
        // A new version loads its WebAssembly differently: fail the build rather than ship a bundle
        // that breaks at the first .editorconfig.
        return { errors: [{ text: `${args.path}: the WebAssembly load to inline was not found; update scripts/bundle.mjs` }] };
      }
      const bytes = readFileSync(new URL('one_ini_bg.wasm', `file://${args.path}`)).toString('base64');
      return { contents: source.replace(read, `const wasmBytes = Buffer.from(${JSON.stringify(bytes)}, 'base64');`), loader: 'js' };
    });
  },
};

/**
 * The keyword schema as `JSON.parse` of a string rather than as an object literal: V8 reads a JSON
 * string several times faster than the same data written as JavaScript.
 */
const grammarAsJson = {
  name: 'grammar-as-json',
  setup(b) {
    b.onLoad({ filter: /[\\/]grammar[\\/]keywords\.json$/ }, (args) => {
      const data = JSON.stringify(JSON.parse(readFileSync(args.path, 'utf8')));
      return { contents: `export default JSON.parse(${JSON.stringify(data)});`, loader: 'js' };
    });
  },
};

/**
 * fdir (tinyglobby's directory walker) tries `require("picomatch")` from disk when loaded, for an
 * API tinyglobby does not use: in the repository that loads a second picomatch beside the bundled
 * one, at start-up; installed, it finds nothing. The bundle leaves it out.
 */
const fdirWithoutPicomatch = {
  name: 'fdir-without-picomatch',
  setup(b) {
    b.onLoad({ filter: /[\\/]fdir[\\/]dist[\\/]index\.mjs$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      const load = /__require\.resolve\("picomatch"\);\s*pm = __require\("picomatch"\);/;
      if (!load.test(source)) {
        return { errors: [{ text: `${args.path}: the picomatch load to remove was not found; update scripts/bundle.mjs` }] };
      }
      return { contents: source.replace(load, ''), loader: 'js' };
    });
  },
};

const common = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  target: 'node20',
  // Prefer the ES module builds (diff has both), as Node would for `import`.
  mainFields: ['module', 'main'],
  conditions: ['import', 'node'],
  legalComments: 'eof',
  logLevel: 'warning',
  metafile: true,
  minify: true,
};

const results = [
  await build({
    ...common,
    entryPoints: { kalint: 'packages/cli/src/bin.ts' },
    outdir: 'dist',
    outExtension: { '.js': '.cjs' },
    format: 'cjs',
    // `import.meta.url` (the worker's file, beside the bundle) from the file CommonJS runs.
    banner: { js: "const __kalintUrl = require('node:url').pathToFileURL(__filename).href;" },
    // The version (no package.json beside the bundle) and the worker file's name in the bundle.
    define: { KALINT_VERSION: JSON.stringify(version), KALINT_LINT_WORKER: JSON.stringify('./lint-worker.mjs'), 'import.meta.url': '__kalintUrl' },
    plugins: [inlineWasm, grammarAsJson, fdirWithoutPicomatch],
  }),
  await build({
    ...common,
    entryPoints: { 'lint-worker': 'packages/cli/src/lint-worker.ts' },
    outdir: 'dist',
    outExtension: { '.js': '.mjs' },
    format: 'esm',
    // The CommonJS dependencies `require` Node's modules; an ES module has no `require`, so the bundle makes one.
    banner: { js: "import { createRequire as __kalintCreateRequire } from 'node:module';\nconst require = __kalintCreateRequire(import.meta.url);" },
    plugins: [grammarAsJson],
  }),
];

// Everything must be inside: an import left external would fail once installed without node_modules.
const external = results
  .flatMap((result) => Object.values(result.metafile.outputs))
  .flatMap((output) => output.imports)
  .filter((i) => i.external && !i.path.startsWith('node:') && !builtinModules.includes(i.path));
if (external.length > 0) {
  console.error(`bundle: left outside the bundle: ${[...new Set(external.map((i) => i.path))].join(', ')}`);
  process.exit(1);
}

// The code cache, made under the flags bin/kalint.cjs runs with (V8 rejects a cache made under
// others) by a lint of the article pair: the functions a lint compiles are in it.
const cache = `${root}dist/kalint.cjs.cache`;
rmSync(cache, { force: true });
const pair = ['fixtures/article-pair/ha1.conf', 'fixtures/article-pair/ha2.conf'].filter((f) => existsSync(`${root}${f}`));
const made = spawnSync(process.execPath, [`${root}bin/kalint.cjs`, ...(pair.length > 0 ? pair : ['--version'])], {
  cwd: root,
  env: { ...process.env, KALINT_WRITE_CODE_CACHE: cache },
  stdio: ['ignore', 'ignore', 'pipe'],
  encoding: 'utf8',
});
if (!existsSync(cache)) {
  // The command still works without it, only slower to start: say so, do not fail the install.
  console.error(`bundle: no code cache written (${made.error?.message ?? made.stderr.trim().split('\n')[0] ?? `exit ${made.status}`}); kalint will start more slowly`);
}
