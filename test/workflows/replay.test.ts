/**
 * Every committed history (test/histories/, recorded from real runs with RECORD_HISTORIES) must
 * replay against today's workflow code: a change that would break running workflows fails here and
 * must go behind `patched()`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from '@temporalio/worker';
import { describe, expect, it } from 'vitest';
import { buildWorkflowBundle } from '../../workers/create-workers.js';
import { HISTORIES_DIR } from '../support/histories.js';

const files = readdirSync(HISTORIES_DIR)
  .filter((f) => f.endsWith('.json'))
  .sort();

describe('replay of recorded histories', () => {
  it('has histories of every workflow type, from more than one code version', () => {
    const types = new Set(files.map((f) => f.replace(/^[^-]+-/, '').split('-')[0]));
    expect([...types].sort()).toEqual(expect.arrayContaining(['escrow', 'payout', 'purchase']));
    expect(new Set(files.map((f) => f.split('-')[0])).size).toBeGreaterThanOrEqual(2);
  });

  it('replays each of them without nondeterminism', async () => {
    const workflowBundle = await buildWorkflowBundle();
    const histories = files.map((file) => JSON.parse(readFileSync(join(HISTORIES_DIR, file), 'utf8')));
    const results: Array<{ workflowId: string; error?: string }> = [];
    for await (const result of Worker.runReplayHistories({ workflowBundle }, histories)) {
      results.push({ workflowId: result.workflowId, error: result.error?.message });
    }
    expect(results).toHaveLength(files.length);
    expect(results.filter((r) => r.error)).toEqual([]);
  });
});
