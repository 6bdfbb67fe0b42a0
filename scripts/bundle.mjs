#!/usr/bin/env node
/**
 * Bundle the command line into one self-contained ESM file, dist/kalint.mjs: kalint's packages
 * (from their tsc output, so run `tsc -b` first), the grammar JSON and every dependency
 * (chevrotain, tinyglobby, picocolors, diff, editorconfig with its WebAssembly INI parser).
 * The root package's bin/kalint.js runs it; `npm pack` of the root ships it, which is what
 * pre-commit installs.
 *
 * Commands and output formats are imported on demand in the sources; in the bundle those
 * dynamic imports become lazily initialised modules of the same file, so `kalint --version` still
 * evaluates only what it needs. Silent on success: `npm pack` runs this through `prepare`, and
 * pre-commit reads the tarball's name from npm pack's standard output.
 */
import { readFileSync } from 'node:fs';
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

const result = await build({
  absWorkingDir: root,
  entryPoints: ['packages/cli/src/bin.ts'],
  outfile: 'dist/kalint.mjs',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // The CommonJS dependencies (editorconfig and its own) `require` Node's modules; an ES module
  // has no `require`, so the bundle makes one.
  banner: { js: "import { createRequire as __kalintCreateRequire } from 'node:module';\nconst require = __kalintCreateRequire(import.meta.url);" },
  define: { KALINT_VERSION: JSON.stringify(version) },
  // Prefer the ES module builds (diff has both), as Node would for `import`.
  mainFields: ['module', 'main'],
  conditions: ['import', 'node'],
  legalComments: 'eof',
  plugins: [inlineWasm],
  logLevel: 'warning',
  metafile: true,
});

// Everything must be inside: an import left external would fail once installed without node_modules.
const external = Object.values(result.metafile.outputs)
  .flatMap((output) => output.imports)
  .filter((i) => i.external && !i.path.startsWith('node:') && !builtinModules.includes(i.path));
if (external.length > 0) {
  console.error(`bundle: left outside the bundle: ${[...new Set(external.map((i) => i.path))].join(', ')}`);
  process.exit(1);
}
