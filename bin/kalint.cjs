#!/usr/bin/env node
// The kalint command of the root package, which is what `npm pack`, `npm install -g` of this
// repository and pre-commit install. It runs the self-contained bundle dist/kalint.cjs (built by
// `npm run build`, and by the `prepare` script on `npm install`/`npm ci`/`npm pack`), so no
// workspace package needs to be installed beside it.
//
// Start-up is most of a pre-commit run, and most of start-up was V8 compiling the bundle. The
// build therefore also writes dist/kalint.cjs.cache, V8's code cache for the bundle after a
// lint of the article pair (scripts/bundle.mjs runs this file once with KALINT_WRITE_CODE_CACHE
// set to that path). A cache made by another Node.js release, or under other V8 flags, is rejected
// by V8, which then compiles the bundle from source as usual: slower, never wrong. With
// KALINT_DEBUG_CODE_CACHE set, the command says on standard error whether it used the cache.
//
// Node's default heap settings: a larger young generation (--max-semi-space-size=64, which this
// command used to set) made a 200,000-line lint a fifth slower here and half as large again in peak
// memory, and a plain `node` shebang needs no `env -S`.
// CommonJS rather than an ES module: Node's ES module loader costs a few milliseconds more to start.
'use strict';
const { readFileSync, renameSync, writeFileSync } = require('node:fs');
const { createRequire } = require('node:module');
const { dirname, join } = require('node:path');
const { Script } = require('node:vm');

const bundle = join(__dirname, '..', 'dist', 'kalint.cjs');
const cacheFile = `${bundle}.cache`;

let cachedData;
try {
  cachedData = readFileSync(cacheFile);
} catch {
  // No cache (a build without one): compile from source.
}
// The same wrapper Node puts around a CommonJS module.
const source = `(function (exports, require, module, __filename, __dirname) { ${readFileSync(bundle, 'utf8')}\n})`;
const script = new Script(source, { filename: bundle, cachedData });
if (process.env.KALINT_DEBUG_CODE_CACHE) {
  // Whether start-up used the cache: `npm run bench` and the tests ask.
  process.stderr.write(`kalint: code cache ${cachedData === undefined ? 'missing' : script.cachedDataRejected ? 'rejected' : 'used'}\n`);
}

if (process.env.KALINT_WRITE_CODE_CACHE === cacheFile) {
  // At exit, so the cache also holds the functions the run compiled on the way.
  process.once('exit', () => {
    const temp = `${cacheFile}.${process.pid}.tmp`;
    writeFileSync(temp, script.createCachedData());
    renameSync(temp, cacheFile);
  });
}

const loaded = { exports: {} };
script.runInThisContext().call(loaded.exports, loaded.exports, createRequire(bundle), loaded, bundle, dirname(bundle));
