/**
 * What must hold for the chaos run's offers once they ended (docs/design.md "Offers"): no offer still
 * live; each ended as its scenario implies; an offer that did not end `accepted` holds nothing on the
 * buyer's card (every authorization of it voided at the provider); an accepted offer's order is at
 * the offer's amount and captured once, on one of the offer's own holds, with no authorization of
 * its own (the purchase captured the hold). The pure rules first, then the reads behind them.
 */
import type postgres from 'postgres';
import { auctionOrderId } from '../domain/auction.js';
import { purchaseWorkflowId } from '../domain/ids.js';
import type { IntentRecord } from '../sandbox/store.js';
import type { Check } from './checks.js';
import type { ProviderRecords } from './invariants.js';
import { expectedOfferEnds, type OfferRun } from './offers.js';

type Sql = ReturnType<typeof postgres>;

export interface OfferRow {
  id: string;
  status: string;
  reason: string | null;
  amount: number;
  order_id: string | null;
}

export interface OfferOrder {
  id: string;
  amount: number;
  status: string;
}

/**
 * What is wrong with one offer's money at the end: `intents` are the provider's intents naming the
 * offer (`metadata.offerId`) or its order (`metadata.orderId`), `effects` the provider's count of
 * effects per idempotency key.
 */
export function offerHoldProblems(
  offer: OfferRow,
  intents: IntentRecord[],
  order: OfferOrder | undefined,
  effects: Record<string, number>,
): string[] {
  const at = `offer ${offer.id} (${offer.status})`;
  if (offer.status === 'pending' || offer.status === 'countered') return [`${at}: still live`];
  const problems: string[] = [];
  const unvoided = (list: IntentRecord[]) =>
    list.filter((i) => i.status !== 'voided').map((i) => `${i.id} ${i.status} ${i.amount}`);
  if (offer.status !== 'accepted') {
    const left = unvoided(intents);
    if (left.length) problems.push(`${at}: hold not voided: ${left.join(', ')}`);
    return problems;
  }
  if (!offer.order_id || !order) return [`${at}: no order ${offer.order_id ?? ''}`.trim()];
  if (order.amount !== offer.amount)
    problems.push(`${at}: order ${order.id} at ${order.amount}, the offer at ${offer.amount}`);
  const ownAuthorizations = intents.filter((i) => i.metadata?.offerId !== offer.id);
  const authorizeKey = `${purchaseWorkflowId({ orderId: order.id })}:authorize`;
  if (ownAuthorizations.length || (effects[authorizeKey] ?? 0) > 0)
    problems.push(
      `${at}: order ${order.id} authorized again (${[...ownAuthorizations.map((i) => i.id), ...(effects[authorizeKey] ? [authorizeKey] : [])].join(', ')})`,
    );
  const captured = intents.filter((i) => i.amount_captured > 0);
  if (order.status === 'failed') {
    // An order that failed before its capture voids the hold it took over.
    if (captured.length) problems.push(`${at}: order ${order.id} failed, yet ${captured[0]!.id} captured`);
    const left = unvoided(intents);
    if (left.length) problems.push(`${at}: order ${order.id} failed, hold not voided: ${left.join(', ')}`);
    return problems;
  }
  const captures = effects[`${purchaseWorkflowId({ orderId: order.id })}:capture`] ?? 0;
  if (captured.length !== 1 || captures !== 1)
    problems.push(
      `${at}: order ${order.id} captured ${captured.length} intents, ${captures} capture effects`,
    );
  for (const i of captured)
    if (i.amount_captured !== offer.amount)
      problems.push(`${at}: ${i.id} captured ${i.amount_captured}, the offer at ${offer.amount}`);
  const replaced = intents.filter((i) => i.amount_captured === 0 && i.status !== 'voided');
  if (replaced.length)
    problems.push(
      `${at}: an earlier hold not voided: ${replaced.map((i) => `${i.id} ${i.status}`).join(', ')}`,
    );
  return problems;
}

/** The offers whose end is not one their scenario allows (offers.ts expectedOfferEnds). */
export function unexpectedOfferEnds(runs: OfferRun[], rows: Map<string, OfferRow>): string[] {
  const wrong: string[] = [];
  for (const run of runs) {
    const expected = expectedOfferEnds(run, run.expiredBeforeMove);
    for (const [k, offerId] of run.offerIds.entries()) {
      const row = rows.get(offerId);
      const end = !row ? 'missing' : row.status === 'declined' ? `declined:${row.reason}` : row.status;
      if (!expected[k]?.includes(end))
        wrong.push(`#${run.index} ${run.scenario} ${offerId}: ${end}, expected ${expected[k]?.join('|')}`);
    }
  }
  return wrong;
}

/** The intents of an offer: its holds (`metadata.offerId`) and any made for its order. */
export function intentsOfOffer(records: ProviderRecords, offer: OfferRow): IntentRecord[] {
  const orderId = offer.order_id ?? `ord_${offer.id}`;
  return records.intents.filter((i) => i.metadata?.offerId === offer.id || i.metadata?.orderId === orderId);
}

export async function offersOf(sql: Sql, runId: string): Promise<OfferRow[]> {
  const rows = await sql<(Omit<OfferRow, 'amount'> & { amount: string })[]>`
    select id, status, reason, amount::text, order_id from offers
    where seller_id like ${`${runId}-os%`} order by created_at`;
  return rows.map((r) => ({ ...r, amount: Number(r.amount) }));
}

/** Every offer's holds and order, and every offer's end as planned. */
export async function checkOffers(
  sql: Sql,
  runId: string,
  runs: OfferRun[],
  records: ProviderRecords,
  sandboxUrl: string,
): Promise<Check[]> {
  const rows = await offersOf(sql, runId);
  const orderIds = rows.flatMap((r) => (r.order_id ? [r.order_id] : []));
  const orders = await sql<{ id: string; amount: string; status: string }[]>`
    select id, amount::text, status from orders where id = any(${orderIds})`;
  const orderOf = new Map(orders.map((o) => [o.id, { ...o, amount: Number(o.amount) }]));
  const { byKey } = (await (await fetch(`${sandboxUrl}/_sandbox/effects`)).json()) as {
    byKey: Record<string, number>;
  };
  const problems = rows.flatMap((offer) =>
    offerHoldProblems(
      offer,
      intentsOfOffer(records, offer),
      offer.order_id ? orderOf.get(offer.order_id) : undefined,
      byKey,
    ),
  );
  const notAccepted = rows.filter((r) => r.status !== 'accepted').length;
  const unexpected = unexpectedOfferEnds(runs, new Map(rows.map((r) => [r.id, r])));
  const made = runs.reduce((n, r) => n + r.offerIds.length, 0);
  if (made !== rows.length)
    unexpected.push(`${made} offers made by the load, ${rows.length} in the database`);
  return [
    {
      name: 'offers: no hold left on an offer that ended; accepted ones captured once at the offer’s amount',
      ok: problems.length === 0,
      detail: problems.length
        ? problems.join('; ')
        : `${rows.length} offers: ${notAccepted} ended without a sale, every hold voided; ${orderIds.length} accepted, each order captured once at its offer's amount, no second authorization`,
    },
    {
      name: 'offers: each ended as its scenario implies',
      ok: unexpected.length === 0,
      detail: unexpected.length ? unexpected.join('; ') : `${rows.length} offers as planned`,
    },
  ];
}

/**
 * The orders accepted offers and auction ends placed, driven like normal purchases: each completed,
 * but an auction winner's order whose card declined at the end (`ord_<listing>_1`, its second chance
 * then `_2`).
 */
export function negotiatedOrderProblems(
  rows: { id: string; listing_id: string; status: string; failure_reason: string | null }[],
): string[] {
  return rows.flatMap((o) => {
    if (o.status === 'completed') return [];
    const winners = o.id === auctionOrderId({ listingId: o.listing_id }, 1);
    if (o.status === 'failed' && o.failure_reason === 'payment_declined' && winners) return [];
    return [`${o.id}: ${o.status}${o.failure_reason ? `:${o.failure_reason}` : ''}`];
  });
}
