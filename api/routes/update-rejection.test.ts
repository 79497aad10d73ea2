import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { describe, expect, it } from 'vitest';
import { isClosedWorkflow } from './update-rejection.js';

describe('closed-workflow detection', () => {
  it('goes by the error type, not its text', () => {
    expect(
      isClosedWorkflow(
        new WorkflowNotFoundError('workflow execution already completed', 'escrow-1', undefined),
      ),
    ).toBe(true);
    const completedFirst = new WorkflowUpdateFailedError(
      'Workflow Update failed',
      ApplicationFailure.create({ type: 'AcceptedUpdateCompletedWorkflow', nonRetryable: true }),
    );
    expect(isClosedWorkflow(completedFirst)).toBe(true);
    // Text alone proves nothing: an outage whose message says "not found" is not a closed workflow.
    expect(isClosedWorkflow(new Error('upstream: route not found'))).toBe(false);
    const refused = new WorkflowUpdateFailedError(
      'Workflow Update failed',
      ApplicationFailure.create({ type: 'invalid_state', nonRetryable: true }),
    );
    expect(isClosedWorkflow(refused)).toBe(false);
  });
});
