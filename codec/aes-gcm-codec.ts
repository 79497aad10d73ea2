/**
 * The payload codec every Temporal client and worker of escrowflow uses: each payload (the whole
 * protobuf-encoded original, metadata included) is sealed with AES-256-GCM under a random 12-byte IV.
 * The result carries `encoding: binary/encrypted` and `encryption-key-id`, and its data is
 * IV ‖ ciphertext ‖ tag (the layout of Temporal's encryption samples in every SDK). Decoding picks the
 * key by that id, so histories written under an old key stay readable after a rotation; payloads
 * without the encrypted encoding (histories from before encryption) pass through unchanged.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { METADATA_ENCODING_KEY, type Payload, type PayloadCodec, ValueError } from '@temporalio/common';
import proto from '@temporalio/proto';
import type { CodecKey } from './keys.js';

export const ENCRYPTED_ENCODING = 'binary/encrypted';
export const METADATA_KEY_ID = 'encryption-key-id';
const IV_BYTES = 12;
const TAG_BYTES = 16;
// A CommonJS module: its namespaces come off the default export under ESM.
const { Payload: PayloadProto } = proto.temporal.api.common.v1;
const encode = (s: string) => Buffer.from(s, 'utf8');
const decode = (b: Uint8Array) => Buffer.from(b).toString('utf8');

export class UnknownCodecKeyError extends ValueError {
  constructor(readonly keyId: string) {
    super(`payload encrypted with codec key "${keyId}", which is not among CODEC_KEYS`);
  }
}

export class AesGcmCodec implements PayloadCodec {
  private readonly keys: ReadonlyMap<string, Buffer>;
  readonly activeKeyId: string;

  /** `keys[0]` encrypts; all of them decrypt. */
  constructor(keys: readonly CodecKey[]) {
    const [active] = keys;
    if (!active) throw new ValueError('the payload codec needs at least one key');
    this.activeKeyId = active.id;
    this.keys = new Map(keys.map((k) => [k.id, k.key]));
  }

  async encode(payloads: Payload[]): Promise<Payload[]> {
    const key = this.keys.get(this.activeKeyId)!;
    return payloads.map((payload) => {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const plain = PayloadProto.encode(payload).finish();
      const data = Buffer.concat([iv, cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
      return {
        metadata: {
          [METADATA_ENCODING_KEY]: encode(ENCRYPTED_ENCODING),
          [METADATA_KEY_ID]: encode(this.activeKeyId),
        },
        data,
      };
    });
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => {
      const encoding = payload.metadata?.[METADATA_ENCODING_KEY];
      if (!encoding || decode(encoding) !== ENCRYPTED_ENCODING) return payload;
      const keyIdBytes = payload.metadata?.[METADATA_KEY_ID];
      if (!keyIdBytes) throw new ValueError('encrypted payload without an encryption-key-id');
      const keyId = decode(keyIdBytes);
      const key = this.keys.get(keyId);
      if (!key) throw new UnknownCodecKeyError(keyId);
      const data = payload.data ?? new Uint8Array();
      if (data.length < IV_BYTES + TAG_BYTES) throw new ValueError('encrypted payload too short');
      const decipher = createDecipheriv('aes-256-gcm', key, data.subarray(0, IV_BYTES));
      decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
      let plain: Buffer;
      try {
        plain = Buffer.concat([
          decipher.update(data.subarray(IV_BYTES, data.length - TAG_BYTES)),
          decipher.final(),
        ]);
      } catch {
        throw new ValueError(`encrypted payload failed authentication under key "${keyId}"`);
      }
      return PayloadProto.decode(plain);
    });
  }
}
