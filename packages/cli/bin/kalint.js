#!/usr/bin/env node
// Committed entry point: npm links this file at install time, before the TypeScript build has run.
// The unbundled modules: bin/kalint.cjs, the package's command, falls back to them when the bundle
// is not built.
import '../dist/bin.js';
