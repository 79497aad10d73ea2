/**
 * GET /v1/events: the caller's notifications as Server-Sent Events. Subscribes to Redis first, then
 * replays from the table everything after `Last-Event-ID`, then streams live, skipping ids already
 * sent, so nothing falls between replay and live. Operators also get the operators' inbox.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { streamSSE } from 'hono/streaming';
import { notificationChannel } from '../../activities/deps.js';
import { listNotificationsAfter, type NotificationRow } from '../../db/queries/notifications.js';
import { OPERATOR_INBOX } from '../../domain/inboxes.js';
import { LastEventId, problemResponse } from '../schemas.js';
import type { App } from '../types.js';

const HEARTBEAT_MS = 15_000;

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
  app.openapi(route, (c) => {
    const { db, redis } = c.var.deps;
    const user = c.var.user;
    const audiences = user.role === 'operator' ? [user.id, OPERATOR_INBOX] : [user.id];
    const from = Number(c.req.valid('header')['last-event-id'] ?? c.req.valid('query').lastEventId ?? 0);

    return streamSSE(c, async (stream) => {
      const subscriber = redis.duplicate();
      let lastSent = from;
      let replaying = true;
      const held: NotificationRow[] = [];
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
      subscriber.on('message', (_channel, message) => {
        const row = JSON.parse(message) as NotificationRow;
        if (replaying) held.push(row);
        else void send(row);
      });
      stream.onAbort(() => subscriber.disconnect());
      await subscriber.subscribe(...audiences.map(notificationChannel));

      for (;;) {
        const page = await listNotificationsAfter(db, audiences, lastSent, 500);
        for (const row of page) await send(row);
        if (page.length < 500) break;
      }
      replaying = false;
      for (const row of held.sort((a, b) => a.id - b.id)) await send(row);

      while (!stream.aborted) {
        await stream.write(': heartbeat\n\n'); // a comment: keeps proxies from closing an idle stream
        await stream.sleep(HEARTBEAT_MS);
      }
      subscriber.disconnect();
    });
  });
}
