/**
 * Model-based test (fast-check commands) of the order state machine against the real workflows: random
 * sequences of ship, confirm, cancel, dispute, accept and resolve, by the right and the wrong party,
 * are sent to the API of a paid order; a small model of DESIGN.md's states predicts each answer
 * (200/201, 403 or 409) and the order's status afterwards.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { paidOrder } from '../support/orders.js';
import { api, eventually, uniqueUser } from '../support/stack.js';

type Status =
  | 'paid'
  | 'shipped'
  | 'delivered'
  | 'disputed'
  | 'cancelled'
  | 'completed'
  | 'refunded'
  | 'split';
type Party = 'buyer' | 'seller';
interface Model {
  status: Status;
  hadDispute: boolean;
  disputeOpen: boolean;
  /** When delivery was confirmed (ms): the dispute window (1.5 s in tests) then releases the money. */
  deliveredAt?: number;
}
interface Real {
  orderId: string;
  amount: number;
  users: Record<Party | 'operator', string>;
  disputeId?: string;
}

const FINAL: Status[] = ['cancelled', 'completed', 'refunded', 'split'];
/** Beyond this, a delivered order may be releasing: the model waits for `completed` first. */
const WINDOW_SAFE_MS = 500;

const ESCROW_MOVES = {
  ship: { path: 'ship', parties: ['seller'], from: ['paid'], to: 'shipped', ok: 200 },
  confirm: { path: 'confirm-delivery', parties: ['buyer'], from: ['shipped'], to: 'delivered', ok: 200 },
  cancel: { path: 'cancel', parties: ['buyer', 'seller'], from: ['paid'], to: 'cancelled', ok: 200 },
  dispute: { path: 'disputes', parties: ['buyer'], from: ['shipped', 'delivered'], to: 'disputed', ok: 201 },
} as const satisfies Record<
  string,
  { path: string; parties: Party[]; from: Status[]; to: Status; ok: number }
>;
type EscrowMove = keyof typeof ESCROW_MOVES;

const BODIES: Partial<Record<EscrowMove, unknown>> = {
  ship: { carrier: 'UPS', trackingNumber: '1Z999AA1' },
  dispute: { reason: 'not_as_described', description: 'not what the photos showed' },
};

const statusOf = async (real: Real) =>
  (await api('GET', `/v1/orders/${real.orderId}`, { user: real.users.buyer })).body.status as Status;

/** The release timer may have fired: let it finish so the model and the workflow agree on `completed`. */
async function settleWindow(model: Model, real: Real) {
  if (model.status !== 'delivered' || Date.now() - model.deliveredAt! < WINDOW_SAFE_MS) return;
  await eventually(async () => (await statusOf(real)) === 'completed');
  model.status = 'completed';
}

class EscrowCommand implements fc.AsyncCommand<Model, Real> {
  constructor(
    readonly move: EscrowMove,
    readonly by: Party,
  ) {}
  check = () => true;
  async run(model: Model, real: Real) {
    await settleWindow(model, real);
    const spec = ESCROW_MOVES[this.move];
    const res = await api('POST', `/v1/orders/${real.orderId}/${spec.path}`, {
      user: real.users[this.by],
      body: BODIES[this.move],
    });
    // A finished escrow takes nothing (409); a running one checks the party (403), then the state (409).
    const expected = FINAL.includes(model.status)
      ? 409
      : !(spec.parties as readonly Party[]).includes(this.by)
        ? 403
        : !(spec.from as readonly Status[]).includes(model.status)
          ? 409
          : spec.ok;
    expect(res.status, `${this} in ${model.status}: ${JSON.stringify(res.body)}`).toBe(expected);
    if (expected === spec.ok) {
      model.status = spec.to;
      if (this.move === 'confirm') model.deliveredAt = Date.now();
      if (this.move === 'dispute') {
        model.disputeOpen = true;
        model.hadDispute = true;
        real.disputeId = res.body.id;
      }
    } else {
      expect(res.body.code).toBe(expected === 403 ? 'forbidden' : 'invalid_state');
    }
    expect(await statusOf(real)).toBe(model.status);
  }
  toString = () => `${this.move} by ${this.by}`;
}

const OUTCOME_STATUS = { refund: 'refunded', release: 'completed', split: 'split' } as const;

class DisputeCommand implements fc.AsyncCommand<Model, Real> {
  constructor(
    readonly action: 'accept' | 'resolve',
    readonly by: Party | 'operator',
    readonly outcome: keyof typeof OUTCOME_STATUS = 'refund',
  ) {}
  check = (model: Readonly<Model>) => model.hadDispute;
  async run(model: Model, real: Real) {
    const body =
      this.action === 'resolve'
        ? { outcome: this.outcome, ...(this.outcome === 'split' && { refundAmount: real.amount / 2 }) }
        : undefined;
    const res = await api('POST', `/v1/disputes/${real.disputeId}/${this.action}`, {
      user: real.users[this.by],
      ...(this.by === 'operator' && { role: 'operator' as const }),
      body,
    });
    const allowed = this.action === 'accept' ? this.by === 'seller' : this.by === 'operator';
    // Operators-only is checked before the dispute's state; the seller's part after it.
    const expected =
      this.action === 'resolve' && !allowed ? 403 : !model.disputeOpen ? 409 : !allowed ? 403 : 200;
    expect(res.status, `${this} in ${model.status}: ${JSON.stringify(res.body)}`).toBe(expected);
    if (expected !== 200) return;
    model.disputeOpen = false;
    model.status = this.action === 'accept' ? 'refunded' : OUTCOME_STATUS[this.outcome];
    // The escrow settles after the dispute workflow decides.
    await eventually(async () => (await statusOf(real)) === model.status);
  }
  toString = () => `${this.action} by ${this.by}${this.action === 'resolve' ? ` (${this.outcome})` : ''}`;
}

class AwaitReleaseCommand implements fc.AsyncCommand<Model, Real> {
  check = (model: Readonly<Model>) => model.status === 'delivered';
  async run(model: Model, real: Real) {
    await eventually(async () => (await statusOf(real)) === 'completed');
    model.status = 'completed';
  }
  toString = () => 'await release';
}

const party = fc.constantFrom<Party>('buyer', 'seller');
const anyMove = fc
  .tuple(fc.constantFrom<EscrowMove>('ship', 'confirm', 'cancel', 'dispute'), party)
  .map(([move, by]) => new EscrowCommand(move, by));
const rightMove = fc.constantFrom(
  new EscrowCommand('ship', 'seller'),
  new EscrowCommand('confirm', 'buyer'),
  new EscrowCommand('dispute', 'buyer'),
);
const accept = fc
  .constantFrom<Party | 'operator'>('buyer', 'seller', 'operator')
  .map((by) => new DisputeCommand('accept', by));
const resolve = fc
  .tuple(
    fc.constantFrom<Party | 'operator'>('operator', 'operator', 'seller'),
    fc.constantFrom('refund', 'release', 'split'),
  )
  .map(([by, outcome]) => new DisputeCommand('resolve', by, outcome as keyof typeof OUTCOME_STATUS));
// Listed more than once = drawn more often: the right party's moves get orders past `paid`, and a
// dispute, once open, is acted on.
const commands = [
  anyMove,
  anyMove,
  rightMove,
  rightMove,
  rightMove,
  accept,
  resolve,
  resolve,
  fc.constant(new AwaitReleaseCommand()),
];

describe('order state machine, model-based', () => {
  it('agrees with the real workflows on every answer and status', async () => {
    await fc.assert(
      fc.asyncProperty(fc.commands(commands, { maxCommands: 10, size: 'max' }), async (cmds) => {
        const amount = 8_000;
        const { seller, buyer, order } = await paidOrder({ amount, title: 'Model' });
        const setup = () => ({
          model: { status: 'paid' as Status, hadDispute: false, disputeOpen: false },
          real: { orderId: order.id, amount, users: { buyer, seller, operator: uniqueUser('op') } },
        });
        await fc.asyncModelRun(setup, cmds);
      }),
      // Each run is a real order through real workflows; a failure prints its command sequence.
      { numRuns: 20, endOnFailure: true },
    );
  }, 240_000);
});
