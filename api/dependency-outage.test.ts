import { DrizzleQueryError } from 'drizzle-orm/errors';
import { describe, expect, it } from 'vitest';
import { isDependencyOutage } from './dependency-outage.js';

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

describe('a dependency outage', () => {
  it('is PostgreSQL ending or refusing connections, wrapped by drizzle or not', () => {
    const terminated = withCode('terminating connection due to administrator command', '57P01');
    expect(isDependencyOutage(terminated)).toBe(true);
    expect(isDependencyOutage(new DrizzleQueryError('select 1', [], terminated))).toBe(true);
    expect(isDependencyOutage(withCode('the database system is starting up', '57P03'))).toBe(true);
    expect(isDependencyOutage(withCode('connection failure', '08006'))).toBe(true);
    expect(isDependencyOutage(withCode('write CONNECTION_CLOSED 127.0.0.1:5432', 'CONNECTION_CLOSED'))).toBe(
      true,
    );
    expect(isDependencyOutage(withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED'))).toBe(true);
  });

  it('is Redis closed under a command', () => {
    expect(isDependencyOutage(new Error('Connection is closed.'))).toBe(true);
    const exhausted = Object.assign(new Error('Reached the max retries per request limit'), {
      name: 'MaxRetriesPerRequestError',
    });
    expect(isDependencyOutage(exhausted)).toBe(true);
  });

  it('is not a refused statement, a bug or anything else', () => {
    const unique = withCode('duplicate key value violates unique constraint', '23505');
    expect(isDependencyOutage(unique)).toBe(false);
    expect(isDependencyOutage(new DrizzleQueryError('insert …', [], unique))).toBe(false);
    expect(isDependencyOutage(withCode('canceling statement due to statement timeout', '57014'))).toBe(false);
    expect(isDependencyOutage(new TypeError('x is undefined'))).toBe(false);
    expect(isDependencyOutage('Connection is closed.')).toBe(false);
  });
});
