import type { DbOrTx } from '../db/client.js';
import { commit } from '../db/queries/inventory.js';
import { postEntry } from '../db/queries/ledger.js';
import { moveOrderStatus } from '../db/queries/order-move.js';
import { type OrderRow, transitionOrder } from '../db/queries/orders.js';
import type { LedgerPostInput } from '../domain/ledger.js';
import type { SetOrderStatusInput } from '../domain/order.js';
import { isFinal } from '../domain/order.js';
import type { ActivityDeps } from './deps.js';

/** The capture booked into escrow, the reservation committed and the order `paid`: one transaction. */
export interface SettlePaidInput {
  ledger: LedgerPostInput;
  status: SetOrderStatusInput;
}

/** The guarded row change an order status input asks for. */
function transitionOf(input: SetOrderStatusInput) {
  return {
    orderId: input.orderId,
    from: input.from,
    to: input.to,
    eventKey: input.eventKey,
    set: {
      ...(input.failureReason && { failureReason: input.failureReason }),
      ...(input.paymentIntentId && { paymentIntentId: input.paymentIntentId }),
      ...(input.to === 'paid' && { paidAt: new Date() }),
      ...(input.deadlines && { deadlines: input.deadlines }),
      ...(input.carrier && { carrier: input.carrier, trackingNumber: input.trackingNumber }),
      ...(input.escrowWorkflowId && { escrowWorkflowId: input.escrowWorkflowId }),
    },
    data: { ...(input.failureReason && { failureReason: input.failureReason }) },
  };
}

export function createOrderActivities({ db, log, metrics }: Pick<ActivityDeps, 'db' | 'log' | 'metrics'>) {
  const moveOrder = async (tx: DbOrTx, input: SetOrderStatusInput) => {
    const order = await transitionOrder(tx, {
      ...transitionOf(input),
      ...(input.notify && { notify: input.notify }),
    });
    return order.moved ? order : undefined;
  };
  /** `order`: the moved row, for `paid`'s timing. */
  const logMoved = (input: SetOrderStatusInput, order?: OrderRow) => {
    log.info(
      {
        orderId: input.orderId,
        status: input.to,
        ...(input.failureReason && { reason: input.failureReason }),
      },
      'order status changed',
    );
    metrics?.orderStatusChanged(input.to);
    if (isFinal(input.to)) metrics?.orderFinal(input.to);
    if (input.to === 'paid' && order?.paidAt) {
      metrics?.timeToPaid(order.paidAt.getTime() - order.createdAt.getTime());
    }
  };
  return {
    async setOrderStatus(input: SetOrderStatusInput): Promise<void> {
      // A retry of a step already done moves nothing. Without notifications (or `paid`'s timing),
      // the move is one statement.
      if (!input.notify?.length && input.to !== 'paid') {
        const { moved } = await moveOrderStatus(db, transitionOf(input));
        if (moved) logMoved(input);
        return;
      }
      const moved = await moveOrder(db, input);
      if (moved) logMoved(input, moved);
    },
    /**
     * The end of the payment in one PostgreSQL transaction instead of three steps: the escrow posting,
     * the committed reservation and the `paid` row (with its outbox notifications) hold together or
     * not at all. Each part is idempotent on its own, so a retry after a lost answer changes nothing.
     * The parts need nothing of each other, so they go out together on the transaction's connection
     * (the driver pipelines them) instead of each waiting for the one before.
     */
    async settlePaid({ ledger, status }: SettlePaidInput): Promise<void> {
      const moved = await db.transaction(async (tx) => {
        const [, , order] = await allOrFirstFailure([
          postEntry(tx, ledger),
          commit(tx, status.orderId),
          moveOrder(tx, status),
        ] as const);
        return order;
      });
      if (moved) logMoved(status, moved);
    },
  };
}

/**
 * Waits for every part (none may still be sending when its transaction ends), then fails with the
 * first part's failure in the order they were sent: the one PostgreSQL refused first, the others only
 * finding the transaction aborted after it.
 */
async function allOrFirstFailure<T extends readonly unknown[]>(
  parts: { [K in keyof T]: Promise<T[K]> },
): Promise<T> {
  const settled = await Promise.allSettled(parts);
  const failed = settled.find((r) => r.status === 'rejected');
  if (failed) throw failed.reason;
  return settled.map((r) => (r as PromiseFulfilledResult<unknown>).value) as unknown as T;
}
