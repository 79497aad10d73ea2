/**
 * Baseline (a): the engine alone, on the same Temporal server as the platform, with no-op steps.
 *
 * - `noopSteps`: as many no-op activities, one after another, as the purchase scheduled until `paid`
 *   when issue 15 was filed (4), kept so the ratio compares across versions.
 * - `purchaseShape`: the order's workflow as it is now until `paid` (workflows/purchase.ts,
 *   workflows/purchase/), each step a no-op of the same kind: the 6 search attributes at start, its
 *   2 patch markers, 1 local activity (reserve, status `reserved` and fraud screen), the hold with the
 *   move to `authorized` (an activity on the workflow's own queue, so dispatched eagerly), the capture
 *   (idem), the local `settlePaid`, and a search-attribute upsert and current-details change after
 *   each status change.
 *   It then returns where the order's workflow starts its escrow timer and waits: a completion instead
 *   of a timer, both one command.
 */
import {
  CancellationScope,
  patched,
  proxyActivities,
  proxyLocalActivities,
  setCurrentDetails,
  upsertSearchAttributes,
} from '@temporalio/workflow';
import { orderSearchAttributes, SA } from '../domain/search-attributes.js';
import { PURCHASE_PATCHES } from '../workflows/purchase/patches.js';

interface NoopActivities {
  noop(step: unknown): Promise<void>;
}

const { noop } = proxyActivities<NoopActivities>({ startToCloseTimeout: '10 seconds' });

// The purchase's option presets (workflows/options.ts): database steps as local activities, provider
// calls as activities on the workflow's own task queue.
const local = proxyLocalActivities<NoopActivities>({
  startToCloseTimeout: '10 seconds',
  retry: { initialInterval: '100 milliseconds', backoffCoefficient: 2, maximumInterval: '5 seconds' },
});
const provider = proxyActivities<NoopActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '500 milliseconds', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

export async function noopSteps(steps: number): Promise<number> {
  for (let step = 0; step < steps; step++) await noop(step);
  return steps;
}

/** What `purchaseShape` takes: an order's fields, so its payloads weigh what the purchase's do. */
export interface ShapeInput {
  orderId: string;
  listingId: string;
  buyerId: string;
  sellerId: string;
  amount: number;
  currency: 'EUR';
}

export async function purchaseShape(input: ShapeInput): Promise<number> {
  const { orderId } = input;
  const key = (step: string) => `order-${orderId}:${step}`;
  const moved = (status: string) => {
    upsertSearchAttributes([{ key: SA.OrderStatus, value: status }]);
    setCurrentDetails(`**${status}**`);
  };
  const status = (to: string, from: string[]) => ({ orderId, from, to, eventKey: key(`status:${to}`) });

  upsertSearchAttributes(orderSearchAttributes(input, 'pending'));
  // The purchase's patch markers (workflows/purchase/patches.ts), then its one first step.
  patched(PURCHASE_PATCHES.admitInOneStep);
  await local.noop({
    reserve: { orderId, listingId: input.listingId, quantity: 1 },
    status: status('reserved', ['pending']),
    screen: { ...input, paymentMethod: 'pm_card_ok' },
  });
  moved('reserved');
  // The hold and the move to `authorized` in one activity, behind the purchase's second patch.
  patched(PURCHASE_PATCHES.authorizedWithTheHold);
  await CancellationScope.nonCancellable(() =>
    provider.noop({
      authorize: { idempotencyKey: key('authorize'), ...input, paymentMethod: 'pm_card_ok' },
      authorized: status('authorized', ['reserved']),
    }),
  );
  moved('authorized');
  await provider.noop({ idempotencyKey: key('capture'), ...input, intentId: `pi_${orderId}` });
  await local.noop({
    ledger: { key: key('capture'), orderId, lines: [input.amount, -input.amount] },
    status: {
      ...status('paid', ['authorized']),
      deadlines: { shipBy: new Date(0).toISOString() },
      notify: ['order.paid', 'order.sold'].map((type) => ({ dedupeKey: key(type), type, orderId })),
    },
  });
  moved('paid');
  return 2; // activities scheduled
}
