/**
 * Recording workflow histories for the replay test (test/workflows/replay.test.ts). Off unless
 * `RECORD_HISTORIES=<label>` is set, e.g. `RECORD_HISTORIES=v2 npx vitest run test/e2e/lifecycle.test.ts`
 * after a workflow change: the files land in test/histories/ and are committed, so every later
 * change must replay them. Payloads are saved decrypted: the stack's codec key lives only as long as
 * the test run, and the replay must not depend on it.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils.js';
import { decodePayloadsInPlace } from '../../codec/history.js';
import { repoRoot } from '../../scripts/stack/paths.js';
import { stackCodec } from './codec.js';
import { stack } from './stack.js';

export const HISTORIES_DIR = join(repoRoot, 'test', 'histories');

/** Saves the histories of `workflows` (name → workflow id) as `<label>-<name>.json` when recording. */
export async function recordHistories(workflows: Record<string, string>): Promise<void> {
  const label = process.env.RECORD_HISTORIES;
  if (!label) return;
  const connection = await Connection.connect({ address: stack().env.TEMPORAL_ADDRESS! });
  try {
    const client = new Client({ connection, namespace: stack().env.TEMPORAL_NAMESPACE ?? 'default' });
    mkdirSync(HISTORIES_DIR, { recursive: true });
    for (const [name, workflowId] of Object.entries(workflows)) {
      const history = await client.workflow.getHandle(workflowId).fetchHistory();
      await decodePayloadsInPlace(history, stackCodec());
      const json = JSON.stringify({ workflowId, history: JSON.parse(historyToJSON(history)) }, null, 1);
      writeFileSync(join(HISTORIES_DIR, `${label}-${name}.json`), `${json}\n`);
    }
  } finally {
    await connection.close();
  }
}
