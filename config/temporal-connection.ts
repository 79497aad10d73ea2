/**
 * How the API, the workers and the scripts reach Temporal: the project's dev server (plain gRPC), a
 * remote cluster (TLS, optionally mTLS), or Temporal Cloud (an mTLS client certificate, or an API
 * key). The TEMPORAL_* settings are part of the one env schema (config/env.ts); this module holds
 * their shape, the rules between them, and turns them into the options of `Connection.connect`
 * (clients) and `NativeConnection.connect` (workers). README: "Temporal Cloud or a remote cluster".
 */
import { readFileSync } from 'node:fs';
import type { ConnectionOptions, TLSConfig } from '@temporalio/client';
import type { NativeConnectionOptions } from '@temporalio/worker';
import { z } from 'zod';

const optionalText = z
  .string()
  .optional()
  .transform((s) => s?.trim() || undefined);

export const temporalConnectionShape = {
  /** host:port of the frontend: `127.0.0.1:7233`, `temporal:7233`, `<namespace>.<account>.tmprl.cloud:7233`. */
  TEMPORAL_ADDRESS: z
    .string()
    .trim()
    .regex(/^\S+:\d{1,5}$/, 'host:port, e.g. 127.0.0.1:7233 or <namespace>.<account>.tmprl.cloud:7233')
    .default('127.0.0.1:7233'),
  TEMPORAL_NAMESPACE: z.string().trim().min(1).default('default'),
  /**
   * TLS to the frontend. Unset: on when a client certificate, CA, server name or API key is given,
   * off otherwise. `true` for a cluster with server-side TLS only.
   */
  TEMPORAL_TLS: z
    .enum(['true', 'false', ''], 'true or false')
    .optional()
    .transform((v) => (v === 'true' ? true : v === 'false' ? false : undefined)),
  /** mTLS client certificate and its private key: paths of PEM files (or the PEM text itself). */
  TEMPORAL_TLS_CERT: optionalText,
  TEMPORAL_TLS_KEY: optionalText,
  /** The CA that signed the server's certificate, when the system's roots do not (self-hosted). */
  TEMPORAL_TLS_CA: optionalText,
  /** The name the server's certificate is checked against, when it differs from the address's host. */
  TEMPORAL_TLS_SERVER_NAME: optionalText,
  /** A Temporal Cloud API key (or TEMPORAL_API_KEY_FILE): sent as `Authorization: Bearer`, over TLS. */
  TEMPORAL_API_KEY: optionalText,
};

const shapeSchema = z.object(temporalConnectionShape);
export type TemporalConnectionEnv = z.infer<typeof shapeSchema>;

const TEMPORAL_CLOUD_HOST = /\.(tmprl\.cloud|api\.temporal\.io)$/i;

/** The rules between the settings, as zod issues on the variable to change. */
export function checkTemporalConnection(env: TemporalConnectionEnv, ctx: z.RefinementCtx): void {
  const issue = (path: keyof TemporalConnectionEnv, message: string) =>
    ctx.addIssue({ code: 'custom', path: [path], message });
  const cert = env.TEMPORAL_TLS_CERT;
  const key = env.TEMPORAL_TLS_KEY;
  if (cert && !key) {
    issue(
      'TEMPORAL_TLS_KEY',
      'missing: TEMPORAL_TLS_CERT is set, and mTLS needs the private key of that certificate',
    );
  }
  if (key && !cert) {
    issue(
      'TEMPORAL_TLS_CERT',
      'missing: TEMPORAL_TLS_KEY is set, and mTLS needs the client certificate it belongs to',
    );
  }
  if (env.TEMPORAL_API_KEY && (cert || key)) {
    issue(
      'TEMPORAL_API_KEY',
      'set an API key or an mTLS client certificate (TEMPORAL_TLS_CERT/TEMPORAL_TLS_KEY), not both',
    );
  }
  if (env.TEMPORAL_TLS === false) {
    for (const name of [
      'TEMPORAL_TLS_CERT',
      'TEMPORAL_TLS_KEY',
      'TEMPORAL_TLS_CA',
      'TEMPORAL_TLS_SERVER_NAME',
      'TEMPORAL_API_KEY',
    ] as const) {
      if (env[name]) issue('TEMPORAL_TLS', `false, but ${name} is set and needs TLS`);
    }
  }
  const host = env.TEMPORAL_ADDRESS.replace(/:\d+$/, '');
  if (TEMPORAL_CLOUD_HOST.test(host)) {
    if (!cert && !env.TEMPORAL_API_KEY) {
      issue(
        'TEMPORAL_ADDRESS',
        'Temporal Cloud needs credentials: TEMPORAL_TLS_CERT and TEMPORAL_TLS_KEY, or TEMPORAL_API_KEY',
      );
    }
    if (!env.TEMPORAL_NAMESPACE.includes('.')) {
      issue(
        'TEMPORAL_NAMESPACE',
        'a Temporal Cloud namespace is <namespace>.<account>, e.g. escrowflow.a1b2c',
      );
    }
  }
}

/** The settings alone (scripts that only connect to Temporal), with the same rules as the env schema. */
export const temporalConnectionSchema = shapeSchema.superRefine(checkTemporalConnection);

export interface TemporalConnection {
  address: string;
  namespace: string;
  /** How the connection is secured, for logs (never the secret). */
  security: 'plaintext' | 'tls' | 'mtls' | 'api-key';
  /** For `Connection.connect` (@temporalio/client): API, scripts, activities' clients. */
  client: ConnectionOptions;
  /** For `NativeConnection.connect` (@temporalio/worker): workers. */
  native: NativeConnectionOptions;
}

export class TemporalConnectionConfigError extends Error {
  override name = 'TemporalConnectionConfigError';
}

type ReadFile = (path: string) => Buffer;

/**
 * The connection options for both SDK connection types. PEM settings are file paths (read here, so
 * a missing file fails at start-up naming its variable) or the PEM text itself.
 */
export function temporalConnectionOptions(
  env: TemporalConnectionEnv,
  readFile: ReadFile = readFileSync,
): TemporalConnection {
  const pem = (name: 'TEMPORAL_TLS_CERT' | 'TEMPORAL_TLS_KEY' | 'TEMPORAL_TLS_CA'): Buffer | undefined => {
    const value = env[name];
    if (!value) return undefined;
    if (value.includes('-----BEGIN ')) return Buffer.from(value);
    let content: Buffer;
    try {
      content = readFile(value);
    } catch (err) {
      throw new TemporalConnectionConfigError(
        `${name}: cannot read ${value} (${(err as NodeJS.ErrnoException).code ?? 'error'})`,
      );
    }
    if (!content.toString('latin1').includes('-----BEGIN ')) {
      throw new TemporalConnectionConfigError(`${name}: ${value} is not a PEM file (no -----BEGIN line)`);
    }
    return content;
  };
  const crt = pem('TEMPORAL_TLS_CERT');
  const key = pem('TEMPORAL_TLS_KEY');
  const ca = pem('TEMPORAL_TLS_CA');
  const apiKey = env.TEMPORAL_API_KEY;
  const tlsWanted = env.TEMPORAL_TLS ?? Boolean(crt || key || ca || env.TEMPORAL_TLS_SERVER_NAME || apiKey);
  let tls: TLSConfig | undefined;
  if (tlsWanted) {
    tls = {
      ...(crt && key && { clientCertPair: { crt, key } }),
      ...(ca && { serverRootCACertificate: ca }),
      ...(env.TEMPORAL_TLS_SERVER_NAME && { serverNameOverride: env.TEMPORAL_TLS_SERVER_NAME }),
    };
  }
  const common = {
    address: env.TEMPORAL_ADDRESS,
    ...(tls && { tls }),
    ...(apiKey && {
      apiKey,
      // Routes the request to the namespace on endpoints shared by many (Temporal Cloud's regional ones).
      metadata: { 'temporal-namespace': env.TEMPORAL_NAMESPACE },
    }),
  };
  return {
    address: env.TEMPORAL_ADDRESS,
    namespace: env.TEMPORAL_NAMESPACE,
    security: apiKey ? 'api-key' : crt ? 'mtls' : tls ? 'tls' : 'plaintext',
    client: { ...common },
    native: { ...common },
  };
}

/** For the processes' start-up: a bad PEM setting stops the process with the variable's name, as loadEnv does. */
export function loadTemporalConnection(env: TemporalConnectionEnv): TemporalConnection {
  try {
    return temporalConnectionOptions(env);
  } catch (err) {
    if (!(err instanceof TemporalConnectionConfigError)) throw err;
    console.error(`invalid configuration:\n  ${err.message}`);
    process.exit(1);
  }
}
