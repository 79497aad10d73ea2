import { ActivityFailure, ApplicationFailure } from '@temporalio/workflow';

/** The ApplicationFailure type behind an activity's failure: workflows branch on it, never on messages. */
export function failureTypeOf(err: unknown): string | undefined {
  const cause = err instanceof ActivityFailure ? err.cause : err;
  return cause instanceof ApplicationFailure ? (cause.type ?? undefined) : undefined;
}
