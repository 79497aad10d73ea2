/** What every part of an escrow shares: its input, its requests and state, and its status changes. */
import { setCurrentDetails, upsertSearchAttributes } from '@temporalio/workflow';
import type { EscrowInput, EscrowState, EscrowStatus } from '../../domain/escrow.js';
import { effectKey } from '../../domain/ids.js';
import type { OrderStatus } from '../../domain/order.js';
import { SA } from '../../domain/search-attributes.js';
import { partiesNotices } from '../notify.js';
import { activitiesOn, carrierCall, databaseStep, ledgerStep, providerCall } from '../options.js';
import { EscrowRequests } from './requests.js';

export const db = activitiesOn(databaseStep);
export const ledger = activitiesOn(ledgerStep);
export const provider = activitiesOn(providerCall);
export const carrierCalls = activitiesOn(carrierCall);

/** What a status change tells both parties: `order.<event>` with the payload. */
export interface Notice {
  event: string;
  payload?: Record<string, unknown>;
}

export class EscrowContext {
  readonly req: EscrowRequests;
  readonly state: EscrowState;

  /**
   * `scope` prefixes every effect key (`escrow-<orderId>`): apart from the purchase's, so the
   * escrow's refund is never mistaken for a failed purchase's.
   */
  constructor(
    readonly input: EscrowInput,
    readonly scope: string,
  ) {
    this.req = new EscrowRequests(input);
    this.state = this.req.state;
  }

  get orderId(): string {
    return this.input.orderId;
  }

  key(step: string): string {
    return effectKey(this.scope, step);
  }

  /** Sets the one deadline shown to clients. */
  deadline(name: string, ms: number): void {
    this.state.deadlines = { [name]: new Date(Date.now() + ms).toISOString() };
  }

  async moveTo(
    to: EscrowStatus,
    from: OrderStatus[],
    extra: Partial<{ carrier: string; trackingNumber: string }> = {},
    notice?: Notice,
  ): Promise<void> {
    const { state } = this;
    // The parties' notifications are written with the status change; the outbox delivers them.
    const notify =
      notice && partiesNotices(this.input, 'order', this.scope, notice.event, notice.payload ?? {});
    await db.setOrderStatus({
      orderId: this.orderId,
      from,
      to,
      eventKey: this.key(`status:${to}`),
      deadlines: state.deadlines,
      ...extra,
      ...(notify && { notify }),
    });
    state.status = to;
    this.req.requested = undefined;
    upsertSearchAttributes([{ key: SA.OrderStatus, value: to }]);
    setCurrentDetails(
      [`**${to}**`, ...Object.entries(state.deadlines).map(([name, at]) => `${name}: ${at}`)].join('\n'),
    );
  }
}
