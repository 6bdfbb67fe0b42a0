/** kalint's version, read from the package manifest so it never drifts from what npm publishes. */
import { readFileSync } from 'node:fs';

/** Set by the bundler (scripts/bundle.mjs) from packages/cli/package.json; absent in the tsc build. */
declare const KALINT_VERSION: string | undefined;

let cached: string | undefined;

/** The version of `@kalint/cli` (package.json), read once on first use. */
export function version(): string {
  // The single-file bundle carries the version: it has no package.json of @kalint/cli beside it.
  if (typeof KALINT_VERSION === 'string') return KALINT_VERSION;
  // src/ and dist/ both sit next to package.json, so the same relative URL works for tests and builds.
  cached ??= (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  return cached;
}
