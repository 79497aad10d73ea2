/**
 * docker-compose.yml keeps its promises: the services of the deployment exist and are wired to each
 * other (URLs, shared secrets, start order), the ports are published, the files it and the Dockerfile
 * name exist in the repo, the Temporal dynamic config and search attributes are the ones the project
 * relies on. No Docker needed: the file is parsed as YAML (merge keys on) and compose's `${VAR:-default}`
 * interpolation is resolved the way `docker compose up` does with an empty environment.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { envSchema } from '../../config/env.js';
import { ALL_TASK_QUEUES, SEARCH_ATTRIBUTES } from '../../domain/task-queues.js';
import { parseTargets } from '../../scripts/stack/round-robin.js';

type Scalar = string | number | boolean | null;

interface Service {
  image?: string;
  build?: string | { context?: string; dockerfile?: string };
  command?: string | string[];
  entrypoint?: string | string[];
  environment?: Record<string, Scalar> | string[];
  ports?: Array<string | number | { target: number | string; published?: number | string }>;
  depends_on?: string[] | Record<string, { condition?: string }>;
  volumes?: Array<string | { type?: string; source?: string; target: string }>;
  healthcheck?: { test?: string | string[]; disable?: boolean };
  restart?: string;
  deploy?: { replicas?: number };
}

interface ComposeFile {
  services: Record<string, Service>;
}

const root = fileURLToPath(new URL('../..', import.meta.url));
const read = (path: string) => readFileSync(join(root, path), 'utf8');
const compose = parse(read('docker-compose.yml'), { merge: true }) as ComposeFile;
const services = compose.services;

const SERVICES = [
  'postgres',
  'redis',
  'temporal',
  'temporal-setup',
  'temporal-ui',
  'migrate',
  'sandbox-provider',
  'api',
  'api-proxy',
];

/** One worker service per task queue (docs/design.md "Scale"), each scaled by count. */
const WORKER_SERVICES = ALL_TASK_QUEUES.map((queue) => `worker-${queue}`);

/** The entry file of every app process, as the project's scripts start them. */
const ENTRY_FILES: Record<string, string> = {
  api: 'api/main.ts',
  'api-proxy': 'scripts/api-proxy.ts',
  ...Object.fromEntries(WORKER_SERVICES.map((name) => [name, 'workers/main.ts'])),
  migrate: 'db/migrate.ts',
  'sandbox-provider': 'sandbox/main.ts',
};

/**
 * Compose interpolation with an empty environment: `$$` is a literal `$`, `${VAR:-default}` and
 * `${VAR-default}` take the default. A variable without a default (or `${VAR:?message}`) throws: the
 * deployment must start with no variables set.
 */
function interpolate(value: string): string {
  return value.replace(
    /\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g,
    (match, name?: string, op?: string, arg?: string, bare?: string) => {
      if (match === '$$') return '$';
      if (op === ':-' || op === '-') return arg ?? '';
      throw new Error(`\${${name ?? bare}} has no default (${match})`);
    },
  );
}

function service(name: string): Service {
  const found = services[name];
  if (!found) throw new Error(`service ${name} is missing`);
  return found;
}

/** The service's environment as written (before interpolation), list or mapping form. */
function rawEnv(name: string): Record<string, string> {
  const env = service(name).environment ?? {};
  if (Array.isArray(env)) {
    return Object.fromEntries(
      env.map((line) => {
        const at = line.indexOf('=');
        return at < 0 ? [line, ''] : [line.slice(0, at), line.slice(at + 1)];
      }),
    );
  }
  return Object.fromEntries(Object.entries(env).map(([k, v]) => [k, v === null ? '' : String(v)]));
}

/** The environment the container gets when nothing is set on the host. */
function env(name: string): Record<string, string> {
  return Object.fromEntries(Object.entries(rawEnv(name)).map(([k, v]) => [k, interpolate(v)]));
}

function dependsOn(name: string): Record<string, string> {
  const deps = service(name).depends_on ?? {};
  if (Array.isArray(deps)) return Object.fromEntries(deps.map((d) => [d, 'service_started']));
  return Object.fromEntries(
    Object.entries(deps).map(([d, spec]) => [d, spec?.condition ?? 'service_started']),
  );
}

function ports(name: string): Array<{ published: number; target: number }> {
  return (service(name).ports ?? []).map((port) => {
    if (typeof port === 'object') return { published: Number(port.published), target: Number(port.target) };
    const parts = interpolate(String(port)).split('/')[0]!.split(':');
    return { target: Number(parts.at(-1)), published: Number(parts.at(-2)) };
  });
}

function volumes(name: string): Array<{ source: string; target: string }> {
  return (service(name).volumes ?? []).map((volume) => {
    if (typeof volume === 'object') return { source: volume.source ?? '', target: volume.target };
    const [source = '', target = ''] = interpolate(volume).split(':');
    return { source, target };
  });
}

function argv(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : value.split(/\s+/).filter(Boolean);
}

function entryFile(name: string): string | undefined {
  return argv(service(name).command).find((arg) => arg.endsWith('.ts'));
}

/** Every string in the document, for the checks that hold everywhere (interpolation). */
function strings(node: unknown): string[] {
  if (typeof node === 'string') return [node];
  if (Array.isArray(node)) return node.flatMap(strings);
  if (node && typeof node === 'object') return Object.values(node).flatMap(strings);
  return [];
}

describe('docker-compose.yml', () => {
  it('has the services of the deployment', () => {
    expect(Object.keys(services)).toEqual(expect.arrayContaining([...SERVICES, ...WORKER_SERVICES]));
  });

  it('gives every service an image or a build, with pinned tags for pulled images', () => {
    for (const [name, svc] of Object.entries(services)) {
      expect(svc.image || svc.build, `${name}: image or build`).toBeTruthy();
      if (svc.image && !svc.build) {
        expect(interpolate(svc.image), `${name}: pinned image`).toMatch(/^[^:]+:(?!latest$)[\w.-]+$/);
      }
    }
  });

  it('runs the app processes from the image built by ./Dockerfile', () => {
    const images = new Set<string>();
    for (const name of Object.keys(ENTRY_FILES)) {
      const svc = service(name);
      expect(svc.build, `${name}: build`).toBeTruthy();
      const build = typeof svc.build === 'string' ? { context: svc.build } : (svc.build ?? {});
      expect(build.context).toBe('.');
      expect(build.dockerfile ?? 'Dockerfile').toBe('Dockerfile');
      images.add(interpolate(svc.image ?? name));
    }
    expect(images.size).toBe(1);
  });

  it('needs no environment to start: every variable has a (dev-only) default', () => {
    expect(() => strings(compose).map(interpolate)).not.toThrow();
    expect(read('docker-compose.yml')).toMatch(/production must set/i);
  });

  it('publishes the API (its proxy), Temporal gRPC, the Temporal UI and the sandbox provider', () => {
    expect(ports('api-proxy')).toContainEqual({ published: 3000, target: 3000 });
    expect(ports('api'), 'replicas are reached through the proxy').toEqual([]);
    expect(ports('temporal')).toContainEqual({ published: 7233, target: 7233 });
    expect(ports('temporal-ui')).toContainEqual({ published: 8233, target: 8080 });
    expect(ports('sandbox-provider')).toContainEqual({ published: 4010, target: 4010 });
    const published = Object.keys(services).flatMap((name) => ports(name).map((p) => p.published));
    expect(published).toEqual(expect.arrayContaining([3000, 7233, 8233, 4010]));
    expect(new Set(published).size, 'no host port published twice').toBe(published.length);
    expect(ports('postgres'), 'PostgreSQL stays private').toEqual([]);
    expect(ports('redis'), 'Redis stays private').toEqual([]);
  });

  describe.each(['api', ...WORKER_SERVICES])('%s environment', (name) => {
    it('has the settings the process needs, pointing at the other services', () => {
      const e = env(name);
      for (const key of ['DATABASE_URL', 'REDIS_URL', 'TEMPORAL_ADDRESS', 'PAYMENTS_BASE_URL']) {
        expect(e[key], key).toBeTruthy();
      }
      const db = new URL(e.DATABASE_URL!);
      const pg = env('postgres');
      expect(db.hostname).toBe('postgres');
      expect(db.pathname).toBe(`/${pg.POSTGRES_DB}`);
      expect(pg.POSTGRES_DB).toBe('escrowflow');
      expect(decodeURIComponent(db.username)).toBe(pg.POSTGRES_USER);
      expect(decodeURIComponent(db.password)).toBe(pg.POSTGRES_PASSWORD);
      expect(new URL(e.REDIS_URL!).hostname).toBe('redis');
      expect(e.TEMPORAL_ADDRESS).toBe('temporal:7233');
      const payments = new URL(e.PAYMENTS_BASE_URL!);
      expect(payments.hostname).toBe('sandbox-provider');
      expect(payments.port).toBe(env('sandbox-provider').SANDBOX_PORT);
      expect(rawEnv(name).PAYMENTS_API_KEY, 'same key variable as the sandbox').toBe(
        rawEnv('sandbox-provider').SANDBOX_API_KEY,
      );
    });

    it("passes the app's own config schema with the defaults", () => {
      const parsed = envSchema.safeParse(env(name));
      expect(parsed.success, parsed.error?.message).toBe(true);
    });

    it('starts after migrations completed and PostgreSQL, Redis and Temporal are ready', () => {
      expect(dependsOn(name)).toMatchObject({
        migrate: 'service_completed_successfully',
        postgres: 'service_healthy',
        redis: 'service_healthy',
        'temporal-setup': 'service_completed_successfully',
      });
    });
  });

  it('gives the API its secret, a public bind address and the webhook secret the sandbox signs with', () => {
    const api = env('api');
    expect(api.JWT_SECRET?.length).toBeGreaterThanOrEqual(32);
    expect(api.API_HOST).toBe('0.0.0.0');
    expect(rawEnv('api').PAYMENTS_WEBHOOK_SECRET).toBe(rawEnv('sandbox-provider').SANDBOX_WEBHOOK_SECRET);
    const sandbox = env('sandbox-provider');
    expect(sandbox.SANDBOX_HOST).toBe('0.0.0.0');
    const proxy = env('api-proxy');
    expect(sandbox.SANDBOX_WEBHOOK_URL).toBe(`http://api-proxy:${proxy.PROXY_PORT}/v1/webhooks/payments`);
    expect(sandbox.SANDBOX_CARRIER_WEBHOOK_URL).toBe(
      `http://api-proxy:${proxy.PROXY_PORT}/v1/webhooks/carrier`,
    );
  });

  it('runs a worker service per task queue, each scaled by count, two for the queues every order uses', () => {
    const served = WORKER_SERVICES.map((name) => {
      expect(entryFile(name), name).toBe('workers/main.ts');
      const parsed = envSchema.safeParse(env(name));
      expect(parsed.success, parsed.error?.message).toBe(true);
      const replicas = service(name).deploy?.replicas;
      expect(Number.isInteger(replicas) && replicas! >= 1, `${name}: deploy.replicas`).toBe(true);
      return { name, queues: parsed.data!.WORKER_TASK_QUEUES, replicas: replicas! };
    });
    expect(served.map((s) => s.queues)).toEqual(ALL_TASK_QUEUES.map((queue) => [queue]));
    for (const queue of ['orders', 'payments', 'ledger']) {
      expect(served.find((s) => s.name === `worker-${queue}`)!.replicas, queue).toBeGreaterThanOrEqual(2);
    }
    // No other process serves a queue (a leftover all-queues worker would hide a missing service).
    const others = Object.keys(services).filter((n) => entryFile(n) === 'workers/main.ts');
    expect(others.sort()).toEqual([...WORKER_SERVICES].sort());
    for (const name of WORKER_SERVICES) {
      expect(dependsOn(name), name).toMatchObject({ 'sandbox-provider': 'service_started' });
      expect(service(name).restart).toBe('unless-stopped');
    }
  });

  it('runs API replicas behind the round-robin proxy, which passes the client address on', () => {
    expect(service('api').deploy?.replicas).toBeGreaterThanOrEqual(2);
    const api = env('api');
    const proxy = env('api-proxy');
    expect(parseTargets(proxy.PROXY_TARGETS!)).toEqual([{ host: 'api', port: Number(api.API_PORT) }]);
    expect(proxy.PROXY_HOST).toBe('0.0.0.0');
    expect(ports('api-proxy')).toContainEqual({ published: 3000, target: Number(proxy.PROXY_PORT) });
    expect(api.TRUSTED_PROXY_HOPS).toBe('1');
    expect(dependsOn('api-proxy')).toMatchObject({ api: 'service_healthy' });
    expect(service('api-proxy').healthcheck?.test).toBeTruthy();
  });

  it('points the Temporal UI at the API’s codec server with credentials, and the API lets the UI in', () => {
    const ui = env('temporal-ui');
    const codec = new URL(ui.TEMPORAL_CODEC_ENDPOINT!);
    expect(codec.pathname).toBe('/codec');
    expect(ports('api-proxy')).toContainEqual({
      published: Number(codec.port),
      target: Number(env('api-proxy').PROXY_PORT),
    });
    expect(ui.TEMPORAL_CODEC_INCLUDE_CREDENTIALS).toBe('true');
    const uiPort = (service('temporal-ui').ports ?? []).map(String)[0]!.split(':')[0];
    expect(env('api').CODEC_CORS_ORIGINS!.split(',')).toContain(
      `${codec.protocol}//${codec.hostname}:${uiPort}`,
    );
    // The same codec keys for both processes that run workflows' payloads through it.
    for (const name of WORKER_SERVICES) expect(rawEnv('api').CODEC_KEYS).toBe(rawEnv(name).CODEC_KEYS);
  });

  it('orders start-up consistently: targets exist, health waits have healthchecks, one-shots stay down', () => {
    for (const name of Object.keys(services)) {
      for (const [target, condition] of Object.entries(dependsOn(name))) {
        expect(services[target], `${name} depends on ${target}`).toBeDefined();
        expect(['service_started', 'service_healthy', 'service_completed_successfully']).toContain(condition);
        if (condition === 'service_healthy') {
          expect(service(target).healthcheck?.test, `${target} healthcheck`).toBeTruthy();
        }
        if (condition === 'service_completed_successfully') {
          expect(['no', 'on-failure', undefined], `${target} is a one-shot`).toContain(
            service(target).restart,
          );
        }
      }
    }
    expect(dependsOn('migrate')).toMatchObject({ postgres: 'service_healthy' });
    expect(dependsOn('temporal')).toMatchObject({ postgres: 'service_healthy' });
    expect(dependsOn('temporal-setup')).toMatchObject({ temporal: 'service_healthy' });
  });

  it('runs Temporal on PostgreSQL', () => {
    expect(service('temporal').image).toMatch(/^temporalio\/auto-setup:/);
    const t = env('temporal');
    const pg = env('postgres');
    expect(t).toMatchObject({ DB: 'postgres12', DB_PORT: '5432', POSTGRES_SEEDS: 'postgres' });
    expect(t.POSTGRES_USER).toBe(pg.POSTGRES_USER);
    expect(t.POSTGRES_PWD).toBe(pg.POSTGRES_PASSWORD);
    expect(env('temporal-ui').TEMPORAL_ADDRESS).toBe('temporal:7233');
  });

  it('mounts a dynamic config from the repo that lifts the transfer-queue poll limit', () => {
    const path = env('temporal').DYNAMIC_CONFIG_FILE_PATH;
    expect(path).toBeTruthy();
    const inContainer = posix.resolve('/etc/temporal', path!); // the image's working directory
    const mount = volumes('temporal').find((v) => posix.resolve('/etc/temporal', v.target) === inContainer);
    expect(mount, `a volume mounted at ${inContainer}`).toBeDefined();
    expect(existsSync(join(root, mount!.source)), `${mount!.source} exists`).toBe(true);
    const config = parse(read(mount!.source)) as Record<string, Array<{ value: unknown }>>;
    expect(config['history.transferProcessorMaxPollRPS']?.[0]?.value).toBe(1000);
    expect(config['system.enableActivityEagerExecution']?.[0]?.value).toBe(true);
  });

  it('registers exactly the search attributes the workflows upsert', () => {
    const script = [...argv(service('temporal-setup').entrypoint), ...argv(service('temporal-setup').command)]
      .map(interpolate)
      .join(' ');
    expect(script).toContain('temporal operator search-attribute create');
    expect(script).toMatch(/--address[ =]temporal:7233/);
    const pairs = [...script.matchAll(/--name[ =](\w+)\s+--type[ =](\w+)/g)].map((m) => [m[1], m[2]]);
    expect(new Set(pairs.map(([name]) => name)).size, 'no attribute twice').toBe(pairs.length);
    expect(Object.fromEntries(pairs)).toEqual(SEARCH_ATTRIBUTES);
    expect(SEARCH_ATTRIBUTES).toEqual({
      OrderId: 'Keyword',
      BuyerId: 'Keyword',
      SellerId: 'Keyword',
      OrderStatus: 'Keyword',
      Currency: 'Keyword',
      AmountMinor: 'Int',
    });
  });

  it.each(Object.entries(ENTRY_FILES))('%s runs %s, which exists in the repo', (name, file) => {
    expect(argv(service(name).command).slice(0, 3)).toEqual(['node', '--import', 'tsx']);
    expect(entryFile(name)).toBe(file);
    expect(existsSync(join(root, file)), `${file} exists`).toBe(true);
  });
});

describe('Dockerfile', () => {
  const dockerfile = existsSync(join(root, 'Dockerfile')) ? read('Dockerfile') : '';
  const instructions = dockerfile
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));

  it('builds on Node 20 with production dependencies, runs as the unprivileged node user', () => {
    expect(dockerfile, 'Dockerfile exists').not.toBe('');
    expect(instructions.find((l) => l.startsWith('FROM '))).toBe('FROM node:20-bookworm-slim');
    expect(instructions.some((l) => l.startsWith('RUN ') && l.includes('npm ci --omit=dev'))).toBe(true);
    expect(instructions.filter((l) => l.startsWith('USER ')).at(-1)).toBe('USER node');
    // `--omit=dev` keeps tsx only because it is a runtime dependency.
    const pkg = JSON.parse(read('package.json')) as { dependencies?: Record<string, string> };
    expect(pkg.dependencies?.tsx).toBeDefined();
  });

  it('runs the API by default, from an entry file that exists in the repo', () => {
    const cmd = instructions.filter((l) => l.startsWith('CMD ')).at(-1);
    expect(cmd, 'CMD').toBeDefined();
    const args = JSON.parse(cmd!.slice(4)) as string[];
    expect(args.slice(0, 3)).toEqual(['node', '--import', 'tsx']);
    const entry = args.find((a) => a.endsWith('.ts'));
    expect(entry).toBe(ENTRY_FILES.api);
    expect(existsSync(join(root, entry!)), `${entry} exists`).toBe(true);
  });

  it('keeps dependencies, local data and git history out of the build context', () => {
    const ignored = read('.dockerignore')
      .split('\n')
      .map((line) => line.trim().replace(/^\/|\/$/g, ''));
    expect(ignored).toEqual(expect.arrayContaining(['node_modules', '.data', '.git']));
  });
});
