/**
 * GET /v1/events: the caller's notifications as Server-Sent Events, replayed from `Last-Event-ID` then
 * live (api/events/notification-stream.ts). Operators also get the operators' inbox. Every stream of
 * the process shares one Redis subscriber (api/events/fanout.ts), whatever their number.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { streamSSE } from 'hono/streaming';
import { OPERATOR_INBOX } from '../../domain/inboxes.js';
import { createEventFanout, type EventFanout } from '../events/fanout.js';
import { streamNotifications } from '../events/notification-stream.js';
import { connectSubscriber } from '../events/redis-subscriber.js';
import { LastEventId, problemResponse } from '../schemas.js';
import type { App } from '../types.js';

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
    const user = c.var.user;
    const input = {
      db,
      fanout,
      metrics: c.var.metrics,
      log: c.var.log,
      audiences: user.role === 'operator' ? [user.id, OPERATOR_INBOX] : [user.id],
      from: Number(c.req.valid('header')['last-event-id'] ?? c.req.valid('query').lastEventId ?? 0),
      outgoing: (c.env as { outgoing?: { destroy(): void } } | undefined)?.outgoing,
    };
    return streamSSE(c, (stream) => streamNotifications(stream, input));
  });
}
