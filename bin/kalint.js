#!/usr/bin/env -S node --max-semi-space-size=64
// The kalint command of the root package, which is what `npm pack`, `npm install -g` of this
// repository and pre-commit install: it runs the self-contained bundle dist/kalint.mjs (built by
// `npm run build`, and by the `prepare` script on `npm install`/`npm ci`/`npm pack`), so no
// workspace package needs to be installed beside it. Same flags as packages/cli/bin/kalint.js:
// a larger young generation, since a parse allocates a tree that lives to the end of the run.
import '../dist/kalint.mjs';
