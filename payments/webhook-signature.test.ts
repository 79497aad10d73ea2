import { describe, expect, it } from 'vitest';
import { signPayload, verifySignature } from './webhook-signature.js';

const body = '{"id":"evt_1","type":"payment_intent.authorized"}';
const now = 1_700_000_000;

describe('webhook secret rotation', () => {
  it('accepts a delivery signed with any of the configured secrets, and refuses others', () => {
    const secrets = ['whsec_new', 'whsec_old'];
    for (const secret of secrets) {
      const header = signPayload(secret, body, now);
      expect(verifySignature({ secret: secrets, header, rawBody: body, nowSec: now })).toEqual({
        ok: true,
        timestamp: now,
      });
    }
    const stale = signPayload('whsec_retired', body, now);
    expect(verifySignature({ secret: secrets, header: stale, rawBody: body, nowSec: now })).toEqual({
      ok: false,
      reason: 'bad_signature',
    });
    expect(
      verifySignature({
        secret: 'whsec_new',
        header: signPayload('whsec_new', body, now),
        rawBody: body,
        nowSec: now,
      }).ok,
    ).toBe(true);
  });
});
