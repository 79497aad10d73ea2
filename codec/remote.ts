/**
 * The remote codec protocol of the Temporal UI and CLI: `POST <endpoint>/encode|decode` with
 * `{"payloads": [{"metadata": {"<key>": "<base64>"}, "data": "<base64>"}]}` (payloads in proto JSON),
 * answered in the same shape.
 */
import type { Payload } from '@temporalio/common';
import { z } from 'zod';

const base64 = z.string().regex(/^[A-Za-z0-9+/_-]*={0,2}$/, 'expected base64');

export const remotePayloadsSchema = z.object({
  payloads: z
    .array(
      z.object({
        metadata: z.record(z.string(), base64).nullish(),
        data: base64.nullish(),
      }),
    )
    .max(10_000)
    // Proto JSON leaves out an empty list: the CLI sends `{}` for an update or marker without payloads.
    .default([]),
});
export type RemotePayloads = z.infer<typeof remotePayloadsSchema>;
export type RemotePayload = RemotePayloads['payloads'][number];

export function fromRemote({ metadata, data }: RemotePayload): Payload {
  return {
    metadata: Object.fromEntries(
      Object.entries(metadata ?? {}).map(([k, v]): [string, Uint8Array] => [k, Buffer.from(v, 'base64')]),
    ),
    data: Buffer.from(data ?? '', 'base64'),
  };
}

export function toRemote({ metadata, data }: Payload): RemotePayload {
  return {
    metadata: Object.fromEntries(
      Object.entries(metadata ?? {}).map(([k, v]): [string, string] => [
        k,
        Buffer.from(v ?? new Uint8Array()).toString('base64'),
      ]),
    ),
    data: Buffer.from(data ?? new Uint8Array()).toString('base64'),
  };
}
