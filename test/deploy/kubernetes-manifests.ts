/**
 * deploy/kubernetes/ as a cluster receives it: an overlay rendered by the real kustomize CLI (the build
 * scripts/stack/kustomize-install.sh caches, the logic of `kubectl apply -k`), its objects checked
 * against the Kubernetes and KEDA schemas that kubernetes-models and @kubernetes-models/keda carry, and
 * what a container of a pod sees: its environment and the Secrets mounted into it.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ScaledObject, TriggerAuthentication } from '@kubernetes-models/keda/keda.sh/v1alpha1';
import { Deployment, StatefulSet } from 'kubernetes-models/apps/v1';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import { Job } from 'kubernetes-models/batch/v1';
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import {
  ConfigMap,
  type IContainer,
  type IPodSpec,
  Namespace,
  Service,
  ServiceAccount,
} from 'kubernetes-models/v1';
import { parseAllDocuments } from 'yaml';
import { cacheDir, repoRoot } from '../../scripts/stack/paths.js';

export const kubernetesDir = join(repoRoot, 'deploy', 'kubernetes');

export interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  [field: string]: unknown;
}

/** The cached kustomize build (`KUSTOMIZE` overrides), at the version the install script pins. */
export function kustomizePath(): string {
  if (process.env.KUSTOMIZE) return process.env.KUSTOMIZE;
  const script = readFileSync(join(repoRoot, 'scripts', 'stack', 'kustomize-install.sh'), 'utf8');
  const version = /^KUSTOMIZE_VERSION=(\S+)$/m.exec(script)?.[1];
  if (!version) throw new Error('scripts/stack/kustomize-install.sh names no KUSTOMIZE_VERSION');
  return join(cacheDir, `kustomize-${version}`, 'kustomize');
}

/** `kustomize build <dir>`, parsed: every object of the overlay, in kustomize's order. */
export function render(dir: string): Manifest[] {
  const bin = kustomizePath();
  if (!existsSync(bin))
    throw new Error(
      `${bin} is missing: run bash scripts/bootstrap.sh (or scripts/stack/kustomize-install.sh)`,
    );
  const output = execFileSync(bin, ['build', dir], { encoding: 'utf8' });
  return parseAllDocuments(output).map((doc) => {
    if (doc.errors.length > 0) throw new Error(`${dir}: ${doc.errors[0]?.message}`);
    return doc.toJS() as Manifest;
  });
}

type ModelClass = new (data: never) => { validate(): void };

/** The kinds the manifests may use, each with its schema; any other kind is an error. */
const MODELS: Record<string, ModelClass> = {
  'v1/Namespace': Namespace,
  'v1/ServiceAccount': ServiceAccount,
  'v1/ConfigMap': ConfigMap,
  'v1/Service': Service,
  'apps/v1/Deployment': Deployment,
  'apps/v1/StatefulSet': StatefulSet,
  'batch/v1/Job': Job,
  'autoscaling/v2/HorizontalPodAutoscaler': HorizontalPodAutoscaler,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
  'networking.k8s.io/v1/NetworkPolicy': NetworkPolicy,
  'keda.sh/v1alpha1/ScaledObject': ScaledObject,
  'keda.sh/v1alpha1/TriggerAuthentication': TriggerAuthentication,
};

/** Why the object breaks its kind's schema, or undefined when it is valid. */
export function schemaError(object: Manifest): string | undefined {
  const Model = MODELS[`${object.apiVersion}/${object.kind}`];
  const id = `${object.kind}/${object.metadata.name}`;
  if (!Model) return `${id}: no schema for ${object.apiVersion} ${object.kind}`;
  try {
    new Model(object as never).validate();
    return undefined;
  } catch (err) {
    return `${id}: ${(err as Error).message}`;
  }
}

export const ofKind = (objects: Manifest[], kind: string) => objects.filter((o) => o.kind === kind);

export function named(objects: Manifest[], kind: string, name: string): Manifest {
  const found = objects.find((o) => o.kind === kind && o.metadata.name === name);
  if (!found) throw new Error(`no ${kind} named ${name}`);
  return found;
}

/** A Deployment, StatefulSet or Job with its pod template. */
export interface Workload {
  object: Manifest;
  podLabels: Record<string, string>;
  pod: IPodSpec;
}

export function workloads(objects: Manifest[]): Workload[] {
  return objects
    .filter((o) => ['Deployment', 'StatefulSet', 'Job'].includes(o.kind))
    .map((object) => {
      const template = (
        object.spec as { template: { metadata?: { labels?: Record<string, string> }; spec: IPodSpec } }
      ).template;
      return { object, podLabels: template.metadata?.labels ?? {}, pod: template.spec };
    });
}

/** escrowflow's own image (any registry, any tag). */
export const runsEscrowflow = (container: IContainer) => /(^|\/)escrowflow(:|$)/.test(container.image ?? '');

export interface SecretRef {
  secret: string;
  key: string;
}

/** A container's environment: plain values (from its ConfigMaps and `env`) and Secret references. */
export function containerEnv(container: IContainer, objects: Manifest[]): Map<string, string | SecretRef> {
  const env = new Map<string, string | SecretRef>();
  for (const source of container.envFrom ?? []) {
    if (!source.configMapRef) throw new Error(`${container.name}: only ConfigMaps in envFrom`);
    const data = (named(objects, 'ConfigMap', source.configMapRef.name ?? '').data ?? {}) as Record<
      string,
      string
    >;
    for (const [name, value] of Object.entries(data)) env.set(name, value);
  }
  for (const variable of container.env ?? []) {
    const ref = variable.valueFrom?.secretKeyRef;
    if (variable.value !== undefined) env.set(variable.name, variable.value);
    else if (ref) env.set(variable.name, { secret: ref.name ?? '', key: ref.key });
    else throw new Error(`${container.name}: ${variable.name} has neither a value nor a secretKeyRef`);
  }
  return env;
}

/** Where a container finds each Secret mounted as files: mount path -> Secret name. */
export function secretMounts(pod: IPodSpec, container: IContainer): Map<string, string> {
  const mounts = new Map<string, string>();
  for (const mount of container.volumeMounts ?? []) {
    const secret = pod.volumes?.find((v) => v.name === mount.name)?.secret?.secretName;
    if (secret) mounts.set(mount.mountPath, secret);
  }
  return mounts;
}

/** The Secret key a file path names, when the path is inside a mounted Secret. */
export function secretFile(path: string, mounts: Map<string, string>): SecretRef | undefined {
  for (const [mountPath, secret] of mounts)
    if (path.startsWith(`${mountPath}/`)) return { secret, key: path.slice(mountPath.length + 1) };
  return undefined;
}

/** Keys of an `.env` file (comments and blank lines skipped). */
export function envFileKeys(path: string): string[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => line.slice(0, line.indexOf('=')));
}

/** `KEY=value` lines of an `.env` file. */
export function envFile(path: string): Record<string, string> {
  const text = readFileSync(path, 'utf8');
  return Object.fromEntries(
    envFileKeys(path).map((key) => [key, new RegExp(`^${key}=(.*)$`, 'm').exec(text)?.[1] ?? '']),
  );
}

const rendered = new Map<string, Manifest[]>();
/** An overlay of deploy/kubernetes/overlays, rendered once per test file. */
export function objectsOf(overlay: string): Manifest[] {
  if (!rendered.has(overlay)) rendered.set(overlay, render(join(kubernetesDir, 'overlays', overlay)));
  return rendered.get(overlay) ?? [];
}

/** The shared settings (the ConfigMap generated as escrowflow-config-<hash>). */
export const config = (objects: Manifest[]) =>
  (ofKind(objects, 'ConfigMap').find((c) => c.metadata.name.startsWith('escrowflow-config'))?.data ??
    {}) as Record<string, string>;

export const escrowflowContainers = (objects: Manifest[]) =>
  workloads(objects).flatMap((w) => w.pod.containers.filter(runsEscrowflow).map((c) => ({ workload: w, c })));

export const workersOf = (objects: Manifest[]) =>
  workloads(objects).filter(
    (w) => w.object.kind === 'Deployment' && w.podLabels['app.kubernetes.io/component'] === 'worker',
  );

/** Whether a matchLabels selector picks the labels. */
export const selects = (selector: Record<string, string> | undefined, labels: Record<string, string>) =>
  Object.entries(selector ?? {}).every(([k, v]) => labels[k] === v);

export const envValue = (c: IContainer, name: string) => c.env?.find((e) => e.name === name)?.value;

export interface Trigger {
  type: string;
  metadata: Record<string, string>;
  authenticationRef?: { name: string };
}
export const triggersOf = (scaledObject: Manifest) => (scaledObject.spec as { triggers: Trigger[] }).triggers;

/** A value of the right shape for a Secret key (never a development default the app refuses). */
function secretValue({ key }: SecretRef): string {
  if (key === 'DATABASE_URL') return 'postgres://escrowflow:s3cret@postgres:5432/escrowflow';
  if (key === 'REDIS_URL') return 'redis://redis:6379';
  if (key === 'CODEC_KEYS') return `k8s-test:${Buffer.alloc(32, 7).toString('base64')}`;
  return `${key.toLowerCase()}-from-the-secret-store-0123456789abcdef`;
}

/**
 * The container's environment as its process gets it, with Secrets of the right shape: a variable
 * from a Secret gets a value, a path into a mounted Secret a file written under `scratch`. Every
 * Secret key it reads is added to `read`.
 */
export function processEnv(
  workload: Workload,
  c: IContainer,
  objects: Manifest[],
  scratch: string,
  read: SecretRef[],
): NodeJS.ProcessEnv {
  const mounts = secretMounts(workload.pod, c);
  const source: NodeJS.ProcessEnv = {};
  for (const [name, value] of containerEnv(c, objects)) {
    const file = typeof value === 'string' ? secretFile(value, mounts) : undefined;
    if (typeof value !== 'string') {
      read.push(value);
      source[name] = secretValue(value);
    } else if (file) {
      read.push(file);
      const path = join(scratch, file.secret, file.key);
      mkdirSync(join(scratch, file.secret), { recursive: true });
      writeFileSync(path, secretValue(file));
      source[name] = path;
    } else source[name] = value;
  }
  return source;
}
