import { describe, expect, it } from 'vitest';
import { Age } from './shared.js';

describe('the operators’ olderThan age', () => {
  it('is a cutoff that long ago', () => {
    const before = Date.now();
    const cutoff = Age.parse('2d').getTime();
    const after = Date.now();
    expect(cutoff).toBeGreaterThanOrEqual(before - 2 * 86_400_000);
    expect(cutoff).toBeLessThanOrEqual(after - 2 * 86_400_000);
  });

  it('reaching before 1970 means any time: the epoch, never a date PostgreSQL cannot take (schemathesis: 935030d answered 500)', () => {
    expect(Age.parse('935030d').getTime()).toBe(0);
    expect(Age.parse('999999d').toISOString()).toBe('1970-01-01T00:00:00.000Z');
  });
});
