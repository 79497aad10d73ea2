/**
 * The Java time-skipping test server (scripts/temporal-test-server) ready for the platform's
 * workflows, and the workflow bundle. Shared by the kit and the real-stack helper
 * (test/support/time-skipping.ts).
 */
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { makeTelemetryFilterString, Runtime, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { SEARCH_ATTRIBUTES } from '../../domain/task-queues.js';
import { testServerPath } from '../../scripts/stack/paths.js';
import { buildWorkflowBundle } from '../../workers/create-workers.js';

let runtimeInstalled = false;
let bundle: Promise<WorkflowBundleWithSourceMap> | undefined;

/**
 * The SDK waits a fixed 5 s for the test server to listen; its JVM takes ~0.7 s, but on two busy
 * cores it has missed that once. A second try is cheaper than a red run.
 */
export async function createTestServer(attempts = 2): Promise<TestWorkflowEnvironment> {
  try {
    return await TestWorkflowEnvironment.createTimeSkipping({
      server: { executable: { type: 'existing-path', path: testServerPath() } },
    });
  } catch (err) {
    if (attempts <= 1 || !/did not start within/.test(String(err))) throw err;
    return createTestServer(attempts - 1);
  }
}

/**
 * The test server with the Temporal runtime installed once per process (quiet but for errors) and the
 * search attributes registered, which the test server, like a real cluster, needs before a workflow
 * upserts them (3 = INT, 2 = KEYWORD).
 */
export async function startTestServer(): Promise<TestWorkflowEnvironment> {
  if (!runtimeInstalled) {
    // KIT_LOG=DEBUG (or INFO, WARN…) shows the SDK's and its core's log, e.g. to see a refused task.
    const level = process.env.KIT_LOG as 'ERROR' | undefined;
    const show = (message: string, meta?: unknown) => console.log(message, meta ? JSON.stringify(meta) : '');
    Runtime.install({
      logger: level
        ? {
            log: (level: string, message: string, meta?: unknown) => show(`${level} ${message}`, meta),
            trace() {},
            debug: show,
            info: show,
            warn: show,
            error: console.error,
          }
        : { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error: console.error },
      // The core's own warnings (e.g. the test server's missing capabilities) go to that logger too.
      telemetryOptions: {
        logging: { filter: makeTelemetryFilterString({ core: level ?? 'ERROR' }), forward: {} },
      },
    });
    runtimeInstalled = true;
  }
  const env = await createTestServer();
  await env.connection.operatorService.addSearchAttributes({
    namespace: env.namespace ?? 'default',
    searchAttributes: Object.fromEntries(
      Object.entries(SEARCH_ATTRIBUTES).map(([name, type]) => [name, type === 'Int' ? 3 : 2]),
    ),
  });
  return env;
}

/**
 * The workflow bundle, built once per process (bundling takes seconds), or `prebuilt` when the
 * caller has one: the workflow project's global setup builds it once per run (test/kit/global-setup.ts).
 */
export function workflowBundleOnce(
  prebuilt?: WorkflowBundleWithSourceMap,
): Promise<WorkflowBundleWithSourceMap> {
  bundle ??= prebuilt ? Promise.resolve(prebuilt) : buildWorkflowBundle();
  return bundle;
}
