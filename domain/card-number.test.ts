import { describe, expect, it } from 'vitest';
import { findCardNumbers, holdsCardNumber, luhnValid, redactCardNumbers } from './card-number.js';

describe('card numbers', () => {
  it('checks Luhn', () => {
    expect(luhnValid('4242424242424242')).toBe(true);
    expect(luhnValid('4242424242424241')).toBe(false);
    expect(luhnValid('79927398713')).toBe(true);
  });

  it('finds network-prefixed Luhn-valid 13–19 digit runs, plain or grouped by spaces or dashes', () => {
    expect(findCardNumbers('{"paymentMethod":"4242424242424242"}')).toEqual(['4242424242424242']);
    expect(findCardNumbers('card 5555 5555 5555 4444 please')).toEqual(['5555555555554444']);
    expect(findCardNumbers('amex 3782-822463-10005')).toEqual(['378282246310005']);
    expect(findCardNumbers('{"n": 4000000000000002}')).toEqual(['4000000000000002']);
    // Beside other numbers, in whole groups.
    expect(findCardNumbers('ref 4242 4242 4242 4242 12')).toContain('4242424242424242');
  });

  it('ignores what is not a card: wrong prefix, Luhn failure, too short or long, digits adjacent', () => {
    expect(holdsCardNumber('ts 1712345678905')).toBe(false); // epoch milliseconds start with 1
    expect(holdsCardNumber('4242424242424241')).toBe(false);
    expect(holdsCardNumber('424242424242')).toBe(false);
    expect(holdsCardNumber('42424242424242424242')).toBe(false);
    expect(holdsCardNumber('n 94242424242424242')).toBe(false); // 17 digits starting with 9
    // Hex ids, request and trace ids: digits between letters are part of a token, not a card.
    expect(holdsCardNumber('{"listingId":"lst_a4242424242424242b"}')).toBe(false);
    expect(holdsCardNumber('traceId 0f4242424242424242e1')).toBe(false);
    expect(holdsCardNumber('tracking JJD0001 amount 10000 order ord_4f3a2b')).toBe(false);
    expect(holdsCardNumber('pm_card_ok')).toBe(false);
  });

  it('redacts card-like numbers and keeps everything else', () => {
    expect(redactCardNumbers('/v1/orders/4821578920004128')).toBe('/v1/orders/[card number redacted]');
    expect(redactCardNumbers('/v1/orders/ord_c4821578920004128e and 12345')).toBe(
      '/v1/orders/ord_c4821578920004128e and 12345',
    );
    expect(redactCardNumbers('/v1/listings/4242-4242-4242-4242/x')).toBe(
      '/v1/listings/[card number redacted]/x',
    );
  });

  it('a UUID whose first groups are digits is no card', () => {
    expect(findCardNumbers('"requestId":"48215789-2000-4128-8394-de099cfd6f2e"')).toEqual([]);
    expect(findCardNumbers('id ab-4821578920004128')).toEqual([]);
    expect(findCardNumbers('card 4821-5789-2000-4128, thanks')).toEqual(['4821578920004128']);
  });
});
