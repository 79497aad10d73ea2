import { describe, expect, it } from 'vitest';
import { type Login, stepUpVerdict } from './step-up.js';

const NOW = 1_800_000_000;
const MAX_AGE = 300;

describe('step-up verdict (RFC 9470, amr per RFC 8176)', () => {
  it.each<[string, Login, ReturnType<typeof stepUpVerdict>]>([
    ['a TOTP login just now', { amr: ['pwd', 'otp', 'mfa'], authTime: NOW }, 'recent_multi_factor'],
    ['mfa alone', { amr: ['mfa'], authTime: NOW - 10 }, 'recent_multi_factor'],
    ['otp alone', { amr: ['otp'], authTime: NOW - 10 }, 'recent_multi_factor'],
    ['a hardware key', { amr: ['hwk'], authTime: NOW - 10 }, 'recent_multi_factor'],
    ['exactly max_age old', { amr: ['mfa'], authTime: NOW - MAX_AGE }, 'recent_multi_factor'],
    ['a clock a little ahead', { amr: ['mfa'], authTime: NOW + 30 }, 'recent_multi_factor'],
    ['a password only', { amr: ['pwd'], authTime: NOW }, 'single_factor'],
    ['no amr at all', { amr: [], authTime: NOW }, 'single_factor'],
    ['a software key and a PIN (not listed)', { amr: ['swk', 'pin'], authTime: NOW }, 'single_factor'],
    ['multi-factor, a second past max_age', { amr: ['mfa'], authTime: NOW - MAX_AGE - 1 }, 'too_old'],
    ['multi-factor without auth_time', { amr: ['otp', 'mfa'] }, 'too_old'],
    ['auth_time far in the future', { amr: ['mfa'], authTime: NOW + 3600 }, 'too_old'],
  ])('%s', (_, login, verdict) => {
    expect(stepUpVerdict(login, MAX_AGE, NOW)).toBe(verdict);
  });
});
