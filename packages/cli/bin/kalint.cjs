#!/usr/bin/env node
// The `kalint` command of this workspace package: what `npx kalint` and node_modules/.bin/kalint run
// in the repository. It takes the same fast path as the root package's command: in the repository,
// with the bundle built (`npm run build`, or `npm ci` through `prepare`), it runs the root's
// bin/kalint.cjs, which loads dist/kalint.cjs from V8's code cache. The unbundled ES modules
// (bin/kalint.js) load a few hundred modules one by one and compile them all, several times slower
// to start. They remain the fallback: before the first build, or for this package installed on its own.
// No V8 flags, as the root's command: the code cache is only taken under the flags it was made with.
'use strict';
const { existsSync } = require('node:fs');
const { join, sep } = require('node:path');

const root = join(__dirname, '..', '..', '..');
const launcher = join(root, 'bin', 'kalint.cjs');
const inRepository = __dirname.endsWith(`${sep}packages${sep}cli${sep}bin`);
if (inRepository && existsSync(join(root, 'dist', 'kalint.cjs')) && existsSync(launcher)) {
  require(launcher);
} else {
  import('./kalint.js');
}
