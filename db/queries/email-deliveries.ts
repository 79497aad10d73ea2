/**
 * One email per notification key: claimed (`sending`) before the SMTP send, settled once as `sent`,
 * `skipped` (preferences said no) or `failed` (the server refused it for good). A retried activity
 * finds the row settled and does not send again.
 */
import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client.js';
import { emailDeliveries } from '../schema/index.js';

export type EmailDeliveryRow = typeof emailDeliveries.$inferSelect;

export interface EmailClaim {
  notificationKey: string;
  userId: string;
  toAddress: string;
  subject: string;
  messageId: string;
}

const byKey = (key: string) => eq(emailDeliveries.notificationKey, key);
const stillSending = (key: string) => and(byKey(key), eq(emailDeliveries.status, 'sending'));

/** The key's row: new and `sending`, or the one an earlier attempt left (maybe settled). */
export async function claimEmailDelivery(db: DbOrTx, claim: EmailClaim): Promise<EmailDeliveryRow> {
  const [inserted] = await db
    .insert(emailDeliveries)
    .values(claim)
    .onConflictDoNothing({ target: emailDeliveries.notificationKey })
    .returning();
  if (inserted) return inserted;
  const [existing] = await db.select().from(emailDeliveries).where(byKey(claim.notificationKey));
  if (!existing) throw new Error(`email delivery ${claim.notificationKey} vanished after its claim`);
  return existing;
}

/** Records that preferences said no; a claim left `sending` by an earlier attempt is settled too. */
export async function skipEmailDelivery(db: DbOrTx, claim: EmailClaim): Promise<void> {
  await db
    .insert(emailDeliveries)
    .values({ ...claim, status: 'skipped' })
    .onConflictDoUpdate({
      target: emailDeliveries.notificationKey,
      set: { status: 'skipped' },
      setWhere: eq(emailDeliveries.status, 'sending'),
    });
}

/** Counts one SMTP attempt of a claim still `sending`; returns the count (undefined if settled meanwhile). */
export async function countEmailAttempt(db: DbOrTx, key: string): Promise<number | undefined> {
  const [row] = await db
    .update(emailDeliveries)
    .set({ attempts: sql`${emailDeliveries.attempts} + 1` })
    .where(stillSending(key))
    .returning({ attempts: emailDeliveries.attempts });
  return row?.attempts;
}

export async function markEmailSent(db: DbOrTx, key: string): Promise<void> {
  await db
    .update(emailDeliveries)
    .set({ status: 'sent', sentAt: sql`now()`, lastError: null })
    .where(stillSending(key));
}

/** The server refused the message for good (a 5xx reply): no retry will change that. */
export async function markEmailFailed(db: DbOrTx, key: string, error: string): Promise<void> {
  await db
    .update(emailDeliveries)
    .set({ status: 'failed', lastError: error.slice(0, 1000) })
    .where(stillSending(key));
}

/** A failure worth retrying: the claim stays `sending`, with the reason beside it. */
export async function recordEmailError(db: DbOrTx, key: string, error: string): Promise<void> {
  await db
    .update(emailDeliveries)
    .set({ lastError: error.slice(0, 1000) })
    .where(stillSending(key));
}

export async function findEmailDelivery(db: DbOrTx, key: string): Promise<EmailDeliveryRow | undefined> {
  const [row] = await db.select().from(emailDeliveries).where(byKey(key));
  return row;
}
