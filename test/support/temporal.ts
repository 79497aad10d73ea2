/** A Temporal client on the test stack, for tests that start, query or read workflows directly. */
import { Client, Connection } from '@temporalio/client';
import { stackDataConverter } from './codec.js';
import { stack } from './stack.js';

export interface StackTemporal {
  connection: Connection;
  client: Client;
}

/** With the stack's codec unless `{ codec: false }` (a test that reads the sealed payloads as stored). */
export async function stackTemporal({ codec = true } = {}): Promise<StackTemporal> {
  const connection = await Connection.connect({ address: stack().env.TEMPORAL_ADDRESS! });
  const client = new Client({
    connection,
    namespace: stack().env.TEMPORAL_NAMESPACE ?? 'default',
    ...(codec ? { dataConverter: stackDataConverter() } : {}),
  });
  return { connection, client };
}
