import { defineConfig } from 'vitest/config';

/**
 * Three projects: `unit` (pure code and in-process HTTP), `workflow` (time-skipping test server and
 * real PostgreSQL) and `e2e` (HTTP against the API + worker + Temporal dev server). The global setup
 * brings up the real stack once per run. Temporal files run one at a time: one time-skipping
 * environment must not run workflows concurrently.
 */
export default defineConfig({
  test: {
    globalSetup: ['./test/setup/global-stack.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: [
            '{domain,api,db,activities,payments,sandbox,workflows,workers,scripts,config}/**/*.test.ts',
            'test/deploy/**/*.test.ts',
          ],
        },
      },
      {
        extends: true,
        test: { name: 'workflow', include: ['test/workflows/**/*.test.ts'], fileParallelism: false },
      },
      {
        extends: true,
        test: { name: 'e2e', include: ['test/{e2e,integration}/**/*.test.ts'], fileParallelism: false },
      },
    ],
  },
});
