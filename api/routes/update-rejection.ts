/**
 * A workflow update's validator said no (its failure type is the API's problem code: 403, 409 or
 * 400), or its workflow has closed.
 */
import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { DomainError } from '../../domain/errors.js';
import { UPDATE_REJECTIONS } from '../../domain/failures.js';

const REJECTION_CODES: ReadonlySet<string> = new Set(Object.values(UPDATE_REJECTIONS));
const isRejection = (
  type: string | undefined | null,
): type is (typeof UPDATE_REJECTIONS)[keyof typeof UPDATE_REJECTIONS] => !!type && REJECTION_CODES.has(type);

export function rejectionOf(err: unknown): DomainError | undefined {
  if (!(err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure))
    return undefined;
  const { type, message } = err.cause;
  return isRejection(type) ? new DomainError(type, message) : undefined;
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
