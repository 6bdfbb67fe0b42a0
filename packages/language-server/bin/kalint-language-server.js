#!/usr/bin/env -S node --max-semi-space-size=64
// Committed entry point: npm links this file at install time, before the TypeScript build has run.
// The larger young generation is kalint's usual setting (see packages/cli/bin/kalint.js): a parse
// allocates a tree that lives on, and copying it between small semi-spaces costs a quarter of it.
import '../dist/main.js';
