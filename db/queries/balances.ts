/** A seller's balances, summed from ledger postings (never stored counters). */
import { sql } from 'drizzle-orm';
import { accounts } from '../../domain/ids.js';
import type { DbOrTx } from '../client.js';

export interface SellerBalance {
  currency: string;
  escrow: bigint;
  available: bigint;
  inTransit: bigint;
  paidOut: bigint;
}

export async function sellerBalances(db: DbOrTx, sellerId: string): Promise<SellerBalance[]> {
  const rows = await db.execute<{ bucket: string; currency: string; amount: string }>(sql`
    select 'escrow' as bucket, l.currency, sum(l.amount)::text as amount
      from ledger_lines l join orders o on l.account = 'escrow:' || o.id
     where o.seller_id = ${sellerId}
     group by l.currency
    union all
    select case l.account
             when ${accounts.sellerAvailable(sellerId)} then 'available'
             when ${accounts.payoutInTransit(sellerId)} then 'inTransit'
             else 'paidOut' end,
           l.currency, sum(l.amount)::text
      from ledger_lines l
     where l.account in (${accounts.sellerAvailable(sellerId)}, ${accounts.payoutInTransit(sellerId)}, ${accounts.sellerPaidOut(sellerId)})
     group by l.account, l.currency`);
  const byCurrency = new Map<string, SellerBalance>();
  for (const row of rows) {
    const balance = byCurrency.get(row.currency) ?? {
      currency: row.currency,
      escrow: 0n,
      available: 0n,
      inTransit: 0n,
      paidOut: 0n,
    };
    balance[row.bucket as 'escrow' | 'available' | 'inTransit' | 'paidOut'] += BigInt(row.amount);
    byCurrency.set(row.currency, balance);
  }
  return [...byCurrency.values()].sort((a, b) => a.currency.localeCompare(b.currency));
}
