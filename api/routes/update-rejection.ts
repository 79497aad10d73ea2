/** A workflow update's validator said no: its typed reason becomes the API's 403 or 409. */
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { DomainError } from '../../domain/errors.js';
import { UPDATE_REJECTIONS } from '../../domain/escrow.js';

export function rejectionOf(err: unknown): DomainError | undefined {
  if (!(err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure))
    return undefined;
  if (err.cause.type === UPDATE_REJECTIONS.forbidden) return new DomainError('forbidden', err.cause.message);
  if (err.cause.type === UPDATE_REJECTIONS.invalidState)
    return new DomainError('invalid_state', err.cause.message);
  return undefined;
}
