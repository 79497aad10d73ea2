/**
 * The data converter of every Temporal client and worker the app runs: the default payload converter
 * with the AES-GCM codec on top. Without keys (development without the stack) payloads stay plain;
 * production refuses to start without them (config/env.ts).
 */
import type { DataConverter } from '@temporalio/common';
import { AesGcmCodec } from './aes-gcm-codec.js';
import type { CodecKey } from './keys.js';

export function createCodec(keys: readonly CodecKey[]): AesGcmCodec | undefined {
  return keys.length > 0 ? new AesGcmCodec(keys) : undefined;
}

export function dataConverterFor(keys: readonly CodecKey[]): DataConverter {
  const codec = createCodec(keys);
  return { payloadCodecs: codec ? [codec] : [] };
}
