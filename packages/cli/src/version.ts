/** kalint's version, read from the package manifest so it never drifts from what npm publishes. */
import { readFileSync } from 'node:fs';

let cached: string | undefined;

/** The version of `@kalint/cli` (package.json), read once on first use. */
export function version(): string {
  // src/ and dist/ both sit next to package.json, so the same relative URL works for tests and builds.
  cached ??= (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  return cached;
}
