/**
 * Worker Versioning in tests (docs/adr/0010-workflow-versioning.md): worker processes of one build
 * (WORKER_DEPLOYMENT_NAME + WORKER_BUILD_ID) beside a stack, the operator's own CLI command to make a
 * build current, and what a workflow's history says about the builds that ran it.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Client } from '@temporalio/client';
import type { WorkerDeploymentVersion } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { ALL_TASK_QUEUES, TASK_QUEUES } from '../../domain/task-queues.js';
import { repoRoot, temporalCliPath } from '../../scripts/stack/paths.js';
import { type Managed, startProcess, waitFor } from '../../scripts/stack/process.js';

const { TaskQueueType } = temporal.api.enums.v1;
const run = promisify(execFile);

/** A worker process serving every task queue as `version`, with the stack's settings (workers/main.ts). */
export function startVersionedWorker(
  stackEnv: Record<string, string>,
  logDir: string,
  version: WorkerDeploymentVersion,
): { process: Managed; logFile: string } {
  const logFile = join(logDir, `worker-${version.buildId}.log`);
  const proc = startProcess(
    `worker-${version.buildId}`,
    process.execPath,
    ['--import', 'tsx', '--import', './workers/isolate-watchdog.mjs', 'workers/main.ts'],
    {
      cwd: repoRoot,
      env: {
        ...process.env,
        ...stackEnv,
        WORKER_DEPLOYMENT_NAME: version.deploymentName,
        WORKER_BUILD_ID: version.buildId,
        WORKER_METRICS_ADDRESS: 'off',
      },
      logFile,
    },
  );
  return { process: proc, logFile };
}

/** Until the server has seen `version` poll every task queue (what set-current-version insists on). */
export async function waitUntilVersionPolls(
  client: Client,
  version: WorkerDeploymentVersion,
  worker: { process: Managed; logFile: string },
): Promise<void> {
  const expected = [
    `${TASK_QUEUES.orders}/${TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW}`,
    ...ALL_TASK_QUEUES.map((q) => `${q}/${TaskQueueType.TASK_QUEUE_TYPE_ACTIVITY}`),
  ];
  await waitFor(
    `worker build ${version.buildId}`,
    async () => {
      const { workerDeploymentVersionInfo: info } =
        await client.workflowService.describeWorkerDeploymentVersion({
          namespace: client.options.namespace,
          deploymentVersion: version,
        });
      const polled = new Set((info?.taskQueueInfos ?? []).map((q) => `${q.name}/${q.type}`));
      return expected.every((q) => polled.has(q));
    },
    // Its workflow bundle builds first, on two shared cores.
    { process: worker.process, logFile: worker.logFile, timeoutMs: 180_000 },
  );
}

/** `temporal worker deployment set-current-version`, exactly as README "Deploying a workflow change" runs it. */
export async function setCurrentVersion(
  target: { address: string; namespace: string },
  version: WorkerDeploymentVersion,
): Promise<string> {
  const { stdout } = await run(
    temporalCliPath(),
    [
      'worker',
      'deployment',
      'set-current-version',
      '--address',
      target.address,
      '--namespace',
      target.namespace,
      '--deployment-name',
      version.deploymentName,
      '--build-id',
      version.buildId,
      '--yes',
    ],
    // Only the flags decide where it goes: no TEMPORAL_* of the caller's shell.
    { env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? repoRoot } },
  );
  return stdout.trim();
}

export interface WorkflowRunners {
  /** The build id that completed each workflow task, in order ('' for an unversioned worker). */
  taskBuilds: string[];
  /** Event id of the first workflow task completed by each build. */
  firstTaskOf: Record<string, number>;
  /** `{ eventId, pid }` of each activity started, pid from the worker's identity (`<pid>@<host>`). */
  activities: Array<{ eventId: number; pid: number }>;
  /** Workflow tasks that failed (a nondeterminism error on a new build would show here). */
  failedTasks: number;
}

export async function workflowRunners(client: Client, workflowId: string): Promise<WorkflowRunners> {
  const history = await client.workflow.getHandle(workflowId).fetchHistory();
  const runners: WorkflowRunners = { taskBuilds: [], firstTaskOf: {}, activities: [], failedTasks: 0 };
  for (const event of history.events ?? []) {
    const eventId = Number(event.eventId);
    const completed = event.workflowTaskCompletedEventAttributes;
    if (completed) {
      const build = completed.deploymentVersion?.buildId ?? '';
      runners.taskBuilds.push(build);
      runners.firstTaskOf[build] ??= eventId;
    }
    const identity = event.activityTaskStartedEventAttributes?.identity;
    if (identity) runners.activities.push({ eventId, pid: Number(identity.split('@')[0]) });
    if (event.workflowTaskFailedEventAttributes) runners.failedTasks++;
  }
  return runners;
}

/** The workflow's versioning as the server reports it (`temporal workflow describe`'s Versioning Info). */
export async function versioningOf(client: Client, workflowId: string) {
  const { raw } = await client.workflow.getHandle(workflowId).describe();
  const info = raw.workflowExecutionInfo?.versioningInfo;
  return {
    behavior: temporal.api.enums.v1.VersioningBehavior[info?.behavior ?? 0],
    buildId: info?.deploymentVersion?.buildId ?? '',
  };
}
