/**
 * Orders whose workflow never started (the API crashed between committing the order with its stock and
 * starting `order-<id>`): a `pending` order holds its units for the reservation hold (docs/design.md,
 * 15 minutes by default), then the stale-order sweep, run by a Temporal Schedule, ends it `failed`
 * (`expired`) and gives the units back — unless `order-<id>` exists, whose order is that workflow's.
 */
export const STALE_ORDER_SWEEP_WORKFLOW = 'staleOrderSweepWorkflow';
export const STALE_ORDER_SWEEP_SCHEDULE_ID = 'stale-order-sweep';

/** The reservation hold while the payment is pending (ORDER_HOLD_MS). */
export const DEFAULT_ORDER_HOLD_MS = 15 * 60_000;

export interface StaleOrderSweepInput {
  /** Orders placed longer ago than this are expired if no workflow runs them. */
  holdMs: number;
  /** The most orders one run looks at (oldest first); the next run takes the rest. */
  limit?: number;
}

/** What one sweep did: the orders it expired; those it found with a workflow are left to it. */
export interface StaleOrderSweepResult {
  expired: string[];
  withWorkflow: number;
}

/** What became of one stale candidate. */
export type StaleOrderOutcome = 'expired' | 'has_workflow' | 'moved_on';
