/**
 * Email notifications over the whole stack: users set an address and preferences over the API, the
 * worker's notify activity sends through SMTP to the sandbox's real receiver, and the test reads
 * what arrived (GET /_sandbox/mail) beside the in-app stream (GET /v1/events).
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { emailDeliveries } from '../../db/schema/index.js';
import { api, eventually, stack, testDb, tokenFor, uniqueUser } from '../support/stack.js';

const PREFS = '/v1/me/notification-preferences';
const { db, close } = testDb();
afterAll(() => close());

interface Mail {
  messageId: string;
  from: string;
  to: string[];
  subject: string;
  text: string;
  receivedAt: string;
}
const mailTo = async (address: string): Promise<Mail[]> =>
  (await fetch(`${stack().sandboxUrl}/_sandbox/mail?to=${encodeURIComponent(address)}`)).json() as Promise<
    Mail[]
  >;
/** Waits until `count` messages reached `address`. */
const awaitMail = (address: string, count = 1) =>
  eventually(async () => {
    const mail = await mailTo(address);
    return mail.length >= count && mail;
  });

const addressOf = (user: string) => `${user}@example.test`;

async function setPreferences(user: string, body: unknown) {
  const res = await api('PUT', PREFS, { user, body });
  expect(res.status).toBe(200);
  return res.body;
}

/** `seller` lists an item and `buyer` pays for it; the order's id. */
async function purchase(buyer: string, seller: string): Promise<string> {
  const listing = await api('POST', '/v1/listings', {
    user: seller,
    body: { title: 'Desk lamp', amount: 4_250, currency: 'EUR', quantity: 1 },
  });
  expect(listing.status).toBe(201);
  const order = await api('POST', '/v1/orders?wait=payment', {
    user: buyer,
    body: { listingId: listing.body.id, quantity: 1, paymentMethod: 'pm_card_ok' },
  });
  expect(order.body.status).toBe('paid');
  return order.body.id as string;
}

/** The user's in-app notifications as the SSE stream replays them (up to its first heartbeat). */
async function inAppEvents(user: string): Promise<Array<{ type: string; orderId: string | null }>> {
  const controller = new AbortController();
  const res = await fetch(`${stack().apiUrl}/v1/events`, {
    headers: { authorization: `Bearer ${await tokenFor(user)}` },
    signal: controller.signal,
  });
  expect(res.status).toBe(200);
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  let text = '';
  // The replay is written before the first heartbeat comment.
  while (!text.includes(': heartbeat')) {
    const { value, done } = await reader.read();
    if (done) break;
    text += value;
  }
  controller.abort();
  return text
    .split('\n')
    .filter((line) => line.startsWith('data:'))
    .map((line) => JSON.parse(line.slice(5)) as { type: string; orderId: string | null });
}

describe('email notifications', () => {
  it('buyer and seller each get the email of their side of a purchase, once', async () => {
    const buyer = uniqueUser('buyer');
    const seller = uniqueUser('seller');
    await setPreferences(buyer, { email: addressOf(buyer) });
    await setPreferences(seller, { email: addressOf(seller) });

    const orderId = await purchase(buyer, seller);

    const [paid] = await awaitMail(addressOf(buyer));
    expect(paid).toMatchObject({
      to: [addressOf(buyer)],
      from: '"escrowflow" <no-reply@escrowflow.local>',
      subject: `Payment received for order ${orderId}`,
    });
    expect(paid!.text).toContain('42.50 EUR');
    expect(paid!.text).toContain(`${stack().apiUrl}/v1/orders/${orderId}`);
    expect(paid!.messageId).toMatch(/^<n\.[0-9a-f]{40}@escrowflow\.local>$/);
    const [sold] = await awaitMail(addressOf(seller));
    expect(sold).toMatchObject({ to: [addressOf(seller)], subject: `You sold an item: order ${orderId}` });
    expect(sold!.text).toContain(orderId);

    // One delivery row per notification, sent on the first SMTP attempt, with the Message-ID that arrived.
    const [buyerRow] = await db
      .select()
      .from(emailDeliveries)
      .where(eq(emailDeliveries.notificationKey, `order-${orderId}:notify:buyer:paid`));
    expect(buyerRow).toMatchObject({ status: 'sent', attempts: 1, toAddress: addressOf(buyer) });
    expect(buyerRow!.messageId).toBe(paid!.messageId);

    // The next step of the order brings the next email; the first was not sent again meanwhile.
    const shipped = await api('POST', `/v1/orders/${orderId}/ship`, {
      user: seller,
      body: { carrier: 'UPS', trackingNumber: '1Z999AA10123456784' },
    });
    expect(shipped.status).toBe(200);
    const buyerMail = await awaitMail(addressOf(buyer), 2);
    expect(buyerMail.map((m) => m.subject)).toEqual([
      `Payment received for order ${orderId}`,
      `Order ${orderId} has shipped`,
    ]);
    expect(buyerMail[1]!.text).toContain('1Z999AA10123456784');
    const sellerMail = await awaitMail(addressOf(seller), 2);
    expect(sellerMail.map((m) => m.subject)).toEqual([
      `You sold an item: order ${orderId}`,
      `Order ${orderId} has shipped`,
    ]);
  });

  it('follows each channel preference: no email where email is off, no in-app where in-app is off', async () => {
    const buyer = uniqueUser('buyer');
    const seller = uniqueUser('seller');
    // The buyer wants no email for payments (but in-app); the seller email only for sales.
    await setPreferences(buyer, {
      email: addressOf(buyer),
      preferences: [{ eventType: 'order.paid', channel: 'email', enabled: false }],
    });
    await setPreferences(seller, {
      email: addressOf(seller),
      preferences: [{ eventType: 'order.sold', channel: 'in_app', enabled: false }],
    });

    const orderId = await purchase(buyer, seller);

    // The buyer's notification was decided (recorded as skipped) and no email arrived for it.
    const buyerKey = `order-${orderId}:notify:buyer:paid`;
    const skipped = await eventually(async () => {
      const [row] = await db
        .select()
        .from(emailDeliveries)
        .where(and(eq(emailDeliveries.notificationKey, buyerKey), eq(emailDeliveries.status, 'skipped')));
      return row;
    });
    expect(skipped.attempts).toBe(0);
    expect(await mailTo(addressOf(buyer))).toEqual([]);
    expect(await inAppEvents(buyer)).toContainEqual(expect.objectContaining({ type: 'order.paid', orderId }));

    // The seller's email arrived; the in-app step ran before it and stored nothing.
    const [sold] = await awaitMail(addressOf(seller));
    expect(sold!.subject).toBe(`You sold an item: order ${orderId}`);
    expect((await inAppEvents(seller)).filter((e) => e.orderId === orderId)).toEqual([]);
  });

  it('GET returns what PUT set; PUT upserts and keeps what it does not name', async () => {
    const user = uniqueUser('prefs');
    expect((await api('GET', PREFS, { user })).body).toEqual({ email: null, preferences: [] });

    const first = await setPreferences(user, {
      email: addressOf(user),
      preferences: [
        { eventType: '*', channel: 'email', enabled: false },
        { eventType: 'order.paid', channel: 'email', enabled: true },
      ],
    });
    const expected = {
      email: addressOf(user),
      preferences: [
        { eventType: '*', channel: 'email', enabled: false },
        { eventType: 'order.paid', channel: 'email', enabled: true },
      ],
    };
    expect(first).toEqual(expected);
    expect((await api('GET', PREFS, { user })).body).toEqual(expected);

    await setPreferences(user, { preferences: [{ eventType: '*', channel: 'email', enabled: true }] });
    await setPreferences(user, {
      preferences: [{ eventType: 'dispute.opened', channel: 'in_app', enabled: false }],
    });
    expect((await api('GET', PREFS, { user })).body).toEqual({
      email: addressOf(user),
      preferences: [
        { eventType: '*', channel: 'email', enabled: true },
        { eventType: 'dispute.opened', channel: 'in_app', enabled: false },
        { eventType: 'order.paid', channel: 'email', enabled: true },
      ],
    });

    expect((await setPreferences(user, { email: null })).email).toBeNull();
    expect((await api('GET', PREFS, { user })).body.preferences).toHaveLength(3);
  });

  it('refuses invalid settings with 400 problem+json and changes nothing', async () => {
    const user = uniqueUser('prefs');
    await setPreferences(user, { email: addressOf(user) });
    const invalid = [
      { email: 'not-an-email' },
      { email: `${'a'.repeat(250)}@example.test` },
      { preferences: [{ eventType: 'order', channel: 'email', enabled: false }] },
      { preferences: [{ eventType: 'order.*', channel: 'email', enabled: false }] },
      { preferences: [{ eventType: 'order.paid', channel: 'sms', enabled: false }] },
      { preferences: [{ eventType: 'order.paid', channel: 'email', enabled: 'no' }] },
      {
        preferences: [
          { eventType: 'order.paid', channel: 'email', enabled: false },
          { eventType: 'order.paid', channel: 'email', enabled: true },
        ],
      },
      { email: addressOf(user), phone: '+4912345' },
    ];
    for (const body of invalid) {
      const res = await api('PUT', PREFS, { user, body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(res.body.code).toBe('validation_failed');
    }
    expect((await api('GET', PREFS, { user })).body).toEqual({ email: addressOf(user), preferences: [] });
    expect((await api('GET', PREFS)).status).toBe(401);
  });

  it('replays a PUT with the same Idempotency-Key and refuses the key with another body', async () => {
    const user = uniqueUser('prefs');
    const headers = { 'idempotency-key': `prefs-${user}` };
    const body = { email: addressOf(user) };
    const first = await api('PUT', PREFS, { user, body, headers });
    expect(first.status).toBe(200);
    const again = await api('PUT', PREFS, { user, body, headers });
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toEqual(first.body);
    const other = await api('PUT', PREFS, { user, body: { email: null }, headers });
    expect(other.status).toBe(422);
  });
});
