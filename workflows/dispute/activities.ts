import { activitiesOn, databaseStep, notificationStep } from '../options.js';

export const db = activitiesOn(databaseStep);
export const notifications = activitiesOn(notificationStep);
