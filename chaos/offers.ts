/**
 * Offers in the chaos mix (docs/design.md "Offers"): a seeded plan of negotiations, each on a
 * single-unit listing of its own, driven through the HTTP API beside the purchases: accepted (at
 * once, after a chain of counters, or at once by the listing's threshold), declined by either party
 * or by the threshold, withdrawn, expired (the chaos stack's OFFER_TTL_MS is seconds), sold out by
 * another buyer's acceptance, and a declined card. An accepted offer's order then goes the normal
 * way (shipped, delivered, completed) through load.ts. offer-checks.ts checks the holds and orders.
 */
import type { components } from '../client/index.js';
import { seededRandom } from '../sandbox/faults.js';
import { type ApiClient, type ApiResponse, idempotencyKey, sleep } from './client.js';
import type { OrderRun } from './load.js';

export const OFFER_SCENARIOS = [
  'accept',
  'counter_chain',
  'seller_declines',
  'buyer_declines',
  'withdraw',
  'expire',
  'expire_after_counter',
  'sold_out',
  'auto_accept',
  'auto_decline',
  'card_declined',
] as const;
export type OfferScenario = (typeof OFFER_SCENARIOS)[number];

type Offer = components['schemas']['Offer'];

/** The buyers of a sold_out case: all offer, the seller accepts the one at this position. */
const SOLD_OUT_BUYERS = 3;
const SOLD_OUT_ACCEPTED = 1;

export interface OfferCase {
  index: number;
  scenario: OfferScenario;
  seller: string;
  /** One buyer, or SOLD_OUT_BUYERS for sold_out. */
  buyers: string[];
  /** The listing's price (its quantity is 1). */
  price: number;
}

export interface OfferRun extends OfferCase {
  listingId?: string;
  /** Per buyer, the offer made (absent if the API refused it). */
  offerIds: string[];
  /** Per offer, its final status as the API showed it (`declined:sold_out` with the reason). */
  ended: string[];
  /** The orders accepted offers placed, followed to their end through load.ts. */
  orders: OrderRun[];
  /** A move the API refused because the offer had just expired (the chaos delayed it past the TTL). */
  expiredBeforeMove?: boolean;
  error?: string;
  notes: string[];
}

/** Index of the first order run an offer places (keys `${runId}:${index}:…` stay apart from purchases). */
export const OFFER_ORDER_INDEX = 100_000;

/** The cases: every scenario in turn (a short run sees each once), the prices seeded. */
export function planOffers(runId: string, count: number, seed: number) {
  const random = seededRandom(seed + 3_000_017);
  const sellers = Array.from({ length: Math.max(2, Math.ceil(count / 8)) }, (_, i) => `${runId}-os${i}`);
  const cases: OfferCase[] = Array.from({ length: count }, (_, index) => {
    const scenario = OFFER_SCENARIOS[index % OFFER_SCENARIOS.length]!;
    const buyers = Array.from(
      { length: scenario === 'sold_out' ? SOLD_OUT_BUYERS : 1 },
      (_, k) => `${runId}-ob${index}x${k}`,
    );
    return {
      index,
      scenario,
      seller: sellers[index % sellers.length]!,
      buyers,
      price: 5_000 + Math.floor(random() * 50) * 100,
    };
  });
  return { sellers, cases };
}

/** Amounts of a negotiation as a share of the listing's price, in whole hundreds. */
export const share = (price: number, part: number) => Math.round((price * part) / 10_000) * 100;

/**
 * What each of a case's offers must end as: `accepted`, `declined:<reason>`, `withdrawn`, `expired`,
 * `failed`. A move the chaos delayed past the offer's expiry makes `expired` right too.
 */
export function expectedOfferEnds(c: OfferCase, expiredBeforeMove = false): string[][] {
  const one = (end: string) => [expiredBeforeMove ? [end, 'expired'] : [end]];
  switch (c.scenario) {
    case 'accept':
    case 'counter_chain':
    case 'auto_accept':
      return one('accepted');
    case 'seller_declines':
      return one('declined:seller_declined');
    case 'buyer_declines':
      return one('declined:buyer_declined');
    case 'withdraw':
      return one('withdrawn');
    case 'expire':
    case 'expire_after_counter':
      return [['expired']];
    case 'auto_decline':
      return [['declined:auto_declined']];
    case 'card_declined':
      return [['failed']];
    case 'sold_out':
      return c.buyers.map((_, k) =>
        k === SOLD_OUT_ACCEPTED
          ? expiredBeforeMove
            ? ['accepted', 'expired']
            : ['accepted']
          : expiredBeforeMove
            ? ['declined:sold_out', 'expired']
            : ['declined:sold_out'],
      );
  }
}

export const endOf = (o: Pick<Offer, 'status' | 'reason'>) =>
  o.status === 'declined' ? `declined:${o.reason}` : o.status;

const LIVE = ['pending', 'countered'];

type Move = 'accept' | 'decline' | 'withdraw' | 'counter';

export function createOfferLoad(api: ApiClient, runId: string, follow: (run: OrderRun) => Promise<void>) {
  let nextOrderIndex = OFFER_ORDER_INDEX;
  const key = (run: OfferRun, step: string) => `${runId}:offer${run.index}:${step}`;

  const getOffer = async (offerId: string, user: string): Promise<Offer> => {
    const res = await api.call({ user }, (sdk) =>
      sdk.GET('/v1/offers/{id}', { params: { path: { id: offerId } } }),
    );
    if (!res.data) throw new Error(`GET offer ${offerId}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.data;
  };

  const waitForOffer = async (offerId: string, user: string, done: (o: Offer) => boolean) => {
    // An expiry is OFFER_TTL_MS away, and a Temporal restart may delay it: minutes, not seconds.
    const deadline = Date.now() + 240_000;
    for (;;) {
      const offer = await getOffer(offerId, user);
      if (done(offer)) return offer;
      if (Date.now() > deadline) throw new Error(`offer ${offerId} still ${offer.status} after 240 s`);
      await sleep(500);
    }
  };
  /** Live with its hold placed (moves are refused before), or ended. */
  const settled = (o: Offer) => !LIVE.includes(o.status) || o.expiresAt !== null;
  const ended = (o: Offer) => !LIVE.includes(o.status);

  async function createListing(run: OfferRun): Promise<string> {
    const thresholds =
      run.scenario === 'auto_accept'
        ? { autoAcceptAmount: share(run.price, 80) }
        : run.scenario === 'auto_decline'
          ? { autoDeclineAmount: share(run.price, 50) }
          : {};
    const res = await api.call({ user: run.seller, role: 'seller' }, (sdk) =>
      sdk.POST('/v1/listings', {
        headers: idempotencyKey(key(run, 'listing')),
        body: {
          title: `chaos offer ${run.index} (${run.scenario})`,
          amount: run.price,
          currency: 'EUR',
          quantity: 1,
          acceptOffers: true,
          ...thresholds,
        },
      }),
    );
    if (res.status !== 201 || !res.data)
      throw new Error(`offer listing ${run.index}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.data.id;
  }

  async function makeOffer(run: OfferRun, buyer: number, amount: number, paymentMethod = 'pm_card_ok') {
    const res = await api.call({ user: run.buyers[buyer]! }, (sdk) =>
      sdk.POST('/v1/listings/{id}/offers', {
        params: { path: { id: run.listingId! } },
        headers: idempotencyKey(key(run, `offer-${buyer}`)),
        body: { amount, paymentMethod },
      }),
    );
    if (res.status !== 201 || !res.data)
      throw new Error(`offer by buyer ${buyer}: ${res.status} ${JSON.stringify(res.body)}`);
    run.offerIds[buyer] = res.data.id;
    return waitForOffer(res.data.id, run.buyers[buyer]!, settled);
  }

  /**
   * A party's move. A 409 is fine when the offer already shows it (an earlier attempt's answer was
   * lost) or when the offer expired first (the chaos held the move past the TTL).
   */
  async function move(run: OfferRun, buyer: number, by: 'buyer' | 'seller', action: Move, amount?: number) {
    const offerId = run.offerIds[buyer]!;
    const user = by === 'buyer' ? run.buyers[buyer]! : run.seller;
    const params = { params: { path: { id: offerId } } };
    const headers = idempotencyKey(key(run, `${buyer}:${by}:${action}:${amount ?? ''}`));
    const res: ApiResponse = await api.call({ user, role: by }, (sdk) => {
      switch (action) {
        case 'counter':
          return sdk.POST('/v1/offers/{id}/counter', { ...params, headers, body: { amount: amount! } });
        case 'accept':
          return sdk.POST('/v1/offers/{id}/accept', { ...params, headers });
        case 'decline':
          return sdk.POST('/v1/offers/{id}/decline', { ...params, headers });
        case 'withdraw':
          return sdk.POST('/v1/offers/{id}/withdraw', { ...params, headers });
      }
    });
    if (res.status === 200) return;
    const now = await getOffer(offerId, user);
    const last = now.history.at(-1);
    if (res.status === 409 && last?.by === by && last.action === action) {
      if (res.attempts > 1) run.notes.push(`${action}: answer lost, the offer shows it done`);
      return;
    }
    if (res.status === 409 && now.status === 'expired') {
      run.expiredBeforeMove = true;
      return;
    }
    throw new Error(
      `${by} ${action} on ${offerId}: ${[...res.trail, `${res.status} ${res.body?.code ?? ''} ${res.body?.detail ?? ''}`].join(' → ')} (offer ${now.status})`,
    );
  }

  /** The orders of the accepted offers, to their end (shipped, delivered, completed). */
  async function followOrders(run: OfferRun, offers: Offer[]): Promise<void> {
    for (const [k, offer] of offers.entries()) {
      if (offer.status !== 'accepted' || !offer.orderId) continue;
      const order: OrderRun = {
        index: nextOrderIndex++,
        scenario: 'normal',
        buyer: run.buyers[k]!,
        seller: run.seller,
        listing: `offer-${run.index}`,
        paymentMethod: 'pm_card_ok',
        waitForPayment: false,
        orderId: offer.orderId,
        alreadyDone: [],
        notes: [],
      };
      run.orders.push(order);
      await follow(order);
    }
  }

  async function negotiate(run: OfferRun): Promise<void> {
    const { price } = run;
    switch (run.scenario) {
      case 'accept':
        await makeOffer(run, 0, share(price, 70));
        return move(run, 0, 'seller', 'accept');
      case 'counter_chain':
        // Each raise by the buyer places a new hold and voids the last: three holds, one captured.
        await makeOffer(run, 0, share(price, 70));
        await move(run, 0, 'seller', 'counter', share(price, 90));
        await move(run, 0, 'buyer', 'counter', share(price, 80));
        await move(run, 0, 'seller', 'counter', share(price, 85));
        return move(run, 0, 'buyer', 'accept');
      case 'seller_declines':
        await makeOffer(run, 0, share(price, 60));
        return move(run, 0, 'seller', 'decline');
      case 'buyer_declines':
        await makeOffer(run, 0, share(price, 60));
        await move(run, 0, 'seller', 'counter', share(price, 90));
        return move(run, 0, 'buyer', 'decline');
      case 'withdraw':
        await makeOffer(run, 0, share(price, 70));
        return move(run, 0, 'buyer', 'withdraw');
      case 'expire':
        await makeOffer(run, 0, share(price, 70));
        return;
      case 'expire_after_counter':
        await makeOffer(run, 0, share(price, 70));
        return move(run, 0, 'seller', 'counter', share(price, 90));
      case 'auto_accept':
        await makeOffer(run, 0, share(price, 85));
        return;
      case 'auto_decline':
        await makeOffer(run, 0, share(price, 40));
        return;
      case 'card_declined':
        await makeOffer(run, 0, share(price, 70), 'pm_card_declined');
        return;
      case 'sold_out':
        for (let k = 0; k < run.buyers.length; k++) await makeOffer(run, k, share(price, 60 + 5 * k));
        return move(run, SOLD_OUT_ACCEPTED, 'seller', 'accept');
    }
  }

  async function drive(run: OfferRun): Promise<void> {
    run.listingId = await createListing(run);
    await negotiate(run);
    const offers = await Promise.all(run.offerIds.map((id, k) => waitForOffer(id, run.buyers[k]!, ended)));
    run.ended = offers.map(endOf);
    await followOrders(run, offers);
  }

  return { drive };
}
