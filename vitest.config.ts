import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  resolve: {
    // Tests run against the TypeScript sources, not the built packages.
    alias: {
      '@kalint/grammar': here('./grammar/src/index.ts'),
      '@kalint/parser': here('./packages/parser/src/index.ts'),
      '@kalint/model': here('./packages/model/src/index.ts'),
      '@kalint/linter': here('./packages/linter/src/index.ts'),
      '@kalint/formatter': here('./packages/formatter/src/index.ts'),
      '@kalint/node': here('./packages/node/src/index.ts'),
      '@kalint/cli': here('./packages/cli/src/index.ts'),
      '@kalint/language-server': here('./packages/language-server/src/index.ts'),
    },
  },
  test: {
    include: ['grammar/test/**/*.test.ts', 'packages/*/test/**/*.test.ts', 'test/**/*.test.ts', 'vscode-extension/test/**/*.test.ts'],
    // Only catches a hang: no verdict depends on the machine's speed, and a busy 2-core machine is
    // several times slower than an idle one.
    testTimeout: 300_000,
  },
});
