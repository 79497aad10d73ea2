/** What every part of an escrow shares: its input, its requests and state, and its status changes. */
import { proxyActivities, setCurrentDetails, upsertSearchAttributes } from '@temporalio/workflow';
import type { Activities } from '../../activities/index.js';
import type { EscrowInput, EscrowState, EscrowStatus } from '../../domain/escrow.js';
import { effectKey } from '../../domain/ids.js';
import type { OrderStatus } from '../../domain/order.js';
import { SA } from '../../domain/search-attributes.js';
import { partiesNotifier } from '../notify.js';
import { carrierCall, databaseStep, ledgerStep, providerCall } from '../options.js';
import { EscrowRequests } from './requests.js';

export const db = proxyActivities<Activities>(databaseStep);
export const ledger = proxyActivities<Activities>(ledgerStep);
export const provider = proxyActivities<Activities>(providerCall);
export const carrierCalls = proxyActivities<Activities>(carrierCall);

export class EscrowContext {
  readonly req: EscrowRequests;
  readonly state: EscrowState;
  readonly notifyBoth: ReturnType<typeof partiesNotifier>;

  /**
   * `scope` prefixes every effect key: `escrow-<orderId>` wherever the escrow runs (its own workflow,
   * or the order's since one workflow runs each order), so its keys never change.
   */
  constructor(
    readonly input: EscrowInput,
    readonly scope: string,
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
  ): Promise<void> {
    const { state } = this;
    await db.setOrderStatus({
      orderId: this.orderId,
      from,
      to,
      eventKey: this.key(`status:${to}`),
      deadlines: state.deadlines,
      ...extra,
    });
    state.status = to;
    this.req.requested = undefined;
    upsertSearchAttributes([{ key: SA.OrderStatus, value: to }]);
    setCurrentDetails(
      [`**${to}**`, ...Object.entries(state.deadlines).map(([name, at]) => `${name}: ${at}`)].join('\n'),
    );
  }
}
