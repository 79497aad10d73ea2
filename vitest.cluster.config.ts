import { defineConfig } from 'vitest/config';

/**
 * The `cluster` project: end-to-end tests against the stack in cluster mode (the official Temporal
 * server on PostgreSQL with 4 history shards, scripts/stack/temporal-cluster.ts) instead of the dev
 * server: the order lifecycle and the hot-item race, unchanged, plus the tests under test/cluster/.
 * Its app processes run the compiled build in dist/ with plain node, as the image does
 * (test/setup/global-stack-cluster.ts), so `npm run build` comes first:
 * `npm run build && npx vitest run --config vitest.cluster.config.ts` (or `npm run test:cluster`).
 */
const shared = { testTimeout: 60_000, hookTimeout: 120_000 };

export default defineConfig({
  test: {
    globalSetup: ['./test/setup/global-stack-cluster.ts'],
    ...shared,
    projects: [
      {
        test: {
          ...shared,
          name: 'cluster',
          include: ['test/cluster/**/*.test.ts', 'test/e2e/lifecycle.test.ts', 'test/e2e/race.test.ts'],
          fileParallelism: false,
        },
      },
    ],
  },
});
