/**
 * The compose projects of the repo as `docker compose config` builds them, without Docker: each file
 * interpolated on its own (compose's `${VAR:-default}` / `${VAR:?message}` rules) with the variables an
 * operator or compose.dev.env gives, then merged as compose merges `-f` files; and readers of the
 * result. Used by test/deploy/compose*.test.ts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseEnv as parseDotenv } from 'node:util';
import { parse } from 'yaml';
import { generateCodecKeyLine } from '../../codec/keys.js';
import { ALL_TASK_QUEUES } from '../../domain/task-queues.js';

export type Scalar = string | number | boolean | null;

export interface Service {
  image?: string;
  build?: string | { context?: string; dockerfile?: string };
  command?: string | string[];
  entrypoint?: string | string[];
  environment?: Record<string, Scalar>;
  ports?: Array<string | number>;
  depends_on?: Record<string, { condition?: string }>;
  volumes?: string[];
  healthcheck?: { test?: string[]; disable?: boolean };
  restart?: string;
  deploy?: { replicas?: number };
}

export interface Project {
  services: Record<string, Service>;
}

export type Vars = Record<string, string | undefined>;

export const root = fileURLToPath(new URL('../..', import.meta.url));
export const read = (path: string) => readFileSync(join(root, path), 'utf8');
export const yamlOf = (path: string) => parse(read(path), { merge: true }) as unknown;

export const PRODUCTION_FILE = 'docker-compose.yml';
export const DEV_FILE = 'compose.dev.yml';
export const DEV_ENV_FILE = 'compose.dev.env';
export const DOCS = 'docs/deploy/compose.md';
export const NGINX_CONF = 'deploy/nginx/escrowflow.conf';

/** Values of the right shape for every required variable: what an operator's .env holds. */
export const PRODUCTION_VALUES: Record<string, string> = {
  POSTGRES_PASSWORD: 'pg-prod-7f3a9c2e51b84d06',
  JWT_SECRET: 'prod-jwt-secret-from-a-vault-0123456789abcdef',
  CODEC_KEYS: generateCodecKeyLine(),
  STRIPE_SECRET_KEY: 'sk_live_51prodkeyfromthevault',
  STRIPE_WEBHOOK_SECRET: 'whsec_live_stripe_endpoint',
  PAYMENTS_WEBHOOK_SECRET: 'f1e2d3c4b5a697887766554433221100',
  CARRIER_BASE_URL: 'https://tracking.carrier.example/v1',
  CARRIER_API_KEY: 'ck_live_carrier_key',
  CARRIER_WEBHOOK_SECRET: 'whsec_carrier_live',
  PUBLIC_URL: 'https://api.escrowflow.example',
};

export const devEnv = parseDotenv(read(DEV_ENV_FILE)) as Vars;

class MissingVariable extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(`required variable ${variable} is missing a value: ${message}`);
  }
}

/**
 * Compose interpolation of one value: `$$` is a literal `$`; `${VAR:-default}` / `${VAR-default}` take
 * the default when VAR is unset or empty / unset; `${VAR:?message}` / `${VAR?message}` fail. A bare
 * `${VAR}` that is unset fails too: compose would quietly put a blank there.
 */
export function interpolate(value: string, vars: Vars): string {
  return value.replace(
    /\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g,
    (match, name: string | undefined, op: string | undefined, arg: string | undefined, bare?: string) => {
      if (match === '$$') return '$';
      const variable = (name ?? bare)!;
      const value = vars[variable];
      const set = value !== undefined;
      const nonEmpty = set && value !== '';
      if (op === ':-') return nonEmpty ? value : (arg ?? '');
      if (op === '-') return set ? value : (arg ?? '');
      if (op === ':?' && !nonEmpty) throw new MissingVariable(variable, arg ?? '');
      if (op === '?' && !set) throw new MissingVariable(variable, arg ?? '');
      if (!set) throw new MissingVariable(variable, `${match} has no default`);
      return value;
    },
  );
}

/** Every value of a file interpolated; the variables that are missing are collected, not thrown. */
function interpolateTree(node: unknown, vars: Vars, missing: Set<string>): unknown {
  if (typeof node === 'string') {
    try {
      return interpolate(node, vars);
    } catch (err) {
      if (!(err instanceof MissingVariable)) throw err;
      missing.add(err.variable);
      return node;
    }
  }
  if (Array.isArray(node)) return node.map((item) => interpolateTree(item, vars, missing));
  if (node && typeof node === 'object')
    return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, interpolateTree(v, vars, missing)]));
  return node;
}

/** A later file over an earlier one: mappings merge by key, command-like lists are replaced, others add up. */
function mergeFiles(base: unknown, over: unknown, key = ''): unknown {
  const isMapping = (v: unknown): v is Record<string, unknown> =>
    !!v && typeof v === 'object' && !Array.isArray(v);
  if (isMapping(base) && isMapping(over)) {
    const merged: Record<string, unknown> = { ...base };
    for (const [k, v] of Object.entries(over)) merged[k] = k in base ? mergeFiles(base[k], v, k) : v;
    return merged;
  }
  if (Array.isArray(base) && Array.isArray(over) && !['command', 'entrypoint', 'test'].includes(key)) {
    const seen = new Set(base.map((v) => JSON.stringify(v)));
    return [...base, ...over.filter((v) => !seen.has(JSON.stringify(v)))];
  }
  return over;
}

/** Compose's project from files (interpolated each on its own, as compose does, then merged). */
export function load(files: string[], vars: Vars): { project: Project; missing: Set<string> } {
  const missing = new Set<string>();
  const models = files.map((file) => interpolateTree(yamlOf(file), vars, missing));
  return { project: models.reduce((a, b) => mergeFiles(a, b)) as Project, missing };
}

/** The project, or an error naming the variables it misses. */
export function loadOk(files: string[], vars: Vars): Project {
  const { project, missing } = load(files, vars);
  if (missing.size > 0) throw new Error(`${files.join(' + ')}: missing ${[...missing].join(', ')}`);
  return project;
}

/** Every string value of a parsed file. */
function strings(node: unknown): string[] {
  if (typeof node === 'string') return [node];
  if (Array.isArray(node)) return node.flatMap(strings);
  if (node && typeof node === 'object') return Object.values(node).flatMap(strings);
  return [];
}

/** `${NAME:?…}` / `${NAME?…}` in a file's values: the variables it cannot do without. */
export function requiredVariables(path: string): string[] {
  const names = strings(yamlOf(path)).flatMap((value) =>
    [...value.matchAll(/\$\{([A-Za-z_][A-Za-z0-9_]*):?\?/g)].map((m) => m[1]!),
  );
  return [...new Set(names)].sort();
}

export const production = loadOk([PRODUCTION_FILE], PRODUCTION_VALUES);
export const dev = loadOk([PRODUCTION_FILE, DEV_FILE], devEnv);

export function service(project: Project, name: string): Service {
  const found = project.services[name];
  if (!found) throw new Error(`service ${name} is missing`);
  return found;
}

export const env = (project: Project, name: string): Record<string, string> =>
  Object.fromEntries(
    Object.entries(service(project, name).environment ?? {}).map(([k, v]) => [
      k,
      v === null ? '' : String(v),
    ]),
  );

export const argv = (value: string | string[] | undefined): string[] =>
  value === undefined ? [] : Array.isArray(value) ? value : value.split(/\s+/).filter(Boolean);

export function dependsOn(project: Project, name: string): Record<string, string> {
  return Object.fromEntries(
    Object.entries(service(project, name).depends_on ?? {}).map(([d, s]) => [
      d,
      s.condition ?? 'service_started',
    ]),
  );
}

/** Short-form ports: [host_ip:]published:target. */
export function ports(
  project: Project,
  name: string,
): Array<{ hostIp?: string; published: number; target: number }> {
  return (service(project, name).ports ?? []).map((port) => {
    const parts = String(port).split('/')[0]!.split(':');
    const target = Number(parts.at(-1));
    const published = Number(parts.at(-2));
    return parts.length === 3 ? { hostIp: parts[0]!, published, target } : { published, target };
  });
}

export function volumes(project: Project, name: string): Array<{ source: string; target: string }> {
  return (service(project, name).volumes ?? []).map((volume) => {
    const [source = '', target = ''] = volume.split(':');
    return { source, target };
  });
}

export const APP_IMAGE = interpolate(String((yamlOf(PRODUCTION_FILE) as Project).services.api!.image), {});
/** The services that run the image ./Dockerfile builds. */
export const appServices = (project: Project) =>
  Object.keys(project.services).filter((name) => project.services[name]!.image === APP_IMAGE);
/** The app processes that load config/env.ts (not the sandbox, which reads its own SANDBOX_*). */
export const configuredServices = (project: Project) =>
  appServices(project).filter((name) =>
    argv(project.services[name]!.command).some((a) => /dist\/(api|workers|db)\//.test(a)),
  );
export const isOneShot = (svc: Service) => svc.restart === 'no';

export const WORKER_SERVICES = ALL_TASK_QUEUES.map((queue) => `worker-${queue}`);
