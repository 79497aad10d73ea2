/**
 * Auctions in the chaos mix (docs/design.md "Auctions"): a seeded plan of short auctions (seconds,
 * the chaos stack's soft close too), each bid on by a few bidders through the HTTP API beside the
 * purchases, some with a bid in the soft close, half with a worker SIGKILL timed at their end: sold
 * (the winner's order then goes the normal way to completed through load.ts), reserve not met, no
 * bids, and a second chance (the winner's card declines at the end, the next bidder buys at the
 * price the remaining bids give). auction-checks.ts checks each end against its bid rows.
 */
import type { components } from '../client/index.js';
import {
  type AuctionTerms,
  isRefusal,
  minimumBid,
  openingStanding,
  placeBid,
  type Standing,
} from '../domain/auction.js';
import { seededRandom } from '../sandbox/faults.js';
import { type ApiClient, idempotencyKey, sleep } from './client.js';
import type { OrderRun } from './load.js';

type AuctionView = components['schemas']['Auction'];

export const AUCTION_SCENARIOS = ['sold', 'second_chance', 'reserve_not_met', 'sold', 'no_bids'] as const;
export type AuctionScenario = (typeof AUCTION_SCENARIOS)[number];

export interface PlannedBid {
  bidder: string;
  maxAmount: number;
  paymentMethod: string;
  /** When to send it, ms after the listing was created. */
  atMs: number;
}

export interface AuctionCase {
  index: number;
  scenario: AuctionScenario;
  seller: string;
  terms: AuctionTerms;
  durationMs: number;
  bids: PlannedBid[];
  /** A worker SIGKILL at the auction's end (its timer fires, or the sale starts, while it is down). */
  killAtEnd: boolean;
}

export interface AuctionRun extends AuctionCase {
  listingId?: string;
  /** Bids the API took (201), refused as late (409 auction_closed) or below the minimum (422). */
  accepted: number;
  closedRefusals: number;
  lowRefusals: number;
  /** The end a bid in the soft close moved the auction to, if one did. */
  extended?: boolean;
  killedAtEnd?: boolean;
  outcome?: NonNullable<AuctionView['outcome']>;
  /** The sale's order, followed to its end through load.ts. */
  order?: OrderRun;
  error?: string;
  notes: string[];
}

/** Index of the first order run an auction places (keys `${runId}:${index}:…` stay apart). */
export const AUCTION_ORDER_INDEX = 200_000;
const BIDDERS = 3;
const INCREMENT = 100;
/** The chaos stack's AUCTION_SOFT_CLOSE_MS: a bid this close to the end moves it. */
export const CHAOS_SOFT_CLOSE_MS = 3_000;

/** The cases: scenarios in turn, bids valid under the proxy rule as they will be sent (in order). */
export function planAuctions(runId: string, count: number, seed: number) {
  const random = seededRandom(seed + 4_000_037);
  const sellers = Array.from({ length: Math.max(2, Math.ceil(count / 5)) }, (_, i) => `${runId}-as${i}`);
  const cases: AuctionCase[] = Array.from({ length: count }, (_, index) => {
    const scenario = AUCTION_SCENARIOS[index % AUCTION_SCENARIOS.length]!;
    const startAmount = 1_000 + Math.floor(random() * 20) * 100;
    const terms: AuctionTerms = {
      startAmount,
      bidIncrement: INCREMENT,
      ...(scenario === 'reserve_not_met'
        ? { reserveAmount: startAmount + 10_000 }
        : index % 2 === 0 && { reserveAmount: startAmount + 500 }),
    };
    const durationMs = 12_000 + Math.floor(random() * 8) * 1_000;
    const bidders = Array.from({ length: BIDDERS }, (_, k) => `${runId}-ab${index}x${k}`);
    const bids = scenario === 'no_bids' ? [] : planBids(terms, bidders, durationMs, random, scenario);
    // Every third auction with bids gets its last one inside the soft close.
    if (bids.length && index % 3 === 0) bids.at(-1)!.atMs = durationMs - CHAOS_SOFT_CLOSE_MS / 2;
    return {
      index,
      scenario,
      seller: sellers[index % sellers.length]!,
      terms,
      durationMs,
      bids,
      killAtEnd: index % 2 === 0,
    };
  });
  return { sellers, cases };
}

/**
 * Six bids by the bidders in turn, each a little above what the proxy rule asks of its bidder then;
 * under a reserve not to be met they stay below it. For a second chance, the last bid is the
 * highest, from a bidder whose card will decline at the end.
 */
function planBids(
  terms: AuctionTerms,
  bidders: string[],
  durationMs: number,
  random: () => number,
  scenario: AuctionScenario,
): PlannedBid[] {
  const count = 6;
  const bids: PlannedBid[] = [];
  let standing: Standing = openingStanding(terms);
  for (let j = 0; j < count; j++) {
    const declining = scenario === 'second_chance' && j === count - 1;
    const bidder = declining ? bidders[0]! : bidders[1 + (j % (bidders.length - 1))]!;
    const least = minimumBid(terms, standing, bidder);
    const maxAmount = declining ? least + 20 * INCREMENT : least + Math.floor(random() * 4) * INCREMENT;
    if (
      terms.reserveAmount !== undefined &&
      scenario === 'reserve_not_met' &&
      maxAmount >= terms.reserveAmount
    )
      break;
    const outcome = placeBid(terms, standing, { bidderId: bidder, maxAmount });
    if (isRefusal(outcome)) throw new Error(`planned bid refused: ${JSON.stringify(outcome)}`);
    standing = outcome.standing;
    bids.push({
      bidder,
      maxAmount,
      paymentMethod: declining ? 'pm_card_declined' : 'pm_card_ok',
      atMs: Math.round(durationMs * (0.1 + (0.6 * j) / count)),
    });
  }
  return bids;
}

export function createAuctionLoad(
  api: ApiClient,
  runId: string,
  follow: (run: OrderRun) => Promise<void>,
  killWorker: () => Promise<void>,
) {
  const key = (run: AuctionRun, step: string) => `${runId}:auction${run.index}:${step}`;

  async function createListing(run: AuctionRun, endsAt: number): Promise<string> {
    const { startAmount, reserveAmount, bidIncrement } = run.terms;
    const res = await api.call({ user: run.seller, role: 'seller' }, (sdk) =>
      sdk.POST('/v1/listings', {
        headers: idempotencyKey(key(run, 'listing')),
        body: {
          title: `chaos auction ${run.index} (${run.scenario})`,
          currency: 'EUR',
          quantity: 1,
          format: 'auction',
          auction: {
            startAmount,
            ...(reserveAmount !== undefined && { reserveAmount }),
            bidIncrement,
            endsAt: new Date(endsAt).toISOString(),
          },
        },
      }),
    );
    if (res.status !== 201 || !res.data)
      throw new Error(`auction listing ${run.index}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.data.id;
  }

  async function placeBids(run: AuctionRun, listedAt: number): Promise<number> {
    let endsAt = listedAt + run.durationMs;
    for (const [j, bid] of run.bids.entries()) {
      await sleep(Math.max(0, listedAt + bid.atMs - Date.now()));
      const res = await api.call({ user: bid.bidder }, (sdk) =>
        sdk.POST('/v1/listings/{id}/bids', {
          params: { path: { id: run.listingId! } },
          headers: idempotencyKey(key(run, `bid-${j}`)),
          body: { maxAmount: bid.maxAmount, paymentMethod: bid.paymentMethod },
        }),
      );
      if (res.status === 201 && res.data) {
        run.accepted += 1;
        const moved = Date.parse(res.data.endsAt);
        if (moved > endsAt) run.extended = true;
        endsAt = Math.max(endsAt, moved);
      } else if (res.status === 409 && res.body?.code === 'auction_closed') run.closedRefusals += 1;
      else if (res.status === 422 && res.body?.code === 'bid_too_low') {
        // Bids go one at a time in the planned order: only a replay gone wrong refuses one.
        run.lowRefusals += 1;
        run.notes.push(`bid ${j}: ${[...res.trail, `422 bid_too_low ${res.body?.minimumBid}`].join(' → ')}`);
      } else throw new Error(`bid ${j}: ${res.status} ${JSON.stringify(res.body)}`);
    }
    return endsAt;
  }

  /** The auction as its seller sees it once settled (the sale's payment known); minutes under chaos. */
  async function waitForOutcome(run: AuctionRun): Promise<NonNullable<AuctionView['outcome']>> {
    const deadline = Date.now() + 300_000;
    for (;;) {
      const res = await api.call({ user: run.seller, role: 'seller' }, (sdk) =>
        sdk.GET('/v1/listings/{id}/auction', { params: { path: { id: run.listingId! } } }),
      );
      if (res.data?.outcome) return res.data.outcome;
      if (Date.now() > deadline)
        throw new Error(`auction ${run.listingId} not settled 300 s after its end (${res.data?.status})`);
      await sleep(1_000);
    }
  }

  async function drive(run: AuctionRun, orderIndex: number): Promise<void> {
    const listedAt = Date.now();
    run.listingId = await createListing(run, listedAt + run.durationMs);
    const endsAt = await placeBids(run, listedAt);
    if (run.killAtEnd) {
      await sleep(Math.max(0, endsAt - Date.now()));
      await killWorker();
      run.killedAtEnd = true;
    }
    run.outcome = await waitForOutcome(run);
    if (run.outcome.result !== 'sold' || !run.outcome.orderId) return;
    run.order = {
      index: orderIndex,
      scenario: 'normal',
      buyer: run.outcome.winnerId!,
      seller: run.seller,
      listing: `auction-${run.index}`,
      paymentMethod: 'pm_card_ok',
      waitForPayment: false,
      orderId: run.outcome.orderId,
      alreadyDone: [],
      notes: [],
    };
    await follow(run.order);
  }

  return { drive: (run: AuctionRun) => drive(run, AUCTION_ORDER_INDEX + run.index) };
}
