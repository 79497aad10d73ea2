/**
 * Brings the real stack up once per test run (private PostgreSQL/Redis, Temporal dev server, sandbox
 * provider, worker, API) and hands its addresses to tests through `inject`.
 */
import type { TestProject } from 'vitest/node';
import { startStack } from '../../scripts/stack/index.js';

declare module 'vitest' {
  export interface ProvidedContext {
    stack: {
      env: Record<string, string>;
      apiUrl: string;
      sandboxUrl: string;
      temporalUiUrl: string;
      logDir: string;
    };
  }
}

export default async function setup(project: TestProject) {
  const started = Date.now();
  // A short dispute window lets the end-to-end lifecycle reach release; the days-long defaults are
  // proven by the time-skipping tests.
  const stack = await startStack({
    mode: 'test',
    env: {
      ...process.env,
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
      DISPUTE_WINDOW_MS: '1500',
      // Every test client is 127.0.0.1; the limiter itself is tested on an app of its own.
      RATE_LIMIT_IP_PER_MINUTE: '1000000',
    },
  });
  console.log(`[stack] up in ${Date.now() - started} ms; logs in ${stack.logDir}`);
  project.provide('stack', {
    env: stack.env,
    apiUrl: stack.urls.api,
    sandboxUrl: stack.urls.sandbox,
    temporalUiUrl: stack.urls.temporalUi ?? '',
    logDir: stack.logDir,
  });
  return () => stack.stop();
}
