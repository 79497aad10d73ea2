/** Demo data for `npm start`: two users and a few listings, created once (ids are fixed for the demo only). */
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { ensureUser } from '../db/queries/users.js';
import { listings } from '../db/schema/index.js';

export const DEMO_SELLER = 'demo-seller';
export const DEMO_BUYER = 'demo-buyer';

const DEMO_LISTINGS = [
  { id: 'lst_demo_camera', title: 'Vintage film camera', amount: 12_500n, currency: 'EUR', quantity: 1 },
  {
    id: 'lst_demo_sneakers',
    title: 'Sneakers, size 42, worn twice',
    amount: 4_500n,
    currency: 'EUR',
    quantity: 3,
  },
  { id: 'lst_demo_vinyl', title: 'Vinyl record bundle', amount: 2_000n, currency: 'EUR', quantity: 1_000 },
];

export async function seedDemoData(db: Db): Promise<{ listingIds: string[] }> {
  await ensureUser(db, DEMO_SELLER, 'seller');
  await ensureUser(db, DEMO_BUYER, 'buyer');
  for (const l of DEMO_LISTINGS) {
    const [existing] = await db.select({ id: listings.id }).from(listings).where(eq(listings.id, l.id));
    if (!existing) await db.insert(listings).values({ ...l, sellerId: DEMO_SELLER, available: l.quantity });
  }
  return { listingIds: DEMO_LISTINGS.map((l) => l.id) };
}
