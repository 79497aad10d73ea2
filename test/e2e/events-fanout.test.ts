/**
 * GET /v1/events at scale, on an API served from this process (so Redis's CLIENT LIST can be read per
 * process): 200 streams share one Redis subscriber and each gets its own events; a reader that stops
 * reading is closed once its bounded queue overflows, and resumes from Last-Event-ID without loss;
 * so does every stream when the shared Redis connection drops.
 */
import http from 'node:http';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notificationChannel } from '../../activities/deps.js';
import { subscriberConnectionName } from '../../api/events/redis-subscriber.js';
import { parseEventStream, type ServerSentEvent, streamEvents } from '../../client/sse.js';
import { notifications } from '../../db/schema/index.js';
import { eventually, stack, testDb, tokenFor, uniqueUser } from '../support/stack.js';
import { type InProcessApi, inProcessApi } from './in-process-api.js';

let app: InProcessApi;
let redis: Redis;
const { db, close: closeDb } = testDb();
const sseName = subscriberConnectionName();

beforeAll(async () => {
  app = await inProcessApi({
    env: { RATE_LIMIT_IP_PER_MINUTE: '1000000', RATE_LIMIT_USER_PER_MINUTE: '1000000' },
  });
  redis = new Redis(stack().env.REDIS_URL!);
});
afterAll(async () => {
  await app.close();
  redis.disconnect();
  await closeDb();
});

/** Redis's clients, one record of fields per connection. */
async function clientList(): Promise<Array<Record<string, string>>> {
  const text = (await redis.client('LIST')) as string;
  return text
    .trim()
    .split('\n')
    .map((line) =>
      Object.fromEntries(
        line.split(' ').map((f) => [f.slice(0, f.indexOf('=')), f.slice(f.indexOf('=') + 1)]),
      ),
    );
}
const sseConnections = async () => (await clientList()).filter((c) => c.name === sseName);

/** One sample of the in-process API's /metrics (0 when the series has none yet). */
async function metric(name: string): Promise<number> {
  const text = await (await fetch(`${app.url}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  return line ? Number(line.slice(name.length + 1)) : 0;
}

/** What the notify activity does (activities/notifications.ts): store, then publish the stored rows. */
async function notify(rows: Array<{ userId: string; type: string; payload: Record<string, unknown> }>) {
  const stored = await db
    .insert(notifications)
    .values(rows.map((r) => ({ ...r, dedupeKey: `fanout-test:${crypto.randomUUID()}` })))
    .returning();
  for (const row of stored) await redis.publish(notificationChannel(row.userId), JSON.stringify(row));
  return stored;
}

/** Opens a stream; `next(n)` resolves with its first n events. */
async function openStream(user: string, lastEventId?: string) {
  const controller = new AbortController();
  const res = await fetch(`${app.url}/v1/events`, {
    headers: {
      authorization: `Bearer ${await tokenFor(user)}`,
      ...(lastEventId && { 'last-event-id': lastEventId }),
    },
    signal: controller.signal,
  });
  expect(res.status).toBe(200);
  const events = parseEventStream(res.body!);
  const got: ServerSentEvent[] = [];
  return {
    async next(n: number) {
      while (got.length < n) {
        const { value, done } = await events.next();
        if (done) throw new Error(`stream of ${user} ended after ${got.length} events`);
        got.push(value);
      }
      return got;
    },
    close: () => controller.abort(),
  };
}

describe('GET /v1/events fan-out', () => {
  it('serves 200 streams over one Redis subscriber; each gets its own events and only those', async () => {
    const before = await clientList();
    const users = Array.from({ length: 200 }, (_, i) => uniqueUser(`watcher${i}`));
    const streams = await Promise.all(users.map((u) => openStream(u)));

    // Every user's own event, then a fence: Redis delivers one connection's messages in publish order,
    // so an event sent to the wrong stream would arrive there before that stream's fence.
    const own = await notify(users.map((userId) => ({ userId, type: 'test.own', payload: { for: userId } })));
    const fences = await notify(
      users.map((userId) => ({ userId, type: 'test.fence', payload: { for: userId } })),
    );
    const received = await Promise.all(streams.map((s) => s.next(2)));
    received.forEach((events, i) => {
      expect(events.map((e) => [e.event, Number(e.id), JSON.parse(e.data).payload.for])).toEqual([
        ['test.own', own[i]!.id, users[i]],
        ['test.fence', fences[i]!.id, users[i]],
      ]);
    });

    const during = await clientList();
    expect(await sseConnections()).toHaveLength(1);
    expect((await sseConnections())[0]!.sub).toBe('200');
    expect(during.length - before.length).toBeLessThanOrEqual(3); // not 200
    expect(await metric('escrowflow_sse_streams')).toBe(200);
    expect(await metric('escrowflow_sse_redis_channels')).toBe(200);

    // The last stream to leave takes the subscription and the connection with it.
    for (const s of streams) s.close();
    await eventually(async () => (await sseConnections()).length === 0);
    expect(await metric('escrowflow_sse_streams')).toBe(0);
  });

  it('closes a reader that stops reading once its queue overflows; it resumes from Last-Event-ID with nothing lost', async () => {
    const user = uniqueUser('slow');
    const token = await tokenFor(user);
    // node:http reads only as fast as the test consumes: paused, the socket stops being read.
    const response = await new Promise<http.IncomingMessage>((resolve, reject) =>
      http
        .get(`${app.url}/v1/events`, { headers: { authorization: `Bearer ${token}` } }, resolve)
        .on('error', reject),
    );
    expect(response.statusCode).toBe(200);
    response.pause();
    const slowClosed = 'escrowflow_sse_streams_closed_total{reason="slow_reader"}';
    const closedBefore = await metric(slowClosed);
    await eventually(async () => (await sseConnections())[0]?.sub === '1');

    // 64 KiB events until the API gives up on the stream (its subscription goes with it).
    const sent: number[] = [];
    const blob = 'x'.repeat(64 * 1024);
    while ((await sseConnections()).length > 0) {
      expect(sent.length, 'the stream should have been closed by now').toBeLessThan(1_000);
      const rows = await notify(
        Array.from({ length: 10 }, () => ({ userId: user, type: 'test.bulk', payload: { blob } })),
      );
      sent.push(...rows.map((r) => r.id));
    }

    // What reached the socket before it was closed: a prefix of the events, then the end.
    let raw = '';
    response.setEncoding('utf8');
    response.on('data', (chunk: string) => {
      raw += chunk;
    });
    response.resume();
    await new Promise<void>((resolve) => response.on('close', resolve));
    const complete = raw.slice(0, raw.lastIndexOf('\n\n') + 2);
    const firstIds = [...complete.matchAll(/^id: (\d+)$/gm)].map((m) => Number(m[1]));
    expect(firstIds.length).toBeLessThan(sent.length);
    expect(firstIds).toEqual(sent.slice(0, firstIds.length));
    expect(await metric(slowClosed)).toBe(closedBefore + 1);

    const resumed = await openStream(user, firstIds.at(-1)?.toString());
    const rest = await resumed.next(sent.length - firstIds.length);
    resumed.close();
    expect([...firstIds, ...rest.map((e) => Number(e.id))]).toEqual(sent);
  });

  it('closes its streams when the shared Redis connection drops; the SDK resumes from Last-Event-ID with nothing lost', async () => {
    const user = uniqueUser('blip');
    const controller = new AbortController();
    const events = streamEvents({
      baseUrl: app.url,
      token: () => tokenFor(user),
      signal: controller.signal,
      reconnectMs: 20,
    });
    try {
      const [before] = await notify([{ userId: user, type: 'test.before', payload: {} }]);
      expect((await events.next()).value?.id).toBe(String(before!.id));
      await eventually(async () => (await sseConnections())[0]?.sub === '1');

      // Redis drops the subscriber; what is published before ioredis resubscribes never reaches it.
      const [subscriber] = await sseConnections();
      await redis.client('KILL', 'ID', subscriber!.id!);
      const during = await notify([
        { userId: user, type: 'test.during', payload: {} },
        { userId: user, type: 'test.during', payload: {} },
      ]);
      const got = [(await events.next()).value, (await events.next()).value];
      expect(got.map((e) => e?.id)).toEqual(during.map((r) => String(r.id)));
      expect(await metric('escrowflow_sse_streams_closed_total{reason="redis_lost"}')).toBe(1);
    } finally {
      controller.abort();
      await events.return(undefined);
    }
  });
});
