/**
 * ADR 12's figures: 500 bids on one hot auction placed each way on a local stack (PostgreSQL, Temporal
 * dev server; no API, no HTTP), one at a time and 25 at once, as latency percentiles and throughput.
 *  - guarded write: db/queries/auctions.ts placeBidRow (the auction row FOR UPDATE, the proxy rule, the
 *    bid row, the outbid notice in the outbox), as POST /v1/listings/:id/bids runs it;
 *  - workflow update: executeUpdate on one workflow holding the standing in memory (workflow.ts), with
 *    no database write at all (a lower bound for that design: its projection write would come on top).
 * Usage: npx tsx bench/auction-bid-path/main.ts [bids=500] [concurrency=25]
 */
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { Client, Connection } from '@temporalio/client';
import { bundleWorkflowCode, NativeConnection, Worker } from '@temporalio/worker';
import { createDb } from '../../db/client.js';
import { createAuctionListing, placeBidRow } from '../../db/queries/auctions.js';
import { users } from '../../db/schema/index.js';
import type { AuctionTerms } from '../../domain/auction.js';
import { startStack } from '../../scripts/stack/index.js';
import { benchBidUpdate } from './messages.js';

const BIDS = Number(process.argv[2] ?? 500);
const CONCURRENCY = Number(process.argv[3] ?? 25);
const BIDDERS = 50;
const terms: AuctionTerms = { startAmount: 100, bidIncrement: 1 };

/** Each bid is new money: bidder i % BIDDERS bids maxAmount 1,000 + 10·i, always above the minimum. */
const bidOf = (run: string, i: number) => ({ bidderId: `${run}_b${i % BIDDERS}`, maxAmount: 1_000 + 10 * i });

/** Places n bids, `concurrency` at a time; `place` answers whether the bid was accepted. */
async function timed(n: number, concurrency: number, place: (i: number) => Promise<boolean>) {
  const latencies: number[] = [];
  let accepted = 0;
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let i = next++; i < n; i = next++) {
        const t = performance.now();
        if (await place(i)) accepted += 1;
        latencies.push(performance.now() - t);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const p = (q: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!.toFixed(1);
  return `p50 ${p(0.5)} ms · p99 ${p(0.99)} ms · max ${p(1)} ms · ${(n / seconds).toFixed(0)} bids/s · ${accepted} accepted`;
}

async function guardedWrites(databaseUrl: string) {
  const { db, close } = createDb(databaseUrl);
  const results: string[] = [];
  try {
    for (const concurrency of [1, CONCURRENCY]) {
      const run = `r${randomUUID().slice(0, 6)}`;
      const seller = `${run}_seller`;
      await db
        .insert(users)
        .values([{ id: seller }, ...Array.from({ length: BIDDERS }, (_, i) => ({ id: `${run}_b${i}` }))]);
      const { listing } = await createAuctionListing(
        db,
        {
          id: `lst_${run}`,
          sellerId: seller,
          title: 'bench',
          amount: 100n,
          currency: 'EUR',
          quantity: 1,
          available: 1,
        },
        { startAmount: 100n, bidIncrement: 1n, endsAt: new Date(Date.now() + 3600_000) },
      );
      const line = await timed(BIDS, concurrency, async (i) => {
        // A retry of a bid that raced to the same minimum is a new bid: count only accepted ones.
        const placed = await placeBidRow(db, {
          listingId: listing.id,
          ...bidOf(run, i),
          paymentMethod: 'pm_card_ok',
          at: new Date(),
          softCloseMs: 120_000,
        });
        if (placed.outcome !== 'placed' && placed.outcome !== 'bid_too_low') throw new Error(placed.outcome);
        return placed.outcome === 'placed';
      });
      results.push(`guarded write, ${concurrency} at once: ${line}`);
      console.log(results.at(-1));
    }
  } finally {
    await close();
  }
  return results;
}

async function workflowUpdates(address: string) {
  const workflowBundle = await bundleWorkflowCode({
    workflowsPath: fileURLToPath(new URL('./workflow.ts', import.meta.url)),
  });
  const nativeConnection = await NativeConnection.connect({ address });
  const taskQueue = `bench-bids-${randomUUID().slice(0, 6)}`;
  const worker = await Worker.create({ connection: nativeConnection, taskQueue, workflowBundle });
  const running = worker.run();
  const connection = await Connection.connect({ address });
  const client = new Client({ connection });
  const results: string[] = [];
  try {
    for (const concurrency of [1, CONCURRENCY]) {
      const run = `r${randomUUID().slice(0, 6)}`;
      const handle = await client.workflow.start('benchAuctionWorkflow', {
        workflowId: `bench-auction-${run}`,
        taskQueue,
        args: [terms],
      });
      const line = await timed(BIDS, concurrency, (i) =>
        handle.executeUpdate(benchBidUpdate, { args: [bidOf(run, i)] }).then(
          () => true,
          (err: unknown) => {
            // Bids racing to the same minimum: the later one is refused, as the guarded write refuses it.
            if (!/bid_too_low/.test(`${err} ${(err as { cause?: unknown }).cause}`)) throw err;
            return false;
          },
        ),
      );
      const { events } = await handle.fetchHistory();
      results.push(`workflow update, ${concurrency} at once: ${line} · history ${events?.length} events`);
      console.log(results.at(-1));
      await handle.terminate('bench done');
    }
  } finally {
    worker.shutdown();
    await running;
    await connection.close();
  }
  return results;
}

const stack = await startStack({ mode: 'test', apps: false, log: () => undefined });
try {
  const lines = [
    ...(await guardedWrites(stack.env.DATABASE_URL!)),
    ...(await workflowUpdates(stack.env.TEMPORAL_ADDRESS!)),
  ];
  console.log(`${BIDS} bids on one auction, this machine (2 cores, shared):\n${lines.join('\n')}`);
} finally {
  await stack.stop();
}
