/**
 * Offer rows as db/queries/offers.ts keeps them: inserted by the API (the kit's `placeOffer`), then
 * written by the offer's workflow, each version once and never an older one over a newer.
 */
import type { Currency } from '../../domain/money.js';
import { isLive, type OfferState } from '../../domain/offer.js';

export interface OfferRow {
  id: string;
  listingId: string;
  buyerId: string;
  sellerId: string;
  quantity: number;
  currency: Currency;
  /** The workflow's last written state; the API's insert until the first write. */
  state: OfferState;
}

export class FakeOffers {
  private readonly rows = new Map<string, OfferRow>();

  insert(row: OfferRow): void {
    if (!this.rows.has(row.id)) this.rows.set(row.id, structuredClone(row));
  }

  /** The guarded write: true when `state` is newer than the row's. */
  write(state: OfferState): boolean {
    const row = this.rows.get(state.offerId);
    if (!row) throw new Error(`no offer row ${state.offerId}`);
    if (row.state.version >= state.version) return false;
    row.state = structuredClone(state);
    return true;
  }

  row(offerId: string): OfferRow | undefined {
    const row = this.rows.get(offerId);
    return row && structuredClone(row);
  }

  all(): OfferRow[] {
    return [...this.rows.values()].map((r) => structuredClone(r));
  }

  /** The state as GET /v1/offers/:id would show it. */
  state(offerId: string): OfferState | undefined {
    return this.row(offerId)?.state;
  }

  /** The listing's offers still negotiating, but `exceptOfferId`. */
  live(listingId: string, exceptOfferId?: string): string[] {
    return [...this.rows.values()]
      .filter((r) => r.listingId === listingId && isLive(r.state.status) && r.id !== exceptOfferId)
      .map((r) => r.id);
  }

  /** Offers a buyer made on a listing (the per-buyer cap counts ended ones too). */
  madeBy(buyerId: string, listingId: string): number {
    return [...this.rows.values()].filter((r) => r.buyerId === buyerId && r.listingId === listingId).length;
  }
}
