import { defineConfig } from 'vitest/config';

/**
 * Three projects, each with only the setup it needs:
 * - `unit`: pure code and in-process HTTP, no setup;
 * - `workflow`: the workflows' branches, timers and sagas on the Java time-skipping test server with
 *   the in-memory kit (test/kit/): no PostgreSQL, Redis or sandbox (`npm run test:workflows`). Its
 *   global setup builds the workflow bundle once; each file starts a test server of its own, so files
 *   run in parallel;
 * - `simulation`: the simulator's bounded run of seeds on the same kit (sim/, `npm run simulate`);
 * - `e2e`: HTTP against the API + worker + Temporal dev server, and the activities' SQL and provider
 *   adapters; its global setup brings up the real stack once per run. Its files run one at a time.
 */
const shared = { testTimeout: 60_000, hookTimeout: 120_000 };

export default defineConfig({
  test: {
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
            '{domain,api,db,activities,payments,email,sandbox,workflows,workers,scripts,config,observability,codec,client,chaos,bench}/**/*.test.ts',
            'test/deploy/**/*.test.ts',
          ],
        },
      },
      {
        test: {
          ...shared,
          name: 'workflow',
          include: ['test/workflows/**/*.test.ts'],
          globalSetup: ['./test/kit/global-setup.ts'],
          // A no-op unless KIT_SKIP_WINDOW_MS is set (`npm run test:skip-windows`).
          setupFiles: ['./test/kit/skip-window-probe.ts'],
          // Mostly waiting on the test servers: three files at once even on two cores (the default
          // is one). A group of its own, as its worker count differs: it runs after `unit`.
          maxWorkers: 3,
          sequence: { groupOrder: 1 },
        },
      },
      {
        test: {
          ...shared,
          name: 'simulation',
          include: ['test/sim/**/*.test.ts'],
          globalSetup: ['./test/kit/global-setup.ts'],
          sequence: { groupOrder: 2 },
        },
      },
      {
        test: {
          ...shared,
          name: 'e2e',
          include: ['test/{e2e,integration,browser}/**/*.test.ts'],
          globalSetup: ['./test/setup/global-stack.ts'],
          fileParallelism: false,
          sequence: { groupOrder: 3 },
        },
      },
    ],
  },
});
