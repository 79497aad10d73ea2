/** GET /v1/events over real HTTP: buyer and seller see their order change live; Last-Event-ID replays. */
import { afterEach, describe, expect, it } from 'vitest';
import { api, stack, tokenFor, uniqueUser } from '../support/stack.js';

interface SseEvent {
  id?: string;
  event?: string;
  data: Record<string, any>;
}

/** Opens an SSE stream and collects its events; `until` waits for a condition with a deadline. */
async function openStream(user: string, lastEventId?: string) {
  const controller = new AbortController();
  const res = await fetch(`${stack().apiUrl}/v1/events`, {
    headers: {
      authorization: `Bearer ${await tokenFor(user)}`,
      ...(lastEventId && { 'last-event-id': lastEventId }),
    },
    signal: controller.signal,
  });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('text/event-stream');
  const events: SseEvent[] = [];
  const waiters = new Set<() => void>();
  void (async () => {
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += value;
        let end = buffer.indexOf('\n\n');
        while (end >= 0) {
          const frame = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const fields = Object.fromEntries(
            frame
              .split('\n')
              .filter((l) => l && !l.startsWith(':'))
              .map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 1).trim()]),
          );
          if (fields.data) events.push({ id: fields.id, event: fields.event, data: JSON.parse(fields.data) });
          for (const w of waiters) w();
          end = buffer.indexOf('\n\n');
        }
      }
    } catch {
      // aborted
    }
  })();
  const until = (check: (e: SseEvent[]) => boolean, timeoutMs = 15_000) =>
    new Promise<SseEvent[]>((resolve, reject) => {
      const done = () => {
        if (check(events)) {
          waiters.delete(done);
          clearTimeout(timer);
          resolve(events);
        }
      };
      const timer = setTimeout(() => {
        waiters.delete(done);
        reject(
          new Error(`stream of ${user}: condition not met; got ${events.map((e) => e.event).join(',')}`),
        );
      }, timeoutMs);
      waiters.add(done);
      done();
    });
  const stream = { events, until, close: () => controller.abort() };
  opened.push(stream);
  return stream;
}
const opened: Array<{ close(): void }> = [];
afterEach(() => {
  for (const s of opened.splice(0)) s.close();
});

const types = (events: SseEvent[], orderId: string) =>
  events.filter((e) => e.data.orderId === orderId).map((e) => e.event);

describe('GET /v1/events', () => {
  it('pushes every change of an order to its buyer and seller, live, and replays from Last-Event-ID', async () => {
    const seller = uniqueUser('seller');
    const buyer = uniqueUser('buyer');
    const stranger = uniqueUser('stranger');
    const [sellerStream, buyerStream, strangerStream] = await Promise.all([
      openStream(seller),
      openStream(buyer),
      openStream(stranger),
    ]);
    const listing = await api('POST', '/v1/listings', {
      user: seller,
      body: { title: 'Desk', amount: 9_000, currency: 'EUR', quantity: 1 },
    });
    const order = await api('POST', '/v1/orders?wait=payment', {
      user: buyer,
      body: { listingId: listing.body.id, quantity: 1, paymentMethod: 'pm_card_ok' },
    });
    const orderId = order.body.id as string;
    await sellerStream.until((e) => types(e, orderId).includes('order.sold'));
    await buyerStream.until((e) => types(e, orderId).includes('order.paid'));
    await api('POST', `/v1/orders/${orderId}/ship`, {
      user: seller,
      body: { carrier: 'GLS', trackingNumber: 'GLS123456' },
    });
    const live = await buyerStream.until((e) => types(e, orderId).includes('order.shipped'));
    await sellerStream.until((e) => types(e, orderId).includes('order.shipped'));

    const ids = live.filter((e) => e.data.orderId === orderId).map((e) => Number(e.id));
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(new Set(ids).size).toBe(ids.length);
    expect(strangerStream.events).toEqual([]);

    // Reconnect after the first event: exactly the later ones, in order, once each.
    const firstId = String(ids[0]);
    const replay = await openStream(buyer, firstId);
    const replayed = await replay.until((e) => types(e, orderId).includes('order.shipped'));
    expect(replayed.map((e) => Number(e.id))).toEqual(ids.slice(1));
  });

  it('needs a token', async () => {
    const res = await fetch(`${stack().apiUrl}/v1/events`);
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
  });
});
