/** The activities the payout calls, one proxy per retry preset (workflows/options.ts). */
import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../../activities/index.js';
import { databaseStep, ledgerStep, providerCall, transferCheck, transferPoll } from '../options.js';

export const db = proxyActivities<Activities>(databaseStep);
export const ledger = proxyActivities<Activities>(ledgerStep);
export const provider = proxyActivities<Activities>(providerCall);
export const poller = proxyActivities<Activities>(transferPoll);
export const checker = proxyActivities<Activities>(transferCheck);
