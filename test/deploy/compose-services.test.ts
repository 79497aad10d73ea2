/**
 * The services around the app in docker-compose.yml: nginx in front of the API replicas
 * (deploy/nginx/escrowflow.conf) and Temporal on PostgreSQL with its admin-tools one-shots
 * (deploy/temporal/). Checked on the project compose would build (test/deploy/compose-model.ts).
 */
import { existsSync } from 'node:fs';
import { join, posix } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { SEARCH_ATTRIBUTES } from '../../domain/task-queues.js';
import { argv, env, NGINX_CONF, ports, production, read, root, service, volumes } from './compose-model.js';
import { find, parseNginx } from './nginx-conf.js';

describe('nginx in front of the API replicas', () => {
  const conf = parseNginx(read(NGINX_CONF));
  const http = conf; // conf.d files are included inside nginx's http block
  const server = find(http, 'server')[0]!.block!;

  it('mounts deploy/nginx/escrowflow.conf into an nginx that re-resolves upstream names (≥ 1.27.3)', () => {
    const nginx = service(production, 'nginx');
    expect(volumes(production, 'nginx')).toContainEqual({
      source: `./${NGINX_CONF}`,
      target: '/etc/nginx/conf.d/default.conf',
    });
    const [major, minor, patch] = /^nginx:(\d+)\.(\d+)\.(\d+)/.exec(nginx.image!)!.slice(1).map(Number);
    expect(major! * 1e6 + minor! * 1e3 + patch!).toBeGreaterThanOrEqual(1_027_003);
  });

  it('balances over every `api` replica, found through Docker’s DNS and looked up again', () => {
    const resolver = find(http, 'resolver')[0];
    expect(resolver?.args[0]).toBe('127.0.0.11');
    expect(resolver?.args).toContainEqual(expect.stringMatching(/^valid=\d+s$/));
    const upstreams = find(http, 'upstream');
    expect(upstreams).toHaveLength(1);
    const upstream = upstreams[0]!;
    expect(find(upstream.block!, 'zone'), 'shared memory for resolve').toHaveLength(1);
    const apiPort = env(production, 'api').API_PORT;
    expect(find(upstream.block!, 'server').map((d) => d.args)).toEqual([[`api:${apiPort}`, 'resolve']]);
    const locations = find(server, 'location');
    for (const location of locations.filter((l) => find(l.block!, 'proxy_pass').length > 0))
      expect(find(location.block!, 'proxy_pass')[0]!.args).toEqual([`http://${upstream.args[0]}`]);
    expect(service(production, 'api').deploy?.replicas).toBeGreaterThanOrEqual(2);
    expect(ports(production, 'api'), 'replicas are reached through nginx').toEqual([]);
    const listen = Number(find(server, 'listen')[0]!.args[0]);
    expect(ports(production, 'nginx')).toContainEqual({ published: 3000, target: listen });
  });

  it('passes the client’s address on as the one hop the API trusts, streams events, hides /metrics', () => {
    const forwarded = find(server, 'proxy_set_header').find((d) => d.args[0] === 'X-Forwarded-For');
    expect(forwarded?.args[1]).toBe('$proxy_add_x_forwarded_for');
    expect(env(production, 'api').TRUSTED_PROXY_HOPS).toBe('1');
    const location = (path: string) =>
      find(server, 'location').find((l) => l.args.join(' ') === `= ${path}`)?.block ?? [];
    expect(find(location('/v1/events'), 'proxy_buffering')[0]?.args).toEqual(['off']);
    expect(find(location('/metrics'), 'return')[0]?.args).toEqual(['404']);
    expect(argv(service(production, 'nginx').healthcheck?.test).join(' ')).toContain('/healthz');
  });
});

describe('Temporal on PostgreSQL', () => {
  it('sets up the schema with temporal-sql-tool before the server starts', () => {
    const schema = service(production, 'temporal-schema');
    const script = volumes(production, 'temporal-schema').find((v) =>
      argv(schema.entrypoint).includes(v.target),
    );
    expect(script?.source).toBe('./deploy/temporal/setup-schema.sh');
    expect(read(script!.source)).toContain('temporal-sql-tool');
    const e = env(production, 'temporal-schema');
    expect(e.SQL_PASSWORD).toBe(env(production, 'postgres').POSTGRES_PASSWORD);
    expect(e.POSTGRES_SEEDS).toBe('postgres');
    const t = env(production, 'temporal');
    expect(t).toMatchObject({
      DB: 'postgres12',
      DB_PORT: '5432',
      POSTGRES_SEEDS: 'postgres',
      BIND_ON_IP: '0.0.0.0',
    });
    expect(t.POSTGRES_USER).toBe(e.POSTGRES_USER);
    expect(t.POSTGRES_PWD).toBe(env(production, 'postgres').POSTGRES_PASSWORD);
  });

  it('creates the namespace and registers exactly the search attributes the workflows upsert', () => {
    const setup = service(production, 'temporal-setup');
    const script = volumes(production, 'temporal-setup').find((v) =>
      argv(setup.entrypoint).includes(v.target),
    );
    expect(script?.source).toBe('./deploy/temporal/setup-namespace.sh');
    expect(read(script!.source)).toMatch(/operator search-attribute create/);
    const e = env(production, 'temporal-setup');
    expect(e.TEMPORAL_ADDRESS).toBe('temporal:7233');
    expect(e.TEMPORAL_NAMESPACE_RETENTION).toMatch(/^\d+[dh]$/);
    const pairs = e.SEARCH_ATTRIBUTES!.split(/\s+/).map((pair) => pair.split('='));
    expect(new Set(pairs.map(([name]) => name)).size, 'no attribute twice').toBe(pairs.length);
    expect(Object.fromEntries(pairs)).toEqual(SEARCH_ATTRIBUTES);
  });

  it('mounts a dynamic config from the repo that lifts the transfer-queue poll limit', () => {
    const path = env(production, 'temporal').DYNAMIC_CONFIG_FILE_PATH!;
    const inContainer = posix.resolve('/etc/temporal', path); // the image's working directory
    const mount = volumes(production, 'temporal').find(
      (v) => posix.resolve('/etc/temporal', v.target) === inContainer,
    );
    expect(mount, `a volume mounted at ${inContainer}`).toBeDefined();
    expect(existsSync(join(root, mount!.source)), `${mount!.source} exists`).toBe(true);
    const config = parse(read(mount!.source)) as Record<string, Array<{ value: unknown }>>;
    expect(config['history.transferProcessorMaxPollRPS']?.[0]?.value).toBe(1000);
    expect(config['system.enableActivityEagerExecution']?.[0]?.value).toBe(true);
  });

  it('points the UI at the API’s codec server through nginx, with credentials, and the API lets the UI in', () => {
    const ui = env(production, 'temporal-ui');
    expect(ui.TEMPORAL_ADDRESS).toBe('temporal:7233');
    const codec = new URL(ui.TEMPORAL_CODEC_ENDPOINT!);
    expect(codec.pathname).toBe('/codec');
    expect(ports(production, 'nginx').map((p) => p.published)).toContain(Number(codec.port));
    expect(ui.TEMPORAL_CODEC_INCLUDE_CREDENTIALS).toBe('true');
    const uiPort = ports(production, 'temporal-ui')[0]!.published;
    expect(env(production, 'api').CODEC_CORS_ORIGINS!.split(',')).toContain(
      `${codec.protocol}//${codec.hostname}:${uiPort}`,
    );
  });
});
