import { describe, expect, it } from 'vitest';
import { cachedWorkflowsFor, MIB_PER_CACHED_WORKFLOW, WORKFLOW_TASK_SLOTS } from './workflow-cache.js';

describe('cachedWorkflowsFor', () => {
  it('fits the cache in its memory budget', () => {
    expect(cachedWorkflowsFor(180)).toBe(Math.floor(180 / MIB_PER_CACHED_WORKFLOW));
    expect(cachedWorkflowsFor(180) * MIB_PER_CACHED_WORKFLOW).toBeLessThanOrEqual(180);
  });

  it('keeps to a count cap when one is set', () => {
    expect(cachedWorkflowsFor(1000, 150)).toBe(150);
    expect(cachedWorkflowsFor(45, 150)).toBe(Math.floor(45 / MIB_PER_CACHED_WORKFLOW));
  });

  it('never goes below the workflow-task slots; 0 turns the cache off', () => {
    expect(cachedWorkflowsFor(1)).toBe(WORKFLOW_TASK_SLOTS);
    expect(cachedWorkflowsFor(0)).toBe(0);
    expect(cachedWorkflowsFor(180, 0)).toBe(0);
  });
});
