/**
 * One personal field sealed under its owner's key (docs/adr/0012-personal-data-in-workflow-payloads.md):
 * `sealed:v1:<keyId>:<base64url(IV ‖ AES-256-GCM ciphertext ‖ tag)>`, the key id bound in as
 * additional data. A sealed value is an ordinary string, so it travels through workflow inputs and
 * update arguments unchanged; deleting the key makes every copy of it unreadable (crypto-shredding).
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

export const SEALED_PREFIX = 'sealed:v1:';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_ID = /^[A-Za-z0-9_-]{1,64}$/;

export interface PersonalKey {
  id: string;
  /** 32 bytes. */
  material: Buffer;
}

export function newKeyMaterial(): Buffer {
  return randomBytes(32);
}

export function seal(key: PersonalKey, plain: string): string {
  if (!KEY_ID.test(key.id)) throw new Error('a personal key id is [A-Za-z0-9_-]{1,64}');
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key.material, iv);
  cipher.setAAD(Buffer.from(key.id, 'utf8'));
  const data = Buffer.concat([iv, cipher.update(plain, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return `${SEALED_PREFIX}${key.id}:${data.toString('base64url')}`;
}

/** The key a sealed value needs, or undefined for a value that is not sealed (older histories). */
export function sealedKeyId(value: string): string | undefined {
  if (!value.startsWith(SEALED_PREFIX)) return undefined;
  const id = value.slice(SEALED_PREFIX.length).split(':', 1)[0] ?? '';
  return KEY_ID.test(id) ? id : undefined;
}

/** Opens a value sealed under `key`; throws when it was sealed under another key or altered. */
export function unseal(key: PersonalKey, value: string): string {
  const prefix = `${SEALED_PREFIX}${key.id}:`;
  if (!value.startsWith(prefix)) throw new Error(`not sealed under personal key ${key.id}`);
  const data = Buffer.from(value.slice(prefix.length), 'base64url');
  if (data.length < IV_BYTES + TAG_BYTES) throw new Error('sealed value too short');
  const decipher = createDecipheriv('aes-256-gcm', key.material, data.subarray(0, IV_BYTES));
  decipher.setAAD(Buffer.from(key.id, 'utf8'));
  decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
  return Buffer.concat([
    decipher.update(data.subarray(IV_BYTES, data.length - TAG_BYTES)),
    decipher.final(),
  ]).toString('utf8');
}
