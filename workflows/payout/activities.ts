import { activitiesOn, databaseStep, ledgerStep, providerCall, transferCheck } from '../options.js';

export const db = activitiesOn(databaseStep);
export const ledger = activitiesOn(ledgerStep);
export const provider = activitiesOn(providerCall);
export const checker = activitiesOn(transferCheck);
