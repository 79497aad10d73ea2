/** The fraud screen: allow, deny, or hold the purchase for an operator's review (with a deadline). */
import { condition, setCurrentDetails, upsertSearchAttributes } from '@temporalio/workflow';
import { FAILURE_TYPES, reject } from '../../domain/failures.js';
import type { FraudScreenInput, FraudVerdict } from '../../domain/fraud.js';
import { SA } from '../../domain/search-attributes.js';
import type { PurchaseContext } from './context.js';

/** The fraud screen said no (or nobody reviewed in time): compensated like any other failure. */
const fraudDenied = (message: string) => reject(FAILURE_TYPES.fraudDenied, message);

/** What the screen is asked about this purchase. */
export function screenInput({ orderId, input }: PurchaseContext): FraudScreenInput {
  return {
    orderId,
    buyerId: input.buyerId,
    sellerId: input.sellerId,
    amount: input.amount,
    currency: input.currency,
    paymentMethod: input.paymentMethod,
    ...(input.clientIp && { clientIp: input.clientIp }),
  };
}

/** The screen as its own local activity: histories recorded before `purchase-admit-in-one-step`. */
export async function screenForFraud(p: PurchaseContext): Promise<void> {
  await actOnVerdict(p, await p.db.screenPurchase(screenInput(p)));
}

/** Goes on (allow), fails the purchase (deny), or holds it for an operator's review. */
export async function actOnVerdict(p: PurchaseContext, verdict: FraudVerdict): Promise<void> {
  const { state } = p;
  state.fraud = verdict;
  if (verdict.decision === 'deny') throw fraudDenied(`fraud screen: ${verdict.reasons.join(', ')}`);
  if (verdict.decision === 'allow') return;

  const timeoutMs = verdict.reviewTimeoutMs ?? 24 * 3600_000;
  await p.db.setOrderStatus({
    orderId: p.orderId,
    from: ['reserved'],
    to: 'reserved',
    eventKey: p.key('fraud:review'),
    deadlines: { fraudReviewBy: new Date(Date.now() + timeoutMs).toISOString() },
  });
  upsertSearchAttributes([{ key: SA.OrderStatus, value: 'fraud_review' }]);
  setCurrentDetails(`**held for fraud review** · ${verdict.reasons.join(', ')}`);
  const decided = await condition(() => p.reviewDecision !== undefined, timeoutMs);
  state.fraud = { ...verdict, review: p.reviewDecision ?? 'timed_out' };
  upsertSearchAttributes([{ key: SA.OrderStatus, value: 'reserved' }]);
  if (!decided) throw fraudDenied('fraud review timed out');
  if (p.reviewDecision?.decision === 'deny') throw fraudDenied(`denied by ${p.reviewDecision.operatorId}`);
}
