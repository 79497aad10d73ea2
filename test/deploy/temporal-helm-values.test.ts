/**
 * deploy/kubernetes/temporal/values.yaml, the values of the official Temporal Helm chart
 * (temporalio/helm-charts) for escrowflow: PostgreSQL for both stores, the namespace and search
 * attributes the app uses, the same dynamic config as every other Temporal server of the project, and
 * the frontend address the dev overlay's app and KEDA triggers use. No Helm here: the values are
 * checked as the chart reads them, and the one template of our own (the search-attribute Job in
 * `extraObjects`) is rendered with the chart's names and validated against the Kubernetes schema.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Job } from 'kubernetes-models/batch/v1';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { SEARCH_ATTRIBUTES } from '../../domain/task-queues.js';
import { repoRoot } from '../../scripts/stack/paths.js';
import { config, kubernetesDir, named, objectsOf } from './kubernetes-manifests.js';

describe('deploy/kubernetes/temporal/values.yaml (the official temporalio/helm-charts chart)', () => {
  const values = parse(readFileSync(join(kubernetesDir, 'temporal', 'values.yaml'), 'utf8'));
  const devSettings = () => config(objectsOf('dev'));

  it('keeps both stores on PostgreSQL, the password in an existing Secret, the dev overlay reaching it', () => {
    const { datastores, defaultStore, visibilityStore } = values.server.config.persistence;
    expect([defaultStore, visibilityStore]).toEqual(['default', 'visibility']);
    for (const [store, database] of [
      ['default', 'temporal'],
      ['visibility', 'temporal_visibility'],
    ]) {
      const sql = datastores[store as string].sql;
      expect(sql).toMatchObject({
        pluginName: 'postgres12',
        databaseName: database,
        existingSecret: 'temporal-db-secret',
      });
      expect(sql).not.toHaveProperty('password');
      const [host, port] = sql.connectAddr.split(':');
      const [service, namespace] = host.split('.');
      const postgres = named(objectsOf('dev'), 'Service', service);
      expect([
        postgres.metadata.namespace,
        (postgres.spec as { ports: { port: number }[] }).ports[0]?.port,
      ]).toEqual([namespace, Number(port)]);
    }
    // Applied before the chart is installed (docs/deploy/kubernetes.md): PostgreSQL, Redis and their policies.
    const early = objectsOf('dev').filter(
      (o) => o.metadata.labels?.['escrowflow.io/phase'] === 'dependencies',
    );
    expect(early.map((o) => `${o.kind}/${o.metadata.name}`).sort()).toEqual([
      'Deployment/redis',
      'NetworkPolicy/postgres',
      'NetworkPolicy/redis',
      'Service/postgres',
      'Service/redis',
      'StatefulSet/postgres',
    ]);
    // Release `temporal` in namespace `temporal`: its frontend is the address the app and KEDA use.
    expect(devSettings().TEMPORAL_ADDRESS).toBe('temporal-frontend.temporal.svc.cluster.local:7233');
    expect(values.server.config.namespaces.namespace.map((n: { name: string }) => n.name)).toContain(
      devSettings().TEMPORAL_NAMESPACE,
    );
  });

  it('registers the search attributes of domain/task-queues.ts in the namespace, with a valid Job', () => {
    const expressions: Record<string, string> = {
      'include "temporal.fullname" .': 'temporal',
      '.Release.Namespace': 'temporal',
      '.Values.admintools.image.repository': 'temporalio/admin-tools',
      '.Values.admintools.image.tag': '1.31.2',
    };
    const text = (values.extraObjects as string[])[0]?.replace(
      /\{\{\s*(.*?)\s*\}\}/g,
      (_, expression: string) => {
        if (!(expression in expressions)) throw new Error(`unexpected template {{ ${expression} }}`);
        return expressions[expression] as string;
      },
    );
    const job = new Job(parse(text ?? ''));
    job.validate();
    const command = job.spec?.template.spec?.containers[0]?.command ?? [];
    expect(command.slice(0, 4)).toEqual(['temporal', 'operator', 'search-attribute', 'create']);
    const option = (name: string) => command.flatMap((arg, i) => (arg === name ? [command[i + 1]] : []));
    expect(option('--namespace')).toEqual([devSettings().TEMPORAL_NAMESPACE]);
    const registered = Object.fromEntries(option('--name').map((name, i) => [name, option('--type')[i]]));
    expect(registered).toEqual(SEARCH_ATTRIBUTES);
  });

  it('runs with the dynamic config of deploy/temporal/dynamicconfig.yaml', () => {
    const file = parse(readFileSync(join(repoRoot, 'deploy', 'temporal', 'dynamicconfig.yaml'), 'utf8'));
    expect(values.server.dynamicConfig).toEqual(file);
  });
});
