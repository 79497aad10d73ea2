/**
 * `account.updated` (sandbox or Stripe): the provider's word on whether a seller may be paid out.
 * Events can arrive out of order, so one older than an account update already applied changes nothing.
 */
import { and, eq, gt, isNotNull, ne, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { setPayoutsEnabledByAccount } from '../../../db/queries/payouts.js';
import { webhookEvents } from '../../../db/schema/index.js';

interface AccountEvent {
  id: string;
  type: string;
  created?: number;
  data?: { object?: Record<string, unknown> };
}

/** Applies an account.updated event; the seller whose payouts it opened or closed, if any. */
export async function applyAccountUpdate(db: Db, event: AccountEvent): Promise<string | undefined> {
  if (event.type !== 'account.updated') return undefined;
  const account = event.data?.object ?? {};
  if (typeof account.id !== 'string') return undefined;
  if (typeof event.created === 'number') {
    const [newer] = await db
      .select({ id: webhookEvents.id })
      .from(webhookEvents)
      .where(
        and(
          eq(webhookEvents.type, 'account.updated'),
          ne(webhookEvents.id, event.id),
          isNotNull(webhookEvents.processedAt),
          sql`${webhookEvents.payload}->'data'->'object'->>'id' = ${account.id}`,
          gt(sql`(${webhookEvents.payload}->>'created')::bigint`, event.created),
        ),
      )
      .limit(1);
    if (newer) return undefined;
  }
  return setPayoutsEnabledByAccount(db, account.id, account.payouts_enabled === true);
}
