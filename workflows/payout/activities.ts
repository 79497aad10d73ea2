import {
  activitiesOn,
  databaseStep,
  ledgerStep,
  providerCall,
  transferCheck,
  transferPoll,
} from '../options.js';

export const db = activitiesOn(databaseStep);
export const ledger = activitiesOn(ledgerStep);
export const provider = activitiesOn(providerCall);
export const poller = activitiesOn(transferPoll);
export const checker = activitiesOn(transferCheck);
