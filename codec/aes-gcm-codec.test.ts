import { defaultPayloadConverter, METADATA_ENCODING_KEY, ValueError } from '@temporalio/common';
import { describe, expect, it } from 'vitest';
import { AesGcmCodec, ENCRYPTED_ENCODING, METADATA_KEY_ID, UnknownCodecKeyError } from './aes-gcm-codec.js';
import { generateCodecKeyLine, parseCodecKeys } from './keys.js';

const text = (b: Uint8Array | null | undefined) => Buffer.from(b ?? []).toString('utf8');
const newKey = () => parseCodecKeys(generateCodecKeyLine())[0]!;
const payloadOf = (value: unknown) => defaultPayloadConverter.toPayload(value)!;

describe('AES-GCM payload codec', () => {
  it('seals the whole payload, metadata included, under the active key id, and opens it again', async () => {
    const key = newKey();
    const codec = new AesGcmCodec([key]);
    const original = payloadOf({ description: 'Parcel left at 12 Rue de la Paix', email: 'ann@example.com' });
    const [sealed] = await codec.encode([original]);
    expect(Object.keys(sealed!.metadata!).sort()).toEqual([METADATA_KEY_ID, METADATA_ENCODING_KEY].sort());
    expect(text(sealed!.metadata![METADATA_ENCODING_KEY])).toBe(ENCRYPTED_ENCODING);
    expect(text(sealed!.metadata![METADATA_KEY_ID])).toBe(key.id);
    for (const secret of ['Rue de la Paix', 'ann@example.com', 'json/plain']) {
      expect(Buffer.from(sealed!.data!).includes(secret)).toBe(false);
    }
    const [opened] = await codec.decode([sealed!]);
    expect(defaultPayloadConverter.fromPayload(opened!)).toEqual({
      description: 'Parcel left at 12 Rue de la Paix',
      email: 'ann@example.com',
    });
    expect(text(opened!.metadata![METADATA_ENCODING_KEY])).toBe('json/plain');
  });

  it('uses a fresh IV per payload: the same value never seals to the same bytes', async () => {
    const codec = new AesGcmCodec([newKey()]);
    const [a, b] = await codec.encode([payloadOf('same'), payloadOf('same')]);
    expect(Buffer.from(a!.data!).equals(Buffer.from(b!.data!))).toBe(false);
    expect(Buffer.from(a!.data!).subarray(0, 12).equals(Buffer.from(b!.data!).subarray(0, 12))).toBe(false);
  });

  it('passes plain payloads (histories from before encryption) through unchanged', async () => {
    const codec = new AesGcmCodec([newKey()]);
    const plain = payloadOf({ orderId: 'ord_1' });
    expect(await codec.decode([plain])).toEqual([plain]);
  });

  it('rotates: a new active key encrypts, payloads under the old key id still decode', async () => {
    const old = newKey();
    const [underOld] = await new AesGcmCodec([old]).encode([payloadOf('evidence text')]);
    const next = newKey();
    const rotated = new AesGcmCodec([next, old]);
    expect(rotated.activeKeyId).toBe(next.id);
    const [underNew] = await rotated.encode([payloadOf('new text')]);
    expect(text(underNew!.metadata![METADATA_KEY_ID])).toBe(next.id);
    const opened = await rotated.decode([underOld!, underNew!]);
    expect(opened.map((p) => defaultPayloadConverter.fromPayload(p))).toEqual(['evidence text', 'new text']);
    // Once the old key is dropped, its payloads are refused by name.
    await expect(new AesGcmCodec([next]).decode([underOld!])).rejects.toThrow(UnknownCodecKeyError);
    await expect(new AesGcmCodec([next]).decode([underOld!])).rejects.toThrow(`"${old.id}"`);
  });

  it('refuses tampered or truncated ciphertext and a key id that holds another key', async () => {
    const key = newKey();
    const codec = new AesGcmCodec([key]);
    const [sealed] = await codec.encode([payloadOf('amount 100')]);
    const flipped = Buffer.from(sealed!.data!);
    flipped[20] = flipped[20]! ^ 1;
    await expect(codec.decode([{ ...sealed!, data: flipped }])).rejects.toThrow(ValueError);
    await expect(codec.decode([{ ...sealed!, data: flipped.subarray(0, 10) }])).rejects.toThrow(/too short/);
    const impostor = new AesGcmCodec([{ id: key.id, key: newKey().key }]);
    await expect(impostor.decode([sealed!])).rejects.toThrow(/failed authentication/);
  });

  it('needs a key', () => {
    expect(() => new AesGcmCodec([])).toThrow(/at least one key/);
  });
});
