/** The sandbox provider's records, in memory and optionally persisted (temp file + rename) after each change. */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export interface IntentRecord {
  id: string;
  status: 'requires_confirmation' | 'authorized' | 'captured' | 'voided';
  amount: number;
  currency: string;
  amount_captured: number;
  amount_refunded: number;
  /** Taken back by chargebacks (the cardholder's bank), beside refunds we made. */
  amount_disputed?: number;
  payment_method: string;
  metadata: Record<string, string>;
  created: number;
}
export interface RefundRecord {
  id: string;
  payment_intent: string;
  amount: number;
  currency: string;
  status: 'succeeded';
  created: number;
}
/** A chargeback: the cardholder's bank took `amount` of the payment back (sandbox/control.ts). */
export interface DisputeRecord {
  id: string;
  payment_intent: string;
  amount: number;
  currency: string;
  reason: string;
  status: 'needs_response';
  metadata: Record<string, string>;
  created: number;
}
export interface TransferRecord {
  id: string;
  destination: string;
  amount: number;
  currency: string;
  status: 'pending' | 'paid' | 'failed';
  failure_code?: string;
  metadata: Record<string, string>;
  created: number;
}
/** A seller's connected account; payouts go there once onboarding enabled them. */
export interface AccountRecord {
  id: string;
  object: 'account';
  type: 'express';
  email: string | null;
  payouts_enabled: boolean;
  charges_enabled: boolean;
  details_submitted: boolean;
  requirements: { currently_due: string[]; disabled_reason: string | null };
  metadata: Record<string, string>;
  created: number;
  /** Sandbox only, set when a test onboards it: how its transfers settle (like the `acct_fail…` ids). */
  settles_as?: 'paid' | 'failed' | 'pending';
}
export interface StoredResponse {
  fingerprint: string;
  status: number;
  body: unknown;
}
export type EffectKind = 'authorize' | 'capture' | 'void' | 'refund' | 'transfer' | 'account';

/** A tokenized card: what the provider keeps instead of the number (which it never echoes). */
export interface PaymentMethodRecord {
  id: string;
  brand: string;
  last4: string;
  exp_month: number;
  exp_year: number;
  /** The test card this number stands for (decline, confirmation...): its behaviour in the sandbox. */
  behaves_like: string;
  created: number;
}

/** A parcel the sandbox carrier tracks, with every scan it reported. */
export interface TrackerRecord {
  id: string;
  carrier: string;
  trackingNumber: string;
  status: string;
  deliveredAt?: string;
  events: Array<{ id: string; status: string; occurredAt: string }>;
  created: number;
}
export interface CarrierState {
  /** Keyed by JSON `[carrier, trackingNumber]`. */
  trackers: Record<string, TrackerRecord>;
  /** Keyed `<apiKey>|<Idempotency-Key>`: what a registration asked for and the tracker it got. */
  registrations: Record<string, { fingerprint: string; tracker: string }>;
}

export interface SandboxState {
  intents: Record<string, IntentRecord>;
  paymentMethods?: Record<string, PaymentMethodRecord>;
  refunds: Record<string, RefundRecord>;
  transfers: Record<string, TransferRecord>;
  /** Chargebacks; absent in state files from before they were kept. */
  disputes?: Record<string, DisputeRecord>;
  /** Connected accounts (sandbox/accounts.ts); absent in state files from before them. */
  accounts?: Record<string, AccountRecord>;
  /** Keyed `<apiKey>|<Idempotency-Key>`. */
  idempotency: Record<string, StoredResponse>;
  effects: { byKind: Record<EffectKind, number>; byKey: Record<string, number> };
  /** The sandbox carrier's parcels (sandbox/carrier.ts); absent in state files from before it. */
  carrier?: CarrierState;
}

export function emptyState(): SandboxState {
  return {
    intents: {},
    refunds: {},
    transfers: {},
    idempotency: {},
    effects: { byKind: { authorize: 0, capture: 0, void: 0, refund: 0, transfer: 0, account: 0 }, byKey: {} },
  };
}

export function loadState(file: string | undefined): SandboxState {
  if (!file || !existsSync(file)) return emptyState();
  return { ...emptyState(), ...(JSON.parse(readFileSync(file, 'utf8')) as SandboxState) };
}

export function saveState(file: string | undefined, state: SandboxState): void {
  if (!file) return;
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.tmp`;
  writeFileSync(tmp, JSON.stringify(state));
  renameSync(tmp, file);
}

export function countEffect(state: SandboxState, kind: EffectKind, key: string): void {
  state.effects.byKind[kind] = (state.effects.byKind[kind] ?? 0) + 1;
  state.effects.byKey[key] = (state.effects.byKey[key] ?? 0) + 1;
}
