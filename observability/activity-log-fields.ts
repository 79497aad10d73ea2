/**
 * An activity interceptor that names the workflow, run, activity type and (when the input has one)
 * the order on every line the activity logs through the process's pino logger.
 */
import type { ActivityInterceptorsFactory } from '@temporalio/worker';
import { withLogFields } from './log-context.js';

export const activityLogFields: ActivityInterceptorsFactory = (ctx) => ({
  inbound: {
    execute: (input, next) => {
      const { workflowExecution, activityType } = ctx.info;
      const orderId = orderIdOf(input.args[0]);
      return withLogFields(
        {
          ...(workflowExecution && {
            workflowId: workflowExecution.workflowId,
            runId: workflowExecution.runId,
          }),
          activityType,
          ...(orderId && { orderId }),
        },
        () => next(input),
      );
    },
  },
});

function orderIdOf(arg: unknown): string | undefined {
  if (typeof arg !== 'object' || arg === null || !('orderId' in arg)) return undefined;
  return typeof arg.orderId === 'string' ? arg.orderId : undefined;
}
