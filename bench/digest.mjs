#!/usr/bin/env node
// Digests of kalint's findings, to show that a change (a speed-up, say) leaves every finding byte for
// byte as it was: run it before and after, and compare the two outputs.
//
//   node bench/digest.mjs [--bin PATH] [--quick] > before.tsv
//   ... change, npm run build ...
//   node bench/digest.mjs > after.tsv && diff before.tsv after.tsv
//
// Each line is `case<TAB>sha256 of the JSON output<TAB>bytes<TAB>exit status`, for:
//   - every config of the shared corpus linted alone, each HA peer group (HA-PAIRS.tsv) together,
//     and the whole corpus as one project (skipped, and said so, when the corpus is absent);
//   - the article pair (fixtures/article-pair);
//   - the generated benchmark configs of 10k and 200k lines (bench/generate.mjs);
//   - the benchmark fleet (bench/fleet-config.mjs, 5,000 pairs; --quick: 500) with one thread and
//     with two worker threads.
// The command runs as users run it (the root package's bin/kalint.cjs unless --bin), with
// `--format json --no-project`, from a fixed working directory.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeFleet } from './fleet-config.mjs';
import { generateConfig } from './generate.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const option = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : fallback;
};
const bin = path.resolve(option('--bin', path.join(root, 'bin', 'kalint.cjs')));
const quick = process.argv.includes('--quick');
const corpus = path.resolve(root, '..', 'shared', 'corpus');
let temp;

function digest(name, args, cwd = root) {
  const run = spawnSync(process.execPath, [bin, '--format', 'json', '--no-project', ...args], { cwd, encoding: 'utf8', maxBuffer: 1 << 30 });
  if (run.status !== 0 && run.status !== 1) {
    process.stderr.write(`digest: ${name}: kalint exited ${run.status}: ${run.stderr.slice(0, 400)}\n`);
  }
  // The generated cases live in a fresh temporary directory each run, and JSON names files by
  // absolute path: that directory is replaced by a fixed word before hashing.
  const text = temp === undefined ? run.stdout : run.stdout.split(JSON.stringify(temp).slice(1, -1)).join('<temp>');
  const sha = createHash('sha256').update(text).digest('hex');
  process.stdout.write(`${name}\t${sha}\t${Buffer.byteLength(text)}\t${run.status}\n`);
}

if (existsSync(path.join(corpus, 'HA-PAIRS.tsv'))) {
  const files = ['keepalived-samples', 'wild'].flatMap((dir) =>
    readdirSync(path.join(corpus, dir))
      .filter((name) => name.endsWith('.conf'))
      .sort()
      .map((name) => `${dir}/${name}`),
  );
  for (const file of files) digest(`corpus ${file}`, [file], corpus);
  const groups = readFileSync(path.join(corpus, 'HA-PAIRS.tsv'), 'utf8').trim().split('\n').slice(1);
  for (const line of groups) {
    const [group, , , members] = line.split('\t');
    digest(`corpus group ${group}`, members.split(' '), corpus);
  }
  digest('corpus, all as one project', files, corpus);
} else {
  process.stderr.write(`digest: the shared corpus is absent (${corpus}): its cases are skipped\n`);
}

digest('article pair', ['fixtures/article-pair/ha1.conf', 'fixtures/article-pair/ha2.conf']);

temp = mkdtempSync(path.join(os.tmpdir(), 'kalint-digest-'));
try {
  for (const lines of [10_000, 200_000]) {
    const file = path.join(temp, `keepalived-${lines}.conf`);
    writeFileSync(file, generateConfig({ lines }));
    digest(`bench ${lines} lines`, [path.basename(file)], temp);
  }
  const pairs = quick ? 500 : 5000;
  writeFleet(path.join(temp, 'fleet'), pairs);
  digest(`fleet ${pairs} pairs, --jobs 1`, ['fleet', '--jobs', '1'], temp);
  digest(`fleet ${pairs} pairs, --jobs 2`, ['fleet', '--jobs', '2'], temp);
} finally {
  rmSync(temp, { recursive: true, force: true });
}
