#!/usr/bin/env node
// Committed entry point: npm links this file at install time, before the TypeScript build has run.
import '../dist/bin.js';
