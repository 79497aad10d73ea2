/**
 * Data export and erasure over the real stack (docs/privacy.md, ADR 12). A person who sold (and was
 * paid out), bought, disputed, set an email and registered a webhook asks for their data, then to be
 * erased: the erasure waits for their open dispute, then erases; afterwards no text or JSON column of
 * any table holds their name, email or texts, their workflow histories decode to none of it (their
 * sealed fields no longer open), the ledger and the reconciliation with the provider stay clean, an
 * audit row without personal data records it, and their old token gets 403 `account_erased`.
 */
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Client, Connection } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareWithProvider } from '../../activities/reconciliation.js';
import { decodePayloadsInPlace, findPayloads } from '../../codec/history.js';
import { loadEnv } from '../../config/env.js';
import { checkLedger } from '../../db/queries/ledger.js';
import { openSealed } from '../../db/queries/personal-keys.js';
import { disputeWorkflowId, payoutWorkflowId, purchaseWorkflowId } from '../../domain/ids.js';
import { dataExportWorkflowId, ERASED_TEXT, erasureWorkflowId } from '../../domain/privacy.js';
import { sellerWebhookDeliveryWorkflowId } from '../../domain/seller-webhooks.js';
import { createSandboxProvider } from '../../payments/sandbox-provider.js';
import { stackCodec } from '../support/codec.js';
import { onboardSeller } from '../support/onboarding.js';
import { api, eventually, stack, testDb, uniqueUser } from '../support/stack.js';
import { stackTemporal } from '../support/temporal.js';

// The person: an opaque id (as an identity provider's `sub`); their name is in everything they wrote.
const name = `Erin Quillfeather${randomUUID().slice(0, 6)}`;
const needle = name.split(' ')[1]!.toLowerCase();
const person = `usr_${randomUUID().replaceAll('-', '')}`;
const email = `erin.${needle}@example.com`;
const { db, sql, close } = testDb();
let connection: Connection;
let temporal: Client;
const hooks = createServer((req, res) => req.resume().on('end', () => res.writeHead(200).end()));

beforeAll(async () => {
  ({ connection, client: temporal } = await stackTemporal({ codec: false }));
  hooks.listen(0, '127.0.0.1');
  await once(hooks, 'listening');
});
afterAll(async () => {
  hooks.close();
  await connection?.close();
  await close();
});

async function buy(buyer: string, seller: string, title: string) {
  const listing = await api('POST', '/v1/listings', {
    user: seller,
    body: { title, amount: 10_000, currency: 'EUR', quantity: 1 },
  });
  expect(listing.status, JSON.stringify(listing.body)).toBe(201);
  const order = await api('POST', '/v1/orders?wait=payment', {
    user: buyer,
    body: { listingId: listing.body.id, quantity: 1, paymentMethod: 'pm_card_ok' },
  });
  expect(order.body.status, JSON.stringify(order.body)).toBe('paid');
  await eventually(
    async () => (await api('GET', `/v1/orders/${order.body.id}`, { user: buyer })).body.deadlines?.shipBy,
  );
  const shipped = await api('POST', `/v1/orders/${order.body.id}/ship`, {
    user: seller,
    body: { carrier: 'UPS', trackingNumber: `1Z${randomUUID().slice(0, 8)}` },
  });
  expect(shipped.body.status).toBe('shipped');
  return order.body.id as string;
}

/** The person sells (and is paid out), buys and disputes, and leaves an email and a webhook. */
async function aPersonWithAHistory() {
  const mine = { user: person };
  expect((await api('PUT', '/v1/me/notification-preferences', { ...mine, body: { email } })).status).toBe(
    200,
  );
  const { port } = hooks.address() as AddressInfo;
  const endpoint = await api('POST', '/v1/webhook-endpoints', {
    ...mine,
    body: { url: `http://127.0.0.1:${port}/hooks/${needle}` },
  });
  expect(endpoint.status, JSON.stringify(endpoint.body)).toBe(201);

  const sold = await buy(uniqueUser('buyer'), person, `Lamp of ${name}`);
  const buyerOfMine = (await db.query.orders.findFirst({ where: (o, { eq }) => eq(o.id, sold) }))!.buyerId;
  await api('POST', `/v1/orders/${sold}/confirm-delivery`, { user: buyerOfMine });
  await eventually(async () => (await api('GET', `/v1/orders/${sold}`, mine)).body.status === 'completed');
  await onboardSeller(person);
  const payout = await api('POST', '/v1/payouts', { ...mine, body: { currency: 'EUR' } });
  expect(payout.status, JSON.stringify(payout.body)).toBe(202);
  await eventually(
    async () => (await api('GET', `/v1/payouts/${payout.body.id}`, mine)).body.status === 'paid',
  );

  const seller = uniqueUser('seller');
  const bought = await buy(person, seller, 'Bicycle');
  const opened = await api('POST', `/v1/orders/${bought}/disputes`, {
    ...mine,
    body: { reason: 'not_as_described', description: `${name} here: the frame is cracked` },
    // Its stored answer (the dispute, with the description) is theirs too.
    headers: { 'idempotency-key': randomUUID() },
  });
  expect(opened.status, JSON.stringify(opened.body)).toBe(201);
  const evidence = await api('POST', `/v1/disputes/${opened.body.id}/evidence`, {
    ...mine,
    body: { text: `Photos taken by ${name}`, links: [`https://photos.example/${needle}/frame.jpg`] },
  });
  expect(evidence.status, JSON.stringify(evidence.body)).toBe(200);
  const deliveries = await db.query.webhookDeliveries.findMany({
    where: (d, { eq }) => eq(d.endpointId, endpoint.body.id),
  });
  return {
    sold,
    bought,
    seller,
    disputeId: opened.body.id as string,
    payoutId: payout.body.id as string,
    deliveries,
  };
}

/** Every text, character, array and JSON column of every table that holds `text`, as `table.column`. */
async function columnsHolding(text: string): Promise<string[]> {
  const columns = await sql<{ table_name: string; column_name: string }[]>`
    select table_name, column_name from information_schema.columns
     where table_schema = 'public'
       and data_type in ('text', 'character varying', 'character', 'json', 'jsonb', 'ARRAY')`;
  const found: string[] = [];
  for (const { table_name: t, column_name: c } of columns) {
    const [row] = await sql.unsafe(`select count(*)::int as n from "${t}" where "${c}"::text ilike $1`, [
      `%${text}%`,
    ]);
    if (row?.n) found.push(`${t}.${c}`);
  }
  return found;
}

/** A workflow's history with every payload decoded by the stack's codec: the decoded texts, and the JSON. */
async function decodedHistory(workflowId: string): Promise<string> {
  const history = await temporal.workflow.getHandle(workflowId).fetchHistory();
  await decodePayloadsInPlace(history, stackCodec());
  const payloads = findPayloads(history).map((p) => Buffer.from(p.payload.data ?? []).toString('utf8'));
  return [historyToJSON(history), ...payloads].join('\n');
}

const sealedIn = (text: string) => [...new Set(text.match(/sealed:v1:[A-Za-z0-9_-]+:[A-Za-z0-9_-]+/g) ?? [])];

describe('data export and erasure', () => {
  it('exports, waits for the open dispute, then erases everything personal and keeps the books', {
    timeout: 120_000,
  }, async () => {
    const started = new Date(Date.now() - 1_000);
    const story = await aPersonWithAHistory();

    // Export: everything about them, to them only.
    const asked = await api('POST', '/v1/me/data-exports', { user: person });
    expect(asked.status).toBe(202);
    expect(asked.body).toMatchObject({ status: 'pending' });
    const exported = await eventually(async () => {
      const res = await api('GET', `/v1/me/data-exports/${asked.body.id}`, { user: person });
      return res.body.status === 'ready' && res.body;
    });
    const data = exported.data;
    expect(data.user).toMatchObject({ id: person, email });
    expect(data.listings.map((l: any) => l.title)).toEqual([`Lamp of ${name}`]);
    expect(data.ordersAsSeller.map((o: any) => o.id)).toEqual([story.sold]);
    expect(data.ordersAsBuyer.map((o: any) => o.id)).toEqual([story.bought]);
    expect(data.disputes[0].description).toContain(name);
    expect(data.disputes[0].evidence[0]).toMatchObject({ text: `Photos taken by ${name}` });
    expect(data.payouts.map((p: any) => p.id)).toEqual([story.payoutId]);
    expect(data.webhookEndpoints[0].url).toContain(needle);
    expect(data.webhookEndpoints[0]).not.toHaveProperty('secret');
    expect(data.emails.length).toBeGreaterThan(0);
    expect(new Date(exported.expiresAt).getTime() - Date.now()).toBeGreaterThan(6 * 24 * 3600_000);
    expect((await api('GET', `/v1/me/data-exports/${asked.body.id}`, { user: story.seller })).status).toBe(
      404,
    );

    // Erasure waits for the open dispute (and its order).
    const waiting = await api('POST', '/v1/me/erasure', { user: person });
    expect(waiting.status, JSON.stringify(waiting.body)).toBe(202);
    expect(waiting.body).toMatchObject({
      status: 'waiting',
      waitingFor: [
        { kind: 'order', id: story.bought, status: 'disputed' },
        { kind: 'dispute', id: story.disputeId, status: 'open' },
      ],
    });
    expect((await api('GET', '/v1/me/erasure', { user: person })).body).toMatchObject({ status: 'waiting' });

    // Their texts travel through the workflows only sealed, and open while their key lives.
    const workflows = [
      purchaseWorkflowId({ orderId: story.sold }),
      purchaseWorkflowId({ orderId: story.bought }),
      disputeWorkflowId({ orderId: story.bought }),
      payoutWorkflowId({ payoutId: story.payoutId }),
      dataExportWorkflowId({ exportId: asked.body.id }),
      erasureWorkflowId({ userId: person }),
      ...story.deliveries.map((d) => sellerWebhookDeliveryWorkflowId({ deliveryId: d.id })),
    ];
    const sealed = sealedIn((await Promise.all(workflows.map(decodedHistory))).join('\n'));
    expect(sealed.length).toBeGreaterThanOrEqual(3); // the description, the evidence text and its link
    const opened = await Promise.all(sealed.map((s) => openSealed(db, s)));
    expect(opened.every((t) => t.toLowerCase().includes(needle))).toBe(true);

    // Where their data sits before: the scan below must find these.
    expect(await columnsHolding(needle)).toEqual(
      expect.arrayContaining([
        'users.email',
        'listings.title',
        'disputes.description',
        'dispute_evidence.text',
        'dispute_evidence.links',
        'webhook_endpoints.url',
        'email_deliveries.to_address',
        'data_exports.data',
        'idempotency_keys.response_body',
      ]),
    );

    const operator = { user: uniqueUser('op'), role: 'operator' as const };
    const resolved = await api('POST', `/v1/disputes/${story.disputeId}/resolve`, {
      ...operator,
      body: { outcome: 'refund' },
    });
    expect(resolved.status, JSON.stringify(resolved.body)).toBe(200);
    await eventually(
      async () =>
        (await api('GET', `/v1/orders/${story.bought}`, { user: person })).body.status === 'refunded',
    );

    // Asked again, it looks at once: nothing is open, so it erases.
    const done = await api('POST', '/v1/me/erasure', { user: person });
    expect(done.body).toMatchObject({ id: waiting.body.id, status: 'done', waitingFor: [] });

    const refused = await api('GET', '/v1/orders?role=buyer', { user: person });
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('account_erased');
    expect((await api('POST', '/v1/me/erasure', { user: person })).body.code).toBe('account_erased');

    // No column of any table holds their name, email, texts or URL; the histories decode to none of it.
    expect(await columnsHolding(needle)).toEqual([]);
    expect(await columnsHolding(email)).toEqual([]);
    const histories = (await Promise.all(workflows.map(decodedHistory))).join('\n').toLowerCase();
    expect(histories).not.toContain(needle);
    expect(await Promise.all(sealed.map((s) => openSealed(db, s)))).toEqual(sealed.map(() => ERASED_TEXT));

    // The books stay: their orders and payout under the pseudonym, the ledger and the provider agree.
    const orders = await db.query.orders.findMany({
      where: (o, { inArray }) => inArray(o.id, [story.sold, story.bought]),
    });
    expect(orders.map((o) => [o.status, o.amount])).toEqual(
      expect.arrayContaining([
        ['completed', 10_000n],
        ['refunded', 10_000n],
      ]),
    );
    expect(await checkLedger(db)).toEqual({ ok: true, problems: [] });
    const env = loadEnv(stack().env);
    const payments = createSandboxProvider({ baseUrl: env.PAYMENTS_BASE_URL, apiKey: env.PAYMENTS_API_KEY });
    const { mismatches } = await compareWithProvider(
      { db, payments },
      { from: started, to: new Date(Date.now() + 60_000) },
    );
    const mine = new Set([story.sold, story.bought, story.payoutId]);
    expect(mismatches.filter((m) => Object.values(m).some((v) => mine.has(String(v))))).toEqual([]);

    // One audit row records it, with counts and no personal data.
    const audit = await db.query.auditLog.findMany({
      where: (a, { and, eq }) => and(eq(a.action, 'user.erased'), eq(a.subjectId, person)),
    });
    expect(audit).toHaveLength(1);
    expect(audit[0]!.data).toMatchObject({
      erasureId: waiting.body.id,
      rows: expect.objectContaining({ personalKeys: 1 }),
    });
  });
});
