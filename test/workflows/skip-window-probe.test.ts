/**
 * The skip-window probe (test/kit/skip-window-probe.ts, `npm run test:skip-windows`): the time-skipping
 * client's result, with the re-lock held back. Checked on the SDK's own client class, so an SDK whose
 * client no longer unlocks and re-locks around a result fails here instead of leaving the probe a no-op.
 */
import { WorkflowClient } from '@temporalio/client';
import { TimeSkippingWorkflowClient } from '@temporalio/testing';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { widenSkipWindows } from '../kit/skip-window-probe.js';

const sdkResult = TimeSkippingWorkflowClient.prototype.result;
afterEach(() => {
  TimeSkippingWorkflowClient.prototype.result = sdkResult;
  vi.restoreAllMocks();
  vi.useRealTimers();
});

/** A client whose test service and base result only record what they are asked, in order. */
function recordingClient(calls: string[]) {
  vi.spyOn(WorkflowClient.prototype, 'result').mockImplementation(async () => {
    calls.push('result');
    return 'done';
  });
  const testService = {
    unlockTimeSkipping: async () => void calls.push('unlock'),
    lockTimeSkipping: async () => void calls.push('lock'),
  };
  return Object.assign(Object.create(TimeSkippingWorkflowClient.prototype), { testService });
}

describe('the skip-window probe', () => {
  it('the SDK’s client unlocks time skipping for a result and locks it again at once', async () => {
    const calls: string[] = [];
    expect(await recordingClient(calls).result('wf-1')).toBe('done');
    expect(calls).toEqual(['unlock', 'result', 'lock']);
  });

  it('widened: the lock again comes only after the window, the result unchanged', async () => {
    vi.useFakeTimers();
    widenSkipWindows(500);
    const calls: string[] = [];
    const answered = recordingClient(calls).result('wf-1');
    await vi.advanceTimersByTimeAsync(499);
    expect(calls).toEqual(['unlock', 'result']);
    await vi.advanceTimersByTimeAsync(1);
    expect(await answered).toBe('done');
    expect(calls).toEqual(['unlock', 'result', 'lock']);
  });
});
