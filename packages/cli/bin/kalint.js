#!/usr/bin/env -S node --max-semi-space-size=64
// Committed entry point: npm links this file at install time, before the TypeScript build has run.
// A larger young generation: parsing allocates a tree that lives to the end of the run, and with
// V8's default 16 MB semi-spaces a quarter of a large parse goes to copying it between them.
import '../dist/bin.js';
