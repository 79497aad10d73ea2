/** The identity provider and step-up settings (docs/design.md "Identity and step-up"). */
import { describe, expect, it } from 'vitest';
import { MFA_ACR } from '../domain/step-up.js';
import { parseEnv } from './env.js';

const issues = (source: NodeJS.ProcessEnv) => {
  const parsed = parseEnv(source);
  return parsed.ok ? [] : parsed.issues;
};
const PROVIDER = {
  JWT_JWKS_URL: 'https://tenant.example-idp.com/.well-known/jwks.json',
  JWT_ISSUER: 'https://tenant.example-idp.com/',
  JWT_AUDIENCE: 'https://api.escrowflow.example',
};

describe('identity provider settings', () => {
  it('takes the JWKS URL with the issuer and audience its tokens must name', () => {
    const parsed = parseEnv(PROVIDER);
    expect(parsed.ok && parsed.env).toMatchObject({ ...PROVIDER, JWT_JWKS_COOLDOWN_MS: 30_000 });
  });

  it('wants all three or none', () => {
    expect(issues({ JWT_JWKS_URL: PROVIDER.JWT_JWKS_URL })).toEqual([
      'JWT_ISSUER: required with JWT_JWKS_URL: the issuer its tokens must name',
      'JWT_AUDIENCE: required with JWT_JWKS_URL: the audience its tokens must name',
    ]);
    expect(issues({ JWT_ISSUER: PROVIDER.JWT_ISSUER })).toEqual([
      'JWT_ISSUER: only read with JWT_JWKS_URL (identity provider tokens)',
    ]);
    expect(issues({ ...PROVIDER, JWT_JWKS_URL: 'not a url' })[0]).toMatch(/^JWT_JWKS_URL:/);
    // Blank is unset (a compose file's `JWT_JWKS_URL=`): HS256 mode.
    expect(issues({ JWT_JWKS_URL: ' ', JWT_ISSUER: '', JWT_AUDIENCE: '' })).toEqual([]);
  });

  it('has step-up terms: 300 s and the PAPE multi-factor acr unless set', () => {
    const parsed = parseEnv({});
    expect(parsed.ok && parsed.env).toMatchObject({ STEP_UP_MAX_AGE_S: 300, STEP_UP_ACR_VALUES: MFA_ACR });
    const set = parseEnv({ STEP_UP_MAX_AGE_S: '120', STEP_UP_ACR_VALUES: 'urn:loa:3 urn:loa:4' });
    expect(set.ok && set.env).toMatchObject({
      STEP_UP_MAX_AGE_S: 120,
      STEP_UP_ACR_VALUES: 'urn:loa:3 urn:loa:4',
    });
    // It goes into a quoted header parameter: no quote may break out of it.
    expect(issues({ STEP_UP_ACR_VALUES: 'a" , error="x' })[0]).toMatch(/^STEP_UP_ACR_VALUES:/);
    expect(issues({ STEP_UP_MAX_AGE_S: '0' })[0]).toMatch(/^STEP_UP_MAX_AGE_S:/);
  });
});
