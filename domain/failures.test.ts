import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from './errors.js';
import * as failures from './failures.js';
import { PROVIDER_REFUSAL_PREFIX, PROVIDER_REFUSALS } from './failures.js';

/** Every failure type the module declares: the values of each of its exported groups. */
const groups = Object.entries(failures as Record<string, unknown>).filter(
  (entry): entry is [string, Record<string, string>] =>
    typeof entry[1] === 'object' &&
    entry[1] !== null &&
    Object.values(entry[1]).every((v) => typeof v === 'string'),
);
const types = groups.flatMap(([, group]) => Object.values(group));

describe('the failure vocabulary', () => {
  it('has its groups, each type unique and snake_case', () => {
    expect(groups.map(([name]) => name).sort()).toEqual([
      'EMAIL_FAILURES',
      'FAILURE_TYPES',
      'OTHER_FAILURE_TYPES',
      'PROVIDER_REFUSALS',
      'SELLER_WEBHOOK_FAILURES',
      'UPDATE_REJECTIONS',
    ]);
    const notSnake = types.filter((t) => !/^[a-z][a-z0-9]*(_[a-z0-9]+)*$/.test(t));
    expect(notSnake).toEqual([]);
    // An update may refuse with the outcome another group names (an offer's acceptance finding no stock
    // is `out_of_stock` as the purchase's is); no other type is declared twice.
    const rejections = new Set<string>(Object.values(failures.UPDATE_REJECTIONS));
    const others = groups
      .filter(([name]) => name !== 'UPDATE_REJECTIONS')
      .flatMap(([, g]) => Object.values(g));
    expect(others.filter((t, i) => others.indexOf(t) !== i)).toEqual([]);
    expect([...rejections].length).toBe(Object.values(failures.UPDATE_REJECTIONS).length);
  });

  it('tells a provider refusal by its prefix, which no other type has', () => {
    expect(PROVIDER_REFUSAL_PREFIX).toMatch(/^[a-z]+_$/);
    const refusals = Object.values(PROVIDER_REFUSALS);
    expect(refusals.every((t) => t.startsWith(PROVIDER_REFUSAL_PREFIX))).toBe(true);
    const others = types.filter((t) => !refusals.includes(t as never));
    expect(others.filter((t) => t.startsWith(PROVIDER_REFUSAL_PREFIX))).toEqual([]);
  });

  it('uses the API problem code where the API names the same outcome', () => {
    const shared = [...new Set(types.filter((t) => t in ERROR_CODES))].sort();
    expect(shared).toEqual([
      'amount_out_of_range',
      'forbidden',
      'invalid_state',
      'out_of_stock',
      'payment_declined',
      'unsafe_webhook_url',
      'upstream_unavailable',
      'validation_failed',
    ]);
  });
});
