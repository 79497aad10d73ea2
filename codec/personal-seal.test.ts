/** One personal field sealed under its owner's key (ADR 12): only that key opens it, unaltered. */
import { describe, expect, it } from 'vitest';
import {
  newKeyMaterial,
  type PersonalKey,
  SEALED_PREFIX,
  seal,
  sealedKeyId,
  unseal,
} from './personal-seal.js';

const key = (id: string): PersonalKey => ({ id, material: newKeyMaterial() });

describe('personal seal', () => {
  it('opens with the key it was sealed under, and shows nothing of the text', () => {
    const erin = key('pk_erin');
    const sealed = seal(erin, 'Erin Example, 12 Rue des Lilas');
    expect(sealed.startsWith(`${SEALED_PREFIX}pk_erin:`)).toBe(true);
    expect(sealed).not.toContain('Erin');
    expect(sealedKeyId(sealed)).toBe('pk_erin');
    expect(unseal(erin, sealed)).toBe('Erin Example, 12 Rue des Lilas');
    // A fresh IV each time: two seals of one text differ.
    expect(seal(erin, 'same')).not.toBe(seal(erin, 'same'));
  });

  it('refuses another key, another key id, and an altered value', () => {
    const erin = key('pk_erin');
    const sealed = seal(erin, 'text');
    expect(() => unseal(key('pk_erin'), sealed)).toThrow();
    expect(() => unseal({ id: 'pk_other', material: erin.material }, sealed)).toThrow(/not sealed under/);
    // The key id is bound in: the same material under a relabelled id does not open it.
    const relabelled = sealed.replace('pk_erin', 'pk_mallory');
    expect(() => unseal({ id: 'pk_mallory', material: erin.material }, relabelled)).toThrow();
    const last = sealed.at(-2) === 'A' ? 'B' : 'A';
    expect(() => unseal(erin, `${sealed.slice(0, -2)}${last}${sealed.at(-1)}`)).toThrow();
  });

  it('tells a plain value (older histories, texts the platform wrote) from a sealed one', () => {
    expect(sealedKeyId('chargeback evt_1: fraudulent')).toBeUndefined();
    expect(sealedKeyId('sealed:v1:bad id:xyz')).toBeUndefined();
  });
});
