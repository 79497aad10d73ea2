/**
 * One GET /v1/events stream: joins the process's fan-out first, then replays from the table everything
 * after `Last-Event-ID`, then streams live, skipping ids already sent, so nothing falls between replay
 * and live. Live events wait in a bounded queue (delivery-queue.ts); a reader too slow to keep up, or
 * every stream when the shared Redis connection drops, is closed and resumes with Last-Event-ID.
 */
import type { SSEStreamingApi } from 'hono/streaming';
import type { Logger } from 'pino';
import { notificationChannel } from '../../activities/deps.js';
import type { Db } from '../../db/client.js';
import { listNotificationsAfter, type NotificationRow } from '../../db/queries/notifications.js';
import type { ApiMetrics } from '../metrics.js';
import { createDeliveryQueue } from './delivery-queue.js';
import type { EventFanout } from './fanout.js';

const HEARTBEAT_MS = 15_000;
const REPLAY_PAGE = 500;
/** Bytes of live events held for one stream before its reader counts as too slow (then it is closed). */
export const STREAM_QUEUE_BYTES = 256 * 1024;

export interface NotificationStreamInput {
  db: Db;
  fanout: EventFanout;
  metrics: ApiMetrics;
  log: Logger;
  /** The caller's inboxes: their own, and the operators' for an operator. */
  audiences: string[];
  /** The last id the client has (`Last-Event-ID`), 0 for all. */
  from: number;
  /** The Node response (@hono/node-server): a closed stream's socket is destroyed, not left to drain. */
  outgoing?: { destroy(): void };
}

export async function streamNotifications(stream: SSEStreamingApi, input: NotificationStreamInput) {
  const { db, fanout, metrics, audiences } = input;
  let lastSent = input.from;
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
  // Ends this stream for its client to come back with Last-Event-ID.
  const close = (reason: 'slow_reader' | 'redis_lost') => {
    if (stream.aborted) return;
    metrics.sseStreamsClosed.inc({ reason });
    input.log.warn({ audiences, lastSent, reason }, 'sse stream closed for the client to resume');
    stream.abort();
    input.outgoing?.destroy();
  };
  const queue = createDeliveryQueue<NotificationRow>({
    limit: STREAM_QUEUE_BYTES,
    write: send,
    order: (a, b) => a.id - b.id,
    onOverflow: () => close('slow_reader'),
  });
  const stopped = new Promise<void>((resolve) => stream.onAbort(resolve));
  const leaveFanout = await fanout.join(
    audiences.map(notificationChannel),
    (_channel, message) => queue.push(JSON.parse(message) as NotificationRow, message.length),
    () => close('redis_lost'),
  );
  metrics.sseStreams.inc();
  metrics.sseRedisChannels.set(fanout.channelCount);
  let left = false;
  const leave = () => {
    if (left) return;
    left = true;
    leaveFanout();
    metrics.sseStreams.dec();
    metrics.sseRedisChannels.set(fanout.channelCount);
  };
  stream.onAbort(leave);
  try {
    for (;;) {
      const page = await listNotificationsAfter(db, audiences, lastSent, REPLAY_PAGE);
      for (const row of page) await send(row);
      if (page.length < REPLAY_PAGE) break;
    }
    await queue.start();

    while (!stream.aborted) {
      await stream.write(': heartbeat\n\n'); // a comment: keeps proxies from closing an idle stream
      await untilEither(HEARTBEAT_MS, stopped);
    }
  } finally {
    leave();
  }
}

/** Waits `ms`, or less if `stopped` settles first (a closed stream lets go of its memory at once). */
async function untilEither(ms: number, stopped: Promise<void>): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([new Promise<void>((resolve) => (timer = setTimeout(resolve, ms))), stopped]);
  clearTimeout(timer);
}
