/**
 * The provider's signing keys, newest first. It signs with the newest and publishes all of them in
 * its JWKS, so a token signed before a rotation still verifies until it expires (an hour at most);
 * the API finds a new key by its `kid`. Kept in a file for `npm start`, in memory for tests.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, type JWK } from 'jose';

/** Enough for tokens signed by the last two keys to outlive any rotation the stack makes. */
const KEPT = 3;

export class KeyRing {
  private constructor(
    private keys: JWK[],
    private readonly file?: string,
  ) {}

  static async open(file?: string): Promise<KeyRing> {
    const saved = file && existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as JWK[]) : [];
    const ring = new KeyRing(saved, file);
    if (saved.length === 0) await ring.rotate();
    return ring;
  }

  /** Private JWKs, newest first: oidc-provider's `jwks.keys`. */
  get privateKeys(): JWK[] {
    return this.keys.map((k) => ({ ...k }));
  }

  get currentKid(): string {
    return this.keys[0]!.kid!;
  }

  /** A new key becomes the signing key; the oldest beyond KEPT is dropped. Answers the new kid. */
  async rotate(): Promise<string> {
    const { privateKey } = await generateKeyPair('RS256', { extractable: true });
    const jwk = await exportJWK(privateKey);
    const key: JWK = { ...jwk, kid: await calculateJwkThumbprint(jwk), alg: 'RS256', use: 'sig' };
    this.keys = [key, ...this.keys].slice(0, KEPT);
    if (this.file) {
      mkdirSync(dirname(this.file), { recursive: true });
      writeFileSync(this.file, JSON.stringify(this.keys), { mode: 0o600 });
    }
    return key.kid!;
  }
}
