/**
 * POST /codec/encode and /codec/decode: Temporal's remote codec protocol over the app's payload codec,
 * for the Temporal UI and `temporal --codec-endpoint`. Each call is logged (who, which namespace, how
 * many payloads), never what the payloads hold.
 */
import type { Payload, PayloadCodec } from '@temporalio/common';
import type { Context } from 'hono';
import { fromRemote, remotePayloadsSchema, toRemote } from '../../../codec/remote.js';
import { problem } from '../../problem.js';
import type { App, AppEnv } from '../../types.js';
import { CODEC_PATH } from './operator.js';

export function registerPayloadRoutes(app: App, codec: PayloadCodec | undefined): void {
  for (const direction of ['encode', 'decode'] as const) {
    app.post(`${CODEC_PATH}/${direction}`, async (c) => {
      const { env } = c.var.deps;
      const namespace = c.req.header('x-namespace');
      if (namespace && namespace !== env.TEMPORAL_NAMESPACE)
        return problem(c, 'not_found', `this codec server serves namespace "${env.TEMPORAL_NAMESPACE}"`);
      if (!codec) return problem(c, 'upstream_unavailable', 'no codec keys configured (CODEC_KEYS)');
      const body = remotePayloadsSchema.safeParse(await c.req.json());
      if (!body.success) return problem(c, 'validation_failed', 'expected {"payloads": [{metadata, data}]}');
      const payloads = body.data.payloads.map(fromRemote);
      const result = await convert(c, codec, direction, payloads);
      if (result instanceof Response) return result;
      c.var.log.info({ direction, namespace: env.TEMPORAL_NAMESPACE, payloads: payloads.length }, 'codec');
      return c.json({ payloads: result.map(toRemote) });
    });
  }
}

async function convert(
  c: Context<AppEnv>,
  codec: PayloadCodec,
  direction: 'encode' | 'decode',
  payloads: Payload[],
): Promise<Payload[] | Response> {
  try {
    return direction === 'encode' ? await codec.encode(payloads) : await codec.decode(payloads);
  } catch (err) {
    // Unknown key id, tampered or truncated ciphertext: the caller's payloads, not our fault.
    return problem(c, 'validation_failed', (err as Error).message);
  }
}
