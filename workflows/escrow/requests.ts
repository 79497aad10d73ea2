/**
 * What the parties (and the bank, the carrier, the timers) asked of an escrow, and the guards its
 * update validators apply. The main loop acts on one request at a time, so every effect runs in
 * workflow order; handlers only record.
 */
import { condition } from '@temporalio/workflow';
import type { CarrierDeliveredSignal } from '../../domain/carrier.js';
import type { DisputeReason } from '../../domain/dispute.js';
import type { ChargebackSignal, EscrowInput, EscrowState, EscrowStatus } from '../../domain/escrow.js';
import { reject, UPDATE_REJECTIONS } from '../../domain/failures.js';
import { isFinal } from '../../domain/order.js';

export type RequestKind = 'ship' | 'confirm' | 'cancel' | 'dispute' | 'deadline' | 'carrier';

export class EscrowRequests {
  readonly state: EscrowState;
  /**
   * What a party asked for. A deadline that fired counts as a request too, so updates arriving while
   * it is acted on (refund, delivery, release) are refused instead of being accepted and then lost.
   */
  requested: { kind: RequestKind; by: string } | undefined;
  disputeRequest: { by: string; reason: DisputeReason; description: string } | undefined;
  /**
   * The cardholder's bank took the payment back (the provider's webhook, or its refusal of a refund).
   * Kept apart from `requested`: it must survive whatever is under way when it comes.
   */
  chargeback: ChargebackSignal | undefined;
  /** The money the seller was given back out of a chargeback that came after the release. */
  chargebackRecovered = false;
  /** Minor units this escrow refunded at the provider, and booked to `refunds`: a chargeback's gap. */
  refundedAtProvider = 0;
  bookedRefunds = 0;
  /**
   * When the order became `shipped`: a carrier delivery dated earlier is another shipment's (a reused
   * or recycled tracking number), never this one's.
   */
  shippedAt: number | undefined;
  /**
   * Set while the order's workflow is still paying (one workflow per order): the escrow's updates are
   * registered from the start and refused until the money is held. Tells the order's status.
   */
  stillPaying: (() => string) | undefined;

  constructor(private readonly input: EscrowInput) {
    this.state = { orderId: input.orderId, status: 'paid', deadlines: {} };
  }

  /** What the bank took back (minor units, at most the order's amount); 0 without a chargeback. */
  chargedBack(): number {
    if (!this.chargeback) return 0;
    return Math.min(this.chargeback.amount ?? this.input.amount, this.input.amount);
  }

  kind(): RequestKind | undefined {
    return this.requested?.kind;
  }

  idle(): boolean {
    return this.requested === undefined;
  }

  /** Waits for a request; one that does not come in time becomes the deadline's. */
  async awaitRequest(timeoutMs: number): Promise<boolean> {
    const acted = await condition(() => this.requested !== undefined, timeoutMs);
    if (!acted) this.requested = { kind: 'deadline', by: 'timer' };
    return acted;
  }

  requestChargebackDispute({ providerEventId, reason }: ChargebackSignal): void {
    this.requested = { kind: 'dispute', by: 'provider' };
    this.disputeRequest = {
      by: 'provider',
      reason: 'chargeback',
      description: `chargeback ${providerEventId}${reason ? `: ${reason}` : ''}`,
    };
  }

  /** A chargeback that came while something else was acted on becomes the dispute it opens. */
  disputeChargebackIfPending(): boolean {
    if (!this.chargeback || this.disputeRequest || this.requested?.kind === 'dispute') return false;
    this.requestChargebackDispute(this.chargeback);
    return true;
  }

  beforeShipment(occurredAt: string | undefined): boolean {
    return (
      this.shippedAt === undefined || (occurredAt !== undefined && Date.parse(occurredAt) < this.shippedAt)
    );
  }

  acceptCarrierReport({ eventId, source }: CarrierDeliveredSignal): void {
    this.requested = { kind: 'carrier', by: `carrier:${source}` };
    this.state.carrierEventId = eventId;
  }

  requireParty(userId: string, allowed: Array<'buyer' | 'seller'>): void {
    if (this.stillPaying) throw reject(UPDATE_REJECTIONS.invalidState, `the order is ${this.stillPaying()}`);
    // A final order takes nothing from anyone, as once the workflow has closed (the API's 409): the
    // workflow may still be open for its last notifications.
    if (isFinal(this.state.status))
      throw reject(UPDATE_REJECTIONS.invalidState, `the order is ${this.state.status}`);
    const roles = [userId === this.input.buyerId && 'buyer', userId === this.input.sellerId && 'seller'];
    if (!allowed.some((r) => roles.includes(r)))
      throw reject(UPDATE_REJECTIONS.forbidden, `only the ${allowed.join(' or ')} may do this`);
  }

  requireStatus(allowed: EscrowStatus[], action: string): void {
    if (this.requested || !allowed.includes(this.state.status)) {
      throw reject(
        UPDATE_REJECTIONS.invalidState,
        `cannot ${action} an order that is ${this.requested ? 'changing' : this.state.status}`,
      );
    }
  }

  /** True once the status has moved on from `from`: an update's answer waits for it. */
  settled(from: EscrowStatus): () => boolean {
    return () => this.state.status !== from;
  }
}
