import { describe, expect, it } from 'vitest';
import { canTransition, FINAL_STATUSES, isFinal, ORDER_STATUSES } from './order.js';

describe('order state machine', () => {
  it('follows docs/design.md', () => {
    expect(canTransition('pending', 'reserved')).toBe(true);
    expect(canTransition('paid', 'shipped')).toBe(true);
    expect(canTransition('paid', 'cancelled')).toBe(true);
    expect(canTransition('shipped', 'cancelled')).toBe(false);
    expect(canTransition('delivered', 'completed')).toBe(true);
    expect(canTransition('disputed', 'split')).toBe(true);
  });

  it('final states lead nowhere', () => {
    for (const status of FINAL_STATUSES) {
      expect(isFinal(status)).toBe(true);
      for (const to of ORDER_STATUSES) expect(canTransition(status, to)).toBe(false);
    }
    expect(isFinal('paid')).toBe(false);
  });
});
