/** payoutSweep: run by the daily Temporal Schedule; starts one payout per seller and currency that is due. */
import { ParentClosePolicy, startChild, workflowInfo } from '@temporalio/workflow';
import { payoutWorkflowId } from '../domain/ids.js';
import { payoutSearchAttributes } from '../domain/search-attributes.js';
import { activitiesOn, databaseStep } from './options.js';
import { payoutWorkflow } from './payout.js';

const db = activitiesOn(databaseStep);

export async function payoutSweepWorkflow({ minimum }: { minimum: number }): Promise<{ started: number }> {
  const sweepId = workflowInfo().workflowId;
  const due = await db.listPayoutsDue({ minimum });
  for (const payout of due) {
    const payoutId = await db.createSweepPayout({ sweepId, ...payout });
    await startChild(payoutWorkflow, {
      workflowId: payoutWorkflowId({ payoutId }),
      args: [{ payoutId, ...payout }],
      parentClosePolicy: ParentClosePolicy.ABANDON,
      typedSearchAttributes: payoutSearchAttributes(payout),
      staticSummary: `Scheduled payout of ${payout.amount} ${payout.currency} minor units to ${payout.sellerId}`,
    });
  }
  return { started: due.length };
}
