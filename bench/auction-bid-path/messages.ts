/** The measurement workflow's messages (workflow.ts), defined once for it and the bench's client. */
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { Standing } from '../../domain/auction.js';

export const benchBidUpdate = defineUpdate<Standing, [{ bidderId: string; maxAmount: number }]>('benchBid');
export const benchStandingQuery = defineQuery<Standing>('benchStanding');
