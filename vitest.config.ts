import { defineConfig } from 'vitest/config';

/**
 * Three projects: `unit` (pure code and in-process HTTP), `workflow` (time-skipping test server and
 * real PostgreSQL) and `e2e` (HTTP against the API + worker + Temporal dev server). The global setup
 * (root only: projects that `extends: true` would each start their own stack) brings up the real
 * stack once per run. Temporal files run one at a time: one time-skipping environment must not run
 * workflows concurrently.
 */
const shared = { testTimeout: 60_000, hookTimeout: 120_000 };

export default defineConfig({
  test: {
    globalSetup: ['./test/setup/global-stack.ts'],
    ...shared,
    projects: [
      {
        test: {
          ...shared,
          name: 'unit',
          // One module graph per worker, not per file: the route tests each import createApp (the whole
          // API, ~1 s to load), which per file made the project 3x slower. No unit test mocks modules.
          isolate: false,
          include: [
            '{domain,api,db,activities,payments,email,sandbox,workflows,workers,scripts,config,observability,codec,client,chaos}/**/*.test.ts',
            'test/deploy/**/*.test.ts',
          ],
        },
      },
      {
        test: {
          ...shared,
          name: 'workflow',
          include: ['test/workflows/**/*.test.ts'],
          fileParallelism: false,
        },
      },
      {
        test: {
          ...shared,
          name: 'e2e',
          include: ['test/{e2e,integration,browser}/**/*.test.ts'],
          fileParallelism: false,
        },
      },
    ],
  },
});
