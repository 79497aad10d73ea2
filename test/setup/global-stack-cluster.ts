/**
 * The stack of the `cluster` test project (vitest.cluster.config.ts): the same as the main suite's
 * (test/setup/global-stack.ts), with Temporal in cluster mode (the official server on PostgreSQL),
 * worker processes per task queue (two where the kill test needs a survivor) and two API replicas
 * behind the round-robin port: the scaled-out shape users deploy (docker-compose.yml, deploy/kubernetes/).
 *
 * Its processes run the compiled build, as the image does (ESCROWFLOW_COMPILED=1, scripts/stack/compiled.ts):
 * `npm run build` first; a missing or stale dist/ fails here, before any server starts.
 */
import type { TestProject } from 'vitest/node';
import { assertCurrentBuild } from '../../scripts/stack/compiled.js';
import setup from './global-stack.js';

export default (project: TestProject) => {
  process.env.ESCROWFLOW_COMPILED = '1';
  assertCurrentBuild();
  return setup(project, 'cluster', {
    workers: { orders: 2, payments: 2, ledger: 2, notifications: 1, carriers: 1 },
    apiReplicas: 2,
  });
};
