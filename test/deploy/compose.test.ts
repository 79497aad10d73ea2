/**
 * docker-compose.yml (production) and compose.dev.yml (the demo, with compose.dev.env) keep their
 * promises, checked without Docker on the projects compose would build (test/deploy/compose-model.ts):
 * both are valid against the Compose specification's JSON schema (test/deploy/compose-spec/);
 * production needs every secret and refuses the development ones; the demo needs nothing but
 * compose.dev.env; every app process runs a file `npm run build` writes, with a health check, in the
 * right order; a worker service per task queue. nginx and Temporal: compose-services.test.ts.
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { parseEnv } from '../../config/env.js';
import { ALL_TASK_QUEUES } from '../../domain/task-queues.js';
import { BUILD_OUTPUTS } from '../../scripts/build-manifest.js';
import { TEMPORAL_SERVER_VERSION, TEMPORAL_UI_SERVER_VERSION } from '../../scripts/stack/temporal-cluster.js';
import {
  APP_IMAGE,
  appServices,
  argv,
  configuredServices,
  DEV_ENV_FILE,
  DEV_FILE,
  DOCS,
  dependsOn,
  dev,
  devEnv,
  env,
  isOneShot,
  load,
  loadOk,
  NGINX_CONF,
  PRODUCTION_FILE,
  PRODUCTION_VALUES,
  ports,
  production,
  read,
  requiredVariables,
  service,
  WORKER_SERVICES,
} from './compose-model.js';
import { find, parseNginx } from './nginx-conf.js';

describe('the compose projects against the Compose specification', () => {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  const validate = ajv.compile(JSON.parse(read('test/deploy/compose-spec/compose-spec.json')) as object);

  it.each([
    ['docker-compose.yml (production values)', production],
    ['docker-compose.yml + compose.dev.yml (compose.dev.env)', dev],
  ])('%s is a valid Compose project', (_, project) => {
    const valid = validate(project);
    expect(validate.errors ?? [], 'schema errors').toEqual([]);
    expect(valid).toBe(true);
  });

  it('uses no deprecated image: temporalio/server and admin-tools at the cluster mode’s release, no auto-setup', () => {
    for (const file of [PRODUCTION_FILE, DEV_FILE]) expect(read(file)).not.toMatch(/temporalio\/auto-setup/);
    const images = Object.values(dev.services).map((s) => s.image ?? '');
    const server = TEMPORAL_SERVER_VERSION.replace(/^v/, '');
    expect(service(dev, 'temporal').image).toBe(`temporalio/server:${server}`);
    for (const name of ['temporal-schema', 'temporal-setup'])
      expect(service(dev, name).image).toMatch(
        new RegExp(`^temporalio/admin-tools:${server.replaceAll('.', '\\.')}-`),
      );
    expect(service(dev, 'temporal-ui').image).toBe(
      `temporalio/ui:${TEMPORAL_UI_SERVER_VERSION.replace(/^v/, '')}`,
    );
    for (const image of images.filter((i) => i !== APP_IMAGE))
      expect(image, 'pulled images carry a tag, not latest').toMatch(/^[^:]+:(?!latest$)[\w.-]+$/);
  });
});

describe('docker-compose.yml in production', () => {
  const required = requiredVariables(PRODUCTION_FILE);

  it('needs exactly the secrets and settings listed in its header and in docs/deploy/compose.md', () => {
    expect(required).toEqual(Object.keys(PRODUCTION_VALUES).sort());
    const header = read(PRODUCTION_FILE).split('\n\n')[0]!;
    const docs = read(DOCS);
    for (const name of required) {
      expect(header, `${name} in the header`).toMatch(new RegExp(`\\b${name}\\b`));
      expect(docs, `${name} in ${DOCS}`).toMatch(new RegExp(`\\b${name}\\b`));
    }
  });

  it('fails with an empty environment, naming each missing variable, and with any one of them missing', () => {
    expect([...load([PRODUCTION_FILE], {}).missing].sort()).toEqual(required);
    for (const name of required) {
      const { [name]: _, ...others } = PRODUCTION_VALUES;
      expect([...load([PRODUCTION_FILE], others).missing], name).toEqual([name]);
    }
    const message = read(PRODUCTION_FILE).match(/\$\{JWT_SECRET:\?([^}]*)\}/)?.[1];
    expect(message, 'a message that says what to set').toMatch(/\w+ \w+/);
  });

  it('runs every app process in production mode, and each one’s configuration passes config/env.ts', () => {
    const names = configuredServices(production);
    expect(names.sort()).toEqual(['api', 'migrate', ...WORKER_SERVICES].sort());
    for (const name of names) {
      const e = env(production, name);
      expect(e.NODE_ENV, name).toBe('production');
      const parsed = parseEnv(e);
      expect(parsed.ok ? [] : parsed.issues, name).toEqual([]);
    }
  });

  it('refuses the development values: every app process stops on them in production', () => {
    const withDevValues = loadOk([PRODUCTION_FILE], devEnv);
    for (const name of configuredServices(withDevValues)) {
      const parsed = parseEnv(env(withDevValues, name));
      expect(parsed.ok, `${name} starts on the development values`).toBe(false);
    }
  });

  it('publishes nginx on the API port, Temporal gRPC and UI on loopback only, nothing else', () => {
    const published = Object.keys(production.services).flatMap((name) =>
      ports(production, name).map((p) => ({ name, ...p })),
    );
    expect(published.sort((a, b) => a.published - b.published)).toEqual([
      { name: 'nginx', published: 3000, target: 80 },
      { name: 'temporal', hostIp: '127.0.0.1', published: 7233, target: 7233 },
      { name: 'temporal-ui', hostIp: '127.0.0.1', published: 8233, target: 8080 },
    ]);
  });
});

describe('compose.dev.yml: the zero-setup demo', () => {
  it('needs nothing but compose.dev.env, which holds every variable either file requires', () => {
    expect(load([PRODUCTION_FILE, DEV_FILE], devEnv).missing.size).toBe(0);
    for (const name of [...requiredVariables(PRODUCTION_FILE), ...requiredVariables(DEV_FILE)])
      expect(devEnv[name], `${name} in ${DEV_ENV_FILE}`).toBeTruthy();
    expect(read(PRODUCTION_FILE)).toContain(
      `docker compose --env-file ${DEV_ENV_FILE} -f ${PRODUCTION_FILE} -f ${DEV_FILE} up`,
    );
  });

  it('runs in development mode on the sandbox provider, and every configuration passes config/env.ts', () => {
    for (const name of configuredServices(dev)) {
      const e = env(dev, name);
      expect(e.NODE_ENV, name).toBe('development');
      const parsed = parseEnv(e);
      expect(parsed.ok ? [] : parsed.issues, name).toEqual([]);
      expect(e.PAYMENTS_PROVIDER).toBe('sandbox');
      const payments = new URL(e.PAYMENTS_BASE_URL!);
      expect(payments.hostname).toBe('sandbox-provider');
      expect(payments.port).toBe(env(dev, 'sandbox-provider').SANDBOX_PORT);
      expect(new URL(e.CARRIER_BASE_URL!).host).toBe(payments.host);
    }
  });

  it('gives the sandbox the keys and secrets the app uses, and sends its webhooks through nginx', () => {
    const sandbox = env(dev, 'sandbox-provider');
    const api = env(dev, 'api');
    expect(sandbox.SANDBOX_API_KEY).toBe(api.PAYMENTS_API_KEY);
    expect(sandbox.SANDBOX_WEBHOOK_SECRET).toBe(api.PAYMENTS_WEBHOOK_SECRET);
    expect(sandbox.SANDBOX_CARRIER_API_KEY).toBe(api.CARRIER_API_KEY);
    expect(sandbox.CARRIER_WEBHOOK_SECRET).toBe(api.CARRIER_WEBHOOK_SECRET);
    expect(sandbox.SANDBOX_HOST).toBe('0.0.0.0');
    const listen = Number(
      find(find(parseNginx(read(NGINX_CONF)), 'server')[0]!.block!, 'listen')[0]!.args[0],
    );
    const expected = (path: string) =>
      listen === 80 ? `http://nginx${path}` : `http://nginx:${listen}${path}`;
    expect(sandbox.SANDBOX_WEBHOOK_URL).toBe(expected('/v1/webhooks/payments'));
    expect(sandbox.SANDBOX_CARRIER_WEBHOOK_URL).toBe(expected('/v1/webhooks/carrier'));
    for (const name of WORKER_SERVICES)
      expect(dependsOn(dev, name), name).toMatchObject({ 'sandbox-provider': 'service_started' });
    expect(ports(dev, 'sandbox-provider')).toEqual([
      { published: 4010, target: Number(sandbox.SANDBOX_PORT) },
    ]);
  });

  it('uses only values the app refuses in production (but the two addresses)', () => {
    // The demo's values in production mode: on Stripe (the production file) and on the sandbox.
    const refused = new Set<string>();
    const onStripe = loadOk([PRODUCTION_FILE], devEnv);
    const onSandbox = { ...env(dev, 'api'), NODE_ENV: 'production' };
    for (const source of [env(onStripe, 'api'), onSandbox]) {
      const parsed = parseEnv(source);
      if (!parsed.ok) for (const issue of parsed.issues) refused.add(issue.split(':')[0]!);
    }
    const secrets = Object.keys(devEnv)
      .filter((name) => !['CARRIER_BASE_URL', 'PUBLIC_URL'].includes(name))
      .map((name) => (name === 'POSTGRES_PASSWORD' ? 'DATABASE_URL' : name));
    expect([...refused].sort()).toEqual(secrets.sort());
  });
});

describe.each([
  ['production', production],
  ['dev', dev],
])('the %s project', (_, project) => {
  it('runs each app process from the ./Dockerfile image, on files `npm run build` writes, without tsx', () => {
    for (const name of appServices(project)) {
      const svc = service(project, name);
      const build = typeof svc.build === 'string' ? { context: svc.build } : (svc.build ?? {});
      expect(build.context, name).toBe('.');
      expect(build.dockerfile ?? 'Dockerfile', name).toBe('Dockerfile');
      const args = argv(svc.command);
      expect(args[0], name).toBe('node');
      expect(args, name).not.toContain('tsx');
      const files = [...args, ...(svc.healthcheck?.test ?? [])].flatMap(
        (a) => /^(?:\.\/)?dist\/(.+)$/.exec(a)?.[1] ?? [],
      );
      expect(files.length, name).toBeGreaterThan(0);
      for (const file of files) expect(BUILD_OUTPUTS, `${name}: dist/${file}`).toContain(file);
    }
    expect(appServices(project)).not.toContain('api-proxy');
  });

  it('has a health check on every long-running service, the app’s through dist/scripts/healthcheck.js', () => {
    for (const [name, svc] of Object.entries(project.services)) {
      if (isOneShot(svc) || name === 'temporal-ui') continue;
      expect(svc.healthcheck?.test?.length, `${name}: healthcheck`).toBeTruthy();
      expect(svc.healthcheck?.disable, name).not.toBe(true);
      if (appServices(project).includes(name))
        expect(svc.healthcheck!.test, name).toEqual(['CMD', 'node', 'dist/scripts/healthcheck.js']);
    }
    const sandbox = project.services['sandbox-provider'];
    if (sandbox) {
      const e = env(project, 'sandbox-provider');
      expect(e.HEALTHCHECK_URL).toBe(`http://127.0.0.1:${e.SANDBOX_PORT}/_sandbox/healthz`);
    }
    // The API's probe is the image's default: /healthz on API_PORT.
    expect(env(project, 'api').HEALTHCHECK_URL).toBeUndefined();
  });

  it('runs a worker service per task queue, each scaled by count, its metrics bound for Prometheus', () => {
    for (const queue of ALL_TASK_QUEUES) {
      const name = `worker-${queue}`;
      const svc = service(project, name);
      expect(argv(svc.command)).toEqual([
        'node',
        '--import',
        './dist/workers/isolate-watchdog.mjs',
        'dist/workers/main.js',
      ]);
      const parsed = parseEnv(env(project, name));
      expect(parsed.ok && parsed.env.WORKER_TASK_QUEUES, name).toEqual([queue]);
      const replicas = svc.deploy?.replicas ?? 0;
      expect(replicas, `${name}: deploy.replicas`).toBeGreaterThanOrEqual(
        ['orders', 'payments', 'ledger'].includes(queue) ? 2 : 1,
      );
      const e = env(project, name);
      const [host, port] = e.WORKER_METRICS_ADDRESS!.split(':');
      expect(host, 'reachable from other containers').toBe('0.0.0.0');
      expect(e.HEALTHCHECK_URL).toBe(`http://127.0.0.1:${port}/metrics`);
      expect(svc.restart).toBe('unless-stopped');
    }
    // No other process serves a queue (a leftover all-queues worker would hide a missing service).
    const workers = Object.keys(project.services).filter((n) =>
      argv(project.services[n]!.command).includes('dist/workers/main.js'),
    );
    expect(workers.sort()).toEqual([...WORKER_SERVICES].sort());
  });

  it('orders start-up: targets exist, health waits have health checks, one-shots run once', () => {
    for (const name of Object.keys(project.services)) {
      for (const [target, condition] of Object.entries(dependsOn(project, name))) {
        expect(project.services[target], `${name} depends on ${target}`).toBeDefined();
        if (condition === 'service_healthy')
          expect(service(project, target).healthcheck?.test, `${target} healthcheck`).toBeTruthy();
        if (condition === 'service_completed_successfully')
          expect(isOneShot(service(project, target)), `${target} is a one-shot`).toBe(true);
      }
    }
    for (const name of ['api', ...WORKER_SERVICES])
      expect(dependsOn(project, name), name).toMatchObject({
        migrate: 'service_completed_successfully',
        postgres: 'service_healthy',
        redis: 'service_healthy',
        'temporal-setup': 'service_completed_successfully',
      });
    expect(dependsOn(project, 'migrate')).toMatchObject({ postgres: 'service_healthy' });
    expect(dependsOn(project, 'temporal-schema')).toMatchObject({ postgres: 'service_healthy' });
    expect(dependsOn(project, 'temporal')).toMatchObject({
      'temporal-schema': 'service_completed_successfully',
    });
    expect(dependsOn(project, 'temporal-setup')).toMatchObject({ temporal: 'service_healthy' });
    expect(dependsOn(project, 'nginx')).toMatchObject({ api: 'service_healthy' });
  });

  it('points every app process at the PostgreSQL, Redis and Temporal of the project', () => {
    const pg = env(project, 'postgres');
    for (const name of configuredServices(project)) {
      const e = env(project, name);
      const db = new URL(e.DATABASE_URL!);
      expect(db.hostname, name).toBe('postgres');
      expect(db.pathname).toBe(`/${pg.POSTGRES_DB}`);
      expect(decodeURIComponent(db.username)).toBe(pg.POSTGRES_USER);
      expect(decodeURIComponent(db.password)).toBe(pg.POSTGRES_PASSWORD);
      expect(new URL(e.REDIS_URL!).hostname).toBe('redis');
      expect(e.TEMPORAL_ADDRESS).toBe('temporal:7233');
      expect(e.TEMPORAL_NAMESPACE).toBe(env(project, 'temporal-setup').TEMPORAL_NAMESPACE);
      expect(e.CODEC_KEYS, 'one codec key list for every process').toBe(env(project, 'api').CODEC_KEYS);
    }
    expect(ports(project, 'postgres'), 'PostgreSQL stays private').toEqual([]);
    expect(ports(project, 'redis'), 'Redis stays private').toEqual([]);
  });
});
