/**
 * Everything the platform holds about one person, as one JSON document (POST /v1/me/data-exports,
 * docs/privacy.md): their row and settings, what they sold and bought, offers, disputes with their
 * evidence, auctions they sell and their bids, payouts and balances, notifications and emails, webhook
 * endpoints (never their secrets)
 * and deliveries, and the audit rows about them or their orders and disputes. Another party's payment
 * method on a shared order or offer is left out.
 */
import { and, desc, eq, inArray, or } from 'drizzle-orm';
import type { DbOrTx } from '../client.js';
import {
  auctions,
  auditLog,
  bids,
  disputeEvidence,
  disputes,
  emailDeliveries,
  listings,
  notificationPreferences,
  notifications,
  offers,
  orderEvents,
  orders,
  payouts,
  users,
  webhookDeliveries,
  webhookEndpoints,
} from '../schema/index.js';
import { sellerBalances } from './balances.js';

export const PERSONAL_DATA_FORMAT = 'escrowflow.personal-data.v1';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Rows as JSON: amounts (bigint) as numbers of minor units, times as RFC 3339. */
export function asJson(value: unknown): Json {
  if (value === null || value === undefined) return null;
  if (typeof value === 'bigint') return Number(value);
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(asJson);
  if (typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, asJson(v)]));
  return value as Json;
}

const without = <T extends Record<string, unknown>>(row: T, ...keys: (keyof T)[]) =>
  Object.fromEntries(Object.entries(row).filter(([k]) => !keys.includes(k)));

async function ordersOf(db: DbOrTx, userId: string) {
  const rows = await db
    .select()
    .from(orders)
    .where(or(eq(orders.buyerId, userId), eq(orders.sellerId, userId)))
    .orderBy(orders.createdAt);
  const ids = rows.map((o) => o.id);
  const events = ids.length
    ? await db.select().from(orderEvents).where(inArray(orderEvents.orderId, ids)).orderBy(orderEvents.id)
    : [];
  const shown = (o: (typeof rows)[number]) => ({
    ...(o.buyerId === userId ? o : without(o, 'paymentMethod')),
    events: events.filter((e) => e.orderId === o.id).map((e) => without(e, 'id', 'orderId', 'key')),
  });
  return {
    ids,
    asBuyer: rows.filter((o) => o.buyerId === userId).map(shown),
    asSeller: rows.filter((o) => o.sellerId === userId && o.buyerId !== userId).map(shown),
  };
}

async function disputesOf(db: DbOrTx, orderIds: string[]) {
  if (!orderIds.length) return [];
  const rows = await db.select().from(disputes).where(inArray(disputes.orderId, orderIds));
  const evidence = rows.length
    ? await db
        .select()
        .from(disputeEvidence)
        .where(
          inArray(
            disputeEvidence.disputeId,
            rows.map((d) => d.id),
          ),
        )
        .orderBy(disputeEvidence.createdAt, disputeEvidence.id)
    : [];
  return rows.map((d) => ({ ...d, evidence: evidence.filter((e) => e.disputeId === d.id) }));
}

async function webhooksOf(db: DbOrTx, userId: string) {
  const endpoints = await db
    .select({
      id: webhookEndpoints.id,
      url: webhookEndpoints.url,
      eventTypes: webhookEndpoints.eventTypes,
      status: webhookEndpoints.status,
      createdAt: webhookEndpoints.createdAt,
    })
    .from(webhookEndpoints)
    .where(eq(webhookEndpoints.sellerId, userId));
  const deliveries = endpoints.length
    ? await db
        .select({
          id: webhookDeliveries.id,
          endpointId: webhookDeliveries.endpointId,
          eventType: webhookDeliveries.eventType,
          payload: webhookDeliveries.payload,
          status: webhookDeliveries.status,
          attempts: webhookDeliveries.attempts,
          deliveredAt: webhookDeliveries.deliveredAt,
          createdAt: webhookDeliveries.createdAt,
        })
        .from(webhookDeliveries)
        .where(
          inArray(
            webhookDeliveries.endpointId,
            endpoints.map((e) => e.id),
          ),
        )
        .orderBy(webhookDeliveries.createdAt)
    : [];
  return { endpoints, deliveries };
}

async function auditAbout(db: DbOrTx, userId: string, orderIds: string[], disputeIds: string[]) {
  const about = [
    eq(auditLog.actorId, userId),
    and(eq(auditLog.subjectType, 'user'), eq(auditLog.subjectId, userId)),
    ...(orderIds.length
      ? [and(eq(auditLog.subjectType, 'order'), inArray(auditLog.subjectId, orderIds))]
      : []),
    ...(disputeIds.length
      ? [and(eq(auditLog.subjectType, 'dispute'), inArray(auditLog.subjectId, disputeIds))]
      : []),
  ];
  return db
    .select()
    .from(auditLog)
    .where(or(...about))
    .orderBy(auditLog.id);
}

/** The document; `undefined` when the person has no row (nothing is held about them). */
export async function personalDataOf(db: DbOrTx, userId: string, now = new Date()) {
  const [user] = await db.select().from(users).where(eq(users.id, userId));
  if (!user) return undefined;
  const byUser = <T extends { userId: unknown }>(t: T) => eq(t.userId as typeof users.id, userId);
  const ownOrders = await ordersOf(db, userId);
  const ownDisputes = await disputesOf(db, ownOrders.ids);
  const offerRows = await db
    .select()
    .from(offers)
    .where(or(eq(offers.buyerId, userId), eq(offers.sellerId, userId)))
    .orderBy(offers.createdAt);
  const webhooks = await webhooksOf(db, userId);
  const document = {
    format: PERSONAL_DATA_FORMAT,
    userId,
    generatedAt: now,
    user,
    notificationPreferences: await db
      .select()
      .from(notificationPreferences)
      .where(byUser(notificationPreferences)),
    listings: await db
      .select()
      .from(listings)
      .where(eq(listings.sellerId, userId))
      .orderBy(listings.createdAt),
    ordersAsBuyer: ownOrders.asBuyer,
    ordersAsSeller: ownOrders.asSeller,
    offers: offerRows.map((o) => (o.buyerId === userId ? o : without(o, 'paymentMethod'))),
    disputes: ownDisputes,
    auctions: await db
      .select()
      .from(auctions)
      .where(eq(auctions.sellerId, userId))
      .orderBy(auctions.createdAt),
    bids: await db.select().from(bids).where(eq(bids.bidderId, userId)).orderBy(bids.createdAt),
    payouts: await db.select().from(payouts).where(eq(payouts.sellerId, userId)).orderBy(payouts.createdAt),
    balances: await sellerBalances(db, userId),
    notifications: await db
      .select()
      .from(notifications)
      .where(byUser(notifications))
      .orderBy(desc(notifications.id)),
    emails: await db
      .select()
      .from(emailDeliveries)
      .where(byUser(emailDeliveries))
      .orderBy(emailDeliveries.id),
    webhookEndpoints: webhooks.endpoints,
    webhookDeliveries: webhooks.deliveries,
    auditLog: await auditAbout(
      db,
      userId,
      ownOrders.ids,
      ownDisputes.map((d) => d.id),
    ),
  };
  return asJson(document) as Record<string, Json>;
}
