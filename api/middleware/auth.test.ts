import { describe, expect, it } from 'vitest';
import { OPERATOR_INBOX } from '../../domain/inboxes.js';
import { signToken, verifyToken } from './auth.js';

const OLD = 'old-jwt-secret-0123456789abcdefghijklmnop';
const NEW = 'new-jwt-secret-0123456789abcdefghijklmnop';

describe('JWT secret rotation', () => {
  it('verifies tokens signed with JWT_SECRET or JWT_SECRET_PREVIOUS, and nothing else', async () => {
    const before = await signToken(OLD, { sub: 'op_1', role: 'operator' });
    const after = await signToken(NEW, { sub: 'buyer_1' });
    expect(await verifyToken([NEW, OLD], before)).toEqual({ id: 'op_1', role: 'operator' });
    expect(await verifyToken([NEW, OLD], after)).toEqual({ id: 'buyer_1', role: 'buyer' });
    // Once the previous secret is dropped, its tokens stop working.
    await expect(verifyToken([NEW, undefined], before)).rejects.toThrow();
    const stranger = await signToken('some-other-secret-0123456789abcdefghijk', { sub: 'x' });
    await expect(verifyToken([NEW, OLD], stranger)).rejects.toThrow();
  });

  it('keeps codec session tokens (with an audience) apart from API tokens', async () => {
    const session = await signToken(NEW, { sub: 'op_1', role: 'operator', audience: 'escrowflow-codec' });
    const api = await signToken(NEW, { sub: 'op_1', role: 'operator' });
    await expect(verifyToken([NEW], session)).rejects.toThrow(/audience/);
    expect(await verifyToken([NEW], session, { audience: 'escrowflow-codec' })).toEqual({
      id: 'op_1',
      role: 'operator',
    });
    await expect(verifyToken([NEW], api, { audience: 'escrowflow-codec' })).rejects.toThrow();
  });
});

describe('the token subject', () => {
  it('refuses the platform’s own inboxes and ids PostgreSQL cannot store; takes ordinary ids', async () => {
    for (const sub of [
      OPERATOR_INBOX,
      'ESCROWFLOW:operators',
      'escrowflow:anything',
      'a\u0000b',
      'x\ud800',
      'x'.repeat(129),
    ]) {
      const token = await signToken(NEW, { sub, role: 'operator' });
      await expect(verifyToken([NEW], token), JSON.stringify(sub)).rejects.toThrow(/bad claims/);
    }
    for (const sub of ['operators', 'auth0|5f7c8ec7c33c6c004bbafe82', 'ana@example.com', 'buyer_1']) {
      const token = await signToken(NEW, { sub });
      expect(await verifyToken([NEW], token)).toEqual({ id: sub, role: 'buyer' });
    }
  });
});
