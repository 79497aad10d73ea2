/**
 * Listings' stock and one reservation per order, with the rules of db/queries/inventory.ts: a
 * reservation takes the stock or nothing (out of stock, unknown listing), and release, commit and
 * restock each act once, on a reservation in the state they expect.
 */
import type { ReserveOutcome } from '../../db/queries/inventory.js';

export interface Reservation {
  orderId: string;
  listingId: string;
  quantity: number;
  status: 'held' | 'committed' | 'released';
}

export class FakeStock {
  private readonly listings = new Map<string, { quantity: number; available: number }>();
  private readonly reservations = new Map<string, Reservation>();

  /** A listing with `stock` units for sale. */
  addListing(listingId: string, stock: number): void {
    this.listings.set(listingId, { quantity: stock, available: stock });
  }

  available(listingId: string): number | undefined {
    return this.listings.get(listingId)?.available;
  }

  reservation(orderId: string): Reservation | undefined {
    const r = this.reservations.get(orderId);
    return r && { ...r };
  }

  reserve(input: { orderId: string; listingId: string; quantity: number }): ReserveOutcome {
    if (this.reservations.has(input.orderId)) return 'already_reserved';
    const listing = this.listings.get(input.listingId);
    if (!listing) return 'listing_not_found';
    if (listing.available < input.quantity) return 'out_of_stock';
    listing.available -= input.quantity;
    this.reservations.set(input.orderId, { ...input, status: 'held' });
    return 'reserved';
  }

  /** Held stock back on sale. */
  release(orderId: string): boolean {
    return this.move(orderId, 'held', 'released', true);
  }

  /** The item is sold. */
  commit(orderId: string): boolean {
    return this.move(orderId, 'held', 'committed', false);
  }

  /** A sold item back on sale (cancel, return). */
  restock(orderId: string): boolean {
    return this.move(orderId, 'committed', 'released', true);
  }

  private move(orderId: string, from: Reservation['status'], to: Reservation['status'], giveBack: boolean) {
    const r = this.reservations.get(orderId);
    if (r?.status !== from) return false;
    r.status = to;
    const listing = this.listings.get(r.listingId);
    if (giveBack && listing) listing.available += r.quantity;
    return true;
  }
}
