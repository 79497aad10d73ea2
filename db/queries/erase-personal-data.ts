/**
 * What an erasure does to the rows (docs/privacy.md, "What erasure does"), in the caller's transaction:
 * personal data is deleted or replaced; amounts, the ledger, payments, payouts and the order and
 * offer rows stay, under the user id, which the platform keeps as the person's pseudonym (the identity
 * provider's opaque `sub`; nothing left here ties it to a person). Returns how many rows each step
 * touched, for the audit row, which holds no personal data.
 */
import { and, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import { ERASED_TEXT } from '../../domain/privacy.js';
import type { Tx } from '../client.js';
import {
  carrierEvents,
  dataExports,
  disputeEvidence,
  disputes,
  emailDeliveries,
  idempotencyKeys,
  listings,
  notificationOutbox,
  notificationPreferences,
  notifications,
  offers,
  orders,
  payments,
  users,
  webhookDeliveries,
  webhookDeliveryAttempts,
  webhookEndpoints,
  webhookEvents,
} from '../schema/index.js';
import { deletePersonalKey } from './personal-keys.js';

export type ErasureCounts = Record<string, number>;

const count = async (rows: Promise<unknown[]>) => (await rows).length;

/**
 * The provider's ids of what concerned the person there (their connected account, the payment
 * intents they paid or held with): provider events naming one of them are redacted.
 */
async function providerRefsOf(tx: Tx, userId: string): Promise<string[]> {
  const [user] = await tx.select({ account: users.payoutAccountId }).from(users).where(eq(users.id, userId));
  const intents = await tx
    .select({ ref: orders.paymentIntentId })
    .from(orders)
    .where(and(eq(orders.buyerId, userId), isNotNull(orders.paymentIntentId)));
  const holds = await tx
    .select({ ref: payments.providerRef })
    .from(payments)
    .innerJoin(offers, eq(payments.offerId, offers.id))
    .where(and(eq(offers.buyerId, userId), eq(payments.kind, 'authorization')));
  const refs = [user?.account, ...intents.map((r) => r.ref), ...holds.map((r) => r.ref)];
  return [...new Set(refs.filter((r): r is string => !!r))];
}

/** Keeps what matching and ordering events need (id, type, created, the object's id); the rest goes. */
async function redactProviderEvents(tx: Tx, refs: string[]): Promise<number> {
  if (!refs.length) return 0;
  const patterns = refs.map((r) => `%"${r.replace(/[\\%_"]/g, '')}"%`);
  return count(
    tx
      .update(webhookEvents)
      .set({
        payload: sql`jsonb_build_object('id', ${webhookEvents.payload}->'id', 'type', ${webhookEvents.payload}->'type',
          'created', ${webhookEvents.payload}->'created', 'redacted', true,
          'data', jsonb_build_object('object', jsonb_build_object('id', ${webhookEvents.payload}->'data'->'object'->'id')))`,
      })
      .where(
        sql`${webhookEvents.payload}::text like any (array[${sql.join(
          patterns.map((p) => sql`${p}`),
          sql`, `,
        )}])`,
      )
      .returning({ id: webhookEvents.id }),
  );
}

async function eraseSellerWebhooks(tx: Tx, userId: string): Promise<ErasureCounts> {
  const endpoints = tx
    .select({ id: webhookEndpoints.id })
    .from(webhookEndpoints)
    .where(eq(webhookEndpoints.sellerId, userId));
  const deliveries = tx
    .select({ id: webhookDeliveries.id })
    .from(webhookDeliveries)
    .where(inArray(webhookDeliveries.endpointId, endpoints));
  const attempts = await count(
    tx
      .delete(webhookDeliveryAttempts)
      .where(inArray(webhookDeliveryAttempts.deliveryId, deliveries))
      .returning(),
  );
  return {
    webhookDeliveryAttempts: attempts,
    webhookDeliveries: await count(
      tx.delete(webhookDeliveries).where(inArray(webhookDeliveries.endpointId, endpoints)).returning(),
    ),
    webhookEndpoints: await count(
      tx.delete(webhookEndpoints).where(eq(webhookEndpoints.sellerId, userId)).returning(),
    ),
  };
}

async function eraseTexts(tx: Tx, userId: string): Promise<ErasureCounts> {
  const now = new Date();
  const boughtOrders = tx.select({ id: orders.id }).from(orders).where(eq(orders.buyerId, userId));
  return {
    // Delisted, its title gone; orders keep pointing at the row.
    listings: await count(
      tx
        .update(listings)
        .set({ title: ERASED_TEXT, available: 0, version: sql`${listings.version} + 1`, updatedAt: now })
        .where(eq(listings.sellerId, userId))
        .returning({ id: listings.id }),
    ),
    disputes: await count(
      tx
        .update(disputes)
        .set({ description: ERASED_TEXT, updatedAt: now })
        .where(eq(disputes.openedBy, userId))
        .returning({ id: disputes.id }),
    ),
    disputeEvidence: await count(
      tx
        .update(disputeEvidence)
        .set({ text: ERASED_TEXT, links: [] })
        .where(eq(disputeEvidence.authorId, userId))
        .returning({ id: disputeEvidence.id }),
    ),
    // What the carrier said about the parcels they received (places, who signed).
    carrierEvents: await count(
      tx
        .update(carrierEvents)
        .set({ payload: {} })
        .where(inArray(carrierEvents.orderId, boughtOrders))
        .returning({ id: carrierEvents.id }),
    ),
  };
}

async function eraseNotifications(tx: Tx, userId: string): Promise<ErasureCounts> {
  return {
    // Rows stay (their dedupe keys keep a late repeat from delivering twice); what they said goes.
    notifications: await count(
      tx
        .update(notifications)
        .set({ payload: {} })
        .where(eq(notifications.userId, userId))
        .returning({ id: notifications.id }),
    ),
    notificationOutbox: await count(
      tx
        .update(notificationOutbox)
        .set({ payload: {}, lastError: null })
        .where(eq(notificationOutbox.userId, userId))
        .returning({ id: notificationOutbox.id }),
    ),
    // The emails log: addresses, subjects, SMTP errors. With no address left, nothing is sent again.
    emailDeliveries: await count(
      tx
        .delete(emailDeliveries)
        .where(eq(emailDeliveries.userId, userId))
        .returning({ id: emailDeliveries.id }),
    ),
    notificationPreferences: await count(
      tx.delete(notificationPreferences).where(eq(notificationPreferences.userId, userId)).returning(),
    ),
  };
}

export async function erasePersonalData(tx: Tx, userId: string): Promise<ErasureCounts> {
  const counts: ErasureCounts = {
    providerEvents: await redactProviderEvents(tx, await providerRefsOf(tx, userId)),
    ...(await eraseTexts(tx, userId)),
    ...(await eraseNotifications(tx, userId)),
    ...(await eraseSellerWebhooks(tx, userId)),
    // Stored answers of their writes (bodies with their texts).
    idempotencyKeys: await count(
      tx.delete(idempotencyKeys).where(eq(idempotencyKeys.userId, userId)).returning(),
    ),
    dataExports: await count(tx.delete(dataExports).where(eq(dataExports.userId, userId)).returning()),
    // Every sealed copy of their texts and address in workflow histories becomes unreadable.
    personalKeys: await deletePersonalKey(tx, userId),
  };
  await tx
    .update(users)
    .set({ email: null, payoutAccountId: null, payoutsEnabled: false, erasedAt: new Date() })
    .where(eq(users.id, userId));
  return counts;
}
