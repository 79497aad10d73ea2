/** What every part of an escrow shares: its input, its requests and state, and its status changes. */
import { setCurrentDetails, upsertSearchAttributes } from '@temporalio/workflow';
import type { EscrowInput, EscrowState, EscrowStatus } from '../../domain/escrow.js';
import { effectKey } from '../../domain/ids.js';
import type { OrderStatus } from '../../domain/order.js';
import { SA } from '../../domain/search-attributes.js';
import { partiesNotices, partiesNotifier } from '../notify.js';
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
  private readonly notifyBoth: ReturnType<typeof partiesNotifier>;
  /** The notice of the last status change, still to be sent by activities (escrows of their own). */
  private unannounced: Notice | undefined;

  /**
   * `scope` prefixes every effect key: `escrow-<orderId>` wherever the escrow runs (its own workflow,
   * or the order's since one workflow runs each order), so its keys never change.
   */
  /**
   * `outbox`: a status change's notifications are written with it and delivered by the outbox
   * dispatcher (escrows in the order's workflow); otherwise two notify activities follow it.
   */
  constructor(
    readonly input: EscrowInput,
    readonly scope: string,
    readonly outbox = false,
  ) {
    this.req = new EscrowRequests(input);
    this.state = this.req.state;
    this.notifyBoth = partiesNotifier(input, 'order', {}, scope);
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
    const notify =
      notice && this.outbox
        ? partiesNotices(this.input, 'order', this.scope, notice.event, notice.payload ?? {})
        : undefined;
    await db.setOrderStatus({
      orderId: this.orderId,
      from,
      to,
      eventKey: this.key(`status:${to}`),
      deadlines: state.deadlines,
      ...extra,
      ...(notify && { notify }),
    });
    if (!this.outbox) this.unannounced = notice;
    state.status = to;
    this.req.requested = undefined;
    upsertSearchAttributes([{ key: SA.OrderStatus, value: to }]);
    setCurrentDetails(
      [`**${to}**`, ...Object.entries(state.deadlines).map(([name, at]) => `${name}: ${at}`)].join('\n'),
    );
  }

  /** Sends the last status change's notice, unless the change carried it to the outbox. */
  async announce(): Promise<void> {
    const notice = this.unannounced;
    this.unannounced = undefined;
    if (notice) await this.notifyBoth(notice.event, notice.payload);
  }
}
