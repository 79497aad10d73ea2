/**
 * deploy/kubernetes/ keeps its promises, checked on what the real kustomize renders for every overlay
 * (test/deploy/kubernetes-manifests.ts): each object is valid against the Kubernetes and KEDA schemas;
 * every task queue of domain/task-queues.ts has its worker Deployment and a KEDA `temporal`
 * ScaledObject on that queue of that build; every container's settings are names config/env.ts knows
 * and, with secrets of the right shape, parse in production mode; pods run restricted; Services,
 * autoscalers, budgets and NetworkPolicies select pods and ports that exist; the Temporal Cloud overlays
 * use the settings of deploy/temporal-cloud*.env.example and give KEDA the same credentials as the
 * workers. The Temporal Helm values: temporal-helm-values.test.ts.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IContainer } from 'kubernetes-models/v1';
import { afterAll, describe, expect, it } from 'vitest';
import { envSchema, parseEnv, SECRET_FILE_VARIABLES } from '../../config/env.js';
import { ALL_TASK_QUEUES, type TaskQueue } from '../../domain/task-queues.js';
import { repoRoot } from '../../scripts/stack/paths.js';
import {
  config,
  containerEnv,
  envFile,
  envFileKeys,
  envValue,
  escrowflowContainers,
  kubernetesDir,
  type Manifest,
  named,
  objectsOf,
  ofKind,
  processEnv,
  type SecretRef,
  schemaError,
  secretFile,
  secretMounts,
  selects,
  triggersOf,
  type Workload,
  workersOf,
  workloads,
} from './kubernetes-manifests.js';

const OVERLAYS = readdirSync(join(kubernetesDir, 'overlays'));
/** Secrets created outside the repo (docs/deploy/kubernetes.md "Secrets"), with the keys pods may read. */
const EXTERNAL_SECRETS: Record<string, string[]> = {
  'escrowflow-secrets': envFileKeys(join(kubernetesDir, 'secrets.env.example')),
  'escrowflow-postgres': ['password'],
  'temporal-client-tls': ['tls.crt', 'tls.key'],
  'temporal-api-key': ['TEMPORAL_API_KEY'],
};

/** Fields of KEDA's temporal trigger (2.20+, pkg/scalers/temporal_scaler.go) that these manifests may set. */
const TEMPORAL_TRIGGER_FIELDS = new Set([
  'endpoint',
  'namespace',
  'taskQueue',
  'queueTypes',
  'targetQueueSize',
  'activationTargetQueueSize',
  'workerDeploymentName',
  'workerDeploymentBuildId',
  'minConnectTimeout',
  'unsafeSsl',
  'tlsServerName',
]);

const ENV_NAMES = new Set([
  ...Object.keys(envSchema.shape),
  ...SECRET_FILE_VARIABLES.map((n) => `${n}_FILE`),
]);
/** The sandbox reads its own variables (sandbox/main.ts), not config/env.ts. */
const SANDBOX_ENV_NAMES = new Set(
  [...readFileSync(join(repoRoot, 'sandbox', 'main.ts'), 'utf8').matchAll(/env\.([A-Z][A-Z0-9_]*)/g)].map(
    (m) => m[1],
  ),
);
const isSandbox = (c: IContainer) => (c.command ?? []).includes('dist/sandbox/main.js');

const scratch = mkdtempSync(join(tmpdir(), 'escrowflow-k8s-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe.each(OVERLAYS)('deploy/kubernetes/overlays/%s', (overlay) => {
  it('renders with kustomize into objects valid against the Kubernetes and KEDA schemas', () => {
    const objects = objectsOf(overlay);
    expect(objects.length).toBeGreaterThan(20);
    expect(objects.map(schemaError).filter(Boolean)).toEqual([]);
    expect(objects.filter((o) => o.kind !== 'Namespace' && o.metadata.namespace !== 'escrowflow')).toEqual(
      [],
    );
  });

  it('runs one worker Deployment per task queue, each scaled by a KEDA temporal trigger on its queue', () => {
    const objects = objectsOf(overlay);
    const settings = config(objects);
    const workers = workersOf(objects);
    expect(workers.map((w) => w.podLabels['escrowflow.io/task-queue']).sort()).toEqual(
      [...ALL_TASK_QUEUES].sort(),
    );
    const scaled = ofKind(objects, 'ScaledObject');
    expect(scaled).toHaveLength(ALL_TASK_QUEUES.length);
    for (const worker of workers) {
      const queue = worker.podLabels['escrowflow.io/task-queue'] as TaskQueue;
      const c = worker.pod.containers[0] as IContainer;
      expect(worker.object.spec).not.toHaveProperty('replicas'); // KEDA owns the count
      expect(envValue(c, 'WORKER_TASK_QUEUES')).toBe(queue);
      const owners = scaled.filter(
        (s) =>
          (s.spec as { scaleTargetRef: { name: string } }).scaleTargetRef.name ===
          worker.object.metadata.name,
      );
      expect(owners, worker.object.metadata.name).toHaveLength(1);
      const [trigger, ...others] = triggersOf(owners[0] as Manifest);
      expect(others).toEqual([]);
      expect(trigger?.type).toBe('temporal');
      const meta = trigger?.metadata ?? {};
      expect(Object.keys(meta).filter((k) => !TEMPORAL_TRIGGER_FIELDS.has(k))).toEqual([]);
      expect(ALL_TASK_QUEUES).toContain(meta.taskQueue);
      expect(meta.taskQueue).toBe(queue);
      expect(meta.endpoint).toBe(settings.TEMPORAL_ADDRESS);
      expect(meta.namespace).toBe(settings.TEMPORAL_NAMESPACE);
      expect(meta.workerDeploymentName).toBe(envValue(c, 'WORKER_DEPLOYMENT_NAME'));
      expect(meta.workerDeploymentBuildId).toBe(envValue(c, 'WORKER_BUILD_ID'));
      // Only `orders` runs workflows (workers/create-workers.ts); every queue runs activities.
      expect(meta.queueTypes?.split(',').sort()).toEqual(
        queue === 'orders' ? ['activity', 'workflow'] : ['activity'],
      );
      for (const size of ['targetQueueSize', 'activationTargetQueueSize'])
        expect(meta[size]).toMatch(/^\d+$/);
      const budget = ofKind(objects, 'PodDisruptionBudget').filter((p) =>
        selects(
          (p.spec as { selector: { matchLabels: Record<string, string> } }).selector.matchLabels,
          worker.podLabels,
        ),
      );
      expect(budget, `${queue}: one PodDisruptionBudget`).toHaveLength(1);
    }
  });

  it('ties the release together: image tag = WORKER_BUILD_ID = the KEDA build id, in the workers and Job names', () => {
    const objects = objectsOf(overlay);
    const build = envValue(workersOf(objects)[0]?.pod.containers[0] as IContainer, 'WORKER_BUILD_ID') ?? '';
    expect(build).toMatch(/^[a-z0-9][a-z0-9-]{0,39}$/);
    for (const { workload, c } of escrowflowContainers(objects)) {
      expect(c.image, workload.object.metadata.name).toMatch(new RegExp(`:${build}$`));
      if (workload.object.metadata.labels?.['app.kubernetes.io/component'] === 'worker') {
        expect(workload.object.metadata.name).toMatch(new RegExp(`^worker-[a-z]+-${build}$`));
        expect(workload.podLabels['escrowflow.io/build']).toBe(build);
        expect(envValue(c, 'WORKER_DEPLOYMENT_NAME')).toBe('escrowflow');
      }
    }
    expect(named(objects, 'Job', `escrowflow-migrate-${build}`)).toBeDefined();
    expect(objects.filter((o) => o.metadata.name === 'escrowflow-release')).toEqual([]); // local-config
  });

  it('gives each container only settings its program reads; they parse through config/env.ts in production', () => {
    const objects = objectsOf(overlay);
    const read: SecretRef[] = [];
    for (const { workload, c } of escrowflowContainers(objects)) {
      const source = processEnv(workload, c, objects, scratch, read);
      const known = isSandbox(c) ? SANDBOX_ENV_NAMES : ENV_NAMES;
      expect(
        Object.keys(source).filter((n) => !known.has(n)),
        workload.object.metadata.name,
      ).toEqual([]);
      if (isSandbox(c)) continue;
      expect(source.NODE_ENV).toBe('production');
      const parsed = parseEnv(source);
      expect(parsed.ok ? [] : parsed.issues, workload.object.metadata.name).toEqual([]);
      const queue = workload.podLabels['escrowflow.io/task-queue'];
      if (parsed.ok && queue) expect(parsed.env.WORKER_TASK_QUEUES).toEqual([queue]);
    }
    // Secrets are created outside the repo, with the keys secrets.env.example and the docs list.
    expect(ofKind(objects, 'Secret')).toEqual([]);
    const readAll = [
      ...read,
      ...workloads(objects).flatMap((w) =>
        w.pod.containers.flatMap((c) => [...containerEnv(c, objects).values()]),
      ),
    ];
    for (const ref of readAll.filter((v): v is SecretRef => typeof v !== 'string'))
      expect(EXTERNAL_SECRETS[ref.secret], `${ref.secret}/${ref.key}`).toContain(ref.key);
  });

  it('starts every escrowflow container on a file `npm run build` compiles into dist/', () => {
    for (const { workload, c } of escrowflowContainers(objectsOf(overlay))) {
      const entries = (c.command ?? []).filter((arg) => /dist\/.+\.m?js$/.test(arg));
      expect(entries.length, workload.object.metadata.name).toBeGreaterThan(0);
      for (const entry of entries) {
        const source = entry.replace(/^(\.\/)?dist\//, '').replace(/\.js$/, '.ts');
        expect(existsSync(join(repoRoot, source)), `${entry}: ${source}`).toBe(true);
      }
    }
  });

  it('runs every pod as a non-root user, read-only, without privileges or a service account token', () => {
    for (const { object, pod } of workloads(objectsOf(overlay))) {
      const id = object.metadata.name;
      expect(pod.securityContext?.runAsNonRoot, id).toBe(true);
      expect(pod.securityContext?.runAsUser, id).toBeGreaterThan(0);
      expect(pod.securityContext?.seccompProfile?.type, id).toBe('RuntimeDefault');
      expect(pod.automountServiceAccountToken, id).toBe(false);
      for (const c of pod.containers) {
        expect(c.securityContext?.allowPrivilegeEscalation, id).toBe(false);
        expect(c.securityContext?.readOnlyRootFilesystem, id).toBe(true);
        expect(c.securityContext?.capabilities?.drop, id).toEqual(['ALL']);
        expect(Object.keys(c.resources?.requests ?? {}).sort(), id).toEqual(['cpu', 'memory']);
        expect(c.resources?.limits?.memory, id).toBeDefined();
      }
    }
  });

  it('probes the API on /healthz and /readyz and the workers on their metrics port, bound to every interface', () => {
    const objects = objectsOf(overlay);
    const api = workloads(objects).find((w) => w.object.metadata.name === 'escrowflow-api');
    const c = api?.pod.containers[0] as IContainer;
    expect(c.command).toEqual(['node', 'dist/api/main.js']);
    expect([
      c.startupProbe?.httpGet?.path,
      c.livenessProbe?.httpGet?.path,
      c.readinessProbe?.httpGet?.path,
    ]).toEqual(['/healthz', '/healthz', '/readyz']);
    expect(c.ports?.find((p) => p.name === c.readinessProbe?.httpGet?.port)?.containerPort).toBe(
      Number(envValue(c, 'API_PORT')),
    );
    expect(envValue(c, 'API_HOST')).toBe('0.0.0.0');
    for (const worker of workersOf(objects)) {
      const w = worker.pod.containers[0] as IContainer;
      expect(w.command).toEqual([
        'node',
        '--import',
        './dist/workers/isolate-watchdog.mjs',
        'dist/workers/main.js',
      ]);
      const port = w.ports?.find((p) => p.name === w.livenessProbe?.httpGet?.port)?.containerPort;
      expect(envValue(w, 'WORKER_METRICS_ADDRESS')).toBe(`0.0.0.0:${port}`);
      expect(w.startupProbe?.httpGet?.port).toBe(w.livenessProbe?.httpGet?.port);
    }
  });

  it('serves the API through a Service, a HorizontalPodAutoscaler and a PodDisruptionBudget', () => {
    const objects = objectsOf(overlay);
    const api = workloads(objects).find((w) => w.object.metadata.name === 'escrowflow-api') as Workload;
    expect(api.object.spec).not.toHaveProperty('replicas'); // the HPA owns the count
    const service = named(objects, 'Service', 'escrowflow-api').spec as {
      selector: Record<string, string>;
      ports: { targetPort: string }[];
    };
    expect(selects(service.selector, api.podLabels)).toBe(true);
    expect(api.pod.containers[0]?.ports?.map((p) => p.name)).toContain(service.ports[0]?.targetPort);
    const hpa = named(objects, 'HorizontalPodAutoscaler', 'escrowflow-api').spec as {
      scaleTargetRef: { kind: string; name: string };
      minReplicas: number;
    };
    expect(hpa.scaleTargetRef).toMatchObject({ kind: 'Deployment', name: 'escrowflow-api' });
    expect(hpa.minReplicas).toBeGreaterThanOrEqual(2);
    const pdb = named(objects, 'PodDisruptionBudget', 'escrowflow-api').spec as {
      selector: { matchLabels: Record<string, string> };
    };
    expect(selects(pdb.selector.matchLabels, api.podLabels)).toBe(true);
  });

  it('labels what the migrations Job needs for the first apply (escrowflow.io/phase=migrate)', () => {
    const objects = objectsOf(overlay);
    const job = ofKind(objects, 'Job').find((j) =>
      j.metadata.name.startsWith('escrowflow-migrate-'),
    ) as Manifest;
    const pod = workloads([job])[0]?.pod;
    expect(pod?.containers[0]?.command).toEqual(['node', 'dist/db/migrate.js']);
    const phase = objects
      .filter((o) => o.metadata.labels?.['escrowflow.io/phase'] === 'migrate')
      .map((o) => `${o.kind}/${o.metadata.name}`);
    const configMaps = (pod?.containers[0]?.envFrom ?? []).map((e) => `ConfigMap/${e.configMapRef?.name}`);
    expect(phase.sort()).toEqual(
      [
        'Namespace/escrowflow',
        `ServiceAccount/${pod?.serviceAccountName}`,
        `Job/${job.metadata.name}`,
        ...configMaps,
      ].sort(),
    );
  });

  it('closes ingress by default; each NetworkPolicy selects pods that have the ports it opens', () => {
    const objects = objectsOf(overlay);
    const policies = ofKind(objects, 'NetworkPolicy');
    expect(
      policies.some(
        (p) => JSON.stringify(p.spec) === JSON.stringify({ podSelector: {}, policyTypes: ['Ingress'] }),
      ),
    ).toBe(true);
    for (const policy of policies) {
      const spec = policy.spec as {
        podSelector: { matchLabels?: Record<string, string> };
        ingress?: { ports?: { port: string | number }[] }[];
      };
      if (!spec.podSelector.matchLabels) continue;
      const pods = workloads(objects).filter((w) => selects(spec.podSelector.matchLabels, w.podLabels));
      expect(pods.length, policy.metadata.name).toBeGreaterThan(0);
      const names = new Set(
        pods.flatMap((w) => w.pod.containers.flatMap((c) => (c.ports ?? []).map((p) => p.name))),
      );
      for (const port of (spec.ingress ?? []).flatMap((rule) => rule.ports ?? []))
        if (typeof port.port === 'string')
          expect(names, `${policy.metadata.name}: port ${port.port}`).toContain(port.port);
    }
  });
});

/** Each Temporal Cloud overlay: its example env file and the variables that name its credentials. */
const CLOUD: Record<string, { example: string; credentials: Record<string, string> }> = {
  'temporal-cloud': {
    example: 'deploy/temporal-cloud.env.example',
    credentials: { cert: 'TEMPORAL_TLS_CERT', key: 'TEMPORAL_TLS_KEY' },
  },
  'temporal-cloud-api-key': {
    example: 'deploy/temporal-cloud-api-key.env.example',
    credentials: { apiKey: 'TEMPORAL_API_KEY_FILE' },
  },
};

describe.each(Object.keys(CLOUD))('deploy/kubernetes/overlays/%s on Temporal Cloud', (overlay) => {
  const { example, credentials } = CLOUD[overlay] as (typeof CLOUD)[string];

  it(`uses ${example}'s endpoint and namespace, and gives KEDA the workers' credentials`, () => {
    const objects = objectsOf(overlay);
    const settings = config(objects);
    const expected = envFile(join(repoRoot, example));
    expect([settings.TEMPORAL_ADDRESS, settings.TEMPORAL_NAMESPACE]).toEqual([
      expected.TEMPORAL_ADDRESS,
      expected.TEMPORAL_NAMESPACE,
    ]);
    for (const { workload, c } of escrowflowContainers(objects)) {
      const mounts = secretMounts(workload.pod, c);
      const files = Object.fromEntries(
        Object.entries(credentials).map(([parameter, variable]) => [
          parameter,
          secretFile(settings[variable] ?? '', mounts),
        ]),
      );
      for (const scaled of ofKind(objects, 'ScaledObject')) {
        const ref = triggersOf(scaled)[0]?.authenticationRef?.name ?? '';
        const auth = named(objects, 'TriggerAuthentication', ref).spec as {
          secretTargetRef: { parameter: string; name: string; key: string }[];
        };
        const given = Object.fromEntries(
          auth.secretTargetRef.map((t) => [t.parameter, { secret: t.name, key: t.key }]),
        );
        expect(given, `${workload.object.metadata.name} / ${scaled.metadata.name}`).toEqual(files);
      }
    }
  });
});
