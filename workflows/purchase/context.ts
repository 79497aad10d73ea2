/** What the purchase's parts share: its input, state, activities and saga, and its status changes. */
import {
  CancellationScope,
  setCurrentDetails,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { FraudReviewDecision, FraudVerdict } from '../../domain/fraud.js';
import { effectKey } from '../../domain/ids.js';
import type { LedgerPostInput } from '../../domain/ledger.js';
import type { OrderStatus, SetOrderStatusInput } from '../../domain/order.js';
import type { PaymentConfirmation, PurchaseInput, PurchaseStatus } from '../../domain/purchase.js';
import { SA } from '../../domain/search-attributes.js';
import {
  activitiesOn,
  confirmationPoll,
  localActivities,
  localDatabaseStep,
  providerCallOnOrdersQueue,
} from '../options.js';
import { screenInput } from './fraud.js';
import { Saga } from './saga.js';

export const confirmations = activitiesOn(confirmationPoll);

type StatusExtra = Pick<SetOrderStatusInput, 'failureReason' | 'deadlines' | 'escrowWorkflowId' | 'notify'>;

export class PurchaseContext {
  readonly scope = workflowInfo().workflowId;
  readonly state: PurchaseStatus;
  readonly saga = new Saga();
  // Short PostgreSQL and Redis steps (reserve, screen, status, ledger, settle) run as local
  // activities: the bench showed each regular one costing a task-queue round trip.
  readonly db = localActivities(localDatabaseStep);
  // Provider calls on the workflow's own queue: the server hands them back with the workflow task
  // (eager dispatch) instead of through matching on `payments` (~50 ms each at 5/s).
  readonly payments = activitiesOn(providerCallOnOrdersQueue);

  /** Where the capture stands: the compensations and a party's cancel depend on it. */
  capture: 'not_sent' | 'sent' | 'done' = 'not_sent';
  /** The money is held in escrow: a cancel is a refund from now on. */
  escrowStarted = false;
  paymentKnown = false;
  reviewDecision: FraudReviewDecision | undefined;
  confirmation: PaymentConfirmation | undefined;
  /** The steps up to `paid`: a party's cancel before the capture is sent stops them. */
  readonly paymentSteps = new CancellationScope();

  constructor(readonly input: PurchaseInput) {
    this.state = { orderId: input.orderId, status: 'pending' };
  }

  get orderId(): string {
    return this.input.orderId;
  }

  key(step: string): string {
    return effectKey(this.scope, step);
  }

  async moveTo(to: OrderStatus, from: OrderStatus[], extra: StatusExtra = {}): Promise<void> {
    await this.db.setOrderStatus(this.statusChange(to, from, extra));
    this.moved(to, extra);
  }

  /**
   * Takes the stock (the API's already taken: a no-op), moves the order to `reserved` and screens it,
   * in one local activity (activities/purchase-steps.ts); the screen's verdict is for `actOnVerdict`.
   */
  async admit(): Promise<FraudVerdict> {
    const { input, orderId } = this;
    const verdict = await this.db.admitOrder({
      reserve: { orderId, listingId: input.listingId, quantity: input.quantity },
      status: this.statusChange('reserved', ['pending'], {}),
      screen: screenInput(this),
    });
    this.moved('reserved', {});
    return verdict;
  }

  /** The move to `authorized` that `authorizeOrder` makes once the hold is in (it adds the intent). */
  authorizedMove(): SetOrderStatusInput {
    return this.statusChange('authorized', ['reserved'], {});
  }

  /** The order moved to `to` by an activity that did the move itself. */
  movedTo(to: OrderStatus): void {
    this.moved(to, {});
  }

  /**
   * Books the capture into escrow, commits the reservation and moves the order to `paid`, in one
   * PostgreSQL transaction (one local activity instead of three).
   */
  async settlePaid(ledger: LedgerPostInput, extra: StatusExtra): Promise<void> {
    await this.db.settlePaid({ ledger, status: this.statusChange('paid', ['authorized'], extra) });
    this.moved('paid', extra);
  }

  private statusChange(to: OrderStatus, from: OrderStatus[], extra: StatusExtra): SetOrderStatusInput {
    return {
      orderId: this.orderId,
      from,
      to,
      eventKey: this.key(`status:${to}`),
      ...extra,
      ...(this.state.paymentIntentId && { paymentIntentId: this.state.paymentIntentId }),
    };
  }

  private moved(to: OrderStatus, extra: StatusExtra): void {
    const { state } = this;
    state.status = to;
    upsertSearchAttributes([{ key: SA.OrderStatus, value: to }]);
    setCurrentDetails(`**${to}**${extra.failureReason ? ` · ${extra.failureReason}` : ''}`);
  }
}
