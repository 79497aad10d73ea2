/** The stack's payload codec, for tests that start, query or read workflows directly (not over HTTP). */
import type { DataConverter } from '@temporalio/common';
import { AesGcmCodec } from '../../codec/aes-gcm-codec.js';
import { loadEnv } from '../../config/env.js';
import { stack } from './stack.js';

/** The codec the stack's API and worker use (their CODEC_KEYS_FILE). */
export function stackCodec(): AesGcmCodec {
  return new AesGcmCodec(loadEnv(stack().env).CODEC_KEYS);
}

export function stackDataConverter(): DataConverter {
  return { payloadCodecs: [stackCodec()] };
}
