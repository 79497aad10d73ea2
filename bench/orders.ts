/** The bench's orders: listings seeded in bulk, purchases through the API, and when each was paid. */
import { createEscrowflowClient, describeError } from '../client/index.js';
import type { Db } from '../db/client.js';
import { newId } from '../db/new-id.js';
import { ensureUser } from '../db/queries/users.js';
import { listings } from '../db/schema/index.js';
import { type BenchContext, TokenCache } from './context.js';
import { PRICE, say } from './options.js';

export async function seedListings(database: Db, sellers: string[], count: number, ensureSellers = false) {
  if (ensureSellers) for (const seller of sellers) await ensureUser(database, seller, 'seller');
  const rows = Array.from({ length: count }, (_, i) => ({
    id: newId('lst'),
    sellerId: sellers[i % sellers.length]!,
    title: `Bench item ${i}`,
    amount: BigInt(PRICE),
    currency: 'EUR' as const,
    quantity: 1,
    available: 1,
  }));
  for (let i = 0; i < rows.length; i += 1000) await database.insert(listings).values(rows.slice(i, i + 1000));
  return rows;
}

export type Listing = Awaited<ReturnType<typeof seedListings>>[number];

/**
 * Buyers for the run `run`: 20 sellers and enough listings for every phase, handed out in turn by
 * `takeListing`; `buy` is one purchase through the API (`wait` asks for the payment outcome in the answer).
 */
export async function createBuyers(ctx: BenchContext, run: string) {
  const { db, env, opts } = ctx;
  const sellers = Array.from({ length: 20 }, (_, i) => `bench_seller_${run}_${i}`);
  for (const seller of sellers) await ensureUser(db, seller, 'seller');
  const planned =
    opts.rates.reduce((n, r) => n + r * (opts.seconds + opts.warmup) * 2, 0) +
    opts.soakRate * opts.soakMinutes * 60 +
    100;
  say(`seeding ${planned} listings`);
  const pool = await seedListings(db, sellers, planned);
  let next = 0;
  const takeListing = () => pool[next++ % pool.length]!;
  const tokens = new TokenCache(env.JWT_SECRET);

  const buy = async (i: number, wait: boolean) => {
    const listing = takeListing();
    const buyer = `bench_buyer_${run}_${next}_${i}`;
    // Through the SDK, without its retries: the bench counts what the API answers, first time.
    const sdk = createEscrowflowClient({
      baseUrl: ctx.stack.urls.api,
      token: await tokens.for(buyer),
      retry: { attempts: 1 },
    });
    const { data, error, response } = await sdk.POST('/v1/orders', {
      params: { query: wait ? { wait: 'payment' } : {} },
      headers: { 'idempotency-key': `bench-${buyer}` },
      body: { listingId: listing.id, quantity: 1, paymentMethod: 'pm_card_ok' },
    });
    if (!data) throw new Error(`POST /v1/orders → ${describeError(error, response)}`);
    return data.id;
  };
  return { sellers, tokens, takeListing, buy };
}

export type Buyers = Awaited<ReturnType<typeof createBuyers>>;

/** When each order reached `paid`, from the order's own events (server clocks, not the client's). */
export async function timesToPaid(pg: BenchContext['pg'], orderIds: string[], timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  type Row = { id: string; status: string; created_ms: number; paid_ms: number | null };
  let rows: Row[] = [];
  while (Date.now() < deadline) {
    rows = await pg<Row[]>`
      select o.id, o.status, extract(epoch from o.created_at) * 1000 as created_ms,
             (select extract(epoch from e.created_at) * 1000 from order_events e
               where e.order_id = o.id and e.to_status = 'paid' limit 1) as paid_ms
        from orders o where o.id = any(${orderIds})`;
    if (
      rows.length === orderIds.length &&
      rows.every((r) => ['paid', 'failed'].includes(r.status) || r.paid_ms)
    )
      break;
    await new Promise((r) => setTimeout(r, 500));
  }
  const paid = rows.filter((r) => r.paid_ms !== null);
  return {
    paidCount: paid.length,
    ms: paid.map((r) => Number(r.paid_ms) - Number(r.created_ms)),
    lastPaidAt: Math.max(...paid.map((r) => Number(r.paid_ms))),
  };
}
