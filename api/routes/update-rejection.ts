/** A workflow update's validator said no (its typed reason becomes the API's 403 or 409), or its workflow has closed. */
import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { DomainError } from '../../domain/errors.js';
import { UPDATE_REJECTIONS } from '../../domain/failures.js';

export function rejectionOf(err: unknown): DomainError | undefined {
  if (!(err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure))
    return undefined;
  if (err.cause.type === UPDATE_REJECTIONS.forbidden) return new DomainError('forbidden', err.cause.message);
  if (err.cause.type === UPDATE_REJECTIONS.invalidState)
    return new DomainError('invalid_state', err.cause.message);
  return undefined;
}

/**
 * The workflow has closed (or never ran): its row tells where the order ended. By error type: the
 * client turns the server's NOT_FOUND (also "workflow execution already completed") into
 * WorkflowNotFoundError, and an update the workflow accepted but closed before answering fails as
 * AcceptedUpdateCompletedWorkflow.
 */
export function isClosedWorkflow(err: unknown): boolean {
  return (
    err instanceof WorkflowNotFoundError ||
    (err instanceof WorkflowUpdateFailedError &&
      err.cause instanceof ApplicationFailure &&
      err.cause.type === ACCEPTED_UPDATE_COMPLETED_WORKFLOW)
  );
}

/** The server's failure type for an accepted update whose workflow completed first. */
const ACCEPTED_UPDATE_COMPLETED_WORKFLOW = 'AcceptedUpdateCompletedWorkflow';
