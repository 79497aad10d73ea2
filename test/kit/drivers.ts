/**
 * Handles on the workflows a test drives, speaking only through their typed message definitions
 * (workflows/<process>/messages.ts). `handle` never skips time; `result()` does (the test server
 * fast-forwards every timer while it waits), so a test reads a days-long ending in seconds.
 */
import {
  type Client,
  WorkflowExecutionAlreadyStartedError,
  type WorkflowHandle,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
} from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { CarrierDeliveredSignal } from '../../domain/carrier.js';
import { LATE_CHARGEBACK_WORKFLOW } from '../../domain/chargeback.js';
import { type DisputeResolveUpdate, disputeIdFor } from '../../domain/dispute.js';
import type { OpenDisputeUpdate } from '../../domain/escrow.js';
import type { FraudReviewDecision } from '../../domain/fraud.js';
import {
  disputeWorkflowId,
  effectKey,
  escrowWorkflowId,
  lateChargebackWorkflowId,
} from '../../domain/ids.js';
import type { PayoutInput, TransferOutcome } from '../../domain/payout.js';
import type { PaymentConfirmation, PurchaseInput } from '../../domain/purchase.js';
import { TASK_QUEUES } from '../../domain/task-queues.js';
import {
  acceptDisputeUpdate,
  addEvidenceUpdate,
  disputeStatusQuery,
  resolveDisputeUpdate,
} from '../../workflows/dispute/messages.js';
import type { disputeWorkflow } from '../../workflows/dispute.js';
import {
  cancelUpdate,
  carrierDeliveredSignal,
  chargebackSignal,
  confirmDeliveryUpdate,
  openDisputeUpdate,
  shipUpdate,
} from '../../workflows/escrow/messages.js';
import type { lateChargebackWorkflow } from '../../workflows/late-chargeback.js';
import { payoutStatusQuery, transferOutcomeSignal } from '../../workflows/payout/messages.js';
import type { payoutWorkflow } from '../../workflows/payout.js';
import {
  awaitPaymentUpdate,
  cancelPurchaseUpdate,
  fraudReviewUpdate,
  paymentConfirmationSignal,
  purchaseStatusQuery,
} from '../../workflows/purchase/messages.js';
import type { purchaseWorkflow } from '../../workflows/purchase.js';
import type { FakeProvider } from './provider.js';

/** What a driver needs of the kit. */
export interface DriverDeps {
  env: TestWorkflowEnvironment;
  client: Client;
  provider: FakeProvider;
}

/**
 * Polls `check` every 20 ms until it returns a value (10 s at most): for a state a test cannot await
 * directly, e.g. a row an activity writes after an update has answered.
 */
export async function until<T>(
  check: () => Promise<T | false | undefined> | T | false | undefined,
  ms = 10_000,
): Promise<T> {
  const deadline = performance.now() + ms;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (performance.now() > deadline) throw new Error(`condition not met within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/**
 * How an update was refused: its failure type and message (`forbidden`, `invalid_state`…), or
 * `undefined` when it was not refused by the workflow (it answered, or failed otherwise).
 */
export async function refusal(
  update: Promise<unknown>,
): Promise<{ type: string; message: string } | undefined> {
  const err = await update.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof WorkflowUpdateFailedError) || !(err.cause instanceof ApplicationFailure))
    return undefined;
  return { type: err.cause.type ?? '', message: err.cause.message };
}

/** Server time from a workflow's start to its close: what its skipped timers added up to. */
async function runningTimeMs(handle: WorkflowHandle): Promise<number> {
  const { startTime, closeTime } = await handle.describe();
  return (closeTime?.getTime() ?? Number.NaN) - startTime.getTime();
}

export class OrderDriver {
  readonly handle: WorkflowHandle<typeof purchaseWorkflow>;
  private parcels = 0;

  constructor(
    private readonly deps: DriverDeps,
    readonly input: PurchaseInput,
    readonly workflowId: string,
  ) {
    this.handle = deps.client.workflow.getHandle<typeof purchaseWorkflow>(workflowId);
  }

  get orderId(): string {
    return this.input.orderId;
  }

  /** The escrow's effect keys (`escrow-<orderId>:<step>`), as its refunds and postings carry them. */
  escrowKey(step: string): string {
    return effectKey(escrowWorkflowId(this.input), step);
  }

  /** The purchase's effect keys (`order-<orderId>:<step>`). */
  purchaseKey(step: string): string {
    return effectKey(this.workflowId, step);
  }

  /** The order's end, skipping time until the workflow closes. */
  result() {
    return this.deps.env.client.workflow.getHandle<typeof purchaseWorkflow>(this.workflowId).result();
  }

  status() {
    return this.handle.query(purchaseStatusQuery);
  }

  awaitPayment() {
    return this.handle.executeUpdate(awaitPaymentUpdate);
  }

  cancelPurchase(userId = this.input.buyerId) {
    return this.handle.executeUpdate(cancelPurchaseUpdate, { args: [{ userId }] });
  }

  reviewFraud(decision: FraudReviewDecision['decision'], operatorId = 'op_kit') {
    return this.handle.executeUpdate(fraudReviewUpdate, { args: [{ decision, operatorId }] });
  }

  /** The provider's confirmation webhook, as the API signals it. */
  confirmPayment(confirmation: PaymentConfirmation) {
    return this.handle.signal(paymentConfirmationSignal, confirmation);
  }

  ship(parcel?: { carrier: string; trackingNumber: string }, userId = this.input.sellerId) {
    this.parcels += 1;
    const shipped = parcel ?? { carrier: 'DHL', trackingNumber: `JJD${this.orderId}${this.parcels}` };
    return this.handle.executeUpdate(shipUpdate, { args: [{ userId, ...shipped }] });
  }

  confirmDelivery(userId = this.input.buyerId) {
    return this.handle.executeUpdate(confirmDeliveryUpdate, { args: [{ userId }] });
  }

  cancel(userId = this.input.buyerId) {
    return this.handle.executeUpdate(cancelUpdate, { args: [{ userId }] });
  }

  openDispute(update: Partial<OpenDisputeUpdate> = {}) {
    return this.handle.executeUpdate(openDisputeUpdate, {
      args: [
        { userId: this.input.buyerId, reason: 'not_received', description: 'Nothing arrived', ...update },
      ],
    });
  }

  /** The carrier's delivery report, as the carrier webhook route signals it. */
  carrierDelivered(report: CarrierDeliveredSignal) {
    return this.handle.signal(carrierDeliveredSignal, report);
  }

  /**
   * The cardholder's bank takes money back at the provider (all it still holds, or `amount`), then
   * its webhook is handed on as the API does (api/routes/webhooks/payment-dispatch.ts): to the order's
   * workflow, or, once that has closed, to a late-chargeback workflow of its own.
   */
  async chargeback(options: { amount?: number; reason?: string; webhook?: boolean } = {}) {
    const intent = this.deps.provider.intentsOf(this.orderId)[0];
    if (!intent) throw new Error(`order ${this.orderId} has no payment intent`);
    const taken = await this.deps.provider.chargeback(intent.id, options);
    const signal = { providerEventId: taken.id, reason: taken.reason, amount: taken.amount };
    if (options.webhook !== false) await this.chargebackWebhook(signal);
    return signal;
  }

  /** A chargeback webhook (again, or one whose money the provider took earlier), handed on as the API does. */
  async chargebackWebhook(signal: { providerEventId: string; reason?: string; amount: number }) {
    // Signalled while the order's workflow runs; one that has closed answers not found.
    try {
      return await this.handle.signal(chargebackSignal, signal);
    } catch (err) {
      if (!(err instanceof WorkflowNotFoundError)) throw err;
    }
    const input = {
      orderId: this.orderId,
      providerEventId: signal.providerEventId,
      amount: signal.amount,
      currency: this.input.currency,
    };
    await this.deps.client.workflow
      .start<typeof lateChargebackWorkflow>(LATE_CHARGEBACK_WORKFLOW, {
        workflowId: lateChargebackWorkflowId(input),
        taskQueue: TASK_QUEUES.orders,
        args: [input],
      })
      .catch((err: unknown) => {
        // A redelivered webhook: its late-chargeback workflow runs once per provider event.
        if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
      });
  }

  /** The order's dispute (`dispute-<orderId>`, a child of the order's workflow). */
  get dispute(): DisputeDriver {
    return new DisputeDriver(this.deps, this.input);
  }

  runningTimeMs(): Promise<number> {
    return runningTimeMs(this.handle);
  }
}

export class DisputeDriver {
  readonly handle: WorkflowHandle<typeof disputeWorkflow>;
  readonly disputeId: string;

  constructor(
    private readonly deps: DriverDeps,
    private readonly order: PurchaseInput,
  ) {
    this.handle = deps.client.workflow.getHandle<typeof disputeWorkflow>(disputeWorkflowId(order));
    this.disputeId = disputeIdFor(order.orderId);
  }

  status() {
    return this.handle.query(disputeStatusQuery);
  }

  evidence(userId: string, text: string, links?: string[]) {
    return this.handle.executeUpdate(addEvidenceUpdate, {
      args: [{ userId, text, ...(links && { links }) }],
    });
  }

  accept(userId = this.order.sellerId) {
    return this.handle.executeUpdate(acceptDisputeUpdate, { args: [{ userId }] });
  }

  resolve(update: Partial<DisputeResolveUpdate> & Pick<DisputeResolveUpdate, 'outcome'>) {
    return this.handle.executeUpdate(resolveDisputeUpdate, { args: [{ operatorId: 'op_kit', ...update }] });
  }

  result() {
    return this.deps.env.client.workflow.getHandle<typeof disputeWorkflow>(this.handle.workflowId).result();
  }

  runningTimeMs(): Promise<number> {
    return runningTimeMs(this.handle);
  }
}

export class PayoutDriver {
  readonly handle: WorkflowHandle<typeof payoutWorkflow>;

  constructor(
    private readonly deps: DriverDeps,
    readonly input: PayoutInput,
    readonly workflowId: string,
  ) {
    this.handle = deps.client.workflow.getHandle<typeof payoutWorkflow>(workflowId);
  }

  result() {
    return this.deps.env.client.workflow.getHandle<typeof payoutWorkflow>(this.workflowId).result();
  }

  status() {
    return this.handle.query(payoutStatusQuery);
  }

  /** The provider's transfer id, once the workflow has made the transfer. */
  transferId(): Promise<string> {
    return until(async () => (await this.status()).transferId);
  }

  /** The provider's transfer webhook, as the API signals it. */
  transferOutcome(outcome: TransferOutcome) {
    return this.handle.signal(transferOutcomeSignal, outcome);
  }

  runningTimeMs(): Promise<number> {
    return runningTimeMs(this.handle);
  }
}
