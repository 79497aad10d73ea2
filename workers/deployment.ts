/**
 * Worker Versioning (docs/adr/0010-workflow-versioning.md): which Worker Deployment Version a worker
 * process runs, from WORKER_DEPLOYMENT_NAME and WORKER_BUILD_ID. Unset, the worker is unversioned.
 */
import type { WorkerDeploymentVersion } from '@temporalio/common';
import type { WorkerDeploymentOptions } from '@temporalio/worker';
import type { Env } from '../config/env.js';

export function deploymentVersion(
  env: Pick<Env, 'WORKER_DEPLOYMENT_NAME' | 'WORKER_BUILD_ID'>,
): WorkerDeploymentVersion | undefined {
  // The schema accepts both or neither.
  return env.WORKER_DEPLOYMENT_NAME && env.WORKER_BUILD_ID
    ? { deploymentName: env.WORKER_DEPLOYMENT_NAME, buildId: env.WORKER_BUILD_ID }
    : undefined;
}

/**
 * Every queue's worker of a process joins the same version (activities run on their workflow's build).
 * AUTO_UPGRADE for every workflow type: an order lives for weeks and moves to the Current Version at its
 * next workflow task, so each build replays every recorded history and changes running orders only
 * behind `patched()` (the ADR).
 */
export function workerDeploymentOptions(
  version: WorkerDeploymentVersion | undefined,
): WorkerDeploymentOptions | undefined {
  return version && { useWorkerVersioning: true, version, defaultVersioningBehavior: 'AUTO_UPGRADE' };
}
