/**
 * One auction (`auction-<listingId>`), type `auctionWorkflow`: the end as a durable timer, re-armed by
 * soft-close extensions → the end taken under the auction row's lock (a late bid that moved it keeps
 * the auction open) → reserve not met: unsold; met: the winner's order at the current price through
 * `order-<id>`; its payment failing, once, a second-chance order for the next bidder at the price the
 * others' bids give → the outcome and the notices. Bids never pass through here: they are guarded
 * writes on the auction row (db/queries/auctions.ts, docs/adr/0014).
 */
import {
  condition,
  continueAsNew,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import {
  type AuctionInput,
  type AuctionOutcome,
  auctionOrderId,
  reserveMet,
  type Standing,
  standingOf,
} from '../domain/auction.js';
import type { NotifyInput } from '../domain/notifications.js';
import { SA } from '../domain/search-attributes.js';
import { type AuctionProgress, auctionExtendedSignal, auctionProgressQuery } from './auction/messages.js';
import { type Sale, sell } from './auction/sell.js';
import { afterHandlers } from './handlers-finished.js';
import { localActivities, localDatabaseStep } from './options.js';

export { auctionWorkflowId } from '../domain/auction.js';
export { auctionExtendedSignal, auctionProgressQuery } from './auction/messages.js';

const db = localActivities(localDatabaseStep);
type Bid = { bidderId: string; maxAmount: number; seq: number; paymentMethod: string };

export function auctionWorkflow(input: AuctionInput): Promise<AuctionOutcome> {
  return afterHandlers(runAuction(input));
}

async function runAuction(input: AuctionInput): Promise<AuctionOutcome> {
  const progress: AuctionProgress = { listingId: input.listingId, endsAt: input.endsAt, phase: 'open' };
  let endsAt = Date.parse(input.endsAt);
  const moveEnd = (to: number) => {
    endsAt = Math.max(endsAt, to);
    progress.endsAt = new Date(endsAt).toISOString();
  };
  setHandler(auctionExtendedSignal, ({ endsAt: to }) => moveEnd(Date.parse(to)));
  setHandler(auctionProgressQuery, () => progress);
  upsertSearchAttributes([
    { key: SA.SellerId, value: input.sellerId },
    { key: SA.Currency, value: input.currency },
    { key: SA.AmountMinor, value: input.terms.startAmount },
  ]);

  let standing: Standing;
  let bids: Bid[];
  for (;;) {
    // Each extension is a signal: a long soft-close rush starts a fresh history rather than outgrow one.
    if (workflowInfo().continueAsNewSuggested)
      await continueAsNew<typeof auctionWorkflow>({ ...input, endsAt: progress.endsAt });
    const armed = endsAt;
    if (armed > Date.now()) {
      await condition(() => endsAt !== armed, armed - Date.now());
      continue;
    }
    const closed = await db.closeAuction({ listingId: input.listingId, at: new Date().toISOString() });
    if (closed.status === 'open') {
      moveEnd(Date.parse(closed.endsAt));
      continue;
    }
    ({ standing, bids } = closed);
    break;
  }

  progress.phase = 'selling';
  const outcome = await settle(input, standing, bids);
  progress.phase = 'ended';
  progress.outcome = outcome;
  await db.recordAuctionOutcome({
    listingId: input.listingId,
    outcome,
    notify: notices(input, outcome, bids),
  });
  return outcome;
}

/** The reserve, the winner's order, and once the second chance. */
async function settle(input: AuctionInput, standing: Standing, bids: Bid[]): Promise<AuctionOutcome> {
  const { terms } = input;
  if (!reserveMet(terms, standing)) return { result: 'unsold' };
  const winner = saleTo(input, 1, standing, bids);
  if ((await sell(input, winner)) === 'paid') return sold(winner, 1);
  const next = standingOf(terms, bids, winner.buyerId);
  if (!reserveMet(terms, next)) return { result: 'payment_failed' };
  const second = saleTo(input, 2, next, bids);
  if ((await sell(input, second)) === 'paid') return sold(second, 2);
  return { result: 'payment_failed' };
}

function saleTo(input: AuctionInput, attempt: 1 | 2, s: Standing, bids: Bid[]): Sale {
  const buyerId = s.leaderId!;
  const last = bids.filter((b) => b.bidderId === buyerId).at(-1)!;
  return {
    orderId: auctionOrderId(input, attempt),
    buyerId,
    amount: s.currentPrice,
    paymentMethod: last.paymentMethod,
  };
}

function sold(sale: Sale, attempt: 1 | 2): AuctionOutcome {
  upsertSearchAttributes([
    { key: SA.OrderId, value: sale.orderId },
    { key: SA.BuyerId, value: sale.buyerId },
    { key: SA.AmountMinor, value: sale.amount },
  ]);
  return { result: 'sold', orderId: sale.orderId, winnerId: sale.buyerId, amount: sale.amount, attempt };
}

/** `auction.won` to the buyer of the sale, `auction.lost` to every other bidder, `auction.ended` to the seller. */
function notices(input: AuctionInput, outcome: AuctionOutcome, bids: Bid[]): NotifyInput[] {
  const scope = `auction-${input.listingId}:notify`;
  const payload = {
    listingId: input.listingId,
    title: input.title,
    currency: input.currency,
    result: outcome.result,
    ...(outcome.amount !== undefined && { amount: outcome.amount }),
  };
  const bidders = [...new Set(bids.map((b) => b.bidderId))];
  const toBidder = (userId: string): NotifyInput => {
    const won = userId === outcome.winnerId;
    return {
      dedupeKey: `${scope}:${userId}:${won ? 'won' : 'lost'}`,
      userId,
      type: won ? 'auction.won' : 'auction.lost',
      ...(won && outcome.orderId && { orderId: outcome.orderId }),
      payload: { ...payload, ...(won && outcome.orderId && { orderId: outcome.orderId }) },
    };
  };
  return [
    ...bidders.map(toBidder),
    {
      dedupeKey: `${scope}:${input.sellerId}:ended`,
      userId: input.sellerId,
      type: 'auction.ended',
      ...(outcome.orderId && { orderId: outcome.orderId }),
      payload: {
        ...payload,
        bidCount: bids.length,
        ...(outcome.orderId && { orderId: outcome.orderId, winnerId: outcome.winnerId }),
      },
    },
  ];
}
