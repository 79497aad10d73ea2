/**
 * The Temporal connection settings: the checked example configs in deploy/ load through the real env
 * schema and become the options of both SDK connection types; bad combinations fail naming the
 * variable to change.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseEnv as parseDotEnv } from 'node:util';
import { Connection } from '@temporalio/client';
import { describe, expect, it } from 'vitest';
import { parseEnv, parseTemporalEnv } from './env.js';
import { TemporalConnectionConfigError, temporalConnectionOptions } from './temporal-connection.js';

const root = new URL('..', import.meta.url);
const example = (name: string) =>
  parseDotEnv(readFileSync(new URL(`deploy/${name}`, root), 'utf8')) as Record<string, string>;
const dir = mkdtempSync(join(tmpdir(), 'escrowflow-temporal-'));

const CERT = '-----BEGIN CERTIFICATE-----\nMIIBclient\n-----END CERTIFICATE-----\n';
const KEY = '-----BEGIN PRIVATE KEY-----\nMIIEkey\n-----END PRIVATE KEY-----\n';
const CA = '-----BEGIN CERTIFICATE-----\nMIIBca\n-----END CERTIFICATE-----\n';

const ok = (source: NodeJS.ProcessEnv) => {
  const parsed = parseEnv(source);
  if (!parsed.ok) throw new Error(parsed.issues.join('; '));
  return parsed.env;
};
const issues = (source: NodeJS.ProcessEnv) => {
  const parsed = parseEnv(source);
  return parsed.ok ? [] : parsed.issues;
};
/** A file reader over a fixed set of files, recording what was read. */
const files = (contents: Record<string, string>) => {
  const read: string[] = [];
  const readFile = (path: string) => {
    read.push(path);
    const content = contents[path];
    if (content === undefined) throw Object.assign(new Error(`ENOENT ${path}`), { code: 'ENOENT' });
    return Buffer.from(content);
  };
  return { read, readFile };
};

describe('deploy/temporal-cloud.env.example (mTLS)', () => {
  const vars = example('temporal-cloud.env.example');

  it('passes the env schema and becomes mTLS options for clients and workers', () => {
    expect(vars.TEMPORAL_ADDRESS).toMatch(/^[a-z0-9-]+\.[a-z0-9]+\.tmprl\.cloud:7233$/);
    const env = ok(vars);
    const fs = files({ [vars.TEMPORAL_TLS_CERT!]: CERT, [vars.TEMPORAL_TLS_KEY!]: KEY });
    const options = temporalConnectionOptions(env, fs.readFile);
    expect(fs.read.sort()).toEqual([vars.TEMPORAL_TLS_CERT, vars.TEMPORAL_TLS_KEY].sort());
    expect(options.security).toBe('mtls');
    expect(options.namespace).toBe(vars.TEMPORAL_NAMESPACE);
    for (const connect of [options.client, options.native]) {
      expect(connect).toEqual({
        address: vars.TEMPORAL_ADDRESS,
        tls: { clientCertPair: { crt: Buffer.from(CERT), key: Buffer.from(KEY) } },
      });
    }
  });

  it('fails at start-up naming the variable when a PEM file is missing or is not PEM', () => {
    const env = ok(vars);
    expect(() => temporalConnectionOptions(env, files({ [vars.TEMPORAL_TLS_CERT!]: CERT }).readFile)).toThrow(
      new TemporalConnectionConfigError(`TEMPORAL_TLS_KEY: cannot read ${vars.TEMPORAL_TLS_KEY} (ENOENT)`),
    );
    const garbage = files({ [vars.TEMPORAL_TLS_CERT!]: 'not a certificate', [vars.TEMPORAL_TLS_KEY!]: KEY });
    expect(() => temporalConnectionOptions(env, garbage.readFile)).toThrow(
      /^TEMPORAL_TLS_CERT: .* is not a PEM file/,
    );
  });
});

describe('deploy/temporal-cloud-api-key.env.example', () => {
  const vars = example('temporal-cloud-api-key.env.example');

  it('reads the key from its file and becomes API-key-over-TLS options for clients and workers', () => {
    expect(vars.TEMPORAL_API_KEY_FILE).toBeTruthy();
    const keyFile = join(dir, 'temporal-api-key');
    writeFileSync(keyFile, 'eyJhbGciOi.example-api-key\n', { mode: 0o600 });
    const env = ok({ ...vars, TEMPORAL_API_KEY_FILE: keyFile });
    expect(env.TEMPORAL_API_KEY).toBe('eyJhbGciOi.example-api-key');
    const options = temporalConnectionOptions(env, files({}).readFile);
    expect(options.security).toBe('api-key');
    for (const connect of [options.client, options.native]) {
      expect(connect).toEqual({
        address: vars.TEMPORAL_ADDRESS,
        tls: {},
        apiKey: 'eyJhbGciOi.example-api-key',
        metadata: { 'temporal-namespace': vars.TEMPORAL_NAMESPACE },
      });
    }
    // The client SDK takes them as they are (a lazy connection checks its options without dialling).
    expect(() => Connection.lazy(options.client)).not.toThrow();
    // Scripts that only connect to Temporal read the same settings the same way.
    expect(parseTemporalEnv({ ...vars, TEMPORAL_API_KEY_FILE: keyFile }).TEMPORAL_API_KEY).toBe(
      'eyJhbGciOi.example-api-key',
    );
  });

  it('names the key file when it cannot be read', () => {
    expect(issues({ ...vars, TEMPORAL_API_KEY_FILE: join(dir, 'missing') })).toContain(
      `TEMPORAL_API_KEY_FILE: cannot read ${join(dir, 'missing')} (ENOENT)`,
    );
    expect(() => parseTemporalEnv({ ...vars, TEMPORAL_API_KEY_FILE: join(dir, 'missing') })).toThrow(
      /TEMPORAL_API_KEY_FILE: cannot read/,
    );
  });
});

describe('Temporal connection settings', () => {
  it('default to the plain local dev server', () => {
    const options = temporalConnectionOptions(ok({}), files({}).readFile);
    expect(options).toMatchObject({ address: '127.0.0.1:7233', namespace: 'default', security: 'plaintext' });
    expect(options.client).toEqual({ address: '127.0.0.1:7233' });
    expect(options.native).toEqual({ address: '127.0.0.1:7233' });
  });

  it('speak TLS to a self-hosted cluster with its own CA and server name, with or without a client pair', () => {
    const base = {
      TEMPORAL_ADDRESS: '10.0.4.7:7233',
      TEMPORAL_TLS_CA: '/etc/temporal/ca.pem',
      TEMPORAL_TLS_SERVER_NAME: 'frontend.temporal.internal',
    };
    const fs = files({ '/etc/temporal/ca.pem': CA, '/c.pem': CERT, '/c.key': KEY });
    expect(temporalConnectionOptions(ok(base), fs.readFile)).toMatchObject({
      security: 'tls',
      native: {
        tls: { serverRootCACertificate: Buffer.from(CA), serverNameOverride: 'frontend.temporal.internal' },
      },
    });
    const mtls = temporalConnectionOptions(
      ok({ ...base, TEMPORAL_TLS_CERT: '/c.pem', TEMPORAL_TLS_KEY: '/c.key' }),
      fs.readFile,
    );
    expect(mtls.security).toBe('mtls');
    expect(mtls.client.tls).toEqual({
      clientCertPair: { crt: Buffer.from(CERT), key: Buffer.from(KEY) },
      serverRootCACertificate: Buffer.from(CA),
      serverNameOverride: 'frontend.temporal.internal',
    });
    // TEMPORAL_TLS=true alone: server-side TLS checked against the system's roots.
    expect(temporalConnectionOptions(ok({ TEMPORAL_TLS: 'true' }), fs.readFile).client).toEqual({
      address: '127.0.0.1:7233',
      tls: {},
    });
    // PEM text instead of a path (a secret store that hands out values, not files).
    const inline = temporalConnectionOptions(
      ok({ TEMPORAL_TLS_CERT: CERT, TEMPORAL_TLS_KEY: KEY }),
      files({}).readFile,
    );
    expect(inline.native.tls).toEqual({
      clientCertPair: { crt: Buffer.from(CERT.trim()), key: Buffer.from(KEY.trim()) },
    });
  });

  it('refuse bad combinations, naming the variable to change', () => {
    expect(issues({ TEMPORAL_TLS_CERT: '/c.pem' })).toEqual([
      'TEMPORAL_TLS_KEY: missing: TEMPORAL_TLS_CERT is set, and mTLS needs the private key of that certificate',
    ]);
    expect(issues({ TEMPORAL_TLS_KEY: '/c.key' })).toEqual([
      'TEMPORAL_TLS_CERT: missing: TEMPORAL_TLS_KEY is set, and mTLS needs the client certificate it belongs to',
    ]);
    expect(
      issues({ TEMPORAL_TLS_CERT: '/c.pem', TEMPORAL_TLS_KEY: '/c.key', TEMPORAL_API_KEY: 'k' }),
    ).toEqual([
      'TEMPORAL_API_KEY: set an API key or an mTLS client certificate (TEMPORAL_TLS_CERT/TEMPORAL_TLS_KEY), not both',
    ]);
    expect(issues({ TEMPORAL_TLS: 'false', TEMPORAL_API_KEY: 'k' })).toEqual([
      'TEMPORAL_TLS: false, but TEMPORAL_API_KEY is set and needs TLS',
    ]);
    expect(issues({ TEMPORAL_TLS: 'yes' })).toEqual(['TEMPORAL_TLS: true or false']);
    expect(issues({ TEMPORAL_ADDRESS: 'temporal.example.com' })[0]).toMatch(/^TEMPORAL_ADDRESS: host:port/);
    expect(
      issues({ TEMPORAL_ADDRESS: 'escrowflow.a1b2c.tmprl.cloud:7233', TEMPORAL_NAMESPACE: 'default' }),
    ).toEqual([
      'TEMPORAL_ADDRESS: Temporal Cloud needs credentials: TEMPORAL_TLS_CERT and TEMPORAL_TLS_KEY, or TEMPORAL_API_KEY',
      'TEMPORAL_NAMESPACE: a Temporal Cloud namespace is <namespace>.<account>, e.g. escrowflow.a1b2c',
    ]);
    expect(issues({ TEMPORAL_API_KEY: 'k', TEMPORAL_API_KEY_FILE: '/k' })).toEqual([
      'TEMPORAL_API_KEY: set TEMPORAL_API_KEY or TEMPORAL_API_KEY_FILE, not both',
    ]);
  });
});
