/**
 * The load: a seeded plan of orders (normal, contended "hot" listings, cancellations, disputes,
 * declined and capture-refused cards, cancels while the capture is in flight), driven through the
 * HTTP API a few at a time, with chargebacks (of all the payment or a part) at chosen moments of a
 * seeded share of them, a dispute's resolution among them. Each step
 * accepts "already done" (409 invalid_state with the order past that step): after a crash the API
 * may have applied a write whose answer the client never saw.
 */
import type { EscrowflowClient, Order } from '../client/index.js';
import { disputeIdFor } from '../domain/dispute.js';
import { seededRandom } from '../sandbox/faults.js';
import {
  AT_RESOLUTION,
  type Bank,
  type ChargebackEvent,
  type ChargebackMoment,
  type ChargebackPart,
} from './chargebacks.js';
import { type ApiClient, type ApiResponse, idempotencyKey, type SdkAnswer, sleep } from './client.js';

export type Scenario =
  | 'normal'
  | 'hot'
  | 'cancel'
  | 'dispute'
  | 'declined'
  | 'capture_fails'
  | 'cancel_capture';
export type Resolution = 'refund' | 'release' | 'split';

export interface PlannedOrder {
  index: number;
  scenario: Scenario;
  buyer: string;
  seller: string;
  listing: string;
  paymentMethod: string;
  /** `?wait=payment` (update-with-start) instead of a plain 202 start. */
  waitForPayment: boolean;
  cancelBy?: 'buyer' | 'seller';
  resolution?: Resolution;
  restock?: boolean;
  /** The cardholder's bank takes the payment back at this moment (chaos/chargebacks.ts). */
  chargebackAt?: ChargebackMoment;
  /** All that the intent holds then, or a random part below it. */
  chargebackPart?: ChargebackPart;
}

export interface OrderRun extends PlannedOrder {
  orderId?: string;
  /** Why the API refused to create the order (no order exists). */
  rejected?: string;
  disputeId?: string;
  /** The dispute came after the 1.5 s window closed: the order completes instead. */
  disputeMissed?: boolean;
  /** Steps whose answer was lost but that had happened ("already done"). */
  alreadyDone: string[];
  /** The chargeback as the provider took it (absent when the order never reached its moment). */
  chargeback?: ChargebackEvent;
  /** cancel_capture: the order's status when the buyer cancelled, and the API's answer (200/202). */
  cancelledWhen?: string;
  cancelAnswer?: number;
  /** Why the driver gave up on this order. */
  error?: string;
  /** Platform findings met while driving it (an answer that broke the API's contract). */
  notes: string[];
}

export interface ListingPlan {
  key: string;
  seller: string;
  amount: number;
  quantity: number;
}

export const FINAL = ['failed', 'cancelled', 'completed', 'refunded', 'split'];
const DECLINING_CARDS = ['pm_card_declined', 'pm_card_insufficient_funds', 'pm_card_fraudulent'];
/** Share of the normal orders whose buyer cancels while the capture is in flight. */
const CANCEL_DURING_CAPTURE_SHARE = 0.06;
/** Share of the orders that can be charged back (they get paid) whose cardholder does so. */
const CHARGEBACK_SHARE = 0.14;
const CHARGEBACK_MOMENTS_OF: Partial<Record<Scenario, ChargebackMoment[]>> = {
  normal: ['paid', 'ship', 'confirm'],
  hot: ['paid', 'ship', 'confirm'],
  cancel: ['paid', 'cancel', 'cancel'],
  dispute: ['paid', 'ship', 'confirm', 'dispute', 'dispute'],
};
/** Share of the other dispute orders charged back as their dispute is resolved (beside it or right after). */
const RESOLUTION_CHARGEBACK_SHARE = 0.5;
/** Share of the chargebacks that take only a part of what the intent holds. */
const PARTIAL_CHARGEBACK_SHARE = 0.5;

/** Who sells what and who buys what; the same seed gives the same plan. */
export function planLoad(runId: string, orders: number, seed: number) {
  const random = seededRandom(seed);
  const sellers = Array.from({ length: Math.max(4, Math.ceil(orders / 10)) }, (_, i) => `${runId}-s${i}`);
  const listings: ListingPlan[] = sellers.map((seller, i) => ({
    key: `regular-${i}`,
    seller,
    amount: 500 + Math.floor(random() * 95) * 100,
    quantity: 1_000,
  }));
  const planned: PlannedOrder[] = [];
  const hot: number[] = [];
  for (let index = 0; index < orders; index++) {
    const r = random();
    const scenario: Scenario =
      r < 0.07
        ? 'declined'
        : r < 0.1
          ? 'capture_fails'
          : r < 0.2
            ? 'cancel'
            : r < 0.35
              ? 'dispute'
              : r < 0.45
                ? 'hot'
                : 'normal';
    const seller = sellers[index % sellers.length]!;
    const order: PlannedOrder = {
      index,
      scenario,
      buyer: `${runId}-b${index}`,
      seller,
      listing: `regular-${index % sellers.length}`,
      paymentMethod:
        scenario === 'declined'
          ? DECLINING_CARDS[index % DECLINING_CARDS.length]!
          : scenario === 'capture_fails'
            ? 'pm_card_capture_fails'
            : 'pm_card_ok',
      waitForPayment: random() < 0.5,
    };
    if (scenario === 'cancel') order.cancelBy = random() < 0.5 ? 'buyer' : 'seller';
    if (scenario === 'dispute') {
      order.resolution = (['refund', 'release', 'split'] as const)[Math.floor(random() * 3)]!;
      order.restock = order.resolution !== 'release' && random() < 0.5;
    }
    if (scenario === 'hot') hot.push(index);
    planned.push(order);
  }
  // Drawn from a second stream, so the rest of a seed's plan is drawn as before these were added.
  const extra = seededRandom(seed + 1_000_003);
  for (const order of planned) {
    if (order.scenario === 'normal' && extra() < CANCEL_DURING_CAPTURE_SHARE) {
      order.scenario = 'cancel_capture';
      order.paymentMethod = 'pm_card_capture_slow';
      order.waitForPayment = false;
      order.cancelBy = 'buyer';
    }
    const moments = CHARGEBACK_MOMENTS_OF[order.scenario];
    if (moments && extra() < CHARGEBACK_SHARE)
      order.chargebackAt = moments[Math.floor(extra() * moments.length)]!;
  }
  // A third stream, for the same reason: chargebacks at a dispute's resolution, and partial ones.
  // The resolution's moments take turns: beside the decision, then right after it.
  const third = seededRandom(seed + 2_000_003);
  let atResolution = 0;
  for (const order of planned) {
    if (order.scenario === 'dispute' && !order.chargebackAt && third() < RESOLUTION_CHARGEBACK_SHARE)
      order.chargebackAt = atResolution++ % 2 === 0 ? 'resolve' : 'resolved';
    if (order.chargebackAt) order.chargebackPart = third() < PARTIAL_CHARGEBACK_SHARE ? 'partial' : 'full';
  }
  // Hot listings: two in stock, about four buyers racing for them.
  const hotListings = Math.max(1, Math.ceil(hot.length / 4));
  for (let h = 0; h < hotListings; h++) {
    listings.push({ key: `hot-${h}`, seller: sellers[h % sellers.length]!, amount: 4_200, quantity: 2 });
  }
  hot.forEach((index, n) => {
    const order = planned[index]!;
    order.listing = `hot-${n % hotListings}`;
    order.seller = sellers[(n % hotListings) % sellers.length]!;
  });
  return { sellers, listings, orders: planned };
}

/** Runs `fn` over `items`, at most `limit` at a time. */
export async function pool<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) await fn(items[next++]!);
    }),
  );
}

/** One write of a step through the SDK, sent with the step's Idempotency-Key header. */
type Write = (sdk: EscrowflowClient, headers: ReturnType<typeof idempotencyKey>) => Promise<SdkAnswer>;

interface Step {
  name: string;
  user: string;
  role?: 'buyer' | 'seller' | 'operator';
  write: Write;
}

const byId = (id: string) => ({ params: { path: { id } } });

/**
 * A retried write under one Idempotency-Key answered 409 invalid_state although its first attempt
 * did the work: the API re-ran the request instead of replaying the first answer.
 */
function replayBroken(step: string, res: ApiResponse, status: string): string {
  return (
    `${step}: same Idempotency-Key got ${[...res.trail, `${res.status} ${res.body?.code}`].join(' → ')}` +
    ` while the order is already ${status} (the first attempt did it; its answer was not replayed)`
  );
}

export function createLoad(api: ApiClient, runId: string, operator: string, bank: Bank) {
  const key = (o: PlannedOrder, step: string) => `${runId}:${o.index}:${step}`;

  const getOrder = async (orderId: string, user: string): Promise<Order> => {
    const res = await api.call({ user }, (sdk) => sdk.GET('/v1/orders/{id}', byId(orderId)));
    if (!res.data) throw new Error(`GET order ${orderId}: ${res.status}`);
    return res.data;
  };

  const waitForOrder = async (
    orderId: string,
    user: string,
    done: (o: Order) => boolean,
    timeoutMs = 300_000,
    everyMs = 400,
  ) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const order = await getOrder(orderId, user);
      if (done(order)) return order;
      if (Date.now() > deadline)
        throw new Error(`order ${orderId} still ${order.status} after ${timeoutMs} ms`);
      await sleep(everyMs);
    }
  };

  /**
   * The order's status after a 409 invalid_state. "changing" means an earlier attempt's update was
   * accepted and is still being applied (a worker may be restarting): wait until the order moves.
   */
  const statusAfterConflict = async (
    run: OrderRun,
    res: ApiResponse,
    user: string,
    moved: (status: string) => boolean,
  ) => {
    const deadline = Date.now() + 120_000;
    let status = (await getOrder(run.orderId!, user)).status;
    while (/changing/.test(res.body?.detail ?? '') && !moved(status) && Date.now() < deadline) {
      await sleep(500);
      status = (await getOrder(run.orderId!, user)).status;
    }
    return status;
  };

  /** A write on the order; 409 invalid_state is fine when the order already shows the step done. */
  const act = async (
    run: OrderRun,
    step: string,
    user: string,
    write: Write,
    done: (status: string) => boolean,
    role: 'buyer' | 'seller' | 'operator' = 'buyer',
  ) => {
    const res = await api.call({ user, role }, (sdk) => write(sdk, idempotencyKey(key(run, step))));
    if (res.status === 200 || res.status === 201) return res;
    const conflict = res.status === 409 && res.body?.code === 'invalid_state';
    const status = conflict
      ? await statusAfterConflict(run, res, run.buyer, done)
      : (await getOrder(run.orderId!, run.buyer)).status;
    if (conflict && done(status)) {
      run.alreadyDone.push(step);
      if (res.attempts > 1) run.notes.push(replayBroken(step, res, status));
      return res;
    }
    throw new Error(
      `${step}: ${[...res.trail, `${res.status} ${res.body?.code ?? ''} ${res.body?.detail ?? ''}`].join(' → ')} (order ${status})`,
    );
  };

  async function createListings(plans: ListingPlan[]): Promise<Map<string, { id: string; amount: number }>> {
    const ids = new Map<string, { id: string; amount: number }>();
    await pool(plans, 5, async (plan) => {
      const res = await api.call({ user: plan.seller, role: 'seller' }, (sdk) =>
        sdk.POST('/v1/listings', {
          headers: idempotencyKey(`${runId}:listing:${plan.key}`),
          body: { title: `chaos ${plan.key}`, amount: plan.amount, currency: 'EUR', quantity: plan.quantity },
        }),
      );
      if (res.status !== 201 || !res.data)
        throw new Error(`listing ${plan.key}: ${res.status} ${JSON.stringify(res.body)}`);
      ids.set(plan.key, { id: res.data.id, amount: plan.amount });
    });
    return ids;
  }

  async function create(run: OrderRun, listingId: string): Promise<void> {
    const res = await api.call({ user: run.buyer }, (sdk) =>
      sdk.POST('/v1/orders', {
        params: { query: run.waitForPayment ? { wait: 'payment' } : {} },
        headers: idempotencyKey(key(run, 'create')),
        body: { listingId, quantity: 1, paymentMethod: run.paymentMethod },
      }),
    );
    if ((res.status === 201 || res.status === 202) && res.data) {
      run.orderId = res.data.id;
      return;
    }
    if (res.status === 409 && res.error?.code === 'out_of_stock') {
      run.rejected = 'out_of_stock';
      if (res.attempts > 1) {
        // A retry answered "sold out": did the first attempt create the order after all?
        const mine = await api.call({ user: run.buyer }, (sdk) =>
          sdk.GET('/v1/orders', { params: { query: { role: 'buyer' } } }),
        );
        const found = mine.data?.data ?? [];
        if (found[0]) {
          run.orderId = found[0].id;
          run.notes.push(
            `create: same Idempotency-Key got ${res.trail.join(' → ')} → 409 out_of_stock, but order ${found[0].id} exists`,
          );
          delete run.rejected;
        }
      }
      return;
    }
    throw new Error(`create: ${res.status} ${JSON.stringify(res.body)}`);
  }

  /**
   * A chargeback at the moment `step` is sent: both at once. Whichever lands first, the step may be
   * refused (409 invalid_state: the order is being disputed by the chargeback): that is fine here.
   */
  async function raceChargeback(run: OrderRun, moment: ChargebackMoment, step: Step): Promise<ApiResponse> {
    const [res, chargeback] = await Promise.all([
      api.call({ user: step.user, role: step.role ?? 'buyer' }, (sdk) =>
        step.write(sdk, idempotencyKey(key(run, step.name))),
      ),
      bank.chargeBack(run.orderId!, moment, run.chargebackPart ?? 'full'),
    ]);
    run.chargeback = chargeback;
    const refused = res.status === 409 && res.body?.code === 'invalid_state';
    if (res.status !== 200 && res.status !== 201 && !refused)
      throw new Error(
        `${step.name} beside a chargeback: ${[...res.trail, `${res.status} ${res.body?.code ?? ''} ${res.body?.detail ?? ''}`].join(' → ')}`,
      );
    if (refused) run.alreadyDone.push(`${step.name} refused beside the chargeback`);
    return res;
  }

  /**
   * After a chargeback: the order must end by itself, except that a dispute the chargeback opened waits
   * for the seller or an operator, as at a real platform. The seller accepts for even orders (a full
   * refund); an operator resolves odd ones as what the bank took: a refund for all of it, a split
   * refunding exactly the part it took (the rest goes to the seller).
   */
  async function settleChargeback(run: OrderRun): Promise<void> {
    const orderId = run.orderId!;
    if (run.chargeback?.result === 'nothing_to_dispute') {
      // Only a cancel refund may come first; at any other moment the platform should still hold it.
      if (run.chargeback.moment !== 'cancel')
        run.notes.push(
          `chargeback at '${run.chargeback.moment}': the provider held nothing of ${run.chargeback.intentId}`,
        );
      return;
    }
    const disputeId = disputeIdFor(orderId);
    const deadline = Date.now() + 240_000;
    const { part, amount: takenBack } = run.chargeback!;
    let settling = false;
    for (;;) {
      const order = await getOrder(orderId, run.buyer);
      if (FINAL.includes(order.status)) return;
      if (order.status === 'disputed' && !settling) {
        const dispute = await api.call({ user: run.buyer }, (sdk) =>
          sdk.GET('/v1/disputes/{id}', byId(disputeId)),
        );
        if (dispute.data?.reason === 'chargeback') {
          settling = true;
          run.disputeId = disputeId;
          const res =
            run.index % 2 === 0
              ? await api.call({ user: run.seller, role: 'seller' }, (sdk) =>
                  sdk.POST('/v1/disputes/{id}/accept', {
                    ...byId(disputeId),
                    headers: idempotencyKey(key(run, 'chargeback-accept')),
                  }),
                )
              : await api.call({ user: operator, role: 'operator' }, (sdk) =>
                  sdk.POST('/v1/disputes/{id}/resolve', {
                    ...byId(disputeId),
                    headers: idempotencyKey(key(run, 'chargeback-resolve')),
                    body:
                      part === 'partial' && takenBack! < order.amount
                        ? { outcome: 'split', refundAmount: takenBack!, restock: false }
                        : { outcome: 'refund', restock: false },
                  }),
                );
          if (res.status !== 200 && !(res.status === 409 && res.body?.code === 'invalid_state'))
            throw new Error(`settling the chargeback dispute: ${res.status} ${JSON.stringify(res.body)}`);
        }
      }
      if (Date.now() > deadline)
        throw new Error(`charged back (${run.chargeback?.moment}), order still ${order.status} after 240 s`);
      await sleep(400);
    }
  }

  /** Pays with a card whose capture answers late and cancels as soon as the order is authorized. */
  async function cancelDuringCapture(run: OrderRun): Promise<void> {
    const orderId = run.orderId!;
    const seen = await waitForOrder(
      orderId,
      run.buyer,
      (o) => !['pending', 'reserved'].includes(o.status),
      120_000,
      50,
    );
    run.cancelledWhen = seen.status;
    if (FINAL.includes(seen.status)) return;
    const res = await api.call({ user: run.buyer }, (sdk) =>
      sdk.POST('/v1/orders/{id}/cancel', { ...byId(orderId), headers: idempotencyKey(key(run, 'cancel')) }),
    );
    run.cancelAnswer = res.status;
    if (res.status !== 200 && res.status !== 202) {
      const status = (await getOrder(orderId, run.buyer)).status;
      if (!(res.status === 409 && res.body?.code === 'invalid_state' && FINAL.includes(status)))
        throw new Error(
          `cancel during capture: ${[...res.trail, `${res.status} ${res.body?.code ?? ''} ${res.body?.detail ?? ''}`].join(' → ')} (order ${status})`,
        );
    }
    await waitForOrder(orderId, run.buyer, (o) => FINAL.includes(o.status), 240_000);
  }

  async function drive(run: OrderRun, listingId: string): Promise<void> {
    await create(run, listingId);
    if (run.orderId) await follow(run);
  }

  /**
   * An order that exists (`run.orderId`) through the rest of its scenario: also the orders that
   * accepted offers and auction ends place (chaos/offers.ts, chaos/auctions.ts).
   */
  async function follow(run: OrderRun): Promise<void> {
    const orderId = run.orderId!;
    if (run.scenario === 'cancel_capture') return cancelDuringCapture(run);
    // Paid means the escrow workflow runs once the ship-by deadline is on the order.
    const paid = await waitForOrder(
      orderId,
      run.buyer,
      (o) => FINAL.includes(o.status) || (o.status === 'paid' && !!o.deadlines?.shipBy),
    );
    if (paid.status !== 'paid') return;
    const cancelBy = run.cancelBy === 'seller' ? run.seller : run.buyer;
    const ship: Step = {
      name: 'ship',
      user: run.seller,
      role: 'seller',
      write: (sdk, headers) =>
        sdk.POST('/v1/orders/{id}/ship', {
          ...byId(orderId),
          headers,
          body: { carrier: 'DHL', trackingNumber: `CHAOS${run.index}` },
        }),
    };
    const confirm: Step = {
      name: 'confirm',
      user: run.buyer,
      write: (sdk, headers) => sdk.POST('/v1/orders/{id}/confirm-delivery', { ...byId(orderId), headers }),
    };
    const cancel: Step = {
      name: 'cancel',
      user: cancelBy,
      write: (sdk, headers) => sdk.POST('/v1/orders/{id}/cancel', { ...byId(orderId), headers }),
    };

    if (run.chargebackAt === 'paid') {
      run.chargeback = await bank.chargeBack(orderId, 'paid', run.chargebackPart ?? 'full');
      return settleChargeback(run);
    }
    if (run.scenario === 'cancel') {
      if (run.chargebackAt === 'cancel') {
        // Nothing to dispute: the cancel refund came first and the order ends cancelled as planned.
        await raceChargeback(run, 'cancel', cancel);
        return settleChargeback(run);
      }
      await act(run, 'cancel', cancelBy, cancel.write, (s) => s === 'cancelled');
      return;
    }
    if (run.chargebackAt === 'ship') {
      await raceChargeback(run, 'ship', ship);
      return settleChargeback(run);
    }
    await act(
      run,
      'ship',
      run.seller,
      ship.write,
      (s) => !['paid', 'pending', 'reserved', 'authorized'].includes(s),
      'seller',
    );
    if (run.chargebackAt === 'confirm') {
      await raceChargeback(run, 'confirm', confirm);
      return settleChargeback(run);
    }
    await act(run, 'confirm', run.buyer, confirm.write, (s) =>
      ['delivered', 'disputed', ...FINAL].includes(s),
    );
    if (run.scenario !== 'dispute') return;

    const opened = await api.call({ user: run.buyer }, (sdk) =>
      sdk.POST('/v1/orders/{id}/disputes', {
        ...byId(orderId),
        headers: idempotencyKey(key(run, 'dispute')),
        body: { reason: 'not_as_described', description: `chaos order ${run.index}: scratched` },
      }),
    );
    if (opened.status !== 201) {
      if (opened.status !== 409 || opened.body?.code !== 'invalid_state')
        throw new Error(`dispute: ${opened.status} ${JSON.stringify(opened.body)}`);
      const status = await statusAfterConflict(run, opened, run.buyer, (s) => s !== 'delivered');
      if (status === 'completed') {
        run.disputeMissed = true; // the dispute window (1.5 s) closed first
        return;
      }
      if (status !== 'disputed' && !['refunded', 'split'].includes(status))
        throw new Error(`dispute: ${[...opened.trail, '409'].join(' → ')} while the order is ${status}`);
      run.alreadyDone.push('dispute');
      if (opened.attempts > 1) run.notes.push(replayBroken('dispute', opened, status));
    }
    const disputeId = opened.data?.id ?? disputeIdFor(orderId);
    run.disputeId = disputeId;

    // The seller contests, then an operator decides.
    const disputeStatus = async () =>
      (await api.call({ user: run.buyer }, (sdk) => sdk.GET('/v1/disputes/{id}', byId(disputeId)))).data
        ?.status;
    const contested = await api.call({ user: run.seller, role: 'seller' }, (sdk) =>
      sdk.POST('/v1/disputes/{id}/evidence', {
        ...byId(disputeId),
        headers: idempotencyKey(key(run, 'evidence')),
        body: { text: 'It left here in perfect condition; photos attached.' },
      }),
    );
    if (contested.status !== 200) {
      const now = await disputeStatus();
      if (contested.status !== 409 || now === 'open')
        throw new Error(`evidence: ${contested.status} ${JSON.stringify(contested.body)}`);
      if (contested.attempts > 1) run.notes.push(replayBroken('evidence', contested, `dispute ${now}`));
    }
    if (run.chargebackAt === 'dispute') {
      // The bank decides the open dispute (all of it) or bounds it (a part: the operator then refunds
      // at least that much).
      run.chargeback = await bank.chargeBack(orderId, 'dispute', run.chargebackPart ?? 'full');
      if (run.chargeback.result !== 'charged_back' || run.chargeback.part === 'full')
        return settleChargeback(run);
    }
    await decideDispute(run, disputeId, paid.amount, disputeStatus);
  }

  /**
   * The contested dispute's end: an operator resolves as planned (for a chargeback at the resolution
   * and a planned refund, the seller accepts instead on even orders), with the bank's chargeback
   * beside the decision (`resolve`) or right after its answer (`resolved`) when planned.
   */
  async function decideDispute(
    run: OrderRun,
    disputeId: string,
    amount: number,
    disputeStatus: () => Promise<string | undefined>,
  ): Promise<void> {
    const atResolution = AT_RESOLUTION.includes(run.chargebackAt!);
    const step: Step =
      atResolution && run.resolution === 'refund' && run.index % 2 === 0
        ? {
            name: 'accept',
            user: run.seller,
            role: 'seller',
            write: (sdk, headers) => sdk.POST('/v1/disputes/{id}/accept', { ...byId(disputeId), headers }),
          }
        : resolveStep(disputeId, 'resolve', resolveBody(run, amount));
    const decided =
      run.chargebackAt === 'resolve'
        ? await raceChargeback(run, 'resolve', step)
        : await api.call({ user: step.user, role: step.role! }, (sdk) =>
            step.write(sdk, idempotencyKey(key(run, step.name))),
          );
    if (decided.status !== 200) {
      if (decided.status !== 409)
        throw new Error(`${step.name}: ${decided.status} ${JSON.stringify(decided.body)}`);
      if (/chargeback returned/.test(decided.body?.detail ?? '')) {
        // The bank's part reached the dispute first and the decision gave the buyer less: decide again.
        const again = resolveStep(disputeId, 'resolve-after-chargeback', resolveBody(run, amount));
        const res = await api.call({ user: operator, role: 'operator' }, (sdk) =>
          again.write(sdk, idempotencyKey(key(run, again.name))),
        );
        if (res.status !== 200 && !(res.status === 409 && (await resolvedSoon(disputeStatus))))
          throw new Error(`${again.name}: ${res.status} ${JSON.stringify(res.body)}`);
      } else if (!(await resolvedSoon(disputeStatus))) {
        throw new Error(
          `${step.name}: ${decided.status} ${JSON.stringify(decided.body)}, dispute not resolved`,
        );
      } else if (run.chargebackAt !== 'resolve') {
        run.alreadyDone.push(step.name);
        if (decided.attempts > 1) run.notes.push(replayBroken(step.name, decided, 'dispute resolved'));
      }
    }
    if (run.chargebackAt === 'resolved')
      run.chargeback = await bank.chargeBack(run.orderId!, 'resolved', run.chargebackPart ?? 'full');
  }

  /** The operator's resolution as a step of the load. */
  function resolveStep(disputeId: string, name: string, body: ResolveBody): Step {
    return {
      name,
      user: operator,
      role: 'operator',
      write: (sdk, headers) => sdk.POST('/v1/disputes/{id}/resolve', { ...byId(disputeId), headers, body }),
    };
  }

  return { createListings, drive, follow, getOrder };
}

type ResolveBody =
  | { outcome: 'refund'; restock: boolean }
  | { outcome: 'release' }
  | { outcome: 'split'; refundAmount: number; restock: boolean };

/**
 * The operator's planned resolution of a contested dispute of `amount`, raised to refund at least what
 * the bank is known to have taken back already (a release becomes a split), as the platform requires.
 */
export function resolveBody(run: OrderRun, amount: number): ResolveBody {
  const planned =
    run.resolution === 'split' ? Math.floor(amount / 3) : run.resolution === 'refund' ? amount : 0;
  const takenBack = run.chargeback?.result === 'charged_back' ? (run.chargeback.amount ?? amount) : 0;
  const refund = Math.max(planned, takenBack);
  const restock = !!run.restock;
  if (refund >= amount) return { outcome: 'refund', restock };
  if (refund <= 0) return { outcome: 'release' };
  return { outcome: 'split', refundAmount: refund, restock };
}

/** Whether the dispute shows resolved within two minutes (a decision being recorded, maybe the bank's). */
async function resolvedSoon(disputeStatus: () => Promise<string | undefined>): Promise<boolean> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    if ((await disputeStatus()) === 'resolved') return true;
    if (Date.now() > deadline) return false;
    await sleep(500);
  }
}
