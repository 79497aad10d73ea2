import { and, desc, eq, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client.js';
import { listings } from '../schema/index.js';
import { keysetBefore } from './keyset.js';

export type ListingRow = typeof listings.$inferSelect;

export async function createListing(db: DbOrTx, row: typeof listings.$inferInsert): Promise<ListingRow> {
  const [inserted] = await db.insert(listings).values(row).returning();
  return inserted!;
}

export async function findListing(db: DbOrTx, id: string): Promise<ListingRow | undefined> {
  const [row] = await db.select().from(listings).where(eq(listings.id, id));
  return row;
}

export async function listListings(
  db: DbOrTx,
  params: { sellerId?: string; limit: number; before?: { createdAt: Date; id: string } },
): Promise<ListingRow[]> {
  const conditions: (SQL | undefined)[] = [];
  if (params.sellerId) conditions.push(eq(listings.sellerId, params.sellerId));
  conditions.push(keysetBefore(listings.createdAt, listings.id, params.before));
  return db
    .select()
    .from(listings)
    .where(and(...conditions))
    .orderBy(desc(listings.createdAt), desc(listings.id))
    .limit(params.limit);
}

export type ListingPatch = { title?: string; amount?: bigint; quantity?: number };

/**
 * Optimistic concurrency: the update applies only at `expectedVersion`. Quantity changes move
 * `available` by the same delta, and the CHECK keeps it within 0..quantity.
 */
export async function updateListing(
  db: DbOrTx,
  params: { id: string; sellerId: string; expectedVersion: number; patch: ListingPatch },
): Promise<
  | ListingRow
  | 'version_mismatch'
  | 'not_found'
  | 'quantity_below_reserved'
  | 'price_below_offer_thresholds'
  | 'auction'
> {
  const { patch } = params;
  try {
    const [row] = await db
      .update(listings)
      .set({
        ...(patch.title !== undefined && { title: patch.title }),
        ...(patch.amount !== undefined && { amount: patch.amount }),
        ...(patch.quantity !== undefined && {
          quantity: patch.quantity,
          available: sql`${listings.available} + (${patch.quantity} - ${listings.quantity})`,
        }),
        version: sql`${listings.version} + 1`,
        updatedAt: new Date(),
      })
      .where(
        and(
          eq(listings.id, params.id),
          eq(listings.sellerId, params.sellerId),
          eq(listings.version, params.expectedVersion),
          // An auction's terms are its auction row's: its listing is not edited.
          eq(listings.format, 'fixed_price'),
        ),
      )
      .returning();
    if (row) return row;
  } catch (err) {
    if (isCheckViolation(err, 'listings_available_range')) return 'quantity_below_reserved';
    if (isCheckViolation(err, 'listings_offer_thresholds')) return 'price_below_offer_thresholds';
    throw err;
  }
  const existing = await findListing(db, params.id);
  if (!existing || existing.sellerId !== params.sellerId) return 'not_found';
  return existing.format === 'auction' ? 'auction' : 'version_mismatch';
}

export function isCheckViolation(err: unknown, constraint: string): boolean {
  const e = (err as { cause?: unknown })?.cause ?? err;
  return (
    (e as { code?: string; constraint_name?: string }).code === '23514' &&
    (e as { constraint_name?: string }).constraint_name === constraint
  );
}
