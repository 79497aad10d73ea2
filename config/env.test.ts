import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateCodecKeyLine } from '../codec/keys.js';
import { parseEnv, webhookSecrets } from './env.js';

const dir = mkdtempSync(join(tmpdir(), 'escrowflow-env-'));
const file = (name: string, content: string) => {
  const path = join(dir, name);
  writeFileSync(path, content, { mode: 0o600 });
  return path;
};
const ok = (source: NodeJS.ProcessEnv) => {
  const parsed = parseEnv(source);
  if (!parsed.ok) throw new Error(parsed.issues.join('; '));
  return parsed.env;
};
const issues = (source: NodeJS.ProcessEnv) => {
  const parsed = parseEnv(source);
  return parsed.ok ? [] : parsed.issues;
};

const STRONG = 'prod-jwt-secret-from-a-vault-0123456789abcdef';
const PROD = {
  NODE_ENV: 'production',
  JWT_SECRET: STRONG,
  PAYMENTS_WEBHOOK_SECRET: 'whsec_live_rotated',
  CARRIER_WEBHOOK_SECRET: 'whsec_carrier_live',
  PAYMENTS_API_KEY: 'sk_live_provider_key',
  CARRIER_API_KEY: 'ck_live_carrier_key',
  CODEC_KEYS: generateCodecKeyLine(),
};

describe('configuration of secrets', () => {
  it('reads each secret from X or from the file X_FILE names (trimmed)', () => {
    const keys = `${generateCodecKeyLine()}\n${generateCodecKeyLine()}\n`;
    const env = ok({
      JWT_SECRET_FILE: file('jwt', `${STRONG}\n`),
      JWT_SECRET_PREVIOUS_FILE: file('jwt-prev', 'previous-secret-0123456789abcdefghijklmn\n'),
      PAYMENTS_WEBHOOK_SECRET_FILE: file('whsec', 'whsec_new,whsec_old\n'),
      PAYMENTS_API_KEY_FILE: file('api-key', 'sk_live_abc\n'),
      CODEC_KEYS_FILE: file('codec-keys', keys),
    });
    expect(env.JWT_SECRET).toBe(STRONG);
    expect(env.JWT_SECRET_PREVIOUS).toBe('previous-secret-0123456789abcdefghijklmn');
    expect(webhookSecrets(env)).toEqual(['whsec_new', 'whsec_old']);
    expect(env.PAYMENTS_API_KEY).toBe('sk_live_abc');
    expect(env.CODEC_KEYS.map((k) => k.id)).toEqual(
      keys
        .trim()
        .split('\n')
        .map((l) => l.split(':')[0]),
    );
  });

  it('refuses X and X_FILE together, an unreadable file, and bad content named by variable', () => {
    expect(issues({ JWT_SECRET: STRONG, JWT_SECRET_FILE: file('jwt2', STRONG) })).toEqual([
      'JWT_SECRET: set JWT_SECRET or JWT_SECRET_FILE, not both',
    ]);
    const unreadable = issues({ CODEC_KEYS_FILE: join(dir, 'missing') });
    expect(unreadable).toEqual([
      expect.stringMatching(/^CODEC_KEYS_FILE: cannot read .*missing \(ENOENT\)$/),
    ]);
    if (process.getuid?.() !== 0) {
      chmodSync(file('locked', 'x'), 0o000);
      expect(issues({ JWT_SECRET_FILE: join(dir, 'locked') })[0]).toMatch(/EACCES/);
    }
    expect(issues({ JWT_SECRET_FILE: file('short', 'too-short\n') })).toEqual([
      'JWT_SECRET: JWT_SECRET must be at least 32 characters',
    ]);
    const badKey = issues({ CODEC_KEYS: 'k1:c2hvcnQ=' });
    expect(badKey).toEqual([
      expect.stringMatching(/^CODEC_KEYS: invalid codec keys: key "k1": expected 32 bytes/),
    ]);
    expect(badKey[0]).not.toContain('c2hvcnQ=');
  });

  it('in development, runs on the repo defaults without codec keys', () => {
    const env = ok({});
    expect(env.CODEC_KEYS).toEqual([]);
    expect(env.JWT_SECRET).toMatch(/^dev-only/);
  });

  it('in production, refuses the development secrets and a missing codec key', () => {
    expect(ok(PROD).CODEC_KEYS).toHaveLength(1);
    expect(issues({ NODE_ENV: 'production' })).toEqual([
      expect.stringMatching(/^JWT_SECRET: the development default is refused in production/),
      'PAYMENTS_WEBHOOK_SECRET: the development default is refused in production',
      'CARRIER_WEBHOOK_SECRET: the development default is refused in production',
      'PAYMENTS_API_KEY: the development default is refused in production',
      'CARRIER_API_KEY: the development default is refused in production',
      expect.stringMatching(/^CODEC_KEYS: required in production/),
    ]);
    expect(issues({ ...PROD, CODEC_KEYS: '' })).toEqual([
      expect.stringMatching(/^CODEC_KEYS: required in production/),
    ]);
    expect(issues({ ...PROD, JWT_SECRET_PREVIOUS: 'dev-only-jwt-secret-change-me-0123456789' })).toHaveLength(
      1,
    );
    expect(issues({ ...PROD, PAYMENTS_WEBHOOK_SECRET: 'whsec_live,whsec_escrowflow_dev' })).toHaveLength(1);
    // The file forms count the same.
    const { CODEC_KEYS: _, ...noKeys } = PROD;
    expect(ok({ ...noKeys, CODEC_KEYS_FILE: file('prod-keys', PROD.CODEC_KEYS) }).CODEC_KEYS).toHaveLength(1);
  });

  it('takes the codec server’s CORS origins as exact origins', () => {
    expect(
      ok({ CODEC_CORS_ORIGINS: 'http://127.0.0.1:8233, http://localhost:8233/' }).CODEC_CORS_ORIGINS,
    ).toEqual(['http://127.0.0.1:8233', 'http://localhost:8233']);
    expect(issues({ CODEC_CORS_ORIGINS: 'http://127.0.0.1:8233/namespaces' })[0]).toMatch(/expected origins/);
    expect(issues({ CODEC_CORS_ORIGINS: '*' })[0]).toMatch(/expected origins/);
  });
});
