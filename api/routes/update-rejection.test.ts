import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { describe, expect, it } from 'vitest';
import { FAILURE_TYPES, UPDATE_REJECTIONS } from '../../domain/failures.js';
import { isClosedWorkflow, rejectionOf } from './update-rejection.js';

const updateFailed = (type: string, message = 'refused') =>
  new WorkflowUpdateFailedError(
    'Workflow Update failed',
    ApplicationFailure.create({ type, message, nonRetryable: true }),
  );

describe('update rejections', () => {
  it('become the problem code their failure type names, with its status', () => {
    const answers = Object.values(UPDATE_REJECTIONS).map((type) => {
      const err = rejectionOf(updateFailed(type, `no: ${type}`));
      return { type, code: err?.code, status: err?.status, message: err?.message };
    });
    expect(answers).toEqual([
      { type: 'forbidden', code: 'forbidden', status: 403, message: 'no: forbidden' },
      { type: 'invalid_state', code: 'invalid_state', status: 409, message: 'no: invalid_state' },
      { type: 'validation_failed', code: 'validation_failed', status: 400, message: 'no: validation_failed' },
      {
        type: 'amount_out_of_range',
        code: 'amount_out_of_range',
        status: 422,
        message: 'no: amount_out_of_range',
      },
      { type: 'out_of_stock', code: 'out_of_stock', status: 409, message: 'no: out_of_stock' },
      { type: 'payment_declined', code: 'payment_declined', status: 402, message: 'no: payment_declined' },
      {
        type: 'upstream_unavailable',
        code: 'upstream_unavailable',
        status: 503,
        message: 'no: upstream_unavailable',
      },
    ]);
  });

  it('leaves other failures of an update to the caller', () => {
    expect(rejectionOf(updateFailed(FAILURE_TYPES.ledgerUnbalanced))).toBeUndefined();
    expect(rejectionOf(new Error('invalid_state'))).toBeUndefined();
  });
});

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
      ApplicationFailure.create({ type: UPDATE_REJECTIONS.invalidState, nonRetryable: true }),
    );
    expect(isClosedWorkflow(refused)).toBe(false);
  });
});
