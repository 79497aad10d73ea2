/**
 * The auction workflow's messages (`auction-<listingId>`), defined once for the workflow and every
 * caller: the name of each is the string literal here and nowhere else (api/message-names.test.ts).
 */
import { defineQuery, defineSignal } from '@temporalio/workflow';
import type { AuctionOutcome } from '../../domain/auction.js';

export interface AuctionProgress {
  listingId: string;
  /** The end the workflow's timer waits for (the auction row may hold a later one: it re-checks there). */
  endsAt: string;
  phase: 'open' | 'selling' | 'ended';
  outcome?: AuctionOutcome;
}

/** A bid in the soft close moved the end: the timer re-arms (the row's end is the authority). */
export const auctionExtendedSignal = defineSignal<[{ endsAt: string }]>('auctionExtended');
export const auctionProgressQuery = defineQuery<AuctionProgress>('auctionProgress');
