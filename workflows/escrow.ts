/**
 * escrow (`escrow-<orderId>`): holds the buyer's money until delivery is confirmed (or a timer
 * confirms it), then releases it to the seller minus the platform fee. Parties act through validated
 * updates; the carrier's delivery report (webhook signal or poll) confirms delivery like the buyer;
 * timers guarantee progress when a party goes silent. The parts live in workflows/escrow/.
 *
 * Orders paid since one workflow runs each order hold their escrow in `order-<orderId>` (purchase.ts
 * runs the same phases); this workflow runs the escrows started as a child before that.
 */
import { workflowInfo } from '@temporalio/workflow';
import type { EscrowInput, EscrowState } from '../domain/escrow.js';
import { EscrowContext } from './escrow/context.js';
import { handleEscrowSignals, handleEscrowUpdates } from './escrow/handlers.js';
import { runEscrow } from './escrow/run.js';

export { escrowWorkflowId } from '../domain/ids.js';
export {
  cancelUpdate,
  carrierDeliveredSignal,
  chargebackSignal,
  confirmDeliveryUpdate,
  escrowStatusQuery,
  openDisputeUpdate,
  shipUpdate,
} from './escrow/messages.js';

export async function escrowWorkflow(input: EscrowInput): Promise<EscrowState> {
  const ctx = new EscrowContext(input, workflowInfo().workflowId);
  handleEscrowUpdates(ctx.req);
  handleEscrowSignals(ctx.req, { statusQuery: true });
  return runEscrow(ctx);
}
