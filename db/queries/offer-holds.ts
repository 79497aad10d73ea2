/**
 * The holds of offers that ended, as reconciliation looks for them at the provider (`stranded_hold`,
 * domain/reconciliation.ts): every ending but acceptance voids the hold before the offer's final state
 * is written, so a hold of an ended offer still authorized at the provider is money nobody will release.
 */
import { and, eq, inArray, isNotNull, notInArray, sql } from 'drizzle-orm';
import { LIVE_OFFER_STATUSES } from '../../domain/offer.js';
import type { PlatformFacts } from '../../domain/reconciliation.js';
import type { DbOrTx } from '../client.js';
import { offers, payments } from '../schema/index.js';

/**
 * A card authorization lapses at the provider after about 7 days (Stripe: `capture_before`): an older
 * hold is no longer money held, so the holds checked in every run go back that far.
 */
export const HOLD_LIFETIME_MS = 7 * 24 * 3600_000;

type OfferHold = NonNullable<PlatformFacts['offerHolds']>[number];

/**
 * Holds of ended offers to look for at the provider: in every run, each authorization of an ended offer
 * (authorized since `heldSince`) with no void recorded, other than the one its order took over (such a
 * hold is reported until someone voids it); and the intents the provider listed for the period that
 * name an offer (`listed`: metadata.offerId), recorded by us or not, if that offer has ended.
 */
export async function offerHoldsToCheck(
  db: DbOrTx,
  heldSince: Date,
  listed: Array<{ intentId: string; offerId: string }>,
): Promise<OfferHold[]> {
  const unvoided = await db.execute<{
    offer_id: string;
    intent_id: string;
    status: string;
    order_id: string | null;
  }>(sql`
    select a.offer_id, a.provider_ref as intent_id, offers.status, offers.order_id from payments a
    join offers on offers.id = a.offer_id
    where a.kind = 'authorization' and a.order_id is null
      and ${notInArray(offers.status, [...LIVE_OFFER_STATUSES])}
      and a.created_at >= ${heldSince.toISOString()}::timestamptz
      and not exists (select 1 from payments v where v.offer_id = a.offer_id and v.kind = 'void'
        and v.provider_ref = a.provider_ref and v.status = 'voided')`);
  const holds = new Map<string, OfferHold>(
    [...unvoided].map((r) => [
      r.intent_id,
      {
        offerId: r.offer_id,
        intentId: r.intent_id,
        offerStatus: r.status,
        ...(r.order_id && { orderId: r.order_id }),
        takenByOrder: false,
      },
    ]),
  );
  const fresh = listed.filter((l) => !holds.has(l.intentId));
  if (!fresh.length) return [...holds.values()];
  const ended = await db
    .select({ id: offers.id, status: offers.status, orderId: offers.orderId })
    .from(offers)
    .where(
      and(
        inArray(
          offers.id,
          fresh.map((l) => l.offerId),
        ),
        notInArray(offers.status, [...LIVE_OFFER_STATUSES]),
      ),
    );
  const taken = await db
    .select({ intentId: payments.providerRef })
    .from(payments)
    .where(
      and(
        inArray(
          payments.providerRef,
          fresh.map((l) => l.intentId),
        ),
        eq(payments.kind, 'authorization'),
        isNotNull(payments.orderId),
      ),
    );
  const byId = new Map(ended.map((o) => [o.id, o]));
  const takenIds = new Set(taken.map((t) => t.intentId));
  for (const l of fresh) {
    const offer = byId.get(l.offerId);
    if (!offer) continue;
    holds.set(l.intentId, {
      offerId: offer.id,
      intentId: l.intentId,
      offerStatus: offer.status,
      ...(offer.orderId && { orderId: offer.orderId }),
      takenByOrder: takenIds.has(l.intentId),
    });
  }
  return [...holds.values()];
}
