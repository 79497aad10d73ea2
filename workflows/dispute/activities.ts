/** The activities the dispute calls, one proxy per retry preset (workflows/options.ts). */
import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../../activities/index.js';
import { databaseStep, notificationStep } from '../options.js';

export const db = proxyActivities<Activities>(databaseStep);
export const notifications = proxyActivities<Activities>(notificationStep);
