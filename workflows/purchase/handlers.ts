/** The purchase's handlers: status, the wait for the payment, a party's cancel, the fraud review. */
import { condition, setHandler } from '@temporalio/workflow';
import { reject, UPDATE_REJECTIONS } from '../../domain/failures.js';
import type { CancelPurchaseAnswer, PurchaseStatus } from '../../domain/purchase.js';
import type { PurchaseContext } from './context.js';
import {
  awaitPaymentUpdate,
  cancelPurchaseUpdate,
  fraudReviewUpdate,
  paymentConfirmationSignal,
  purchaseStatusQuery,
} from './messages.js';

/** `status`: what the status query answers (the escrow's state merged in once the order is in escrow). */
export function handlePurchaseMessages(p: PurchaseContext, status: () => PurchaseStatus): void {
  const { input, state } = p;
  setHandler(purchaseStatusQuery, status);
  setHandler(
    cancelPurchaseUpdate,
    async (): Promise<CancelPurchaseAnswer> => {
      if (!p.paymentKnown && p.capture === 'not_sent') {
        p.paymentSteps.cancel();
        return { outcome: 'cancelling' };
      }
      // The capture may have taken the money: the purchase finishes, then escrow refunds and restocks.
      await condition(() => p.escrowStarted || state.status === 'failed');
      return { outcome: state.status === 'failed' ? 'failed' : 'paid' };
    },
    {
      validator: ({ userId }) => {
        if (userId !== input.buyerId && userId !== input.sellerId)
          throw reject(UPDATE_REJECTIONS.forbidden, 'only the buyer or the seller may cancel');
      },
    },
  );
  setHandler(awaitPaymentUpdate, async () => {
    await condition(() => p.paymentKnown);
    return status();
  });
  setHandler(paymentConfirmationSignal, (signalled) => {
    p.confirmation ??= signalled;
  });
  setHandler(
    fraudReviewUpdate,
    (decision) => {
      p.reviewDecision = decision;
      return state;
    },
    {
      validator: (decision) => {
        if (state.fraud?.decision !== 'review' || state.fraud.review || p.reviewDecision) {
          throw reject(UPDATE_REJECTIONS.invalidState, 'this purchase is not waiting for a fraud review');
        }
        if (decision.decision !== 'allow' && decision.decision !== 'deny') {
          throw reject(UPDATE_REJECTIONS.invalid, 'decision must be allow or deny');
        }
      },
    },
  );
}
