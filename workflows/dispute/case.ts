/**
 * One dispute's request state and the guards of its updates. Handlers only record what was asked
 * (a decision, evidence to store) and wait; the phases (phases.ts) do the work in order, so every
 * command comes from the main loop in arrival order and replays the same.
 */
import { condition, setCurrentDetails, workflowInfo } from '@temporalio/workflow';
import {
  chargebackOutcome,
  type DisputeAcceptUpdate,
  type DisputeEvidenceUpdate,
  type DisputeInput,
  type DisputeOutcome,
  type DisputeResolveUpdate,
  type DisputeState,
  outcomeOf,
} from '../../domain/dispute.js';
import type { ChargebackSignal } from '../../domain/escrow.js';
import { reject, UPDATE_REJECTIONS } from '../../domain/failures.js';

const MAX_EVIDENCE = 50;

export type PartyRole = 'buyer' | 'seller';
/** Evidence accepted by an update, waiting for the main loop to store it; `seq` fixes its id. */
export type PendingEvidence = DisputeEvidenceUpdate & { role: PartyRole; seq: number };

/** The buyer's money back in full, decided by the seller (accepting) or by their silence. */
export const fullRefund = (amount: number, decidedBy: 'seller' | 'seller_silence'): DisputeOutcome => ({
  outcome: 'refund',
  refundAmount: amount,
  decidedBy,
  restock: false,
});

const notActedOn = (what: string) =>
  reject(UPDATE_REJECTIONS.unavailable, `the dispute could not record the ${what}: try again shortly`);

export class DisputeCase {
  /** What the status query returns; mutated in place so the query always sees the latest. */
  readonly state: DisputeState;
  /** Set by whoever decides first (seller, silence, operator, chargeback); recorded by settle(). */
  decided: DisputeOutcome | undefined;
  sellerContested = false;
  /** How many evidence items are stored: an evidence update answers once its own is. */
  recorded = 0;
  readonly pendingEvidence: PendingEvidence[] = [];
  /** What the cardholder's bank took back: a decision never gives the buyer less. */
  private chargedBack = 0;
  /** The workflow id, the prefix of every effect key. */
  readonly scope = workflowInfo().workflowId;
  /** The run is failing without a decision: waiting handlers answer with an error. */
  private failing = false;

  constructor(readonly input: DisputeInput) {
    this.state = {
      disputeId: input.disputeId,
      orderId: input.orderId,
      status: 'open',
      reason: input.reason,
      evidence: [],
      deadlines: {},
      escalated: false,
    };
    // Opened by a chargeback, or run again after a run that ended without a decision: bounded by it
    // from the start, yet open for the parties' evidence (representment) until decided.
    this.chargedBack = Math.min(input.chargedBack ?? 0, input.amount);
    if (this.chargedBack) this.state.chargedBack = this.chargedBack;
  }

  roleOf(userId: string): PartyRole | undefined {
    return userId === this.input.buyerId ? 'buyer' : userId === this.input.sellerId ? 'seller' : undefined;
  }

  /** The workflow's details line in the Temporal UI. */
  describe(): void {
    const { state, input } = this;
    setCurrentDetails(
      [
        `**${state.status}** · reason ${input.reason} · ${input.amount} ${input.currency} minor units`,
        `evidence: ${state.evidence.length} item(s)`,
        ...Object.entries(state.deadlines).map(([name, at]) => `${name}: ${at}`),
        ...(state.escalated ? ['ESCALATED: operator SLA passed'] : []),
      ].join('\n'),
    );
  }

  // Guards: validators reject before anything reaches the history.

  private requireOpen(action: string): void {
    if (this.decided || this.state.status === 'resolved')
      throw reject(UPDATE_REJECTIONS.invalidState, `cannot ${action}: the dispute is resolved`);
  }

  guardEvidence(update: DisputeEvidenceUpdate): void {
    if (!this.roleOf(update.userId))
      throw reject(UPDATE_REJECTIONS.forbidden, 'only the buyer or the seller');
    this.requireOpen('add evidence');
    if (!update.text?.trim()) throw reject(UPDATE_REJECTIONS.invalidState, 'evidence needs a text');
    if (this.state.evidence.length >= MAX_EVIDENCE)
      throw reject(UPDATE_REJECTIONS.invalidState, `at most ${MAX_EVIDENCE} evidence items`);
  }

  guardAccept({ userId }: DisputeAcceptUpdate): void {
    if (this.roleOf(userId) !== 'seller')
      throw reject(UPDATE_REJECTIONS.forbidden, 'only the seller may accept');
    this.requireOpen('accept');
  }

  guardResolve(update: DisputeResolveUpdate): void {
    this.requireOpen('resolve');
    const result = outcomeOf(update, this.input.amount);
    if (!result.ok) throw reject(UPDATE_REJECTIONS.invalidState, result.message);
    // The bank already returned that much: releasing it would pay out money the platform no longer
    // holds. Contesting a chargeback (representment) happens at the provider.
    if (this.chargedBack >= this.input.amount && result.outcome.outcome !== 'refund')
      throw reject(
        UPDATE_REJECTIONS.invalidState,
        'a chargeback returned the whole payment: it resolves only as a refund',
      );
    if (result.outcome.refundAmount < this.chargedBack)
      throw reject(
        UPDATE_REJECTIONS.invalidState,
        `a chargeback returned ${this.chargedBack} already: refund at least that much`,
      );
  }

  // Handlers: record the request, then answer once the main loop has acted on it.

  async addEvidence(update: DisputeEvidenceUpdate): Promise<DisputeState> {
    const { state } = this;
    const role = this.roleOf(update.userId)!;
    const seq = state.evidence.length;
    state.evidence.push({ authorId: update.userId, role, at: new Date().toISOString() });
    this.pendingEvidence.push({ ...update, role, seq });
    if (role === 'seller') this.sellerContested = true;
    // Answers once the evidence is stored and, for the seller's first, the dispute is contested.
    const stored = () => this.recorded > seq && (role === 'buyer' || state.status !== 'open');
    await condition(() => stored() || this.failing);
    if (!stored()) throw notActedOn('evidence');
    return state;
  }

  async accept(): Promise<DisputeState> {
    this.decided = fullRefund(this.input.amount, 'seller');
    return this.resolved();
  }

  async resolve(update: DisputeResolveUpdate): Promise<DisputeState> {
    const result = outcomeOf(update, this.input.amount);
    if (result.ok) this.decided = result.outcome;
    return this.resolved();
  }

  /**
   * The whole payment charged back overrides a decision not yet recorded: the money is back with the
   * buyer whatever was decided. A part raises the least the buyer gets (escrow applies it to the outcome).
   */
  chargeback({ amount }: ChargebackSignal): void {
    if (this.state.status === 'resolved') return;
    this.chargedBack = Math.max(this.chargedBack, Math.min(amount ?? this.input.amount, this.input.amount));
    this.state.chargedBack = this.chargedBack;
    if (this.chargedBack >= this.input.amount) this.decided = chargebackOutcome(this.input.amount);
  }

  fail(): void {
    this.failing = true;
  }

  /** Answers once the decision is recorded, so the caller reads a resolved dispute. */
  private async resolved(): Promise<DisputeState> {
    await condition(() => this.state.status === 'resolved' || this.failing);
    if (this.state.status !== 'resolved') throw notActedOn('decision');
    return this.state;
  }
}
