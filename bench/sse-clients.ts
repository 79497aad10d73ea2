/**
 * GET /v1/events at a marketplace's scale on one API process, shared by `npm run bench:sse` (bench/sse.ts)
 * and `npm run bench`'s marketplace phase: opens `clients` streams (one user each) and reports Redis
 * connections (total and the API's SSE subscribers, CLIENT LIST), the API process's RSS before and with
 * the streams open, and two delays at the client:
 * - `pings`: a notification stored then published as the notify activity does → its event parsed
 *   (the fan-out alone);
 * - `outbids`: a chain of bids on one auction by streaming users, each outbidding the one before
 *   (bench/outbid-chain.ts) → the outbid bidder's `auction.outbid` parsed: the whole path (the bid's
 *   transaction and outbox row, the worker's dispatcher, Redis, the API's fan-out, the stream).
 */
import { setMaxListeners } from 'node:events';
import { loadavg } from 'node:os';
import type { Redis } from 'ioredis';
import { notificationChannel } from '../activities/deps.js';
import { parseEventStream } from '../client/sse.js';
import type { Db } from '../db/client.js';
import { notifications } from '../db/schema/index.js';
import { postAs } from './api-call.js';
import { AUCTION_INCREMENT, AUCTION_START, hotAuctionListing } from './auction-listing.js';
import { percentile } from './load.js';
import { round2, say } from './options.js';
import { type ChainBid, chainMaximum, outbidDelays } from './outbid-chain.js';
import { memoryMiB } from './proc.js';

export interface SseAtScaleInput {
  /** One API process's own URL (not a proxy in front of several). */
  apiUrl: string;
  apiPid: number;
  redis: Redis;
  db: Db;
  token: (user: string) => Promise<string>;
  /** Names this run's users and rows apart from any other's. */
  run: string;
  clients: number;
  pings: number;
  pingRate: number;
  outbids: number;
  outbidRate: number;
}

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function sseAtScale(input: SseAtScaleInput) {
  const { apiUrl, apiPid, redis } = input;
  const controller = new AbortController();
  setMaxListeners(0, controller.signal); // one abort listener per stream
  try {
    const connections = async () => {
      const lines = ((await redis.client('LIST')) as string).trim().split('\n');
      return {
        total: lines.length,
        sseSubscribers: lines.filter((l) => / name=escrowflow-sse-/.test(l)).length,
      };
    };
    const before = { redis: await connections(), apiRssMiB: round2(memoryMiB(apiPid).rss) };

    // Ping send times by notification id, and each user's first outbid, stamped as the client parses them.
    const pingSentAt = new Map<number, number>();
    const pingDelays: number[] = [];
    const outbidAt = new Map<string, number>();
    const users = Array.from({ length: input.clients }, (_, i) => `${input.run}-u${i}`);
    let opened = 0;
    const openStream = async (user: string) => {
      const res = await fetch(`${apiUrl}/v1/events`, {
        headers: { authorization: `Bearer ${await input.token(user)}` },
        signal: controller.signal,
      });
      if (res.status !== 200 || !res.body) throw new Error(`GET /v1/events answered ${res.status}`);
      opened++;
      void (async () => {
        try {
          for await (const event of parseEventStream(res.body!)) {
            const now = performance.now();
            const sent = pingSentAt.get(Number(event.id));
            if (sent !== undefined) pingDelays.push(now - sent);
            if (event.event === 'auction.outbid' && !outbidAt.has(user)) outbidAt.set(user, now);
          }
        } catch {
          // aborted at the end
        }
      })();
    };
    say(`opening ${input.clients} SSE streams on ${apiUrl}`);
    for (let i = 0; i < users.length; i += 250) await Promise.all(users.slice(i, i + 250).map(openStream));
    const open = { redis: await connections(), apiRssMiB: round2(memoryMiB(apiPid).rss) };

    const pings = input.pings > 0 ? await sendPings(input, users, pingSentAt) : 0;
    const chain = input.outbids > 0 ? await outbidChain(input, users) : [];
    const { delays: outbidMs, missing } = outbidDelays(chain, outbidAt);
    const expectedOutbids = outbidMs.length + missing.length;
    // The events still on their way: wait for them, up to 10 s.
    const deadline = performance.now() + 10_000;
    const pending = () =>
      pingDelays.length < pings || outbidDelays(chain, outbidAt).delays.length < expectedOutbids;
    while (pending() && performance.now() < deadline) await wait(50);
    const outbids = outbidDelays(chain, outbidAt);
    return {
      clients: opened,
      redisConnections: { before: before.redis, withStreamsOpen: open.redis },
      apiRssMiB: {
        before: before.apiRssMiB,
        withStreamsOpen: open.apiRssMiB,
        peak: round2(memoryMiB(apiPid).peak),
      },
      ...(pings > 0 && { notificationToClientMs: { sent: pings, ...delaySummary(pingDelays) } }),
      ...(chain.length > 0 && {
        outbidToClientMs: {
          bids: chain.length,
          outbids: expectedOutbids,
          rate: input.outbidRate,
          ...delaySummary(outbids.delays),
          missing: outbids.missing.length,
        },
      }),
      loadAverage: loadavg().map(round2),
    };
  } finally {
    controller.abort();
  }
}

const delaySummary = (ms: number[]) => ({
  received: ms.length,
  p50: round2(percentile(ms, 50)),
  p99: round2(percentile(ms, 99)),
  max: round2(percentile(ms, 100)),
});

/** `pings` notifications at `pingRate`/s to users picked at random: stored, then published. */
async function sendPings(input: SseAtScaleInput, users: string[], sentAt: Map<number, number>) {
  say(`sending ${input.pings} notifications at ${input.pingRate}/s`);
  const started = performance.now();
  for (let i = 0; i < input.pings; i++) {
    const due = started + (i * 1000) / input.pingRate;
    if (due > performance.now()) await wait(due - performance.now());
    const userId = users[Math.floor(Math.random() * users.length)]!;
    const t0 = performance.now();
    const [row] = await input.db
      .insert(notifications)
      .values({ dedupeKey: `${input.run}-${i}`, userId, type: 'bench.ping', payload: {} })
      .returning();
    sentAt.set(row!.id, t0);
    await input.redis.publish(notificationChannel(userId), JSON.stringify(row));
  }
  return input.pings;
}

/**
 * `outbids` + 1 bids on a fresh auction, one per streaming user, at `outbidRate`/s (each sent once the
 * one before has answered), each outbidding the one before.
 */
async function outbidChain(input: SseAtScaleInput, users: string[]): Promise<ChainBid[]> {
  const call = async (user: string, path: string, body: unknown) => {
    const answer = await postAs(input.apiUrl, await input.token(user), path, body);
    if (answer.status !== 201)
      throw new Error(`POST ${path} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
    return answer.body ?? {};
  };
  const listing = await call(`${input.run}-seller`, '/v1/listings', hotAuctionListing('Watched lot'));
  const count = Math.min(input.outbids + 1, users.length);
  say(`placing ${count} bids, each outbidding the last, at ${input.outbidRate}/s`);
  const chain: ChainBid[] = [];
  const started = performance.now();
  for (let k = 0; k < count; k++) {
    const due = started + (k * 1000) / input.outbidRate;
    if (due > performance.now()) await wait(due - performance.now());
    const sentAt = performance.now();
    const bid = await call(users[k]!, `/v1/listings/${listing.id}/bids`, {
      maxAmount: chainMaximum(AUCTION_START, AUCTION_INCREMENT, k),
      paymentMethod: 'pm_card_ok',
    });
    chain.push({ bidderId: users[k]!, sentAt, leading: bid.status === 'leading' });
  }
  return chain;
}

export type SseAtScale = Awaited<ReturnType<typeof sseAtScale>>;
