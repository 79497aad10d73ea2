/**
 * GET /v1/events: the caller's notifications as Server-Sent Events. Joins the process's Redis fan-out
 * first (api/events/fanout.ts: one subscriber per process, whatever the number of streams), then
 * replays from the table everything after `Last-Event-ID`, then streams live, skipping ids already
 * sent, so nothing falls between replay and live. Operators also get the operators' inbox. Live events
 * wait in a bounded queue per stream (api/events/delivery-queue.ts): a reader too slow to keep up is
 * closed and resumes with Last-Event-ID.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { streamSSE } from 'hono/streaming';
import { notificationChannel } from '../../activities/deps.js';
import { listNotificationsAfter, type NotificationRow } from '../../db/queries/notifications.js';
import { OPERATOR_INBOX } from '../../domain/inboxes.js';
import { createDeliveryQueue } from '../events/delivery-queue.js';
import { createEventFanout, type EventFanout } from '../events/fanout.js';
import { connectSubscriber } from '../events/redis-subscriber.js';
import { LastEventId, problemResponse } from '../schemas.js';
import type { App } from '../types.js';

const HEARTBEAT_MS = 15_000;
/** Bytes of live events held for one stream before its reader counts as too slow (then it is closed). */
const STREAM_QUEUE_BYTES = 256 * 1024;

const route = createRoute({
  method: 'get',
  path: '/v1/events',
  tags: ['events'],
  summary: 'Live notifications of my orders (SSE); `Last-Event-ID` replays what I missed',
  request: {
    headers: z.object({ 'last-event-id': LastEventId.optional() }),
    query: z.object({ lastEventId: LastEventId.optional() }),
  },
  responses: {
    200: { description: 'An event stream', content: { 'text/event-stream': { schema: z.string() } } },
    401: problemResponse('No valid token'),
  },
});

export function registerEventRoutes(app: App): void {
  // One per app, so one per API process; it opens its connection at the first stream.
  let fanout: EventFanout | undefined;

  app.openapi(route, (c) => {
    const { db, redis, log } = c.var.deps;
    fanout ??= createEventFanout({
      connect: () => connectSubscriber(redis, log),
      onError: (err) => log.warn({ err: String(err) }, 'redis unsubscribe failed'),
    });
    const events = fanout;
    const user = c.var.user;
    const audiences = user.role === 'operator' ? [user.id, OPERATOR_INBOX] : [user.id];
    const from = Number(c.req.valid('header')['last-event-id'] ?? c.req.valid('query').lastEventId ?? 0);
    // The Node response (@hono/node-server): a slow reader's socket is destroyed, not left to drain.
    const outgoing = (c.env as { outgoing?: { destroy(): void } } | undefined)?.outgoing;

    return streamSSE(c, async (stream) => {
      let lastSent = from;
      const send = async (row: NotificationRow) => {
        if (row.id <= lastSent) return;
        lastSent = row.id;
        await stream.writeSSE({
          id: String(row.id),
          event: row.type,
          data: JSON.stringify({
            id: row.id,
            type: row.type,
            orderId: row.orderId,
            payload: row.payload,
            createdAt: new Date(row.createdAt).toISOString(),
          }),
        });
      };
      // Ends this stream for its client to come back with Last-Event-ID; the socket goes too, as a
      // slow reader's would otherwise stay open until it drained.
      const close = () => {
        stream.abort();
        outgoing?.destroy();
      };
      const queue = createDeliveryQueue<NotificationRow>({
        limit: STREAM_QUEUE_BYTES,
        write: send,
        order: (a, b) => a.id - b.id,
        onOverflow: () => {
          c.var.log.warn(
            { userId: user.id, lastSent, limitBytes: STREAM_QUEUE_BYTES },
            'sse reader too slow: closed',
          );
          close();
        },
      });
      const stopped = new Promise<void>((resolve) => stream.onAbort(resolve));
      const leave = await events.join(
        audiences.map(notificationChannel),
        (_channel, message) => queue.push(JSON.parse(message) as NotificationRow, message.length),
        close, // Redis connection lost: the client resumes from the table with Last-Event-ID
      );
      stream.onAbort(leave);
      try {
        for (;;) {
          const page = await listNotificationsAfter(db, audiences, lastSent, 500);
          for (const row of page) await send(row);
          if (page.length < 500) break;
        }
        await queue.start();

        while (!stream.aborted) {
          await stream.write(': heartbeat\n\n'); // a comment: keeps proxies from closing an idle stream
          await untilEither(HEARTBEAT_MS, stopped);
        }
      } finally {
        leave();
      }
    });
  });
}

/** Waits `ms`, or less if `stopped` settles first (a closed stream lets go of its memory at once). */
async function untilEither(ms: number, stopped: Promise<void>): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([new Promise<void>((resolve) => (timer = setTimeout(resolve, ms))), stopped]);
  clearTimeout(timer);
}
