/**
 * Cluster mode over gRPC (scripts/stack/temporal-cluster.ts): is the frontend serving, register the
 * namespace and the search attributes of docs/design.md, wait until a visibility query can use them.
 */
import { Connection } from '@temporalio/client';
import { msToTs } from '@temporalio/common/lib/time.js';
import proto from '@temporalio/proto';
import { SEARCH_ATTRIBUTES } from '../../domain/task-queues.js';

export async function withConnection<T>(
  address: string,
  fn: (connection: Connection) => Promise<T>,
): Promise<T> {
  const connection = await Connection.connect({ address, connectTimeout: 1000 });
  try {
    return await fn(connection);
  } finally {
    await connection.close();
  }
}

/** The frontend answers for the system namespace (its history and matching services are up). */
export function frontendServing(address: string): Promise<boolean> {
  return withConnection(address, async (connection) => {
    const health = await connection.healthService.check({
      service: 'temporal.api.workflowservice.v1.WorkflowService',
    });
    if (health.status !== proto.grpc.health.v1.HealthCheckResponse.ServingStatus.SERVING) return false;
    await connection.workflowService.describeNamespace({ namespace: 'temporal-system' });
    return true;
  });
}

/** Registers `namespace` (one day of retention, like the dev server) and the attributes of docs/design.md. */
export function registerNamespace(address: string, namespace: string): Promise<boolean> {
  return withConnection(address, async (connection) => {
    const exists = await connection.workflowService
      .describeNamespace({ namespace })
      .then(() => true)
      .catch(() => false);
    if (!exists) {
      await connection.workflowService.registerNamespace({
        namespace,
        workflowExecutionRetentionPeriod: msToTs('1 day'),
      });
    }
    const { customAttributes } = await connection.operatorService.listSearchAttributes({ namespace });
    const missing = Object.entries(SEARCH_ATTRIBUTES).filter(([name]) => !(name in (customAttributes ?? {})));
    if (missing.length > 0) {
      await connection.operatorService.addSearchAttributes({
        namespace,
        searchAttributes: Object.fromEntries(
          missing.map(([name, type]) => [
            name,
            type === 'Int'
              ? proto.temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_INT
              : proto.temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
          ]),
        ),
      });
    }
    return true;
  });
}

/**
 * A new namespace and its attributes reach the frontend's caches some seconds after registration:
 * until a visibility query naming every attribute succeeds, starting a workflow could still fail.
 */
export function searchAttributesUsable(address: string, namespace: string): Promise<boolean> {
  return withConnection(address, async (connection) => {
    const query = Object.entries(SEARCH_ATTRIBUTES)
      .map(([name, type]) => (type === 'Int' ? `${name} = 0` : `${name} = 'probe'`))
      .join(' AND ');
    await connection.workflowService.listWorkflowExecutions({ namespace, query, pageSize: 1 });
    return true;
  });
}
