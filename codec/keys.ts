/**
 * Codec keys: `id:base64key` entries, comma- or newline-separated (`CODEC_KEYS` or the file
 * `CODEC_KEYS_FILE` names). The first entry is the active key (it encrypts); every entry decrypts, so a
 * rotation puts the new key first and keeps the old ones until no history needs them.
 */
import { randomBytes } from 'node:crypto';

export interface CodecKey {
  id: string;
  /** 32 bytes: AES-256. */
  key: Buffer;
}

const KEY_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** Parses a key list; throws an Error naming the bad entry (never its key material). */
export function parseCodecKeys(text: string): CodecKey[] {
  const entries = text
    .split('\n')
    .filter((line) => !line.trim().startsWith('#'))
    .flatMap((line) => line.split(','))
    .map((e) => e.trim())
    .filter(Boolean);
  const keys: CodecKey[] = [];
  entries.forEach((entry, i) => {
    const colon = entry.indexOf(':');
    const id = colon > 0 ? entry.slice(0, colon) : '';
    if (!KEY_ID.test(id)) throw new Error(`entry ${i + 1}: expected <id>:<base64 key>, id of [A-Za-z0-9._-]`);
    const material = entry.slice(colon + 1);
    const key = Buffer.from(material, 'base64');
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(material) || key.length !== 32)
      throw new Error(`key "${id}": expected 32 bytes in base64 (openssl rand -base64 32)`);
    if (keys.some((k) => k.id === id)) throw new Error(`key "${id}" is listed twice`);
    keys.push({ id, key });
  });
  return keys;
}

/** A fresh key line, `<id>:<base64>`; the id carries the creation date so rotations read in order. */
export function generateCodecKeyLine(now = new Date()): string {
  const id = `k${now.toISOString().slice(0, 10).replaceAll('-', '')}-${randomBytes(3).toString('hex')}`;
  return `${id}:${randomBytes(32).toString('base64')}`;
}
