import { describe, expect, it } from 'vitest';
import { envSchema, parseEnv, sellerWebhookSettings } from './env.js';

describe('OUTBOUND_WEBHOOK_* settings', () => {
  it('default to nothing but public addresses, 5 s timeouts and a 5 s first retry', () => {
    expect(sellerWebhookSettings(envSchema.parse({}))).toEqual({
      allowCidrs: [],
      timeoutMs: 5000,
      retryInitialMs: 5000,
    });
  });

  it('take a comma list of CIDRs or addresses, normalised', () => {
    const env = envSchema.parse({
      OUTBOUND_WEBHOOK_ALLOW_CIDRS: '127.0.0.1/32, 10.0.0.0/8,::1',
      OUTBOUND_WEBHOOK_TIMEOUT_MS: '1500',
      OUTBOUND_WEBHOOK_RETRY_INITIAL_MS: '200',
    });
    expect(sellerWebhookSettings(env)).toEqual({
      allowCidrs: ['127.0.0.1/32', '10.0.0.0/8', '::1/128'],
      timeoutMs: 1500,
      retryInitialMs: 200,
    });
  });

  it('refuse an invalid allow list or timeout at start-up, naming the variable', () => {
    const parsed = parseEnv({
      OUTBOUND_WEBHOOK_ALLOW_CIDRS: '127.0.0.1/32,intranet',
      OUTBOUND_WEBHOOK_TIMEOUT_MS: '60000',
    });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.issues).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^OUTBOUND_WEBHOOK_ALLOW_CIDRS: not an address or CIDR: intranet/),
        expect.stringMatching(/^OUTBOUND_WEBHOOK_TIMEOUT_MS: /),
      ]),
    );
  });
});
