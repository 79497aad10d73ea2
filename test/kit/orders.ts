/**
 * Order rows and their events, with the guarded transition of db/queries/orders.ts: the row moves
 * only from one of `from` (a retry that finds it already in `to` moves nothing), every change writes
 * its event once by key, and the change's notifications go to the outbox with it.
 */
import { InvalidTransitionError } from '../../db/queries/orders.js';
import type { Currency } from '../../domain/money.js';
import type { NotifyInput } from '../../domain/notifications.js';
import type { FailureReason, OrderStatus, SetOrderStatusInput } from '../../domain/order.js';

export interface OrderEvent {
  key: string;
  type: string;
  toStatus: OrderStatus;
  at: string;
  data: Record<string, unknown>;
}

export interface OrderRow {
  id: string;
  listingId: string;
  buyerId: string;
  sellerId: string;
  quantity: number;
  amount: number;
  currency: Currency;
  paymentMethod: string;
  status: OrderStatus;
  failureReason?: FailureReason;
  paymentIntentId?: string;
  paidAt?: string;
  deadlines: Record<string, string>;
  carrier?: string;
  trackingNumber?: string;
  escrowWorkflowId?: string;
  events: OrderEvent[];
}

export type NewOrder = Omit<OrderRow, 'status' | 'deadlines' | 'events'>;

export class FakeOrders {
  private readonly rows = new Map<string, OrderRow>();

  /** Places an order (`pending`), once per id, as POST /v1/orders does. */
  insert(order: NewOrder, at: string): OrderRow {
    const existing = this.rows.get(order.id);
    if (existing) return structuredClone(existing);
    const row: OrderRow = {
      ...order,
      status: 'pending',
      deadlines: {},
      events: [{ key: `${order.id}:created`, type: 'order.created', toStatus: 'pending', at, data: {} }],
    };
    this.rows.set(order.id, row);
    return structuredClone(row);
  }

  /**
   * The guarded UPDATE … WHERE status IN (from): returns whether it moved and, when it did, the
   * notifications it wrote to the outbox.
   */
  transition(input: SetOrderStatusInput, at: string): { moved: boolean; notify: NotifyInput[] } {
    const row = this.rows.get(input.orderId);
    if (!row || !input.from.includes(row.status)) {
      if (row?.status === input.to) return { moved: false, notify: [] };
      throw new InvalidTransitionError(input.orderId, row?.status, input.to);
    }
    row.status = input.to;
    if (input.failureReason) row.failureReason = input.failureReason;
    if (input.paymentIntentId) row.paymentIntentId = input.paymentIntentId;
    if (input.to === 'paid') row.paidAt = at;
    if (input.deadlines) row.deadlines = { ...input.deadlines };
    if (input.carrier) {
      row.carrier = input.carrier;
      row.trackingNumber = input.trackingNumber;
    }
    if (input.escrowWorkflowId) row.escrowWorkflowId = input.escrowWorkflowId;
    if (!row.events.some((e) => e.key === input.eventKey))
      row.events.push({
        key: input.eventKey,
        type: `order.${input.to}`,
        toStatus: input.to,
        at,
        data: input.failureReason ? { failureReason: input.failureReason } : {},
      });
    return { moved: true, notify: structuredClone(input.notify ?? []) };
  }

  row(orderId: string): OrderRow | undefined {
    const row = this.rows.get(orderId);
    return row && structuredClone(row);
  }

  status(orderId: string): OrderStatus | undefined {
    return this.rows.get(orderId)?.status;
  }

  /** `pending` orders placed before `cutoff` (ISO), oldest first (db/queries/stale-orders.ts). */
  pendingPlacedBefore(cutoff: string, limit: number): string[] {
    return [...this.rows.values()]
      .filter((r) => r.status === 'pending' && (r.events[0]?.at ?? '') < cutoff)
      .sort((a, b) => (a.events[0]!.at < b.events[0]!.at ? -1 : 1))
      .slice(0, limit)
      .map((r) => r.id);
  }

  all(): OrderRow[] {
    return [...this.rows.values()].map((r) => structuredClone(r));
  }
}
