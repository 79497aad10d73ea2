import { describe, expect, it } from 'vitest';
import { generateCodecKeyLine, parseCodecKeys } from './keys.js';

const b64 = (fill: number, length = 32) => Buffer.alloc(length, fill).toString('base64');

describe('codec keys', () => {
  it('reads id:base64 entries separated by commas or lines, first active, comments skipped', () => {
    const keys = parseCodecKeys(`# newest first, then older\nk2:${b64(2)}\n\nk1:${b64(1)}, k0:${b64(0)}\n`);
    expect(keys.map((k) => k.id)).toEqual(['k2', 'k1', 'k0']);
    expect(keys[0]!.key.equals(Buffer.alloc(32, 2))).toBe(true);
  });

  it('refuses keys that are not 32 bytes, bad ids and duplicates, without echoing key material', () => {
    const short = b64(7, 16);
    expect(() => parseCodecKeys(`k1:${short}`)).toThrow(/32 bytes/);
    try {
      parseCodecKeys(`k1:${short}`);
    } catch (err) {
      expect((err as Error).message).not.toContain(short);
    }
    expect(() => parseCodecKeys(`k1:not base64!`)).toThrow(/32 bytes/);
    expect(() => parseCodecKeys(b64(1))).toThrow(/<id>:<base64 key>/);
    expect(() => parseCodecKeys(`bad id:${b64(1)}`)).toThrow(/id of/);
    expect(() => parseCodecKeys(`k1:${b64(1)},k1:${b64(2)}`)).toThrow(/twice/);
  });

  it('generates distinct, parseable lines', () => {
    const a = generateCodecKeyLine();
    const b = generateCodecKeyLine();
    expect(a).not.toBe(b);
    expect(parseCodecKeys(`${a}\n${b}`)).toHaveLength(2);
  });
});
