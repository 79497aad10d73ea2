/** Fault injection, seedable so a test run is repeatable. */
export interface Faults {
  latencyMs: number;
  /** 500 before doing anything. */
  errorRate: number;
  /** Does the effect, stores the idempotent result, then answers 502: the case idempotency exists for. */
  lostResponseRate: number;
  /** Declines an otherwise good card. */
  declineRate: number;
  /** 503 for every API call while now is inside a window (epoch ms). */
  outages: Array<{ from: number; to: number }>;
  duplicateWebhooks: boolean;
  outOfOrderWebhooks: boolean;
}

export const noFaults = (): Faults => ({
  latencyMs: 0,
  errorRate: 0,
  lostResponseRate: 0,
  declineRate: 0,
  outages: [],
  duplicateWebhooks: false,
  outOfOrderWebhooks: false,
});

/** mulberry32: a tiny deterministic PRNG. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
