/**
 * Faults of the sandbox payment provider, through its `/_sandbox/faults` control endpoint, as
 * test/e2e/reconciliation.test.ts sets them. (The sandbox keeps no count: see logs.ts.)
 */

/** ~30% of provider writes fail: 500 before acting, 502 after acting (lost answers). */
export const PROVIDER_FAULTS = {
  errorRate: 0.3,
  lostResponseRate: 0.1,
  duplicateWebhooks: true,
  outOfOrderWebhooks: true,
};

export async function setProviderFaults(sandboxUrl: string, faults: Record<string, unknown>): Promise<void> {
  const res = await fetch(`${sandboxUrl}/_sandbox/faults`, { method: 'PUT', body: JSON.stringify(faults) });
  if (!res.ok) throw new Error(`sandbox faults: ${res.status} ${await res.text()}`);
}
