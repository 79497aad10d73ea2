/**
 * What must hold for the chaos run's auctions once they settled (docs/design.md "Auctions"): each
 * ended with a result; a sold auction has exactly one order that did not fail, for the bidder and at
 * the price the proxy rule gives from its bid rows (for a second chance: the rows without the failed
 * winner); an unsold one has no order and bids that never met the reserve; a payment_failed one only
 * failed orders. The pure rule first, then the reads behind it.
 */
import type postgres from 'postgres';
import {
  type AcceptedBid,
  type AuctionTerms,
  auctionOrderId,
  reserveMet,
  type Standing,
  standingOf,
} from '../domain/auction.js';
import type { AuctionRun } from './auctions.js';
import { type Check, countBy } from './checks.js';

type Sql = ReturnType<typeof postgres>;

export interface AuctionRow {
  listing_id: string;
  status: string;
  result: string | null;
  order_id: string | null;
  winner_id: string | null;
  terms: AuctionTerms;
}

export interface AuctionOrder {
  id: string;
  buyer_id: string;
  amount: number;
  status: string;
}

/** What is wrong with one auction's end, against its accepted bids and the orders on its listing. */
export function auctionProblems(a: AuctionRow, bids: AcceptedBid[], orders: AuctionOrder[]): string[] {
  const at = `auction ${a.listing_id}`;
  if (a.status !== 'ended' || !a.result) return [`${at}: ${a.status}, result ${a.result ?? 'none'}`];
  const id = (attempt: 1 | 2) => auctionOrderId({ listingId: a.listing_id }, attempt);
  const problems: string[] = [];
  const strangers = orders.filter((o) => o.id !== id(1) && o.id !== id(2));
  if (strangers.length) problems.push(`${at}: orders not of the auction: ${strangers.map((o) => o.id)}`);
  const first = orders.find((o) => o.id === id(1));
  const second = orders.find((o) => o.id === id(2));
  const winner = standingOf(a.terms, bids);
  const failed = (o: AuctionOrder | undefined) => o?.status === 'failed';
  // The second chance's standing: the bids without the winner whose order failed.
  const fallback = first && failed(first) ? standingOf(a.terms, bids, first.buyer_id) : undefined;
  const sells = (s: Standing | undefined) => !!s && s.leaderId !== undefined && reserveMet(a.terms, s);
  const shouldBe = (o: AuctionOrder | undefined, s: Standing, which: string) => {
    if (!o) return problems.push(`${at}: ${a.result}, but no ${which} order`);
    if (o.buyer_id !== s.leaderId || o.amount !== s.currentPrice)
      problems.push(
        `${at}: ${which} order ${o.id} to ${o.buyer_id} at ${o.amount}, the bids give ${s.leaderId} at ${s.currentPrice}`,
      );
  };
  switch (a.result) {
    case 'unsold':
      if (orders.length) problems.push(`${at}: unsold with orders ${orders.map((o) => o.id)}`);
      if (sells(winner)) problems.push(`${at}: unsold, but ${winner.leaderId} met the reserve`);
      break;
    case 'sold': {
      const live = orders.filter((o) => !failed(o));
      if (live.length !== 1) problems.push(`${at}: sold with ${live.length} orders that did not fail`);
      const sale = fallback ? second : first;
      shouldBe(sale, fallback ?? winner, fallback ? 'second-chance' : "winner's");
      if (sale && (a.order_id !== sale.id || a.winner_id !== sale.buyer_id))
        problems.push(`${at}: outcome names ${a.order_id} for ${a.winner_id}, the sale is ${sale.id}`);
      break;
    }
    case 'payment_failed':
      if (!first || !failed(first)) problems.push(`${at}: payment_failed, winner's order ${first?.status}`);
      if (second && !failed(second)) problems.push(`${at}: payment_failed, second chance ${second.status}`);
      if (!second && sells(fallback))
        problems.push(`${at}: payment_failed, no second chance for ${fallback?.leaderId}`);
      if (first) shouldBe(first, winner, "winner's");
      break;
    default:
      problems.push(`${at}: result ${a.result}`);
  }
  return problems;
}

export async function auctionsOf(sql: Sql, runId: string): Promise<AuctionRow[]> {
  const rows = await sql<
    {
      listing_id: string;
      status: string;
      result: string | null;
      order_id: string | null;
      winner_id: string | null;
      start_amount: string;
      reserve_amount: string | null;
      bid_increment: string;
    }[]
  >`
    select listing_id, status, result, order_id, winner_id, start_amount::text,
      reserve_amount::text, bid_increment::text
    from auctions where seller_id like ${`${runId}-as%`} order by created_at`;
  return rows.map(({ start_amount, reserve_amount, bid_increment, ...r }) => ({
    ...r,
    terms: {
      startAmount: Number(start_amount),
      bidIncrement: Number(bid_increment),
      ...(reserve_amount !== null && { reserveAmount: Number(reserve_amount) }),
    },
  }));
}

/** Every auction's end against its bid rows; its orders' ids for the money checks. */
export async function checkAuctions(
  sql: Sql,
  runId: string,
  runs: AuctionRun[],
): Promise<{ check: Check; orderIds: string[]; byResult: Record<string, number> }> {
  const auctions = await auctionsOf(sql, runId);
  const listingIds = auctions.map((a) => a.listing_id);
  const bids = await sql<{ listing_id: string; bidder_id: string; max_amount: string; seq: number }[]>`
    select listing_id, bidder_id, max_amount::text, seq from bids where listing_id = any(${listingIds})`;
  const orders = await sql<
    { id: string; listing_id: string; buyer_id: string; amount: string; status: string }[]
  >`
    select id, listing_id, buyer_id, amount::text, status from orders where listing_id = any(${listingIds})`;
  const problems = auctions.flatMap((a) =>
    auctionProblems(
      a,
      bids
        .filter((b) => b.listing_id === a.listing_id)
        .map((b) => ({ bidderId: b.bidder_id, maxAmount: Number(b.max_amount), seq: b.seq })),
      orders.filter((o) => o.listing_id === a.listing_id).map((o) => ({ ...o, amount: Number(o.amount) })),
    ),
  );
  const listed = runs.filter((r) => r.listingId).length;
  if (listed !== auctions.length)
    problems.push(`${listed} auctions listed by the load, ${auctions.length} in the database`);
  const byResult = countBy(auctions.map((a) => a.result ?? a.status));
  return {
    check: {
      name: 'auctions: each sold one has one order at the proxy-rule price from its bids; unsold ones none',
      ok: problems.length === 0,
      detail: problems.length
        ? problems.join('; ')
        : `${auctions.length} auctions ${JSON.stringify(byResult)}, ${bids.length} bids, ${orders.length} orders`,
    },
    orderIds: orders.map((o) => o.id),
    byResult,
  };
}
