/** The hot-item race: `--hot-buyers` buyers at once for `--hot-units` units of one listing. */
import { createEscrowflowClient } from '../client/index.js';
import { newId } from '../db/new-id.js';
import { listings } from '../db/schema/index.js';
import type { BenchContext, TokenCache } from './context.js';
import { PRICE } from './options.js';

/** 1,000 buyers at once for 10 units of one listing: exactly 10 sold, the rest refused, none oversold. */
export async function hotItemRace(
  ctx: BenchContext,
  seller: string,
  tokens: TokenCache,
  run: string,
  buyers: number,
  units: number,
) {
  const { db: database, pg, stack } = ctx;
  const [listing] = await database
    .insert(listings)
    .values({
      id: newId('lst'),
      sellerId: seller,
      title: 'Hot item',
      amount: BigInt(PRICE),
      currency: 'EUR',
      quantity: units,
      available: units,
    })
    .returning();
  // Through the SDK, without its retries: the race counts what the API answers, first time.
  const sdks = await Promise.all(
    Array.from({ length: buyers }, async (_, i) =>
      createEscrowflowClient({
        baseUrl: stack.urls.api,
        token: await tokens.for(`bench_hot_${run}_${i}`),
        retry: { attempts: 1 },
      }),
    ),
  );
  const started = performance.now();
  const answers = await Promise.all(
    sdks.map(async (sdk) => {
      const { data, error, response } = await sdk.POST('/v1/orders', {
        body: { listingId: listing!.id, quantity: 1, paymentMethod: 'pm_card_ok' },
      });
      return { status: response.status, id: data?.id, code: error?.code };
    }),
  );
  const placed = answers.flatMap((a) => (a.status === 202 && a.id ? [a.id] : []));
  const refusedAtOnce = answers.filter((a) => a.status === 409 && a.code === 'out_of_stock').length;
  const deadline = Date.now() + 180_000;
  let finals: Array<{ status: string; failure_reason: string | null }> = [];
  while (Date.now() < deadline) {
    finals = await pg`select status, failure_reason from orders where listing_id = ${listing!.id}`;
    if (finals.every((o) => ['paid', 'failed'].includes(o.status))) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  const ms = Math.round(performance.now() - started);
  const [after] = await pg<{ available: number }[]>`select available from listings where id = ${listing!.id}`;
  const sold = finals.filter((o) => o.status === 'paid').length;
  return {
    buyers,
    units,
    sold,
    failed: finals.filter((o) => o.status === 'failed').length,
    outOfStockAtOnce: refusedAtOnce,
    otherErrors: answers.length - placed.length - refusedAtOnce,
    oversold: Math.max(0, sold - units) + Math.max(0, -(after?.available ?? 0)),
    availableAfter: after?.available,
    ms,
  };
}
