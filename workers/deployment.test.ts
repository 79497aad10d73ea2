import { describe, expect, it } from 'vitest';
import { parseEnv } from '../config/env.js';
import { deploymentVersion, workerDeploymentOptions } from './deployment.js';

const parsed = (source: NodeJS.ProcessEnv) => {
  const result = parseEnv(source);
  return result.ok ? { env: result.env, issues: [] } : { env: undefined, issues: result.issues };
};

describe('worker deployment settings (Worker Versioning)', () => {
  it('unset or blank: the worker is unversioned, as before', () => {
    for (const source of [{}, { WORKER_DEPLOYMENT_NAME: ' ', WORKER_BUILD_ID: '' }]) {
      const { env, issues } = parsed(source);
      expect(issues).toEqual([]);
      expect(deploymentVersion(env!)).toBeUndefined();
      expect(workerDeploymentOptions(deploymentVersion(env!))).toBeUndefined();
    }
  });

  it('both set: every worker of the process joins that version, AUTO_UPGRADE by default', () => {
    const { env } = parsed({ WORKER_DEPLOYMENT_NAME: 'escrowflow', WORKER_BUILD_ID: ' 2026-05-01-ab12cd3 ' });
    const version = deploymentVersion(env!);
    expect(version).toEqual({ deploymentName: 'escrowflow', buildId: '2026-05-01-ab12cd3' });
    expect(workerDeploymentOptions(version)).toEqual({
      useWorkerVersioning: true,
      version,
      defaultVersioningBehavior: 'AUTO_UPGRADE',
    });
  });

  it('refuses one without the other, and a deployment name Temporal would split', () => {
    expect(parsed({ WORKER_BUILD_ID: 'b1' }).issues).toEqual([
      'WORKER_DEPLOYMENT_NAME: set WORKER_DEPLOYMENT_NAME and WORKER_BUILD_ID together (Worker Versioning), or neither',
    ]);
    expect(parsed({ WORKER_DEPLOYMENT_NAME: 'escrowflow' }).issues).toEqual([
      'WORKER_BUILD_ID: set WORKER_DEPLOYMENT_NAME and WORKER_BUILD_ID together (Worker Versioning), or neither',
    ]);
    expect(parsed({ WORKER_DEPLOYMENT_NAME: 'escrow.flow', WORKER_BUILD_ID: 'b1' }).issues).toEqual([
      'WORKER_DEPLOYMENT_NAME: no "." or ":" (Temporal joins name and build id with them)',
    ]);
  });
});
