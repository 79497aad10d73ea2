import { describe, expect, it } from 'vitest';
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
